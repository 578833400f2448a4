/**
 * The HTTP endpoint destination (HttpEndpointDestinationConfiguration): its input shapes (Create's
 * configuration, UpdateDestination's HttpEndpointDestinationUpdate), how they become the stored
 * destination, AWS's checks, and delivery with AWS's request and response format
 * (https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html).
 *
 * As for Redshift, the stored destination keeps the S3Configuration as its S3 members (the error
 * output, and with S3BackupMode AllData a copy of every source record, go to its bucket and prefix)
 * plus the `HttpEndpoint` block, which only delivery, buffering and DescribeDeliveryStream read.
 *
 * Delivery: after the processing chain, the Ok records are POSTed to the Url as
 * `{"requestId", "timestamp", "records": [{"data": <base64>}]}` with the X-Amz-Firehose-* headers,
 * in requests of at most 10,000 records and SizeInMBs of JSON before compression. Only a 200
 * answering `{"requestId": <the same>, "timestamp": <number>}` as application/json counts as
 * delivered. A failed request fails the queue message, and the queue retries the whole batch with
 * its backoff (5 s doubling to 5 minutes) until RetryOptions.DurationInSeconds have passed since the
 * batch was flushed; the attempt after that sends what still fails to the error output
 * (`http-endpoint-failed/`, AWS's folder, with AWS's error codes). Request ids are derived from the
 * batch id, so every attempt of a request carries the same one.
 *
 * Differences from AWS:
 * - The retry duration is counted from the flush, which is kept in the batch (the first attempt
 *   follows it at once unless the queue is backed up), not from the first failure; retries are the
 *   queue's (every request of the batch is sent again, with its request id), not AWS's 1-second
 *   backoff; attemptsMade is what the queue's schedule fits between the flush and the last attempt.
 * - A 413 answer is not retried, as in AWS, but its records go to the error output (AWS drops them).
 * - `http://` URLs are accepted under `npm start` (RIVULET_LOCAL=1) on a loopback host (127.0.0.1,
 *   localhost, [::1]), so local endpoints can be tried; deployed, only `https://` (AWS's model).
 *   Any port is accepted (AWS: 443 only).
 * - SecretsManagerConfiguration cannot be enabled (there is no Secrets Manager): give the key as
 *   EndpointConfiguration.AccessKey. CloudWatch logging options are kept and ignored.
 * - The error output holds the records as they were POSTed (after processing).
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { Shape, StringShape, StructureShape } from "../../aws/validate";
import type { Clock } from "../../clock";
import type { Scope } from "../../aws/scope";
import type { BufferingHints, CloudWatchLoggingOptions, ExtendedS3Members, S3Input } from "../s3-configuration";
import type { ProcessingConfiguration } from "../shapes.generated";
import { FIREHOSE, MIB, retryDelaySeconds } from "../limits";
import { derivedUuid } from "../object-names";
import type { ProcessedRecord } from "../records";
import { endpointUrl, loopbackAllowed } from "../../functions/targets";
import { deliveryStreamArn } from "../ids";

export interface HttpEndpointCommonAttribute {
  AttributeName: string;
  AttributeValue: string;
}

export interface HttpEndpointConfiguration {
  Url: string;
  Name?: string;
  /** Sent as X-Amz-Firehose-Access-Key; never described. */
  AccessKey?: string;
}

export interface SecretsManagerConfiguration {
  SecretARN?: string;
  RoleARN?: string;
  Enabled: boolean;
}

/** What an HTTP endpoint destination holds beyond its S3 configuration (HttpEndpointDestinationDescription's own members). */
export interface HttpEndpointSettings {
  EndpointConfiguration: HttpEndpointConfiguration;
  BufferingHints: BufferingHints;
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
  RequestConfiguration: { ContentEncoding: "NONE" | "GZIP"; CommonAttributes?: HttpEndpointCommonAttribute[] };
  RoleARN?: string;
  RetryOptions: { DurationInSeconds: number };
  S3BackupMode: "FailedDataOnly" | "AllData";
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
}

/** HttpEndpointDestinationConfiguration and HttpEndpointDestinationUpdate. */
export interface HttpEndpointInput {
  EndpointConfiguration?: HttpEndpointConfiguration;
  BufferingHints?: Partial<BufferingHints>;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  RequestConfiguration?: { ContentEncoding?: "NONE" | "GZIP"; CommonAttributes?: HttpEndpointCommonAttribute[] };
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: { DurationInSeconds?: number };
  S3BackupMode?: "FailedDataOnly" | "AllData";
  S3Configuration?: S3Input;
  S3Update?: S3Input;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
}

/** What an update may carry of the HTTP block (each member replaces the current one whole). */
export type HttpEndpointUpdate = Partial<Omit<HttpEndpointSettings, "BufferingHints">> & { BufferingHints?: Partial<BufferingHints> };

/** The S3-shaped input (the S3 configuration, the processing chain and the HTTP members given) for destinationFrom. */
export function httpEndpointAsExtended(input: HttpEndpointInput): ExtendedS3Members & { HttpEndpoint: HttpEndpointUpdate } {
  const s3 = input.S3Configuration ?? input.S3Update ?? {};
  const update: HttpEndpointUpdate = {
    ...(input.EndpointConfiguration && { EndpointConfiguration: input.EndpointConfiguration }),
    ...(input.BufferingHints && { BufferingHints: input.BufferingHints }),
    ...(input.CloudWatchLoggingOptions && { CloudWatchLoggingOptions: input.CloudWatchLoggingOptions }),
    ...(input.RequestConfiguration && {
      RequestConfiguration: { ...input.RequestConfiguration, ContentEncoding: input.RequestConfiguration.ContentEncoding ?? "NONE" },
    }),
    ...(input.RoleARN !== undefined && { RoleARN: input.RoleARN }),
    ...(input.RetryOptions?.DurationInSeconds !== undefined && { RetryOptions: { DurationInSeconds: input.RetryOptions.DurationInSeconds } }),
    ...(input.S3BackupMode && { S3BackupMode: input.S3BackupMode }),
    ...(input.SecretsManagerConfiguration && { SecretsManagerConfiguration: input.SecretsManagerConfiguration }),
  };
  return { ...s3, ProcessingConfiguration: input.ProcessingConfiguration, HttpEndpoint: update };
}

/** The HTTP members given, over the current ones (UpdateDestination) or AWS's defaults. */
export function mergeHttpEndpoint(input: HttpEndpointUpdate, base?: HttpEndpointSettings): HttpEndpointSettings {
  const role = input.RoleARN ?? base?.RoleARN;
  const secrets = input.SecretsManagerConfiguration ?? base?.SecretsManagerConfiguration;
  return {
    // An S3 destination switched to HTTP without an EndpointConfiguration has no Url; checkHttpEndpoint refuses it.
    EndpointConfiguration: input.EndpointConfiguration ?? base?.EndpointConfiguration ?? { Url: "" },
    BufferingHints: {
      SizeInMBs: input.BufferingHints?.SizeInMBs ?? base?.BufferingHints.SizeInMBs ?? FIREHOSE.defaultSizeInMBs,
      IntervalInSeconds: input.BufferingHints?.IntervalInSeconds ?? base?.BufferingHints.IntervalInSeconds ?? FIREHOSE.defaultIntervalInSeconds,
    },
    CloudWatchLoggingOptions: input.CloudWatchLoggingOptions ?? base?.CloudWatchLoggingOptions ?? { Enabled: false },
    RequestConfiguration: input.RequestConfiguration ?? base?.RequestConfiguration ?? { ContentEncoding: "NONE" },
    ...(role !== undefined && { RoleARN: role }),
    RetryOptions: input.RetryOptions ?? base?.RetryOptions ?? { DurationInSeconds: FIREHOSE.httpEndpointDefaultRetrySeconds },
    S3BackupMode: input.S3BackupMode ?? base?.S3BackupMode ?? "FailedDataOnly",
    ...(secrets !== undefined && { SecretsManagerConfiguration: secrets }),
  };
}

/** AWS's checks of an HTTP endpoint destination beyond the model, and what Rivulet cannot do. */
export function checkHttpEndpoint(env: Env, settings: HttpEndpointSettings): void {
  const text = settings.EndpointConfiguration.Url;
  if (text === "") throw new InvalidArgumentException("EndpointConfiguration is required for an HTTP endpoint destination.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentException(`The HTTP endpoint URL is not a valid URL: ${text}`);
  }
  // Deployed, the model's pattern (https://.*) has refused http:// already; locally it is widened (localInputShape).
  if (url.protocol === "http:" && endpointUrl(text, loopbackAllowed(env)) === undefined) {
    throw new InvalidArgumentException(
      "The HTTP endpoint URL must use https://. Under npm start Rivulet also accepts http:// on 127.0.0.1, localhost and [::1].",
    );
  }
  if (settings.SecretsManagerConfiguration?.Enabled === true) {
    throw new InvalidArgumentException(
      "Rivulet does not support SecretsManagerConfiguration: give the endpoint's key as EndpointConfiguration.AccessKey.",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Validation under npm start

/** The model's patterns for https-only URLs: HTTP endpoints' Url (`https://.*`), OpenSearch's ClusterEndpoint and CollectionEndpoint (`https:.*`). */
const HTTPS_ONLY = new Set(["https://.*", "https:.*"]);
const LOCAL_URL: Pick<StringShape, "pattern" | "regex"> = {
  pattern: "https?://.*",
  regex: new RegExp("^(?:https?://[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u"),
};

/**
 * The input shape `shape` with the https-only URL patterns (an HTTP endpoint's Url, an OpenSearch
 * ClusterEndpoint or CollectionEndpoint) widened to `https?://.*`: what the protocol layer validates
 * with under npm start, so that a local http:// endpoint gets as far as the destination's checks
 * (which allow loopback hosts only). Everything else is the model's.
 */
export function localInputShape(shape: StructureShape): StructureShape {
  const seen = new Map<Shape, Shape>();
  const widen = (current: Shape): Shape => {
    const known = seen.get(current);
    if (known) return known;
    let result: Shape;
    switch (current.type) {
      case "string":
        result = current.pattern !== undefined && HTTPS_ONLY.has(current.pattern) ? { ...current, ...LOCAL_URL } : current;
        break;
      case "list":
        result = { ...current, member: widen(current.member) };
        break;
      case "map":
        result = { ...current, value: widen(current.value) };
        break;
      case "structure":
        result = { ...current, members: current.members.map((member) => ({ ...member, shape: widen(member.shape) })) };
        break;
      default:
        result = current;
    }
    seen.set(current, result);
    return result;
  };
  return widen(shape) as StructureShape;
}

// ---------------------------------------------------------------------------------------------
// Delivery

/** Delivery to the endpoint failed and the retry duration has not run out: the queue retries the batch. */
class HttpEndpointRetry extends Error {
  override name = "HttpEndpointRetry";
}

export interface HttpDelivery {
  delivered: number;
  /** Records the endpoint never took, for the error output. */
  failed: ProcessedRecord[];
}

/** What delivery to an endpoint reads of a flushed batch (buffer.ts's BatchContents). */
interface FlushedBatch {
  batchId: string;
  flushedMs: number;
  config: Scope & { streamName: string };
}

type AttemptResult = { ok: true } | { ok: false; code: string; message: string; permanent: boolean };

/** How much of an answer an error message quotes (ours: AWS logs "a truncated response payload"). */
const QUOTED_RESPONSE_CHARS = 1000;

/**
 * POSTs `records` (the Ok records of a batch, after processing) to the endpoint. Answers what was
 * delivered and what failed for good; throws HttpEndpointRetry while a request fails and the retry
 * duration (from the batch's flush) has not run out.
 */
export async function sendToHttpEndpoint(options: {
  batch: FlushedBatch;
  settings: HttpEndpointSettings;
  records: readonly ProcessedRecord[];
  clock: Clock;
}): Promise<HttpDelivery> {
  const { batch, settings, records, clock } = options;
  const chunks = requestChunks(records, Math.min(settings.BufferingHints.SizeInMBs * MIB, FIREHOSE.httpEndpointMaxBodyBytes));
  const results: AttemptResult[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const requestId = await derivedUuid([batch.batchId, "http-endpoint", String(index)]);
    const init = await buildRequest(batch, settings, requestId, chunk, clock.now());
    results.push(await attempt(settings.EndpointConfiguration.Url, init, requestId));
  }
  const now = clock.now();
  const retryMs = settings.RetryOptions.DurationInSeconds * 1000;
  const deadline = batch.flushedMs + retryMs;
  const retriable = results.find((result): result is Extract<AttemptResult, { ok: false }> => !result.ok && !result.permanent);
  // DurationInSeconds 0: AWS makes no retry at all.
  if (retriable && retryMs > 0 && now < deadline) {
    throw new HttpEndpointRetry(
      `delivery stream ${batch.config.streamName}: ${retriable.code}: ${retriable.message} (retrying until ${new Date(deadline).toISOString()})`,
    );
  }
  const attempts = attemptsBy(now - batch.flushedMs);
  const failed: ProcessedRecord[] = [];
  let delivered = 0;
  for (const [index, result] of results.entries()) {
    const chunk = chunks[index] ?? [];
    if (result.ok) {
      delivered += chunk.length;
      continue;
    }
    const error = { code: result.code, message: result.message, attempts: result.permanent ? 1 : attempts };
    failed.push(...chunk.map((record): ProcessedRecord => ({ ...record, result: "ProcessingFailed", error })));
  }
  return { delivered, failed };
}

/** How many attempts the delivery queue's schedule (retryDelaySeconds) makes within `elapsedMs` of the flush. */
function attemptsBy(elapsedMs: number): number {
  let attempts = 1;
  let at = 0;
  for (;;) {
    at += retryDelaySeconds(attempts) * 1000;
    if (at > elapsedMs) return attempts;
    attempts += 1;
  }
}

/** Splits the records into requests of at most `maxBodyBytes` of JSON (a larger record goes alone) and 10,000 records. */
function requestChunks(records: readonly ProcessedRecord[], maxBodyBytes: number): ProcessedRecord[][] {
  // {"requestId":"<uuid>","timestamp":<13 digits>,"records":[]} is under 100 bytes.
  const envelope = 100;
  const chunks: ProcessedRecord[][] = [];
  let current: ProcessedRecord[] = [];
  let size = envelope;
  for (const record of records) {
    // {"data":"<base64>"}, and a comma.
    const entry = 4 * Math.ceil(record.data.length / 3) + 12;
    if (current.length > 0 && (size + entry > maxBodyBytes || current.length >= FIREHOSE.httpEndpointMaxRecordsPerRequest)) {
      chunks.push(current);
      current = [];
      size = envelope;
    }
    current.push(record);
    size += entry;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function buildRequest(
  batch: FlushedBatch,
  settings: HttpEndpointSettings,
  requestId: string,
  records: readonly ProcessedRecord[],
  timestamp: number,
): Promise<RequestInit> {
  const json = JSON.stringify({ requestId, timestamp, records: records.map((record) => ({ data: record.data.toBase64() })) });
  const headers = new Headers({
    "Content-Type": "application/json",
    "X-Amz-Firehose-Protocol-Version": "1.0",
    "X-Amz-Firehose-Request-Id": requestId,
    "X-Amz-Firehose-Source-Arn": deliveryStreamArn(batch.config, batch.config.streamName),
  });
  const key = settings.EndpointConfiguration.AccessKey;
  if (key !== undefined && key !== "") headers.set("X-Amz-Firehose-Access-Key", key);
  const attributes = settings.RequestConfiguration.CommonAttributes ?? [];
  if (attributes.length > 0) {
    const commonAttributes = Object.fromEntries(attributes.map((attribute) => [attribute.AttributeName, attribute.AttributeValue]));
    headers.set("X-Amz-Firehose-Common-Attributes", JSON.stringify({ commonAttributes }));
  }
  let body: Uint8Array = new TextEncoder().encode(json);
  if (settings.RequestConfiguration.ContentEncoding === "GZIP") {
    headers.set("Content-Encoding", "gzip");
    body = await gzip(body);
  }
  // AWS does not follow redirects: a 3xx answer is a failed attempt.
  return { method: "POST", headers, body, redirect: "manual" };
}

async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const failure = (code: string, message: string, permanent = false): AttemptResult => ({ ok: false, code, message, permanent });

/**
 * One POST and the verdict on its answer, in AWS's error codes (http_troubleshooting.html). The
 * global fetch: the integration tests answer it with vitest.config.ts's outbound service.
 */
async function attempt(url: string, init: RequestInit, requestId: string): Promise<AttemptResult> {
  let response: Response;
  let text: string | undefined;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(FIREHOSE.httpEndpointTimeoutMs) });
    text = await readLimited(response, FIREHOSE.httpEndpointMaxResponseBytes);
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") {
      return failure("HttpEndpoint.RequestTimeout", "The endpoint did not respond within 3 minutes.");
    }
    const detail = error instanceof Error ? error.message : String(error);
    return failure("HttpEndpoint.ConnectionFailed", `A connection could not be established with the configured endpoint: ${detail}`);
  }
  if (text === undefined) {
    return failure("HttpEndpoint.ResponseTooLarge", "The response received from the endpoint is too large. The response must be less than 1 MiB.");
  }
  const quoted = text.length > QUOTED_RESPONSE_CHARS ? `${text.slice(0, QUOTED_RESPONSE_CHARS)}...` : text;
  if (response.status !== 200) {
    // 413: the endpoint will never take this body (AWS: a permanent failure, not retried).
    return failure(
      "HttpEndpoint.DestinationException",
      `The following response was received from the endpoint destination. ${response.status}: ${quoted}`,
      response.status === 413,
    );
  }
  const invalid = (why: string) =>
    failure(
      "HttpEndpoint.InvalidResponseFromDestination",
      "The response received from the specified endpoint is invalid. Contact the owner of the endpoint to resolve the issue. " +
        `Response for request ${requestId} ${why}. Raw response received: 200 ${quoted}`,
    );
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") return invalid(`does not have the content type application/json (it has '${contentType ?? ""}')`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const fields = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>) : undefined;
  if (!fields || typeof fields.requestId !== "string" || typeof fields.timestamp !== "number") {
    return invalid("is not recognized as valid JSON or has unexpected fields");
  }
  if (fields.requestId !== requestId) return invalid(`carries the requestId ${fields.requestId}, which does not match`);
  return { ok: true };
}

/** The body as text, or undefined when it is longer than `limit` bytes (reading stops there). */
export async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const decoder = new TextDecoder();
  return parts.map((part) => decoder.decode(part, { stream: true })).join("") + decoder.decode();
}
