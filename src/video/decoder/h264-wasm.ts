/**
 * h264.wasm (FFmpeg's H.264 decoder and h264-shim.c, built by scripts/build-decoder.sh) behind a small typed
 * class. We instantiate the module ourselves instead of using emscripten's generated JavaScript: the module is
 * built standalone, so its only imports are a handful of WASI calls libavutil links but never needs here
 * (stdio, environment, clock), stubbed below.
 *
 * One instance per isolate, made on first use. Decoding is synchronous, so two requests never interleave inside
 * one decoder call; several decoders may be open at once (each has its own libavcodec context). A trap (out of
 * memory, a decoder bug) leaves the instance's state unknown, so the instance is dropped and the next decoder
 * starts a fresh one.
 */
import wasmModule from "./h264.wasm";
import { DecodeError } from "./errors";

interface Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  h264_open(avcc: number, size: number): number;
  h264_packet_buffer(decoder: number, size: number): number;
  h264_send(decoder: number, tag: number, flush: number): number;
  h264_receive(decoder: number): number;
  h264_frame_info(decoder: number): number;
  h264_close(decoder: number): void;
  h264_alloc(size: number): number;
  h264_free(pointer: number): void;
}

// The int32 slots h264_frame_info fills (the enum in h264-shim.c).
const INFO = {
  width: 0,
  height: 1,
  tag: 2,
  chromaShiftX: 4,
  chromaShiftY: 5,
  bitDepth: 6,
  fullRange: 7,
  planes: 8,
  y: 9,
  u: 10,
  v: 11,
  yStride: 12,
  uStride: 13,
  vStride: 14,
  matrix: 15,
  count: 16,
} as const;

const WASI_BADF = 8;

let current: Exports | undefined;

function exportsOf(instance: WebAssembly.Instance): Exports {
  const raw = instance.exports;
  const names = ["_initialize", "h264_open", "h264_packet_buffer", "h264_send", "h264_receive", "h264_frame_info", "h264_close", "h264_alloc", "h264_free"];
  for (const name of names) {
    if (typeof raw[name] !== "function") throw new DecodeError(`h264.wasm does not export ${name}; rebuild it with scripts/build-decoder.sh.`);
  }
  if (!(raw.memory instanceof WebAssembly.Memory)) throw new DecodeError("h264.wasm does not export its memory.");
  // Checked above, name by name.
  return raw as unknown as Exports;
}

function instantiate(): Exports {
  let memory: WebAssembly.Memory | undefined;
  const view = () => {
    if (memory === undefined) throw new DecodeError("h264.wasm called out before it was ready.");
    return new DataView(memory.buffer);
  };
  const wasi = {
    // libavutil's default log callback writes to stderr; ours is silent, so this only swallows stray output.
    fd_write(_fd: number, iovs: number, count: number, written: number) {
      const data = view();
      let total = 0;
      for (let i = 0; i < count; i++) total += data.getUint32(iovs + i * 8 + 4, true);
      data.setUint32(written, total, true);
      return 0;
    },
    fd_read: () => WASI_BADF,
    fd_close: () => WASI_BADF,
    fd_seek: () => WASI_BADF,
    fd_fdstat_get: () => WASI_BADF,
    environ_sizes_get(count: number, size: number) {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return 0;
    },
    environ_get: () => 0,
    clock_time_get(_clock: number, _precision: bigint, out: number) {
      view().setBigUint64(out, BigInt(Date.now()) * 1_000_000n, true);
      return 0;
    },
    proc_exit(code: number): never {
      throw new DecodeError(`h264.wasm exited with code ${code}.`);
    },
  };
  const env = { emscripten_notify_memory_growth: () => undefined };
  const instance = new WebAssembly.Instance(wasmModule, { wasi_snapshot_preview1: wasi, env });
  const exports = exportsOf(instance);
  memory = exports.memory;
  exports._initialize();
  return exports;
}

/** One decoded picture as libavcodec holds it, copied out of wasm memory: 8-bit planes, tightly packed. */
export interface RawPicture {
  tag: number;
  width: number;
  height: number;
  chromaWidth: number;
  chromaHeight: number;
  fullRange: boolean;
  /** H.264's matrix_coefficients (1: BT.709; 5, 6: BT.601; 2: unspecified). */
  matrix: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

/** Runs `work` against the shared instance; a trap discards the instance and is reported as a DecodeError. */
function guarded<T>(work: (wasm: Exports) => T): T {
  current ??= instantiate();
  const wasm = current;
  try {
    return work(wasm);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      current = undefined;
      throw new DecodeError(`The H.264 decoder failed: ${error.message}`);
    }
    throw error;
  }
}

/** A libavcodec H.264 decoder for one track: open with avcC, send access units, receive pictures, close. */
export class H264Decoder {
  private handle: number;
  private readonly wasm: Exports;

  constructor(avcc: Uint8Array) {
    const [wasm, handle] = guarded((wasm) => {
      const pointer = wasm.h264_alloc(avcc.length);
      if (pointer === 0) throw new DecodeError("Out of memory for the avcC record.");
      new Uint8Array(wasm.memory.buffer, pointer, avcc.length).set(avcc);
      const handle = wasm.h264_open(pointer, avcc.length);
      wasm.h264_free(pointer);
      return [wasm, handle] as const;
    });
    if (handle === 0) throw new DecodeError("The H.264 decoder refused the track's avcC record.");
    this.wasm = wasm;
    this.handle = handle;
  }

  /** Sends one access unit (length-prefixed NAL units, as stored); `tag` comes back on its picture. */
  send(accessUnit: Uint8Array, tag: number): boolean {
    return this.call((wasm) => {
      const buffer = wasm.h264_packet_buffer(this.handle, accessUnit.length);
      if (buffer === 0) throw new DecodeError("Out of memory for an access unit.");
      new Uint8Array(wasm.memory.buffer, buffer, accessUnit.length).set(accessUnit);
      // A broken access unit is reported but not fatal: libavcodec conceals it and carries on.
      return wasm.h264_send(this.handle, tag, 0) === 0;
    });
  }

  /** Ends the stream, so the pictures held back for reordering come out. */
  flush(): void {
    this.call((wasm) => wasm.h264_send(this.handle, 0, 1));
  }

  /** Every picture ready now. */
  receive(): RawPicture[] {
    return this.call((wasm) => {
      const pictures: RawPicture[] = [];
      while (wasm.h264_receive(this.handle) === 1) pictures.push(copyPicture(wasm, wasm.h264_frame_info(this.handle)));
      return pictures;
    });
  }

  close(): void {
    if (this.handle === 0) return;
    const handle = this.handle;
    this.handle = 0;
    // An instance that trapped is gone already; its memory went with it.
    if (current === this.wasm) this.wasm.h264_close(handle);
  }

  private call<T>(work: (wasm: Exports) => T): T {
    if (this.handle === 0 || current !== this.wasm) throw new DecodeError("The H.264 decoder is closed.");
    return guarded(work);
  }
}

function copyPicture(wasm: Exports, infoPointer: number): RawPicture {
  const info = new Int32Array(wasm.memory.buffer, infoPointer, INFO.count);
  const at = (slot: number) => info[slot] ?? 0;
  const width = at(INFO.width);
  const height = at(INFO.height);
  if (at(INFO.bitDepth) !== 8) throw new DecodeError(`Pictures of ${at(INFO.bitDepth)} bits per sample are not supported (8 only).`);
  const chromaWidth = -(-width >> at(INFO.chromaShiftX));
  const chromaHeight = -(-height >> at(INFO.chromaShiftY));
  const plane = (pointer: number, stride: number, planeWidth: number, planeHeight: number) => {
    const out = new Uint8Array(planeWidth * planeHeight);
    const heap = new Uint8Array(wasm.memory.buffer);
    for (let row = 0; row < planeHeight; row++) out.set(heap.subarray(pointer + row * stride, pointer + row * stride + planeWidth), row * planeWidth);
    return out;
  };
  const y = plane(at(INFO.y), at(INFO.yStride), width, height);
  // Monochrome (4:0:0) High-profile pictures have no chroma: neutral grey.
  const grey = at(INFO.planes) === 1;
  const u = grey ? new Uint8Array(chromaWidth * chromaHeight).fill(128) : plane(at(INFO.u), at(INFO.uStride), chromaWidth, chromaHeight);
  const v = grey ? u : plane(at(INFO.v), at(INFO.vStride), chromaWidth, chromaHeight);
  return { tag: at(INFO.tag), width, height, chromaWidth, chromaHeight, fullRange: at(INFO.fullRange) === 1, matrix: at(INFO.matrix), y, u, v };
}
