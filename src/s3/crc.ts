/**
 * The CRCs S3's checksums use besides CRC-32 and CRC-32C (../firehose/checksums.ts): CRC-64/NVME,
 * and combining two CRCs of consecutive byte runs into the CRC of both, which a multipart upload's
 * FULL_OBJECT checksum is made of (its parts arrive in any order, so the whole object is never read
 * in sequence).
 *
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones) runs
 * on two 32-bit halves: BigInt per byte would be far too slow for uploads.
 */

const CRC64_NVME_POLYNOMIAL = 0x9a6c9329ac4bc9b5n;
const MASK32 = 0xffffffffn;

const [CRC64_LOW, CRC64_HIGH] = ((): [Uint32Array, Uint32Array] => {
  const low = new Uint32Array(256);
  const high = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? CRC64_NVME_POLYNOMIAL ^ (c >> 1n) : c >> 1n;
    low[n] = Number(c & MASK32);
    high[n] = Number(c >> 32n);
  }
  return [low, high];
})();

/** CRC-64/NVME of `data`, continuing from `seed` (the CRC of the bytes before it). */
export function crc64nvme(data: Uint8Array, seed = 0n): bigint {
  let low = ~Number(seed & MASK32) >>> 0;
  let high = ~Number(seed >> 32n) >>> 0;
  for (let i = 0; i < data.length; i++) {
    const index = (low ^ (data[i] as number)) & 0xff;
    low = (((low >>> 8) | (high << 24)) ^ (CRC64_LOW[index] as number)) >>> 0;
    high = ((high >>> 8) ^ (CRC64_HIGH[index] as number)) >>> 0;
  }
  return (BigInt(~high >>> 0) << 32n) | BigInt(~low >>> 0);
}

/** A reflected CRC of `width` bits, as combining needs it. */
export interface CrcShape {
  width: 32 | 64;
  /** The reflected polynomial. */
  polynomial: bigint;
}

export const CRC32_SHAPE: CrcShape = { width: 32, polynomial: 0xedb88320n };
export const CRC32C_SHAPE: CrcShape = { width: 32, polynomial: 0x82f63b78n };
export const CRC64_NVME_SHAPE: CrcShape = { width: 64, polynomial: CRC64_NVME_POLYNOMIAL };

/** a·b modulo the polynomial, in the reflected bit order (zlib's multmodp). */
function multiplyModP(shape: CrcShape, a: bigint, b: bigint): bigint {
  let m = 1n << BigInt(shape.width - 1);
  let product = 0n;
  while (m !== 0n) {
    if ((a & m) !== 0n) {
      product ^= b;
      if ((a & (m - 1n)) === 0n) break;
    }
    m >>= 1n;
    b = b & 1n ? (b >> 1n) ^ shape.polynomial : b >> 1n;
  }
  return product;
}

/** x^(8·bytes) modulo the polynomial: the effect of `bytes` more bytes on a CRC. */
function shiftFor(shape: CrcShape, bytes: number): bigint {
  let power = 1n << BigInt(shape.width - 2); // x^1
  // x^(2^k) for k = 0, 1, ...; x^8 is where a byte's shift starts.
  for (let k = 0; k < 3; k++) power = multiplyModP(shape, power, power);
  let result = 1n << BigInt(shape.width - 1); // x^0
  let n = BigInt(bytes);
  while (n > 0n) {
    if (n & 1n) result = multiplyModP(shape, power, result);
    power = multiplyModP(shape, power, power);
    n >>= 1n;
  }
  return result;
}

/** The CRC of A followed by B, from the CRC of A, the CRC of B and B's length (zlib's crc32_combine). */
export function combineCrc(shape: CrcShape, crcA: bigint, crcB: bigint, lengthB: number): bigint {
  return multiplyModP(shape, shiftFor(shape, lengthB), crcA) ^ crcB;
}
