/**
 * A step of a running application could not finish (a source or function unreachable, a function's
 * answer unusable): nothing of it was stored, and the step is tried again after a backoff. The
 * application keeps running, as AWS's keeps retrying, and the message is logged (state() reports only
 * failed starts and updates, which the API has already answered).
 */
export class AnalyticsRunnerError extends Error {
  override readonly name = "AnalyticsRunnerError";
}
