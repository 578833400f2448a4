/**
 * A request body as S3 receives it: how it is framed (plain, or aws-chunked with or without chunk
 * signatures and trailers), how long it is once decoded, and what vouches for it: the signed
 * x-amz-content-sha256, Content-MD5, and one x-amz-checksum-* (a header, or a trailer named by
 * x-amz-trailer). The headers are checked as soon as the body is opened, before anything is
 * read; the body itself as it streams.
 *
 * The verified stream holds back its last piece until the body has ended and every digest matched,
 * so whatever consumes it (an R2 put of a known length) never receives the whole body unless it is
 * the right one: a mismatch errors the stream instead, the write fails, and nothing is stored.
 */
import type { ChunkSigning } from "../aws/sigv4";
import { AwsChunkedDecoder, malformedTrailer, type ChunkedFraming } from "./chunked";
import {
  badChecksum,
  checksumHeader,
  CHECKSUM_ALGORITHMS,
  fromBase64,
  hasher,
  invalidChecksum,
  isChecksumAlgorithm,
  isWellFormed,
  type Checksum,
  type ChecksumAlgorithm,
  type Hasher,
} from "./checksums";
import { badContentMd5, contentSha256Mismatch, incompleteBody, invalidDigest, invalidRequest, missingContentLength, notImplemented } from "./errors";

/** Where the declared checksum of a body is, if it has one. */
type DeclaredChecksum = { algorithm: ChecksumAlgorithm; value: string } | { algorithm: ChecksumAlgorithm; inTrailer: true };

/** What is known once a body has been read to its end and found sound. */
export interface BodyDigests {
  size: number;
  /** When asked for (`md5: true`) or Content-MD5 was sent. */
  md5: Uint8Array | undefined;
  /** The declared checksum, verified. */
  checksum: Checksum | undefined;
}

export interface BodyOptions {
  /** Compute the body's MD5 even without Content-MD5 (a part's ETag). */
  md5?: boolean;
  /**
   * The x-amz-checksum-* headers describe something else than this body (CompleteMultipartUpload's
   * are the whole object's): only a trailer can declare the body's checksum.
   */
  checksumHeadersDescribeOther?: boolean;
}

export class IncomingBody {
  /** The body's length once decoded. */
  readonly length: number;
  /** The checksum the client declared, if any (its value may only arrive in a trailer). */
  readonly checksumAlgorithm: ChecksumAlgorithm | undefined;
  private readonly framing: ChunkedFraming | undefined;
  private readonly declaredSha256: string | undefined;
  private readonly contentMd5: { text: string; bytes: Uint8Array } | undefined;
  private readonly declared: DeclaredChecksum | undefined;
  private digests: BodyDigests | undefined;

  constructor(
    private readonly request: Request,
    private readonly signing: ChunkSigning | undefined,
    private readonly options: BodyOptions = {},
  ) {
    const headers = request.headers;
    const contentSha256 = headers.get("x-amz-content-sha256") ?? "";
    this.framing = framingOf(contentSha256, headers.get("content-encoding"));
    this.declaredSha256 = /^[0-9a-f]{64}$/.test(contentSha256) ? contentSha256 : undefined;
    this.length = lengthOf(headers, this.framing !== undefined);
    this.contentMd5 = contentMd5Of(headers.get("content-md5"));
    this.declared = declaredChecksum(headers, this.framing, options.checksumHeadersDescribeOther === true);
    this.checksumAlgorithm = this.declared?.algorithm;
  }

  /** The decoded body, checked as it streams; errors with S3's error when it is not what was declared. */
  stream(): ReadableStream<Uint8Array> {
    const raw = this.request.body ?? emptyStream();
    const decoder = this.framing ? new AwsChunkedDecoder(this.framing, this.signing) : undefined;
    const decoded = decoder ? raw.pipeThrough(decoder.stream) : raw;
    return decoded.pipeThrough(this.verifier(decoder));
  }

  /** The digests of a body read to its end (stream() consumed without error). */
  result(): BodyDigests {
    if (!this.digests) throw new Error("The body has not been read to its end");
    return this.digests;
  }

  private verifier(decoder: AwsChunkedDecoder | undefined): TransformStream<Uint8Array, Uint8Array> {
    const sha256 = this.declaredSha256 !== undefined ? hasher("SHA256") : undefined;
    const md5 = this.contentMd5 || this.options.md5 ? hasher("MD5") : undefined;
    const checksum = this.declared ? hasher(this.declared.algorithm) : undefined;
    const hashers = [sha256, md5, checksum].filter((each): each is Hasher => each !== undefined);
    let size = 0;
    let held: Uint8Array | undefined;
    return new TransformStream<Uint8Array, Uint8Array>({
      transform: async (chunk, controller) => {
        size += chunk.byteLength;
        if (size > this.length) throw incompleteBody();
        for (const each of hashers) await each.update(chunk);
        if (held) controller.enqueue(held);
        held = chunk;
      },
      flush: async (controller) => {
        if (size !== this.length) throw incompleteBody();
        if (sha256 && this.declaredSha256 !== undefined) {
          const computed = hex(await sha256.digest());
          if (computed !== this.declaredSha256) throw contentSha256Mismatch(this.declaredSha256, computed);
        }
        const md5Bytes = md5 ? await md5.digest() : undefined;
        if (this.contentMd5 && md5Bytes && !equalBytes(md5Bytes, this.contentMd5.bytes)) {
          throw badContentMd5(this.contentMd5.text, md5Bytes.toBase64());
        }
        let verified: Checksum | undefined;
        if (checksum && this.declared) {
          const { algorithm } = this.declared;
          const value = "value" in this.declared ? this.declared.value : decoder?.trailers.get(checksumHeader(algorithm));
          if (value === undefined) throw malformedTrailer();
          if (!isWellFormed(algorithm, value)) throw invalidChecksum(algorithm);
          const computed = (await checksum.digest()).toBase64();
          if (computed !== value) throw badChecksum(algorithm);
          verified = { algorithm, value };
        }
        this.digests = { size, md5: md5Bytes, checksum: verified };
        if (held) controller.enqueue(held);
      },
    });
  }
}

/** aws-chunked framing, from the signed payload marker (and Content-Encoding for clients that say only that). */
function framingOf(contentSha256: string, contentEncoding: string | null): ChunkedFraming | undefined {
  switch (contentSha256) {
    case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
      return { signed: true, trailer: false };
    case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
      return { signed: true, trailer: true };
    case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
      return { signed: false, trailer: true };
  }
  // SigV4a (ECDSA) chunk signatures: Rivulet verifies SigV4 only.
  if (contentSha256.startsWith("STREAMING-AWS4-ECDSA")) throw notImplemented();
  const encodings = (contentEncoding ?? "").split(",").map((each) => each.trim().toLowerCase());
  return encodings.includes("aws-chunked") ? { signed: false, trailer: true } : undefined;
}

function lengthOf(headers: Headers, chunked: boolean): number {
  const text = chunked ? headers.get("x-amz-decoded-content-length") : headers.get("content-length");
  if (text === null || !/^\d{1,16}$/.test(text)) throw missingContentLength();
  return Number(text);
}

function contentMd5Of(text: string | null): { text: string; bytes: Uint8Array } | undefined {
  if (text === null) return undefined;
  const bytes = fromBase64(text);
  if (!bytes || bytes.byteLength !== 16) throw invalidDigest(text);
  return { text, bytes };
}

function declaredChecksum(headers: Headers, framing: ChunkedFraming | undefined, headersDescribeOther: boolean): DeclaredChecksum | undefined {
  const inHeaders = headersDescribeOther ? [] : CHECKSUM_ALGORITHMS.filter((algorithm) => headers.has(checksumHeader(algorithm)));
  if (inHeaders.length > 1) throw invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  const [algorithm] = inHeaders;
  if (algorithm !== undefined) {
    const value = headers.get(checksumHeader(algorithm)) ?? "";
    if (!isWellFormed(algorithm, value)) throw invalidChecksum(algorithm);
    return { algorithm, value };
  }
  const trailer = (headers.get("x-amz-trailer") ?? "").trim().toLowerCase();
  if (trailer !== "") {
    const named = trailer.startsWith("x-amz-checksum-") ? trailer.slice("x-amz-checksum-".length).toUpperCase() : "";
    if (!framing?.trailer || !isChecksumAlgorithm(named)) throw malformedTrailer();
    return { algorithm: named, inTrailer: true };
  }
  const sdkAlgorithm = headers.get("x-amz-sdk-checksum-algorithm");
  if (sdkAlgorithm !== null && !headersDescribeOther) {
    throw invalidRequest(
      "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
    );
  }
  return undefined;
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
