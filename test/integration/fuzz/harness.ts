/**
 * What every fuzz test shares: the seed (FUZZ_SEED replays a run; otherwise each run draws a new one
 * and says which), the number of runs (FUZZ_RUNS overrides it), signed requests through the Worker's
 * own fetch, and the one oracle of the AWS JSON services: an answer is a success or an AWS-shaped
 * error, with the status its error class has, and never a 5xx.
 *
 * A request that never answers fails its test by vitest's timeout (no wall-clock threshold here);
 * the request then in flight and the seed are printed with the failure, as fast-check prints the
 * seed and the shrunk input of any other failure.
 */
import fc from "fast-check";
import { exports as workersExports } from "cloudflare:workers";
import { expect, onTestFailed } from "vitest";
import { decodeCbor } from "../../../src/aws/cbor";
import * as errors from "../../../src/aws/errors";
import firehoseModel from "../../../scripts/models/firehose-2015-08-04.json";
import kinesisModel from "../../../scripts/models/kinesis-2013-12-02.json";
import analyticsV1Model from "../../../scripts/models/kinesisanalytics-2015-08-14.json";
import analyticsV2Model from "../../../scripts/models/kinesisanalyticsv2-2018-05-23.json";
import { ENDPOINT, env, REGION, signRequest } from "../client";
import { AMZ_CBOR, AMZ_JSON, describeBody, type FuzzBody } from "./arbitraries";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const settings = env as unknown as { FUZZ_SEED?: string; FUZZ_RUNS?: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const SEED = settings.FUZZ_SEED ? Number(settings.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Runs per property: `runs` unless FUZZ_RUNS says otherwise. */
export function runsOf(runs: number): number {
  return settings.FUZZ_RUNS ? Number(settings.FUZZ_RUNS) : runs;
}

/**
 * A fuzz test's timeout: a minute (a run takes seconds, more on a loaded machine), scaled with
 * FUZZ_RUNS. A request that never answers fails the test this way: the budget of each request is
 * the test's, not a clock of its own.
 */
export function timeoutFor(runs: number): number {
  return 60_000 * Math.max(1, runsOf(runs) / runs);
}

let inFlight = "none";

/** Checks `property` over `runs` inputs of this run's seed; a failure names the seed and the shrunk input. */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, runs: number, check: (input: T) => Promise<void>): Promise<void> {
  onTestFailed(() => {
    console.error(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED}); request in flight: ${inFlight}`);
  });
  await fc.assert(fc.asyncProperty(arbitrary, check), { seed: SEED, numRuns: runsOf(runs), endOnFailure: false });
}

export interface FuzzRequest {
  method?: string;
  path?: string;
  /** X-Amz-Target; null sends none. */
  target: string | null;
  service: string;
  body: FuzzBody;
  headers?: Record<string, string>;
  sign?: boolean;
  /** Signs the empty payload's hash, as producers sign a streamed body (PutMedia). */
  signEmptyPayload?: boolean;
  /** The success answers a media stream that may never end (GetMedia): its body is cancelled unread. */
  streamingAnswer?: boolean;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The body, unless it is an event stream (which is left unread: a subscription lasts minutes). */
  bytes: Uint8Array;
}

/** Sends a request signed as the SDKs sign it, through the Worker's fetch. */
export async function sendRequest(request: FuzzRequest): Promise<Answer> {
  const method = request.method ?? "POST";
  const url = new URL(request.path ?? "/", ENDPOINT);
  const headers = new Headers(request.headers);
  if (request.target !== null) headers.set("x-amz-target", request.target);
  headers.set("content-type", request.body.contentType);
  const body = typeof request.body.body === "string" ? new TextEncoder().encode(request.body.body) : request.body.body;
  const signedBody = request.signEmptyPayload === true ? new Uint8Array() : body;
  if (request.sign !== false) await signRequest(method, url, headers, signedBody, new Date(), { region: REGION, service: request.service });
  inFlight = `${method} ${url.pathname} ${request.target ?? ""} ${describeBody(request.body)}`;
  const response = await worker.fetch(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
  let bytes = new Uint8Array();
  const endless = response.headers.get("content-type") === "application/vnd.amazon.eventstream" || (request.streamingAnswer === true && response.ok);
  if (endless) await response.body?.cancel();
  else bytes = new Uint8Array(await response.arrayBuffer());
  inFlight = "none";
  return { status: response.status, headers: response.headers, bytes };
}

// ---------------------------------------------------------------------------------------------
// The oracle

interface ModelShapes {
  shapes: Record<string, { exception?: boolean; fault?: boolean }>;
}

/**
 * The status of every error an AWS JSON service may answer: the protocol's and authentication's,
 * as their classes answer them, and every client error of the services' models (400; a model's
 * server faults are 5xx, which no request may cause).
 */
const ERROR_STATUS: ReadonlyMap<string, number> = new Map([
  ...[
    new errors.SerializationException(),
    new errors.UnknownOperationException(),
    new errors.ValidationException(),
    new errors.MissingAuthenticationTokenException(),
    new errors.IncompleteSignatureException(),
    new errors.InvalidSignatureException(),
    new errors.UnrecognizedClientException(),
    new errors.AccessDeniedException(),
    new errors.RequestEntityTooLargeException(),
  ].map((error): [string, number] => [error.type, error.status]),
  ...[kinesisModel, firehoseModel, analyticsV1Model, analyticsV2Model].flatMap((model) =>
    Object.entries((model as unknown as ModelShapes).shapes)
      .filter(([, shape]) => shape.exception === true && shape.fault !== true)
      .map(([name]): [string, number] => [name, 400]),
  ),
]);

interface RestModelShapes {
  shapes: Record<string, { exception?: boolean; fault?: boolean; error?: { httpStatusCode?: number } }>;
}

/**
 * The status of every error a REST-JSON service (Video) may answer: its models' client errors with
 * the status each declares, and the request layer's (aws/rest-json.ts: signatures 403, an unknown
 * route 404, a body past the limit 413, serialization and validation 400).
 */
export function restErrorStatus(models: readonly unknown[]): ReadonlyMap<string, number> {
  return new Map([
    ...[new errors.SerializationException(), new errors.ValidationException(), new errors.RequestEntityTooLargeException(), new errors.RestUnknownOperationException("")].map(
      (error): [string, number] => [error.type, error.status],
    ),
    ...["MissingAuthenticationTokenException", "IncompleteSignatureException", "InvalidSignatureException", "UnrecognizedClientException"].map((type): [string, number] => [type, 403]),
    ...models.flatMap((model) =>
      Object.entries((model as RestModelShapes).shapes)
        .filter(([, shape]) => shape.exception === true && shape.fault !== true)
        .map(([name, shape]): [string, number] => [name, shape.error?.httpStatusCode ?? 400]),
    ),
  ]);
}

/**
 * Asserts a REST-JSON answer: a 2xx, or an error with `x-amzn-ErrorType` (`<type>:<namespace>`) of
 * a type `statuses` knows, with its status, and a JSON body holding at most a message; a request id
 * either way; never a 5xx. Answers which it was.
 */
export function expectRestJsonAnswer(answer: Answer, context: string, statuses: ReadonlyMap<string, number>): Outcome {
  const text = new TextDecoder().decode(answer.bytes);
  const shown = `${context}\nanswered ${answer.status} ${answer.headers.get("content-type") ?? ""}: ${text.slice(0, 500)}`;
  expect(answer.status, shown).toBeLessThan(500);
  expect(answer.headers.get("x-amzn-RequestId"), shown).toMatch(UUID);
  if (answer.status < 300) {
    expect(answer.headers.get("x-amzn-ErrorType"), shown).toBeNull();
    return "success";
  }
  const type = (answer.headers.get("x-amzn-ErrorType") ?? "").split(":")[0] ?? "";
  expect(statuses.has(type), `${shown}\n(x-amzn-ErrorType ${type}: an error neither the protocol nor the model has)`).toBe(true);
  expect(answer.status, shown).toBe(statuses.get(type));
  expect(answer.headers.get("content-type"), shown).toBe("application/json");
  const body = parseJson(text);
  expect(isObject(body), shown).toBe(true);
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    expect(["message", "Message"], shown).toContain(key);
    expect(typeof value, shown).toBe("string");
  }
  return "refused";
}

/** AWS's XML answer to a request it cannot tell the operation of (protocol.ts). */
const XML_DENIED = /^<AccessDeniedException>\n {2}<Message>[^<]*<\/Message>\n<\/AccessDeniedException>\n$/;

export type Outcome = "success" | "refused";

/**
 * Asserts an AWS JSON answer: a 200 in the request's format, or an error body with `__type` and the
 * status its class has; a request id either way; never a 5xx. Answers which it was.
 */
export function expectAwsJsonAnswer(answer: Answer, context: string): Outcome {
  const contentType = answer.headers.get("content-type") ?? "";
  const text = new TextDecoder().decode(answer.bytes);
  const shown = `${context}\nanswered ${answer.status} ${contentType}: ${text.slice(0, 500)}`;
  expect(answer.status, shown).toBeLessThan(500);
  expect(answer.headers.get("x-amzn-RequestId"), shown).toMatch(UUID);
  if (answer.status === 403 && contentType === "text/xml") {
    expect(text, shown).toMatch(XML_DENIED);
    return "refused";
  }
  if (contentType === "application/json") return expectCoralAnswer(answer.status, parseJson(text), shown);
  const body = answer.bytes.byteLength === 0 ? undefined : contentType === AMZ_CBOR ? decodeCbor(answer.bytes) : contentType === AMZ_JSON ? parseJson(text) : undefined;
  if (answer.status === 200) {
    // An operation without output answers an empty body, as AWS's API reference says.
    if (contentType !== "application/vnd.amazon.eventstream" && answer.bytes.byteLength > 0) expect(isObject(body), shown).toBe(true);
    return "success";
  }
  expect(isObject(body), shown).toBe(true);
  const error = body as Record<string, unknown>;
  const type = error.__type;
  expect(typeof type, shown).toBe("string");
  expect(ERROR_STATUS.has(String(type)), `${shown}\n(an error type neither the protocol nor the model has)`).toBe(true);
  expect(answer.status, shown).toBe(ERROR_STATUS.get(String(type)));
  for (const key of ["message", "Message"]) if (key in error) expect(typeof error[key], shown).toBe("string");
  return "refused";
}

/**
 * Plain `application/json` runs no operation: AWS answers it in Coral's older envelope, 404
 * UnknownOperationException for a JSON object and 400 SerializationException for anything else.
 */
function expectCoralAnswer(status: number, body: unknown, shown: string): Outcome {
  expect(isObject(body), shown).toBe(true);
  const output = (body as Record<string, unknown>).Output;
  expect(isObject(output), shown).toBe(true);
  const type = (output as Record<string, unknown>).__type;
  expect([
    "404 com.amazon.coral.service#UnknownOperationException",
    "400 com.amazon.coral.service#SerializationException",
  ], shown).toContain(`${status} ${String(type)}`);
  return "refused";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
