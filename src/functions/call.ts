/**
 * One call of a function that answers JSON, as the services that invoke functions synchronously
 * (Firehose's Lambda processor, Analytics' preprocessing and Lambda output) judge it: the whole
 * answer must arrive within the timeout, and its status says what went wrong the way Lambda's
 * Invoke would (401/403 access denied, 404 not found, 429 throttled, any other non-2xx or an
 * X-Amz-Function-Error header a function error; an answer over the payload limit is one too).
 * What the answer's body means is each caller's contract.
 */

export type CallFailure = "timedOut" | "accessDenied" | "notFound" | "limitExceeded" | "functionError";

export type CallResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: CallFailure };

class Timeout extends Error {}

async function within<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

const encoder = new TextEncoder();

/** Sends the request (`send`) and reads its answer within `timeoutMs`; throwing `send` is a function error. */
export async function callWithin(send: () => Promise<Response>, timeoutMs: number, maxAnswerBytes: number): Promise<CallResult> {
  // The deadline is kept with Date.now(): it bounds real waiting, which an injected clock does not measure.
  const deadline = Date.now() + timeoutMs;
  let response: Response;
  let text: string;
  try {
    response = await within(send(), deadline);
    text = await within(response.text(), deadline);
  } catch (error) {
    const timedOut = error instanceof Timeout || (error instanceof Error && error.name === "TimeoutError");
    return { ok: false, failure: timedOut ? "timedOut" : "functionError" };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, failure: "accessDenied" };
  if (response.status === 404) return { ok: false, failure: "notFound" };
  if (response.status === 429) return { ok: false, failure: "limitExceeded" };
  if (response.status < 200 || response.status > 299 || response.headers.has("x-amz-function-error")) return { ok: false, failure: "functionError" };
  if (encoder.encode(text).length > maxAnswerBytes) return { ok: false, failure: "functionError" };
  return { ok: true, text };
}
