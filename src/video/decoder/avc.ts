/**
 * What the TypeScript side reads of H.264 itself: the NAL length size from the avcC record (ISO/IEC 14496-15
 * 5.3.3.1) and, per access unit, whether any picture refers to it. libavcodec reads avcC and length-prefixed
 * NAL units directly, so access units go to it as Matroska stores them, without conversion to Annex B.
 */
import { DecodeError } from "./errors";

/** Bytes in each NAL unit's length prefix (1, 2 or 4), from avcC's lengthSizeMinusOne. */
export function nalLengthSize(avcc: Uint8Array): number {
  const version = avcc[0];
  const lengthByte = avcc[4];
  if (avcc.length < 7 || version !== 1 || lengthByte === undefined) throw new DecodeError("Codec private data is not an avcC record.");
  const size = (lengthByte & 3) + 1;
  if (size === 3) throw new DecodeError("avcC declares 3-byte NAL lengths, which H.264 does not allow.");
  return size;
}

/**
 * Whether later pictures may predict from this access unit: true when any of its slices has a non-zero
 * nal_ref_idc (H.264 7.4.1). Such a unit must be decoded even when nobody wants its picture; the others can be
 * skipped without disturbing what follows. Unreadable units count as references, the safe side.
 */
export function isReference(accessUnit: Uint8Array, lengthSize: number): boolean {
  let offset = 0;
  let sawSlice = false;
  while (offset + lengthSize <= accessUnit.length) {
    let length = 0;
    for (let i = 0; i < lengthSize; i++) length = length * 256 + (accessUnit[offset + i] ?? 0);
    const header = accessUnit[offset + lengthSize];
    offset += lengthSize + length;
    if (header === undefined || length === 0) return true;
    const type = header & 0x1f;
    // Types 1 to 5 are coded slices (and their partitions).
    if (type >= 1 && type <= 5) {
      if ((header & 0x60) !== 0) return true;
      sawSlice = true;
    }
  }
  return offset !== accessUnit.length || !sawSlice;
}
