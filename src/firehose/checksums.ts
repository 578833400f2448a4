/** CRC-32 (ZIP's, polynomial 0xEDB88320) and CRC-32C (Snappy framing's, polynomial 0x82F63B78). */

function table(polynomial: number): Uint32Array {
  const entries = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    entries[n] = c >>> 0;
  }
  return entries;
}

const CRC32 = table(0xedb88320);
const CRC32C = table(0x82f63b78);

function crc(entries: Uint32Array, data: Uint8Array, seed = 0): number {
  let c = ~seed >>> 0;
  for (let i = 0; i < data.length; i++) c = (entries[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

export const crc32 = (data: Uint8Array, seed = 0) => crc(CRC32, data, seed);
export const crc32c = (data: Uint8Array, seed = 0) => crc(CRC32C, data, seed);
