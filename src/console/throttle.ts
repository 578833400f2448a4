/**
 * Console sign-in throttling: a Durable Object (one for the deployment) that counts failed sign-ins
 * per subject (an access key id, a client address) over a sliding window, and refuses further
 * attempts from a subject with too many, until the oldest of them leaves the window. Only failures
 * count, so signing in with the right secret never uses the allowance up; a correct secret is
 * refused too while its key id or address is blocked, or guessing would simply go on.
 *
 * Blocking per key id lets someone who keeps failing on purpose keep that key's owner out of the
 * console for a while (never out of the API): the price of not letting a secret be guessed.
 */
import { DurableObject } from "cloudflare:workers";
import { CONSOLE_SIGN_IN } from "../limits";
import { migrate } from "../storage/schema";

const MIGRATIONS: readonly (readonly string[])[] = [
  [
    "CREATE TABLE failures (subject TEXT NOT NULL, at INTEGER NOT NULL)",
    "CREATE INDEX failures_by_subject ON failures (subject, at)",
  ],
];

/** Whom an attempt counts against: its key id and its client's address. */
export interface SignInSubjects {
  keyId: string;
  address: string;
}

/** Refused until `retryAfterMs` from now, or allowed. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export function signInThrottle(env: Env): DurableObjectStub<SignInThrottle> {
  return env.SIGN_IN_THROTTLE.get(env.SIGN_IN_THROTTLE.idFromName("console"));
}

function keysOf(subjects: SignInSubjects): { key: string; limit: number }[] {
  return [
    { key: `key:${subjects.keyId}`, limit: CONSOLE_SIGN_IN.maxFailuresPerKeyId },
    { key: `address:${subjects.address}`, limit: CONSOLE_SIGN_IN.maxFailuresPerAddress },
  ];
}

export class SignInThrottle extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage, MIGRATIONS));
  }

  /** Whether an attempt by these subjects may go ahead at `now`. */
  async check(subjects: SignInSubjects, now: number): Promise<ThrottleVerdict> {
    const since = now - CONSOLE_SIGN_IN.windowMs;
    let retryAfterMs = 0;
    for (const { key, limit } of keysOf(subjects)) {
      const recent = this.ctx.storage.sql
        .exec<{ at: number }>("SELECT at FROM failures WHERE subject = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?", key, since, limit - 1)
        .toArray();
      // The limit-th most recent failure is in the window: blocked until it leaves it.
      const blocking = recent[0];
      if (blocking !== undefined) retryAfterMs = Math.max(retryAfterMs, blocking.at + CONSOLE_SIGN_IN.windowMs - now);
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  /** A failed attempt at `now`; failures older than the window are forgotten. */
  async fail(subjects: SignInSubjects, now: number): Promise<void> {
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM failures WHERE at <= ?", now - CONSOLE_SIGN_IN.windowMs);
      for (const { key } of keysOf(subjects)) sql.exec("INSERT INTO failures (subject, at) VALUES (?, ?)", key, now);
    });
  }
}
