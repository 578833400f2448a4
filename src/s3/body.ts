/**
 * Moving request bodies: a small XML body read whole (bounded), and an object's body streamed into
 * R2, which takes a stream only when its length is known (FixedLengthStream says it).
 */
import { S3 } from "../limits";
import { incompleteBody, S3Error } from "./errors";
import type { IncomingBody } from "./payload";

const tooBig = (): S3Error => new S3Error("MaxMessageLengthExceeded", "Your request was too big.", 400);

/** A whole XML request body as text, refused once it passes S3.maxXmlBodyBytes. */
export async function readXmlBody(body: IncomingBody): Promise<string> {
  if (body.length > S3.maxXmlBodyBytes) throw tooBig();
  return new TextDecoder().decode(await readWhole(body.stream(), S3.maxXmlBodyBytes));
}

/** The bytes of a stream, at most `limit` of them. */
export async function readWhole(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > limit) throw tooBig();
    chunks.push(chunk);
  }
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/**
 * Hands `write` the stream as R2 needs it (of known length) and waits for both ends. A failure of
 * the stream (a digest mismatch, a short body) wins over the write's own failure, which it causes.
 */
export async function streamInto<T>(
  stream: ReadableStream<Uint8Array>,
  length: number,
  write: (value: ReadableStream<Uint8Array> | Uint8Array) => Promise<T>,
): Promise<T> {
  if (length === 0) {
    // Nothing to stream, but the (empty) body is still checked before anything is written.
    await readWhole(stream, 0);
    return write(new Uint8Array());
  }
  const fixed = new FixedLengthStream(length);
  const [written, piped] = await Promise.allSettled([write(fixed.readable), stream.pipeTo(fixed.writable)]);
  if (piped.status === "rejected") {
    if (piped.reason instanceof S3Error) throw piped.reason;
    if (written.status === "fulfilled") throw incompleteBody();
  }
  if (written.status === "rejected") {
    if (piped.status === "rejected") throw incompleteBody();
    throw written.reason;
  }
  return written.value;
}
