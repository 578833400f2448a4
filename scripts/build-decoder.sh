#!/usr/bin/env bash
# Builds src/video/decoder/h264.wasm: FFmpeg's H.264 decoder (libavcodec + libavutil, LGPL 2.1 or later, no GPL
# parts) from Debian's own source package, compiled with Debian's emscripten and linked with our shim
# (src/video/decoder/h264-shim.c) as a standalone wasm module the Worker imports directly.
#
# CI never runs this: the built module is committed. Run it by hand, as root on Debian 12 (bookworm), when the
# shim or the FFmpeg version changes; it needs deb-src enabled (add "deb-src" to the Types line of
# /etc/apt/sources.list.d/debian.sources, then apt-get update) and `apt-get install -y emscripten dpkg-dev`.
# Takes about ten minutes on two cores, most of it in ./configure (every emcc probe is slow).
#
# Reproducible: the FFmpeg version is pinned and its files' SHA-256 checked; emcc must be Debian's 3.1.6. The same
# inputs give the same bytes (README.md beside the module records its SHA-256). If Debian's archive has moved on
# from the pinned version, Debian's snapshot archive still serves it.
set -euo pipefail

FFMPEG_VERSION="7:5.1.9-0+deb12u1"
EMCC_VERSION="3.1.6"
# SHA-256 of the source package's files, as apt-get source downloaded them.
SOURCE_SHA256="
055f82fca9a92f1d47216be2c2488d09373c7ca154806fbc36b0127c191d5104  ffmpeg_5.1.9-0+deb12u1.dsc
d9b593bb2ba93d4b50f74177e0cdcd41747e708596367deed0c30348a71dd176  ffmpeg_5.1.9.orig.tar.xz
71b20472ecd2764bc98e3229d34c0f7c8dcfe4a6cbacc23fd5604c23bac04632  ffmpeg_5.1.9-0+deb12u1.debian.tar.xz
"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/src/video/decoder/h264.wasm"
SHIM="$ROOT/src/video/decoder/h264-shim.c"
WORK="${BUILD_DIR:-/tmp/rivulet-h264-build}"
JOBS="${JOBS:-$(nproc)}"

if ! emcc --version | head -n 1 | grep -q " $EMCC_VERSION "; then
  echo "emcc $EMCC_VERSION (Debian's emscripten package) is needed; found: $(emcc --version | head -n 1)" >&2
  exit 1
fi

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
apt-get source --download-only "ffmpeg=$FFMPEG_VERSION"
echo "$SOURCE_SHA256" | grep . | sha256sum --check --strict
# Unpacks the upstream tarball and applies Debian's patches, as Debian's own build does.
dpkg-source --no-check -x ffmpeg_*.dsc source
cd source

# Everything off, then only the H.264 decoder (and its parser, which costs nothing unless called: the linker
# drops it). No swscale: the TypeScript side converts and scales. No threads: a Worker has one. No assembly:
# there is none for wasm. Speed over size (no --enable-small, which also forces the decoder's slow
# macroblock path), so -O2.
emconfigure ./configure \
  --cc=emcc --cxx=em++ --ar=emar --ranlib=emranlib --nm=emnm \
  --enable-cross-compile --target-os=none --arch=x86_32 --cpu=generic \
  --disable-everything --disable-programs --disable-doc --disable-debug \
  --disable-asm --disable-inline-asm --disable-x86asm --disable-runtime-cpudetect \
  --disable-pthreads --disable-w32threads --disable-os2threads \
  --disable-network --disable-autodetect --disable-iconv --disable-zlib --disable-bzlib --disable-lzma \
  --disable-avdevice --disable-avformat --disable-avfilter --disable-swscale --disable-swresample --disable-postproc \
  --enable-decoder=h264 --enable-parser=h264 \
  --optflags=-O2 | tee configure.out
grep -q "^License: LGPL version 2.1 or later" configure.out || { echo "configure did not pick an LGPL build" >&2; exit 1; }
grep -q "^#define CONFIG_GPL 0" config.h

emmake make -j"$JOBS" libavcodec/libavcodec.a libavutil/libavutil.a

# A standalone module (no emscripten JavaScript): its few WASI imports are stubbed in h264-wasm.ts.
emcc -O2 -I. "$SHIM" libavcodec/libavcodec.a libavutil/libavutil.a -o "$OUT" \
  --no-entry -sSTANDALONE_WASM=1 -sFILESYSTEM=0 -sERROR_ON_UNDEFINED_SYMBOLS=1 \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=8MB -sTOTAL_STACK=1MB \
  -sEXPORTED_FUNCTIONS=_h264_open,_h264_packet_buffer,_h264_send,_h264_receive,_h264_frame_info,_h264_close,_h264_alloc,_h264_free

# emcc marks its output executable; the module is data.
chmod 644 "$OUT"
cp COPYING.LGPLv2.1 "$ROOT/src/video/decoder/COPYING.LGPLv2.1"
echo "wrote $OUT: $(stat -c %s "$OUT") bytes, gzip -9 $(gzip -9c "$OUT" | wc -c) bytes"
sha256sum "$OUT"
