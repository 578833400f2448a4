/**
 * The AWS JSON 1.1 protocol and its CBOR twin, shared by every service of the Worker: `POST /` with
 * `X-Amz-Target: <Service_Version>.<Operation>` and errors as `{"__type", "message"}` with AWS's
 * status codes. The order of the checks (method, content type, body, operation, signature, input)
 * is the order AWS answers in.
 *
 * The request's content type picks the codec, which reads the body and writes the answer (errors
 * included) in the same format; dispatch, SigV4 and validation are shared:
 * - JSON (`application/x-amz-json-1.1`): blobs as base64, timestamps as epoch seconds (fractional),
 *   answered as `application/x-amz-json-1.1`;
 * - CBOR (`application/x-amz-cbor-1.1`, the AWS SDKs for Java's default for Kinesis): blobs as byte
 *   strings, timestamps as tag 1 around integer epoch MILLISECONDS (AWS's convention, not RFC 8949's
 *   seconds), answered as `application/x-amz-cbor-1.1`. See ./cbor.ts.
 * Requests of any other content type are refused, and answered in JSON. Plain `application/json`
 * runs no operation, as on AWS, whose endpoints answer it in Coral's older envelope
 * (`{"Output": {"__type": "com.amazon.coral.service#..."}, "Version": "1.0"}`): 404
 * UnknownOperationException for a JSON object, 400 SerializationException for anything else
 * (kinesalite's tests, brought up to date with AWS in 2019). An empty body is answered in CBOR
 * unless it came as JSON 1.1, as AWS does. An operation without output answers an empty body (AWS's
 * API reference: "an HTTP 200 response with an empty HTTP body").
 */
import type { Clock } from "../clock";
import { MAX_REQUEST_BYTES, MAX_UNSIGNED_BODY_BYTES } from "../limits";
import { isLocal, isLocalRequest } from "../local";
import { BodyTooLarge, readBody } from "./body";
import { CborError, decodeCbor, encodeCbor } from "./cbor";
import {
  AwsError,
  InternalFailure,
  MissingAuthenticationTokenException,
  RequestEntityTooLargeException,
  SerializationException,
  UnknownOperationException,
} from "./errors";
import { carriesSignature, keyPolicy, verifySigV4, type Caller } from "./sigv4";
import { validateInput, type InputShape, type ValidateOptions } from "./validate";
import type { Scope } from "./scope";

export interface RequestContext {
  env: Env;
  caller: Caller;
  /** Account and region the request acts in: the region comes from the signature's credential scope. */
  scope: Scope;
  requestId: string;
  clock: Clock;
  /** The request's wire format; answers that are written elsewhere (event streams) follow it. */
  format: "json" | "cbor";
}

/**
 * What an operation answers: its output, nothing (an operation without output in the model; AWS
 * then answers an empty body), or an event stream.
 */
export type OperationOutput = object | void;

/** One operation's generated input and output types: an entry of a generated `Operations` type. */
export interface OperationTypes {
  input: object;
  output: OperationOutput;
}

/** The handler of an operation: its validated input in, its output (or nothing) out. Throws AwsError. */
export type Handler<T extends OperationTypes> = (input: T["input"], context: RequestContext) => Promise<T["output"]>;

/**
 * One operation: the input shape from AWS's model, validated before the handler runs, and the
 * handler, which takes the operation's generated input type and answers its output type.
 */
export interface OperationDefinition<T extends OperationTypes = OperationTypes> {
  input: InputShape<T["input"]>;
  /** The input shape in local mode (src/local.ts), where it differs from the model's. */
  localInput?: InputShape<T["input"]>;
  // A method (not a function-typed property), so that the definitions of a table's operations,
  // each typed by its own input, fit the one type the dispatcher reads them as.
  handle(input: T["input"], context: RequestContext): Promise<T["output"]>;
}

/**
 * A service's operation table: `Record<OperationName, ...>` with each entry typed by its
 * operation's generated types, so a table that misses an operation of the model does not compile.
 */
export type OperationTable<Operations extends Record<string, OperationTypes>> = {
  readonly [Op in keyof Operations]: OperationDefinition<Operations[Op]>;
};

export interface AwsJsonService {
  /** The X-Amz-Target prefix, e.g. `Kinesis_20131202`. */
  targetPrefix: string;
  /** The service name in SigV4 credential scopes, e.g. `kinesis`. */
  signingName: string;
  operations: Readonly<Record<string, OperationDefinition>>;
}

const AMZ_JSON = "application/x-amz-json-1.1";
const AMZ_CBOR = "application/x-amz-cbor-1.1";
const DEFAULT_ACCOUNT = "000000000000";

/** The account requests act in: one per deployment. */
export function accountOf(env: Env): string {
  return env.RIVULET_ACCOUNT_ID || DEFAULT_ACCOUNT;
}

/** How one wire format reads requests and writes answers. */
interface WireCodec {
  /** The content type of answers. */
  contentType: string;
  /** The unit of timestamps in requests, for validateInput. */
  timestampUnit: ValidateOptions["timestampUnit"];
  /** The request body as plain values; throws SerializationException when it is not well-formed. */
  parse(body: Uint8Array): unknown;
  serialize(value: object): string | Uint8Array;
}

const decoder = new TextDecoder();

const JSON_CODEC: WireCodec = {
  contentType: AMZ_JSON,
  timestampUnit: "seconds",
  parse(body) {
    try {
      return JSON.parse(decoder.decode(body));
    } catch {
      throw new SerializationException();
    }
  },
  serialize: (value) => (value instanceof AwsJsonBody ? value.body : toAwsJson(value)),
};

const CBOR_CODEC: WireCodec = {
  contentType: AMZ_CBOR,
  timestampUnit: "milliseconds",
  parse(body) {
    try {
      return decodeCbor(body);
    } catch (error) {
      if (error instanceof CborError) throw new SerializationException();
      throw error;
    }
  },
  serialize: (value) => encodeCbor(value),
};

/** `application/json`: read, to refuse well-formed bodies and malformed ones as AWS does; never served. */
const CORAL_JSON_CODEC: WireCodec = {
  contentType: "application/json",
  timestampUnit: "seconds",
  parse: JSON_CODEC.parse,
  serialize: (error) =>
    JSON.stringify({ Output: { __type: `com.amazon.coral.service#${(error as { __type?: unknown }).__type}` }, Version: "1.0" }),
};

const CODECS: ReadonlyMap<string, WireCodec> = new Map([
  [AMZ_JSON, JSON_CODEC],
  ["application/json", CORAL_JSON_CODEC],
  [AMZ_CBOR, CBOR_CODEC],
]);

/** A request without a body, which AWS answers in CBOR unless it came as JSON 1.1. */
class EmptyBody extends AwsError {}

export async function serveAwsJson(
  request: Request,
  env: Env,
  services: readonly AwsJsonService[],
  clock: Clock,
): Promise<Response> {
  const requestId = crypto.randomUUID();
  const headers = new Headers({ "x-amzn-RequestId": requestId, "x-amz-id-2": randomId() });
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const codec = CODECS.get(contentType);
  // Errors about the request itself (no or unknown content type) are answered in JSON.
  const answer = codec ?? JSON_CODEC;
  try {
    const output = await dispatch(request, env, services, clock, requestId, codec);
    if (output instanceof EventStreamOutput) {
      headers.set("content-type", "application/vnd.amazon.eventstream");
      return new Response(output.body, { status: 200, headers });
    }
    headers.set("content-type", answer.contentType);
    return new Response(output === undefined ? null : answer.serialize(output), { status: 200, headers });
  } catch (error) {
    const awsError = asAwsError(error, requestId);
    if (awsError.status === 403) {
      headers.set("content-type", "text/xml");
      return new Response(xmlError(awsError), { status: 403, headers });
    }
    const format = awsError instanceof EmptyBody && codec !== JSON_CODEC ? CBOR_CODEC : answer;
    headers.set("content-type", format.contentType);
    return new Response(format.serialize(awsError.body()), { status: awsError.status, headers });
  }
}

async function dispatch(
  request: Request,
  env: Env,
  services: readonly AwsJsonService[],
  clock: Clock,
  requestId: string,
  codec: WireCodec | undefined,
): Promise<OperationOutput> {
  // Exactly `<prefix>.<operation>`: anything after a second dot makes it no operation at all.
  const [prefix = "", operationName = "", ...extra] = (request.headers.get("x-amz-target") ?? "").split(".");
  const named = extra.length === 0;
  const service = services.find((candidate) => candidate.targetPrefix === prefix);
  const operation = named && service && Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;

  if (request.method !== "POST") {
    throw new AwsError("AccessDeniedException", "Unable to determine service/operation name to be authorized", 403);
  }
  const body = await readRequestBody(request);
  if (body.byteLength === 0) {
    throw new EmptyBody(operation ? "SerializationException" : "UnknownOperationException", undefined);
  }
  if (codec === undefined) {
    if (!prefix || !operationName) {
      throw new AwsError("AccessDeniedException", "Unable to determine service/operation name to be authorized", 403);
    }
    throw new UnknownOperationException();
  }
  const parsed = codec.parse(body);
  // A JSON object or CBOR map; not an array, a scalar or a CBOR byte string.
  if (typeof parsed !== "object" || parsed === null || Object.getPrototypeOf(parsed) !== Object.prototype) {
    throw new SerializationException();
  }
  if (codec === CORAL_JSON_CODEC) throw new AwsError("UnknownOperationException", undefined, 404);
  if (!service || !operation) throw new UnknownOperationException();

  const caller = await verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body },
    keyPolicy(env.RIVULET_ACCESS_KEYS, isLocalRequest(env, request.url)),
    clock.now(),
    service.signingName,
  );
  return invokeOperation(service, operationName, parsed, {
    env,
    caller,
    clock,
    requestId,
    format: codec === CBOR_CODEC ? "cbor" : "json",
  });
}

/** Who calls an operation, and how: what invokeOperation needs besides the operation and its input. */
export interface Invocation {
  env: Env;
  /** The authenticated caller; its region scopes the call. */
  caller: Caller;
  clock: Clock;
  requestId: string;
  /** The input's wire format (JSON: timestamps in seconds; CBOR: milliseconds). Default JSON. */
  format?: "json" | "cbor";
}

/**
 * Runs one operation of a service once its caller is known: validation against AWS's model, the
 * request context, then the handler (which enforces resource policies). The AWS API reaches it
 * after SigV4; the web console with its session's key (src/console/api.ts): one path for both, so
 * both see the same errors and the same authorisation. Throws AwsError.
 */
export async function invokeOperation(
  service: AwsJsonService,
  operationName: string,
  input: unknown,
  invocation: Invocation,
): Promise<OperationOutput> {
  const operation = Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
  if (!operation) throw new UnknownOperationException();
  if (typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype) {
    throw new SerializationException();
  }
  const format = invocation.format ?? "json";
  const codec = format === "cbor" ? CBOR_CODEC : JSON_CODEC;
  const shape = isLocal(invocation.env) && operation.localInput ? operation.localInput : operation.input;
  const validated = validateInput(shape, input, { timestampUnit: codec.timestampUnit });
  const context: RequestContext = {
    env: invocation.env,
    caller: invocation.caller,
    scope: { account: accountOf(invocation.env), region: invocation.caller.region },
    requestId: invocation.requestId,
    clock: invocation.clock,
    format,
  };
  return operation.handle(validated, context);
}

/** An operation's output (or an error's body) as AWS JSON 1.1 writes it: blobs base64, timestamps epoch seconds. */
export function toAwsJson(value: object): string {
  return value instanceof AwsJsonBody ? new TextDecoder().decode(value.body) : JSON.stringify(wireValue(value));
}

/**
 * An output already written as AWS JSON 1.1 (UTF-8), for an answer too large to go through objects
 * first (GetRecords' 10,000 records). Only for a JSON request (RequestContext.format); answered as
 * it is.
 */
class AwsJsonBody {
  constructor(readonly body: Uint8Array) {}
}

/** Answers `body`, which must be what toAwsJson would write of the operation's output `Output`, in UTF-8. */
export function writtenAwsJson<Output extends object>(body: Uint8Array): Output {
  // Not an Output, but answered as one: the one place where an output's type is not its shape.
  return new AwsJsonBody(body) as unknown as Output;
}

/** Any failure as the AWS error it is answered with: AwsErrors as they are, anything else InternalFailure (logged). */
export function asAwsError(error: unknown, requestId: string): AwsError {
  return error instanceof AwsError ? error : internalFailure(error, requestId);
}

/**
 * The body, read only as far as it needs to be: up to MAX_REQUEST_BYTES for a signed request; for
 * one without any signature only what the checks before authentication need (a longer one is
 * refused for its missing signature without reading on, as it would be once read).
 */
async function readRequestBody(request: Request): Promise<Uint8Array> {
  const signed = carriesSignature(request);
  try {
    return await readBody(request, signed ? MAX_REQUEST_BYTES : MAX_UNSIGNED_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    if (!signed) throw new MissingAuthenticationTokenException("Missing Authentication Token");
    throw new RequestEntityTooLargeException();
  }
}

/**
 * The value with its blobs as base64 and its timestamps as epoch seconds, copying only the objects
 * and arrays on the way to one: JSON.stringify then runs its native path, where a replacer would
 * call back into JavaScript for every member (measured: most of the serialisation of a 500-record
 * PutRecords answer).
 */
function wireValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Uint8Array) return value.toBase64();
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const wire = wireValue(item);
      if (wire !== item) (copy ??= value.slice())[i] = wire;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const member: unknown = (value as Record<string, unknown>)[key];
    const wire = wireValue(member);
    if (wire !== member) (copy ??= { ...value })[key] = wire;
  }
  return copy ?? value;
}

function internalFailure(error: unknown, requestId: string): AwsError {
  console.error(`request ${requestId} failed`, error);
  return new InternalFailure();
}

function xmlError(error: AwsError): string {
  return `<${error.type}>\n  <Message>${error.awsMessage ?? ""}</Message>\n</${error.type}>\n`;
}

const ID_BYTES = 48;
/** Random bytes for x-amz-id-2, drawn 64 answers at a time: a call into the generator per answer was 4% of a PutRecord's JavaScript. */
let idPool = new Uint8Array(0);
let idPoolUsed = 0;

function randomId(): string {
  if (idPoolUsed + ID_BYTES > idPool.length) {
    idPool = crypto.getRandomValues(new Uint8Array(ID_BYTES * 64));
    idPoolUsed = 0;
  }
  idPoolUsed += ID_BYTES;
  return idPool.subarray(idPoolUsed - ID_BYTES, idPoolUsed).toBase64();
}

/**
 * An operation's answer that is an event stream (SubscribeToShard), sent as it is written: `body`
 * carries the model's `Event`s (e.g. SubscribeToShardEventStream) already encoded.
 */
export class EventStreamOutput<Event = unknown> {
  /** Never set: names the events `body` carries, for the compiler. */
  declare readonly event?: Event;
  constructor(readonly body: ReadableStream<Uint8Array>) {}
}

/**
 * A value as AWS JSON carries it (toAwsJson): timestamps as epoch seconds, blobs as base64. What
 * the console and the tests read from an answer whose generated type is `T`.
 */
export type JsonWire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer Item)[]
      ? JsonWire<Item>[]
      : T extends object
        ? { [Key in keyof T]: JsonWire<T[Key]> }
        : T;
