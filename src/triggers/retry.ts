/**
 * When a failing batch is tried again, and when it is given up on. Lambda documents exponential
 * backoff without its numbers; ours are in limits.ts.
 */
import { LAMBDA } from "../limits";

/** The wait before the next attempt, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(LAMBDA.retryBaseMs * 2 ** exponent, LAMBDA.retryMaxMs);
}

/**
 * Whether a batch that failed `attempts` times has had all its retries: the first attempt plus
 * MaximumRetryAttempts more. -1 retries until the records expire.
 */
export function retriesExhausted(attempts: number, maximumRetryAttempts: number): boolean {
  return maximumRetryAttempts !== -1 && attempts > maximumRetryAttempts;
}
