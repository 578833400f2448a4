/**
 * The AWS JSON 1.1 protocol, shared by every service of the Worker: `POST /` with
 * `X-Amz-Target: <Service_Version>.<Operation>`, a JSON body, blobs as base64, timestamps as epoch
 * seconds, and errors as `{"__type", "message"}` with AWS's status codes. The order of the checks
 * (method, content type, body, operation, signature, input) is the order AWS answers in.
 *
 * Gaps: CBOR bodies (`application/x-amz-cbor-1.1`) are refused as an unknown content type for now.
 */
import type { Clock } from "../clock";
import type { Env } from "../env";
import { MAX_REQUEST_BYTES } from "../limits";
import { AwsError, InternalFailure, SerializationException, UnknownOperationException } from "./errors";
import { keyPolicy, verifySigV4, type Caller } from "./sigv4";
import { validateInput, type StructureShape } from "./validate";

export interface RequestContext {
  env: Env;
  caller: Caller;
  /** Account and region the request acts in: the region comes from the signature's credential scope. */
  scope: { account: string; region: string };
  requestId: string;
  clock: Clock;
}

export interface OperationDefinition {
  input: StructureShape;
  handle(input: Record<string, unknown>, context: RequestContext): Promise<object | undefined>;
}

export interface AwsJsonService {
  /** The X-Amz-Target prefix, e.g. `Kinesis_20131202`. */
  targetPrefix: string;
  /** The service name in SigV4 credential scopes, e.g. `kinesis`. */
  signingName: string;
  operations: Readonly<Record<string, OperationDefinition>>;
}

const AMZ_JSON = "application/x-amz-json-1.1";
const JSON_TYPES = new Set([AMZ_JSON, "application/json"]);
const DEFAULT_ACCOUNT = "000000000000";

export async function serveAwsJson(
  request: Request,
  env: Env,
  services: readonly AwsJsonService[],
  clock: Clock,
): Promise<Response> {
  const requestId = crypto.randomUUID();
  const headers = new Headers({ "x-amzn-RequestId": requestId, "x-amz-id-2": randomId() });
  try {
    const output = await dispatch(request, env, services, clock, requestId);
    headers.set("content-type", AMZ_JSON);
    return new Response(JSON.stringify(output ?? {}, wireValue), { status: 200, headers });
  } catch (error) {
    const awsError = error instanceof AwsError ? error : internalFailure(error, requestId);
    if (awsError.status === 403) {
      headers.set("content-type", "text/xml");
      return new Response(xmlError(awsError), { status: 403, headers });
    }
    headers.set("content-type", AMZ_JSON);
    return new Response(JSON.stringify(awsError.body()), { status: awsError.status, headers });
  }
}

async function dispatch(
  request: Request,
  env: Env,
  services: readonly AwsJsonService[],
  clock: Clock,
  requestId: string,
): Promise<object | undefined> {
  const [prefix = "", operationName = ""] = (request.headers.get("x-amz-target") ?? "").split(".");
  const service = services.find((candidate) => candidate.targetPrefix === prefix);
  const operation = service && Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;

  if (request.method !== "POST") {
    throw new AwsError("AccessDeniedException", "Unable to determine service/operation name to be authorized", 403);
  }
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const body = await readBody(request);
  if (body.byteLength === 0) {
    throw operation ? new SerializationException() : new UnknownOperationException();
  }
  if (!JSON_TYPES.has(contentType)) {
    if (!prefix || !operationName) {
      throw new AwsError("AccessDeniedException", "Unable to determine service/operation name to be authorized", 403);
    }
    throw new UnknownOperationException();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new SerializationException();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SerializationException();
  if (!operation) throw new UnknownOperationException();

  const caller = await verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body },
    keyPolicy(env.RIVULET_ACCESS_KEYS, env.RIVULET_LOCAL === "1"),
    clock.now(),
    service?.signingName,
  );
  const input = validateInput(operation.input, parsed, { timestampUnit: "seconds" });
  const context: RequestContext = {
    env,
    caller,
    scope: { account: env.RIVULET_ACCOUNT_ID || DEFAULT_ACCOUNT, region: caller.region },
    requestId,
    clock,
  };
  return operation.handle(input, context);
}

async function readBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new AwsError("RequestEntityTooLargeException", undefined, 413);
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_REQUEST_BYTES) throw new AwsError("RequestEntityTooLargeException", undefined, 413);
  return body;
}

/** JSON.stringify replacer: blobs go out as base64 and timestamps as epoch seconds. */
function wireValue(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return value.toBase64();
  if (typeof value === "string" && this && typeof this === "object") {
    const original = (this as Record<string, unknown>)[_key];
    if (original instanceof Date) return original.getTime() / 1000;
  }
  return value;
}

function internalFailure(error: unknown, requestId: string): AwsError {
  console.error(`request ${requestId} failed`, error);
  return new InternalFailure();
}

function xmlError(error: AwsError): string {
  return `<${error.type}>\n  <Message>${error.awsMessage ?? ""}</Message>\n</${error.type}>\n`;
}

function randomId(): string {
  return crypto.getRandomValues(new Uint8Array(48)).toBase64();
}
