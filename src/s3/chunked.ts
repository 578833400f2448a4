/**
 * Decoding aws-chunked request bodies (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html)
 * as they stream in:
 *
 *   <hex size>[;chunk-signature=<64 hex>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n[<trailers>\r\n]\r\n
 *
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD signs every chunk, each signature chained from the one before
 * (the first from the request's own); -TRAILER adds trailing headers (x-amz-checksum-*) signed by
 * `x-amz-trailer-signature`. STREAMING-UNSIGNED-PAYLOAD-TRAILER, what @aws-sdk/client-s3 sends by
 * default for streams, has neither signatures nor anything but the trailers to vouch for the data.
 *
 * Data is passed on as soon as it is read; a chunk whose signature is wrong errors the stream when
 * its end is reached. That is safe because nothing downstream commits before the body's end (see
 * payload.ts, which holds back the last bytes until every check has passed).
 *
 * Signatures are checked when the request's signature was (`signing` given); without keys
 * (local development) they are read and not checked, as the request's own signature is not.
 */
import type { ChunkSigning } from "../aws/sigv4";
import { S3 } from "../limits";
import { chunkSignatureMismatch, incompleteBody, S3Error } from "./errors";

export interface ChunkedFraming {
  /** Chunks carry `;chunk-signature=`. */
  signed: boolean;
  /** Trailing headers follow the last chunk. */
  trailer: boolean;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const CR = 13;
const LF = 10;

export const malformedChunk = (): S3Error => new S3Error("InvalidRequest", "The aws-chunked body is not well-formed.", 400);

export const malformedTrailer = (): S3Error =>
  new S3Error(
    "MalformedTrailerError",
    "The request contained trailing data that was not well-formed or did not conform to our published schema.",
    400,
  );

type State = "size" | "data" | "data-end" | "trailer" | "end" | "done";

export class AwsChunkedDecoder {
  /** The trailing headers, lower-case names; complete once the stream has ended. */
  readonly trailers = new Map<string, string>();
  readonly stream: TransformStream<Uint8Array, Uint8Array>;

  private state: State = "size";
  private line: number[] = [];
  private remaining = 0;
  private chunkSignature = "";
  private chunkDigest: DigestStream | undefined;
  private chunkWriter: WritableStreamDefaultWriter<ArrayBuffer | ArrayBufferView> | undefined;
  private previousSignature: string;
  private trailerText = "";
  private trailerSignature: string | undefined;

  constructor(
    private readonly framing: ChunkedFraming,
    private readonly signing: ChunkSigning | undefined,
  ) {
    this.previousSignature = signing?.seedSignature ?? "";
    this.stream = new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => this.read(chunk, controller),
      flush: () => this.finish(),
    });
  }

  private async read(chunk: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>): Promise<void> {
    let at = 0;
    while (at < chunk.byteLength) {
      switch (this.state) {
        case "data": {
          const length = Math.min(this.remaining, chunk.byteLength - at);
          // A piece of a larger buffer is copied: the rest of that buffer is still being parsed.
          const piece = length === chunk.byteLength ? chunk : chunk.slice(at, at + length);
          await this.chunkWriter?.write(piece);
          controller.enqueue(piece);
          at += length;
          this.remaining -= length;
          if (this.remaining === 0) this.state = "data-end";
          break;
        }
        case "done":
          // Whitespace after the terminating line is tolerated; anything else is not.
          if (chunk[at] !== CR && chunk[at] !== LF) throw malformedChunk();
          at++;
          break;
        default: {
          const byte = chunk[at] as number;
          at++;
          if (byte !== LF) {
            this.line.push(byte);
            const limit = this.state === "trailer" ? S3.maxTrailerBytes : S3.maxChunkLineBytes;
            if (this.line.length > limit) throw this.state === "trailer" ? malformedTrailer() : malformedChunk();
            continue;
          }
          if (this.line.at(-1) !== CR) throw this.state === "trailer" ? malformedTrailer() : malformedChunk();
          const text = String.fromCharCode(...this.line.slice(0, -1));
          this.line = [];
          await this.onLine(text);
        }
      }
    }
  }

  private async onLine(text: string): Promise<void> {
    switch (this.state) {
      case "size":
        return this.onSizeLine(text);
      case "data-end":
        if (text !== "") throw malformedChunk();
        await this.endChunk();
        this.state = "size";
        return;
      case "trailer":
        return this.onTrailerLine(text);
      case "end":
        if (text !== "") throw malformedChunk();
        this.state = "done";
        return;
    }
  }

  private async onSizeLine(text: string): Promise<void> {
    const match = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
    if (!match || (this.framing.signed && match[2] === undefined)) throw malformedChunk();
    this.remaining = parseInt(match[1] ?? "", 16);
    this.chunkSignature = match[2] ?? "";
    if (this.framing.signed && this.signing) {
      this.chunkDigest = new crypto.DigestStream("SHA-256");
      this.chunkWriter = this.chunkDigest.getWriter();
    }
    if (this.remaining > 0) {
      this.state = "data";
      return;
    }
    // The last chunk: empty, signed like any other.
    await this.endChunk();
    this.state = this.framing.trailer ? "trailer" : "end";
  }

  /** The chunk just read is complete: check its signature. */
  private async endChunk(): Promise<void> {
    const signing = this.signing;
    const digest = this.chunkDigest;
    const writer = this.chunkWriter;
    this.chunkDigest = undefined;
    this.chunkWriter = undefined;
    if (!this.framing.signed || !signing || !digest || !writer) return;
    await writer.close();
    const stringToSign = [
      "AWS4-HMAC-SHA256-PAYLOAD",
      signing.requestStamp,
      signing.credentialScope,
      this.previousSignature,
      EMPTY_SHA256,
      hex(new Uint8Array(await digest.digest)),
    ].join("\n");
    await this.expectSignature(signing, stringToSign, this.chunkSignature);
  }

  private async onTrailerLine(text: string): Promise<void> {
    if (text === "") {
      await this.endTrailers();
      this.state = "done";
      return;
    }
    const colon = text.indexOf(":");
    if (colon <= 0) throw malformedTrailer();
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name === "x-amz-trailer-signature") {
      this.trailerSignature = value;
      return;
    }
    this.trailers.set(name, value);
    this.trailerText += `${name}:${value}\n`;
  }

  /** The trailers are complete: check their signature, when they are signed. */
  private async endTrailers(): Promise<void> {
    const signing = this.signing;
    if (!this.framing.signed) return;
    if (this.trailerSignature === undefined || !/^[0-9a-f]{64}$/.test(this.trailerSignature)) throw malformedTrailer();
    if (!signing) return;
    const stringToSign = [
      "AWS4-HMAC-SHA256-TRAILER",
      signing.requestStamp,
      signing.credentialScope,
      this.previousSignature,
      hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(this.trailerText)))),
    ].join("\n");
    await this.expectSignature(signing, stringToSign, this.trailerSignature);
  }

  private async expectSignature(signing: ChunkSigning, stringToSign: string, provided: string): Promise<void> {
    const expected = hex(new Uint8Array(await crypto.subtle.sign("HMAC", signing.key, new TextEncoder().encode(stringToSign))));
    if (!timingSafeEqualText(expected, provided)) throw chunkSignatureMismatch();
    this.previousSignature = expected;
  }

  private async finish(): Promise<void> {
    // A client may end the body right after the last chunk's line or the trailers, without the final empty line.
    if (this.state === "end" && this.line.length === 0) return;
    if (this.state === "trailer" && this.line.length === 0) {
      await this.endTrailers();
      return;
    }
    if (this.state !== "done") throw incompleteBody();
  }
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

function timingSafeEqualText(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  return left.byteLength === right.byteLength && crypto.subtle.timingSafeEqual(left, right);
}
