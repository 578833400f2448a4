/**
 * What the OpenSearch and Splunk destinations share: one request, to a URL (the global fetch: the
 * integration tests answer it with vitest.config.ts's outbound service) or through a service
 * binding, with a timeout and a cap on the answer read (redirects are not followed, as AWS does not
 * follow them); the batch they deliver and what they answer; and the ids they give records.
 */
import type { Scope } from "../../aws/scope";
import type { DestinationOutcome } from "../../metrics/firehose";
import type { ProcessedRecord } from "../records";
import { readLimited } from "./http-endpoint";

/** What delivery to an OpenSearch, Splunk or Iceberg destination reads of a flushed batch (buffer.ts's BatchContents). */
export interface FlushedBatch {
  batchId: string;
  flushedMs: number;
  config: Scope & { streamName: string };
}

export interface DestinationDelivery {
  delivered: number;
  /** Records the destination never took, for the S3 backup of failed records. */
  failed: ProcessedRecord[];
  /** What the metrics and the console's recent deliveries count (OpenSearch and Splunk; Iceberg tables are not counted). */
  outcome?: DestinationOutcome;
}

/**
 * A record's id at the destination (a document's `_id`, a Splunk EventId): derived from its record
 * id, so it is the same in every attempt (base64 made URL-safe).
 */
export function recordKey(recordId: string): string {
  return recordId.replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** Delivery to the destination failed and its retry duration has not run out: the queue retries the batch. */
export class DestinationRetry extends Error {
  override name = "DestinationRetry";
}

export type Reply =
  | { kind: "answered"; status: number; contentType: string; text: string }
  | { kind: "too-large"; status: number }
  | { kind: "timed-out" }
  | { kind: "unreachable"; detail: string };

export async function call(options: {
  url: string;
  init: RequestInit;
  fetcher?: Fetcher;
  timeoutMs: number;
  maxResponseBytes: number;
}): Promise<Reply> {
  const init: RequestInit = { ...options.init, redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs) };
  try {
    const response = options.fetcher ? await options.fetcher.fetch(options.url, init) : await fetch(options.url, init);
    const text = await readLimited(response, options.maxResponseBytes);
    if (text === undefined) return { kind: "too-large", status: response.status };
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    return { kind: "answered", status: response.status, contentType, text };
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") return { kind: "timed-out" };
    return { kind: "unreachable", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** How much of an answer an error message quotes. */
const QUOTED_CHARS = 1000;

export function quoted(text: string): string {
  return text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}...` : text;
}

/** The host (and port) of a URL, for the console's recent deliveries. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
