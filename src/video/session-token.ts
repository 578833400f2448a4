/**
 * The SessionToken of HLS and DASH session URLs: what the session is (stream, mode, range, options) and when it
 * expires, signed with HMAC-SHA256 under a key that only the stream's object holds (a random key it makes once
 * and destroys with the stream), so a token opens one stream's media until it expires and no longer once the
 * stream is deleted. `<payload>.<mac>`, both base64url, so it travels in a URL as is.
 *
 * Difference from AWS: AWS's token is encrypted; ours is signed and readable (it names the stream's internal id
 * and the session's parameters, which the caller chose). Neither can be forged or extended.
 */
import type { PlaybackMode } from "./media";

export type TimestampSelector = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export interface PlaybackSession {
  protocol: "HLS" | "DASH";
  streamId: string;
  mode: PlaybackMode;
  selector: TimestampSelector;
  startMs?: number;
  endMs?: number;
  maxResults: number;
  /** HLS only. */
  discontinuity?: "ALWAYS" | "NEVER" | "ON_DISCONTINUITY";
  displayTimestamp: "ALWAYS" | "NEVER";
  /** DASH only. */
  displayNumber?: "ALWAYS" | "NEVER";
  /** LIVE: the first fragment (by ingestion) the session may list, so its numbering stays put as the window moves. */
  fromSeq?: number;
  createdMs: number;
  expiresMs: number;
}

const encoder = new TextEncoder();

async function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signSession(session: PlaybackSession, key: Uint8Array): Promise<string> {
  const payload = encoder.encode(JSON.stringify(session)).toBase64({ alphabet: "base64url", omitPadding: true });
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(payload)));
  return `${payload}.${mac.toBase64({ alphabet: "base64url", omitPadding: true })}`;
}

/** The session a token claims, unverified: only to find the stream object that can verify it. */
export function readSession(token: string): PlaybackSession | undefined {
  const [payload = "", mac, extra] = token.split(".");
  if (mac === undefined || extra !== undefined) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(payload, { alphabet: "base64url" })));
    return isSession(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The session, if the token was signed with `key` (its expiry is the caller's to check). */
export async function verifySession(token: string, key: Uint8Array): Promise<PlaybackSession | undefined> {
  const [payload = "", mac = ""] = token.split(".");
  let signature: Uint8Array;
  try {
    signature = Uint8Array.fromBase64(mac, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(key), signature, encoder.encode(payload));
  return valid ? readSession(token) : undefined;
}

function isSession(value: unknown): value is PlaybackSession {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    (record.protocol === "HLS" || record.protocol === "DASH") &&
    typeof record.streamId === "string" &&
    typeof record.mode === "string" &&
    typeof record.selector === "string" &&
    typeof record.maxResults === "number" &&
    typeof record.createdMs === "number" &&
    typeof record.expiresMs === "number"
  );
}
