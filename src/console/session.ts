/**
 * Console sessions: who is signed in, as a cookie the Worker signed.
 *
 * A session is `{keyId, region, expires}`, HMAC-SHA256-signed with a key derived from that access
 * key's secret. Nothing is stored server-side: removing or rotating a key in RIVULET_ACCESS_KEYS
 * revokes every session signed with it, and a session ends by itself after SESSION_MS.
 *
 * Who may use the console follows the API's key policy (src/aws/sigv4.ts keyPolicy): keys configured,
 * sign in with one of them; none in local mode (`npm start`, `wrangler dev`: src/local.ts), open to
 * anyone (the page says so); none when deployed, closed to everyone.
 *
 * Differences from AWS's console: no IAM users, passwords or MFA; sign-in attempts are not rate
 * limited (a secret access key is 40 random characters on AWS, and should be as long here).
 */
import { keyPolicy, type Caller } from "../aws/sigv4";
import { isLocalRequest } from "../local";

/** How long a session lasts: AWS's console signs IAM users out after 12 hours. */
export const SESSION_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = "rivulet_session";
/** Where the console lives; cookies are scoped to it. */
export const CONSOLE_PATH = "/console";
export const DEFAULT_REGION = "us-east-1";
/** The caller's access key id when the console is open (local, no keys): an IAM user of the account like any other. */
export const OPEN_CONSOLE_KEY_ID = "console";
/** A region as it appears in credential scopes and ARNs. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Domain separation: this key signs console sessions and nothing else. */
const SESSION_KEY_LABEL = "rivulet console session v1";

/** The signed-in user, or everyone when the console is open. */
export interface ConsoleSession {
  keyId: string;
  region: string;
  /** Epoch ms; the open console's sessions never expire. */
  expires: number;
  /** "open": local without keys, nobody signed in. */
  mode: "signed-in" | "open";
}

/** How the console admits people, from the same settings as the API. */
export type Access =
  | { mode: "keys"; keys: ReadonlyMap<string, string> }
  | { mode: "open" }
  | { mode: "closed" };

export function consoleAccess(env: Env, url: string): Access {
  const policy = keyPolicy(env.RIVULET_ACCESS_KEYS, isLocalRequest(env, url));
  if (policy.mode === "keys") return { mode: "keys", keys: policy.keys };
  return policy.mode === "any-signature" ? { mode: "open" } : { mode: "closed" };
}

/** The session as the caller of AWS operations. */
export function callerOf(session: ConsoleSession, service: string): Caller {
  return { accessKeyId: session.keyId, region: session.region, service };
}

export function isRegion(value: string): boolean {
  return REGION_PATTERN.test(value);
}

/**
 * Checks an access key id and secret against the configured keys. Unknown key and wrong secret are
 * one answer, and the secrets are compared in constant time.
 */
export async function checkCredentials(access: Access, keyId: string, secret: string): Promise<boolean> {
  if (access.mode !== "keys") return false;
  const expected = access.keys.get(keyId);
  // Compare digests: equal lengths whatever was typed, and the same work for an unknown key.
  const [given, wanted] = await Promise.all([sha256(secret), sha256(expected ?? `${secret}\u0000unknown`)]);
  return crypto.subtle.timingSafeEqual(given, wanted) && expected !== undefined;
}

/** A new session's cookie value for a key that checkCredentials accepted. */
export async function signSession(secret: string, payload: { keyId: string; region: string; expires: number }): Promise<string> {
  const body = base64url(new TextEncoder().encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign("HMAC", await sessionKey(secret), new TextEncoder().encode(body));
  return `${body}.${base64url(new Uint8Array(signature))}`;
}

/**
 * The session a cookie value holds, or undefined when it is missing, malformed, signed by a key
 * that is no longer configured (or with another secret), or expired at `now`.
 */
export async function readSession(access: Access, cookie: string | undefined, now: number): Promise<ConsoleSession | undefined> {
  if (access.mode !== "keys" || cookie === undefined) return undefined;
  const [body = "", signature = "", extra] = cookie.split(".");
  if (extra !== undefined || body === "" || signature === "") return undefined;
  const payload = parsePayload(body);
  if (!payload) return undefined;
  const secret = access.keys.get(payload.keyId);
  if (secret === undefined) return undefined;
  const signatureBytes = fromBase64url(signature);
  if (!signatureBytes) return undefined;
  const valid = await crypto.subtle.verify("HMAC", await sessionKey(secret), signatureBytes, new TextEncoder().encode(body));
  if (!valid || payload.expires <= now) return undefined;
  return { ...payload, mode: "signed-in" };
}

function parsePayload(body: string): { keyId: string; region: string; expires: number } | undefined {
  const bytes = fromBase64url(body);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { keyId, region, expires } = value as Record<string, unknown>;
  if (typeof keyId !== "string" || typeof region !== "string" || typeof expires !== "number") return undefined;
  return { keyId, region, expires };
}

/** HMAC key for sessions, derived from the access key's secret so that rotating the key revokes them. */
async function sessionKey(secret: string): Promise<CryptoKey> {
  const derive = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const derived = await crypto.subtle.sign("HMAC", derive, new TextEncoder().encode(SESSION_KEY_LABEL));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

function base64url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function fromBase64url(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
}
