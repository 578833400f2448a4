/**
 * NextTokens for paginated listings: where the next page starts, and when the token was handed out
 * (AWS lets them live 300 seconds).
 */
import { ExpiredNextTokenException, InvalidArgumentException } from "../aws/errors";

const LIFETIME_MS = 300_000;

export function encodeNextToken(state: Record<string, unknown>, now: number): string {
  return new TextEncoder().encode(JSON.stringify({ ...state, issuedMs: now })).toBase64();
}

export function decodeNextToken(token: string, now: number): Record<string, unknown> {
  let state: unknown;
  try {
    state = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(token)));
  } catch {
    throw new InvalidArgumentException("Invalid NextToken.");
  }
  if (typeof state !== "object" || state === null || typeof (state as { issuedMs?: unknown }).issuedMs !== "number") {
    throw new InvalidArgumentException("Invalid NextToken.");
  }
  const issuedMs = (state as { issuedMs: number }).issuedMs;
  if (now - issuedMs > LIFETIME_MS) {
    throw new ExpiredNextTokenException(`The nextToken has expired; it was issued at ${issuedMs} and is only valid for ${LIFETIME_MS / 1000} seconds.`);
  }
  return state as Record<string, unknown>;
}
