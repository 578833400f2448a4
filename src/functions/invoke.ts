/**
 * Calling a function: the one way every service POSTs a JSON request to a service binding or an
 * endpoint. A service binding is called at the path of Lambda's Invoke
 * (`https://rivulet.internal/2015-03-31/functions/<BINDING>/invocations`), so one Worker can serve
 * several functions by path; a URL as it is. What the request and answer mean (a Kinesis event and
 * batchItemFailures, Firehose's transformation records), and how long a call may take, is each
 * caller's contract.
 */
import type { Target } from "./targets";

export type CallableTarget = Exclude<Target, { kind: "queue" }>;

export interface CallOptions {
  /** Headers besides content-type, e.g. the caller's request id. */
  headers?: Record<string, string>;
  /** Aborts the request (and the reading of its answer). */
  signal?: AbortSignal;
}

/** POSTs `body` (JSON) to the function; throws when it cannot be reached or the signal aborts. */
export async function callFunction(target: CallableTarget, body: string, options: CallOptions = {}): Promise<Response> {
  const init: RequestInit = {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body,
    ...(options.signal && { signal: options.signal }),
  };
  return target.kind === "service"
    ? target.fetcher.fetch(`https://rivulet.internal/2015-03-31/functions/${target.binding}/invocations`, init)
    : fetch(target.url, init);
}
