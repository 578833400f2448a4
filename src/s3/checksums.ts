/**
 * S3's additional checksums (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1, -sha256) and
 * Content-MD5: computed as a body streams past (never over the whole body at once), compared with
 * what the client declared, and combined for multipart uploads as S3 combines them: COMPOSITE is
 * the checksum of the parts' checksums with `-<parts>` appended, FULL_OBJECT (CRCs only) the CRC of
 * the whole object, combined from the parts' CRCs.
 */
import { crc32, crc32c } from "../firehose/checksums";
import { combineCrc, crc64nvme, CRC32_SHAPE, CRC32C_SHAPE, CRC64_NVME_SHAPE, type CrcShape } from "./crc";
import { S3Error } from "./errors";

export const CHECKSUM_ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];
export type ChecksumType = "COMPOSITE" | "FULL_OBJECT";

/** A checksum value as S3 writes it: base64 of the digest's bytes (a CRC big-endian). */
export interface Checksum {
  algorithm: ChecksumAlgorithm;
  value: string;
}

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

const CRC_SHAPES: Readonly<Partial<Record<ChecksumAlgorithm, CrcShape>>> = {
  CRC32: CRC32_SHAPE,
  CRC32C: CRC32C_SHAPE,
  CRC64NVME: CRC64_NVME_SHAPE,
};

export function isChecksumAlgorithm(value: string): value is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

/** `x-amz-checksum-crc32`, ...: the header (and trailer) that carries an algorithm's value. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** `ChecksumCRC32`, ...: the XML element that carries an algorithm's value. */
export function checksumElement(algorithm: ChecksumAlgorithm): string {
  return `Checksum${algorithm}`;
}

/** Whether a value is base64 of exactly as many bytes as the algorithm's digest. */
export function isWellFormed(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = fromBase64(value);
  return bytes !== undefined && bytes.byteLength === DIGEST_BYTES[algorithm];
}

export function fromBase64(value: string): Uint8Array | undefined {
  try {
    return Uint8Array.fromBase64(value);
  } catch {
    return undefined;
  }
}

export const badChecksum = (algorithm: ChecksumAlgorithm): S3Error =>
  new S3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`, 400);

export const invalidChecksum = (algorithm: ChecksumAlgorithm): S3Error =>
  new S3Error("InvalidRequest", `Value for ${checksumHeader(algorithm)} header is invalid.`, 400);

/** A digest fed a body piece by piece. */
export interface Hasher {
  update(bytes: Uint8Array): Promise<void>;
  digest(): Promise<Uint8Array>;
}

class Crc32Hasher implements Hasher {
  private crc = 0;
  constructor(private readonly step: (data: Uint8Array, seed: number) => number) {}
  async update(bytes: Uint8Array): Promise<void> {
    this.crc = this.step(bytes, this.crc);
  }
  async digest(): Promise<Uint8Array> {
    return crcBytes(BigInt(this.crc), 4);
  }
}

class Crc64Hasher implements Hasher {
  private crc = 0n;
  async update(bytes: Uint8Array): Promise<void> {
    this.crc = crc64nvme(bytes, this.crc);
  }
  async digest(): Promise<Uint8Array> {
    return crcBytes(this.crc, 8);
  }
}

/** MD5, SHA-1 and SHA-256 through the runtime's DigestStream, which hashes as it is written to. */
class StreamHasher implements Hasher {
  private readonly stream: DigestStream;
  private readonly writer: WritableStreamDefaultWriter<ArrayBuffer | ArrayBufferView>;
  constructor(algorithm: "MD5" | "SHA-1" | "SHA-256") {
    this.stream = new crypto.DigestStream(algorithm);
    this.writer = this.stream.getWriter();
  }
  async update(bytes: Uint8Array): Promise<void> {
    await this.writer.write(bytes);
  }
  async digest(): Promise<Uint8Array> {
    await this.writer.close();
    return new Uint8Array(await this.stream.digest);
  }
}

export function hasher(algorithm: ChecksumAlgorithm | "MD5"): Hasher {
  switch (algorithm) {
    case "CRC32":
      return new Crc32Hasher(crc32);
    case "CRC32C":
      return new Crc32Hasher(crc32c);
    case "CRC64NVME":
      return new Crc64Hasher();
    case "SHA1":
      return new StreamHasher("SHA-1");
    case "SHA256":
      return new StreamHasher("SHA-256");
    case "MD5":
      return new StreamHasher("MD5");
  }
}

/** The checksum of whole bytes, at once. */
export async function checksumOf(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Promise<string> {
  const digest = hasher(algorithm);
  await digest.update(bytes);
  return (await digest.digest()).toBase64();
}

function crcBytes(crc: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(crc & 0xffn);
    crc >>= 8n;
  }
  return bytes;
}

function crcValue(bytes: Uint8Array): bigint {
  let crc = 0n;
  for (const byte of bytes) crc = (crc << 8n) | BigInt(byte);
  return crc;
}

/** A part's checksum (base64) and size, as a multipart upload's checksum is made of. */
export interface PartChecksum {
  value: string;
  size: number;
}

/**
 * A multipart upload's checksum from its parts', in part order: COMPOSITE, the algorithm over the
 * parts' checksum bytes, then `-<parts>`; FULL_OBJECT, the CRC of the whole object.
 */
export async function multipartChecksum(algorithm: ChecksumAlgorithm, type: ChecksumType, parts: readonly PartChecksum[]): Promise<string> {
  const shape = CRC_SHAPES[algorithm];
  if (type === "FULL_OBJECT" && shape) {
    let crc = 0n;
    for (const part of parts) crc = combineCrc(shape, crc, crcValue(fromBase64(part.value) ?? new Uint8Array()), part.size);
    return crcBytes(crc, DIGEST_BYTES[algorithm]).toBase64();
  }
  const digest = hasher(algorithm);
  for (const part of parts) await digest.update(fromBase64(part.value) ?? new Uint8Array());
  return `${(await digest.digest()).toBase64()}-${parts.length}`;
}

/** The checksum types an algorithm allows, and the one S3 picks when the client names none. */
export function defaultChecksumType(algorithm: ChecksumAlgorithm): ChecksumType {
  return algorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE";
}

export function allowsType(algorithm: ChecksumAlgorithm, type: ChecksumType): boolean {
  if (type === "COMPOSITE") return algorithm !== "CRC64NVME";
  return CRC_SHAPES[algorithm] !== undefined;
}
