#!/bin/sh
# Makes test-pattern.mkv, the looping video `npm run put-media -- --test-pattern` sends (see ../put-media.mjs).
# Needs Debian's ffmpeg; the file is committed, so nobody else does.
#
# 10 s of ffmpeg's moving test pattern (colour bars, a moving gradient and a running counter) at 480x270,
# 15 fps, H.264 High with B-frames, a key frame every second and nowhere else, so each 1 s Cluster starts with
# one (a fragment each), about 150 kb/s: what a small camera sends. Reproducible bytes (bitexact, no metadata).
set -eu
cd "$(dirname "$0")"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=s=480x270:r=15:d=10" -frames:v 150 \
  -c:v libx264 -profile:v high -pix_fmt yuv420p -crf 32 -bf 2 \
  -x264-params "keyint=15:min-keyint=15:scenecut=0:threads=1" \
  -map_metadata -1 -fflags +bitexact -flags +bitexact -cluster_time_limit 999 test-pattern.mkv
