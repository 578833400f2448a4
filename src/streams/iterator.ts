/**
 * Shard iterators: opaque to clients, tamper-proof, and short-lived.
 *
 * An iterator is `<payload>.<mac>`, both base64url. The payload names the shard (so the Worker can
 * route GetRecords to its Durable Object without a lookup) and the position to read after; the mac
 * is an HMAC-SHA256 by a key that only that shard's object holds, so only it can vouch for the token.
 */
import { InvalidArgumentException } from "../aws/errors";

export interface IteratorPosition {
  streamName: string;
  streamId: string;
  shardIndex: number;
  /** The counter of the last record already read; reading resumes after it. */
  after: number;
  issuedMs: number;
}

type Payload = [version: 1, streamName: string, streamId: string, shardIndex: number, after: number, issuedMs: number];

const MAC_BYTES = 16;

function invalid(): never {
  throw new InvalidArgumentException("Invalid ShardIterator.");
}

async function mac(key: ArrayBuffer, payload: string): Promise<Uint8Array> {
  const hmacKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(payload));
  return new Uint8Array(signature, 0, MAC_BYTES);
}

export async function encodeIterator(key: ArrayBuffer, position: IteratorPosition): Promise<string> {
  const payload: Payload = [1, position.streamName, position.streamId, position.shardIndex, position.after, position.issuedMs];
  const body = new TextEncoder().encode(JSON.stringify(payload)).toBase64({ alphabet: "base64url", omitPadding: true });
  return `${body}.${(await mac(key, body)).toBase64({ alphabet: "base64url", omitPadding: true })}`;
}

/** Reads an iterator's payload without checking its mac: enough to know which shard should check it. */
export function peekIterator(iterator: string): IteratorPosition {
  const [body, signature, extra] = iterator.split(".");
  if (body === undefined || signature === undefined || extra !== undefined) invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(body, { alphabet: "base64url" })));
  } catch {
    invalid();
  }
  if (!Array.isArray(payload) || payload.length !== 6 || payload[0] !== 1) invalid();
  const [, streamName, streamId, shardIndex, after, issuedMs] = payload as unknown[];
  if (
    typeof streamName !== "string" ||
    typeof streamId !== "string" ||
    !Number.isSafeInteger(shardIndex) ||
    !Number.isSafeInteger(after) ||
    !Number.isSafeInteger(issuedMs)
  ) {
    invalid();
  }
  return { streamName, streamId, shardIndex: shardIndex as number, after: after as number, issuedMs: issuedMs as number };
}

/** The iterator's position, once its mac is proven to come from `key`. */
export async function verifyIterator(key: ArrayBuffer, iterator: string): Promise<IteratorPosition> {
  const position = peekIterator(iterator);
  const [body = "", signature = ""] = iterator.split(".");
  let given: Uint8Array;
  try {
    given = Uint8Array.fromBase64(signature, { alphabet: "base64url" });
  } catch {
    invalid();
  }
  // Only the canonical spelling: unused low bits of the last character must not vary.
  if (given.toBase64({ alphabet: "base64url", omitPadding: true }) !== signature) invalid();
  const expected = await mac(key, body);
  if (given.length !== expected.length) invalid();
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= (given[i] ?? 0) ^ (expected[i] ?? 0);
  if (difference !== 0) invalid();
  return position;
}
