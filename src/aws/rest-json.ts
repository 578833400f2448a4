/**
 * AWS's REST-JSON protocol, driven by the generated shapes of a REST-JSON model (Kinesis Video
 * Streams' three APIs, and any hand-made model of the same form): each operation is a method and a
 * path (`POST /createStream`, `POST /getMedia`), its input members travel in the path, the query
 * string, headers or the JSON body as the model's `location`s say, and its answer has the model's
 * status, header members and body (a JSON object, or the payload member: a structure as JSON, or
 * bytes, possibly streamed).
 *
 * A service is one model plus a table of handlers that `satisfies RestJsonTable<Operations>`, so a
 * table missing an operation does not compile; `restJsonService(MODEL, table)` binds them, and
 * app.ts serves every service of its list. A handler takes the validated input and a context
 * (RequestContext plus the request and its origin) and answers the output (a `Payload` member may
 * be a ReadableStream: GetMedia, GetClip) or, where the model cannot say it, a whole Response.
 *
 * Order of the checks, as AWS answers: the route (404 UnknownOperationException), the body's size,
 * the signature (SigV4 for the model's signing name, or the operation's own `authenticate`), the
 * body's JSON, validation (aws/validate.ts, AWS's messages), then the handler.
 *
 * Errors: the status of the thrown AwsError, the type in `x-amzn-ErrorType` (`<type>:<namespace>`,
 * as Kinesis Video Streams sends it; every SDK reads the part before the colon) and a body with the
 * message alone: `{"Message": ...}` for the model's exceptions, `{"message": ...}` for the
 * framework's (signature, validation, serialization), as AWS's Video endpoints write them.
 */
import type { Clock } from "../clock";
import { MAX_REQUEST_BYTES } from "../limits";
import { isLocalRequest } from "../local";
import {
  AwsError,
  RequestEntityTooLargeException,
  RestUnknownOperationException,
  SerializationException,
} from "./errors";
import { accountOf, asAwsError, toAwsJson, type Invocation, type OperationTypes, type RequestContext } from "./protocol";
import { keyPolicy, verifySigV4, type Caller } from "./sigv4";
import { validateInput, type InputShape, type MemberShape, type Shape, type StructureShape } from "./validate";

/** An operation's HTTP binding, as the generated `http` table holds it. */
export interface HttpBinding {
  readonly method: string;
  readonly requestUri: string;
  readonly responseCode: number;
}

/** What a REST-JSON model's generated file (e.g. KINESIS_VIDEO_SHAPES) provides. */
export interface RestJsonModel<Operations extends Record<string, OperationTypes>> {
  readonly signingName: string;
  readonly apiVersion: string;
  readonly operations: { readonly [Op in keyof Operations]: InputShape<Operations[Op]["input"]> };
  readonly http: { readonly [Op in keyof Operations]: HttpBinding };
  readonly outputs: { readonly [Op in keyof Operations]: StructureShape };
}

/** A handler's context: the JSON services' RequestContext, plus the request itself. */
export interface RestRequestContext extends RequestContext {
  /** The request as received; its body is already read unless the operation streams its input. */
  request: Request;
  /** Scheme and host the client addressed (`http://localhost:4567`): this deployment as the client sees it. */
  origin: string;
}

/** What a handler may answer besides its output: a whole Response, for answers the model cannot describe. */
export type RestOutput<T extends OperationTypes> = T["output"] | Response;

export type RestHandler<T extends OperationTypes> = (input: T["input"], context: RestRequestContext) => Promise<RestOutput<T>>;

/** What an authenticator is given: the request, its body (empty when the input streams) and the service's signing name. */
export interface AuthenticationRequest {
  request: Request;
  body: Uint8Array;
  env: Env;
  clock: Clock;
  signingName: string;
}

/** Who is calling, or an AwsError. The default is SigV4 (`sigV4Authenticator`). */
export type Authenticator = (request: AuthenticationRequest) => Promise<Caller>;

/** A table entry that needs more than a handler. */
export interface RestOperationOptions<T extends OperationTypes> {
  handle: RestHandler<T>;
  /** Replaces SigV4 verification for this operation (PutMedia's signature, HLS session tokens). */
  authenticate?: Authenticator;
}

/** One entry per operation of the model: a handler, or a handler with options. */
export type RestJsonTable<Operations extends Record<string, OperationTypes>> = {
  readonly [Op in keyof Operations]: RestHandler<Operations[Op]> | RestOperationOptions<Operations[Op]>;
};

/** SigV4 for the service's signing name, with the deployment's keys (aws/sigv4.ts). */
export const sigV4Authenticator: Authenticator = ({ request, body, env, clock, signingName }) =>
  verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body },
    keyPolicy(env.RIVULET_ACCESS_KEYS, isLocalRequest(env, request.url)),
    clock.now(),
    signingName,
  );

/** One operation, ready to serve. */
interface BoundOperation {
  readonly name: string;
  readonly method: string;
  readonly route: Route;
  readonly successStatus: number;
  /** The input shape that is validated: the model's, without a streaming payload member. */
  readonly input: StructureShape;
  /** The input's streaming payload member, handed to the handler as the request's body stream. */
  readonly streamingInput: MemberShape | undefined;
  readonly output: StructureShape;
  readonly authenticate: Authenticator;
  // A method, so that handlers typed by their own input fit (see OperationDefinition in protocol.ts).
  handle(input: object, context: RestRequestContext): Promise<unknown>;
}

export interface RestJsonService {
  readonly signingName: string;
  /** What follows the error type in `x-amzn-ErrorType`. */
  readonly errorNamespace: string;
  readonly operations: readonly BoundOperation[];
}

/** Binds a model's operations to their handlers. */
export function restJsonService<Operations extends Record<string, OperationTypes>>(
  model: RestJsonModel<Operations>,
  table: RestJsonTable<Operations>,
): RestJsonService {
  const operations = (Object.keys(model.http) as (keyof Operations & string)[]).map((name) =>
    bindOperation(name, model.http[name], model.operations[name], model.outputs[name], table[name]),
  );
  return {
    signingName: model.signingName,
    errorNamespace: `https://${model.signingName}.amazonaws.com/doc/${model.apiVersion}/`,
    operations,
  };
}

function bindOperation<T extends OperationTypes>(
  name: string,
  http: HttpBinding,
  input: InputShape<T["input"]>,
  output: StructureShape,
  entry: RestHandler<T> | RestOperationOptions<T>,
): BoundOperation {
  const options: RestOperationOptions<T> = typeof entry === "function" ? { handle: entry } : entry;
  const payload = input.payload === undefined ? undefined : input.members.find((member) => member.name === input.payload);
  const streamingInput = payload?.shape.type === "blob" && payload.shape.streaming === true ? payload : undefined;
  return {
    name,
    method: http.method,
    route: compileRoute(http.requestUri),
    successStatus: http.responseCode,
    input: streamingInput ? { ...input, members: input.members.filter((member) => member !== streamingInput) } : input,
    streamingInput,
    output,
    authenticate: options.authenticate ?? sigV4Authenticator,
    handle: options.handle,
  };
}

/**
 * Whether a request is for one of these services: its method and path name one of their
 * operations, or it is signed for one of their signing names (so an unknown path is answered in
 * this protocol's words). Requests with `X-Amz-Target` are AWS JSON's, whatever their path.
 */
export function isRestJsonRequest(request: Request, services: readonly RestJsonService[]): boolean {
  if (request.headers.has("x-amz-target")) return false;
  const url = new URL(request.url);
  if (services.some((service) => findOperation(service, request.method, url.pathname))) return true;
  const signedFor = credentialService(request, url);
  return signedFor !== undefined && services.some((service) => service.signingName === signedFor);
}

export async function serveRestJson(
  request: Request,
  env: Env,
  services: readonly RestJsonService[],
  clock: Clock,
): Promise<Response> {
  const requestId = crypto.randomUUID();
  const url = new URL(request.url);
  let namespace = services[0]?.errorNamespace ?? "";
  try {
    const found = route(request, url, services);
    namespace = found.service.errorNamespace;
    return await invoke(found.service, found.operation, found.labels, request, url, env, clock, requestId);
  } catch (error) {
    return errorResponse(asAwsError(error, requestId), requestId, namespace);
  }
}

interface Routed {
  service: RestJsonService;
  operation: BoundOperation;
  labels: Record<string, string>;
}

function route(request: Request, url: URL, services: readonly RestJsonService[]): Routed {
  for (const service of services) {
    const found = findOperation(service, request.method, url.pathname);
    if (found) return { service, ...found };
  }
  throw new RestUnknownOperationException(`${request.method} ${url.pathname} is not an operation of this service.`);
}

function findOperation(
  service: RestJsonService,
  method: string,
  path: string,
): { operation: BoundOperation; labels: Record<string, string> } | undefined {
  for (const operation of service.operations) {
    if (operation.method !== method) continue;
    const labels = operation.route(path);
    if (labels) return { operation, labels };
  }
  return undefined;
}

async function invoke(
  service: RestJsonService,
  operation: BoundOperation,
  labels: Record<string, string>,
  request: Request,
  url: URL,
  env: Env,
  clock: Clock,
  requestId: string,
): Promise<Response> {
  const body = operation.streamingInput ? new Uint8Array() : await readBody(request);
  const caller = await operation.authenticate({ request, body, env, clock, signingName: service.signingName });
  const raw = { ...bodyMembers(operation.input, body), ...locatedMembers(operation.input, request, url, labels) };
  return run(operation, raw, { env, caller, clock, requestId, request });
}

/** Who calls a REST operation: invokeOperation's Invocation (aws/protocol.ts), plus the request it came in. */
export interface RestInvocation extends Invocation {
  /** The request as received: its origin names this deployment in the answer (session URLs, data endpoints). */
  request: Request;
}

/**
 * Runs one operation of a REST-JSON service by name, its input as AWS JSON (every member by name,
 * wherever the wire would carry it; timestamps in epoch seconds), once its caller is known: the
 * web console's way in (src/console/api.ts), as invokeOperation is for the JSON services. The same
 * validation and handler as the wire's, and the same answer: the status, header members and body
 * the API would send. Operations whose input streams (PutMedia) are not run this way. Throws AwsError.
 */
export async function invokeRestOperation(service: RestJsonService, operationName: string, input: unknown, invocation: RestInvocation): Promise<Response> {
  const operation = service.operations.find((candidate) => candidate.name === operationName);
  if (!operation || operation.streamingInput) throw new RestUnknownOperationException(`${operationName} is not an operation the console runs.`);
  if (!isRecord(input)) throw new SerializationException();
  return run(operation, input, invocation);
}

async function run(operation: BoundOperation, raw: Record<string, unknown>, invocation: RestInvocation): Promise<Response> {
  const { env, caller, clock, requestId, request } = invocation;
  const input: Record<string, unknown> = validateInput(operation.input, raw, { timestampUnit: "seconds" });
  if (operation.streamingInput) input[operation.streamingInput.name] = request.body ?? emptyStream();
  const context: RestRequestContext = {
    env,
    caller,
    scope: { account: accountOf(env), region: caller.region },
    requestId,
    clock,
    format: "json",
    request,
    origin: originOf(request),
  };
  const output = await operation.handle(input, context);
  if (output instanceof Response) return withRequestId(output, requestId);
  return writeOutput(operation, isRecord(output) ? output : {}, requestId);
}

/** Scheme and host the client addressed: this deployment as the client sees it. */
function originOf(request: Request): string {
  const url = new URL(request.url);
  return `${url.protocol}//${request.headers.get("host") ?? url.host}`;
}

// ---------------------------------------------------------------------------------------------
// Routes: the model's request URIs, `{Label}` for one path segment and `{Label+}` for the rest

type Route = (path: string) => Record<string, string> | undefined;

function compileRoute(requestUri: string): Route {
  const [pathPart = "/"] = requestUri.split("?");
  const labels: string[] = [];
  const source = pathPart
    .split("/")
    .map((segment) =>
      segment.replace(/\{([^}+]+)(\+?)\}|([^{]+)/g, (_match, label: string | undefined, greedy: string, literal: string | undefined) => {
        if (label === undefined) return escapeRegExp(literal ?? "");
        labels.push(label);
        return greedy === "+" ? "(.+)" : "([^/]+)";
      }),
    )
    .join("/");
  const pattern = new RegExp(`^${source}$`);
  return (path) => {
    const match = pattern.exec(path);
    if (!match) return undefined;
    const values: Record<string, string> = {};
    labels.forEach((label, i) => {
      values[label] = safeDecode(match[i + 1] ?? "");
    });
    return values;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Input: the body's members and those located in the path, query string and headers

async function readBody(request: Request): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) throw new RequestEntityTooLargeException();
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_REQUEST_BYTES) throw new RequestEntityTooLargeException();
  return body;
}

/** The members the body carries: the JSON object's, or the payload member (a structure as JSON, or bytes). */
function bodyMembers(shape: StructureShape, body: Uint8Array): Record<string, unknown> {
  const payload = shape.payload === undefined ? undefined : shape.members.find((member) => member.name === shape.payload);
  if (payload && payload.shape.type !== "structure") {
    if (body.byteLength === 0) return {};
    return { [payload.name]: payload.shape.type === "string" ? new TextDecoder().decode(body) : body };
  }
  const text = new TextDecoder().decode(body);
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SerializationException();
  }
  if (!isRecord(parsed)) throw new SerializationException();
  if (payload) return { [payload.name]: parsed };
  // Members that travel elsewhere are not read from the body.
  const located = new Set(shape.members.filter((member) => member.location !== undefined).map((member) => member.name));
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => !located.has(key)));
}

function locatedMembers(shape: StructureShape, request: Request, url: URL, labels: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const member of shape.members) {
    const name = member.locationName ?? member.name;
    switch (member.location) {
      case "uri":
        if (Object.hasOwn(labels, name)) values[member.name] = fromText(member.shape, labels[name] ?? "");
        break;
      case "querystring": {
        const all = url.searchParams.getAll(name);
        if (all.length === 0) break;
        values[member.name] = member.shape.type === "list" ? all.map((item) => fromText(listMember(member.shape), item)) : fromText(member.shape, all[0] ?? "");
        break;
      }
      case "header": {
        const value = request.headers.get(name);
        if (value === null) break;
        values[member.name] =
          member.shape.type === "list" ? value.split(",").map((item) => fromText(listMember(member.shape), item.trim())) : fromText(member.shape, value);
        break;
      }
      case "headers": {
        const prefix = name.toLowerCase();
        const map: Record<string, string> = {};
        for (const [key, value] of request.headers) if (key.startsWith(prefix)) map[key.slice(prefix.length)] = value;
        if (Object.keys(map).length > 0) values[member.name] = map;
        break;
      }
      case undefined:
        break;
    }
  }
  return values;
}

function listMember(shape: Shape): Shape {
  return shape.type === "list" ? shape.member : shape;
}

/**
 * A path, query or header value as its shape's type, for validation to check. A value that does
 * not read as its type stays text, which validation refuses with AWS's words.
 */
function fromText(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case "integer":
    case "long":
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case "float":
    case "double":
      return text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "timestamp": {
      // Headers carry HTTP dates, query strings ISO 8601; epoch seconds are read too.
      const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
      return Number.isNaN(ms) ? text : new Date(ms);
    }
    default:
      return text;
  }
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

// ---------------------------------------------------------------------------------------------
// Output

function writeOutput(operation: BoundOperation, output: Record<string, unknown>, requestId: string): Response {
  const headers = new Headers({ "x-amzn-RequestId": requestId });
  let status = operation.successStatus;
  const json: Record<string, unknown> = {};
  const shape = operation.output;
  for (const member of shape.members) {
    const value = output[member.name];
    if (value === undefined || value === null || member.name === shape.payload) continue;
    const name = member.locationName ?? member.name;
    switch (member.location) {
      case "header":
        headers.set(name, headerText(value));
        break;
      case "headers":
        if (isRecord(value)) for (const [key, item] of Object.entries(value)) headers.set(`${name}${key}`, headerText(item));
        break;
      case "uri":
      case "querystring":
        break;
      case undefined:
        json[member.name] = value;
        break;
    }
  }
  if (shape.payload !== undefined) {
    const payload = output[shape.payload];
    if (payload instanceof ReadableStream || payload instanceof Uint8Array || typeof payload === "string") {
      if (!headers.has("content-type")) headers.set("content-type", "application/octet-stream");
      return new Response(payload, { status, headers });
    }
    headers.set("content-type", "application/json");
    return new Response(isRecord(payload) ? toAwsJson(payload) : "{}", { status, headers });
  }
  headers.set("content-type", "application/json");
  return new Response(toAwsJson(json), { status, headers });
}

function headerText(value: unknown): string {
  if (value instanceof Date) return value.toUTCString();
  return typeof value === "string" ? value : JSON.stringify(value);
}

function withRequestId(response: Response, requestId: string): Response {
  if (response.headers.has("x-amzn-RequestId")) return response;
  const copy = new Response(response.body, response);
  copy.headers.set("x-amzn-RequestId", requestId);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Errors of AWS's request layer rather than of a model; their body spells the key `message`. */
const FRAMEWORK_ERRORS = new Set([
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "SerializationException",
  "ValidationException",
  "UnknownOperationException",
  "RequestEntityTooLargeException",
  "InternalFailure",
]);

/** REST services answer a refused signature with 403 (AWS JSON's signature errors are thrown with 400). */
const SIGNATURE_ERRORS = new Set([
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
]);

function errorResponse(error: AwsError, requestId: string, namespace: string): Response {
  const key = FRAMEWORK_ERRORS.has(error.type) ? "message" : "Message";
  const body = error.awsMessage === undefined ? {} : { [key]: error.awsMessage };
  return new Response(JSON.stringify(body), {
    status: SIGNATURE_ERRORS.has(error.type) ? 403 : error.status,
    headers: {
      "content-type": "application/json",
      "x-amzn-RequestId": requestId,
      "x-amzn-ErrorType": `${error.type}:${namespace}`,
    },
  });
}

// ---------------------------------------------------------------------------------------------

/** The service a request is signed for (its credential scope), read without verifying anything. */
function credentialService(request: Request, url: URL): string | undefined {
  const authorization = request.headers.get("authorization");
  const credential =
    authorization !== null ? /Credential=([^,\s]*)/.exec(authorization)?.[1] : (url.searchParams.get("X-Amz-Credential") ?? undefined);
  return credential?.split("/")[3];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}
