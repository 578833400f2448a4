/**
 * Lambda's event source mapping API, so `aws lambda create-event-source-mapping ...` and
 * `@aws-sdk/client-lambda` work unchanged. Lambda speaks REST-JSON:
 *
 *   POST   /2015-03-31/event-source-mappings/         CreateEventSourceMapping (202)
 *   GET    /2015-03-31/event-source-mappings/?EventSourceArn=&FunctionName=&Marker=&MaxItems=
 *                                                      ListEventSourceMappings (200)
 *   GET    /2015-03-31/event-source-mappings/{UUID}   GetEventSourceMapping (200)
 *   PUT    /2015-03-31/event-source-mappings/{UUID}   UpdateEventSourceMapping (202)
 *   DELETE /2015-03-31/event-source-mappings/{UUID}   DeleteEventSourceMapping (202)
 *
 * (the SDKs leave the trailing slash off, the CLI puts it on). Requests are signed with SigV4 for
 * the service `lambda`; the region comes from the signature, as for Kinesis. Errors are answered by
 * errors.ts. Other Lambda operations answer UnknownOperationException.
 */
import { Hono, type Context, type Next } from "hono";
import { InvalidRequestContentException, LambdaUnknownOperationException, SerializationException } from "../aws/errors";
import { accountOf } from "../aws/protocol";
import { keyPolicy, verifySigV4 } from "../aws/sigv4";
import { validateInput, type StructureShape, type Validated } from "../aws/validate";
import { systemClock } from "../clock";
import { MAX_REQUEST_BYTES } from "../limits";
import { isLocalRequest } from "../local";
import { lambdaErrorResponse } from "./errors";
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
  type LambdaContext,
} from "./operations";
import { refuseUnsupported } from "./settings";
import { CREATE_EVENT_SOURCE_MAPPING, LIST_EVENT_SOURCE_MAPPINGS, UPDATE_EVENT_SOURCE_MAPPING } from "./shapes";

type LambdaApi = { Bindings: Env; Variables: { requestId: string; lambda: LambdaContext; body: Uint8Array } };

const MAPPINGS = "/2015-03-31/event-source-mappings";

export const lambdaApi = new Hono<LambdaApi>();

lambdaApi.use("/2015-03-31/*", authenticate);

for (const path of [MAPPINGS, `${MAPPINGS}/`]) {
  lambdaApi.post(path, async (c) => {
    const body = parseBody(c.get("body"));
    refuseUnsupported(body);
    const input = validated(CREATE_EVENT_SOURCE_MAPPING, body);
    return answer(c, await createEventSourceMapping(input, c.get("lambda")), 202);
  });
  lambdaApi.get(path, async (c) => {
    const query: Record<string, unknown> = {};
    for (const member of LIST_EVENT_SOURCE_MAPPINGS.members) {
      const value = member.location === "querystring" ? c.req.query(member.locationName ?? member.name) : undefined;
      // A number that does not read as one stays a string, for validation to refuse as Lambda does.
      if (value !== undefined) query[member.name] = member.shape.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
    }
    const input = validated(LIST_EVENT_SOURCE_MAPPINGS, query);
    return answer(c, await listEventSourceMappings(input, c.get("lambda")), 200);
  });
}

lambdaApi.get(`${MAPPINGS}/:uuid`, async (c) => answer(c, await getEventSourceMapping(c.req.param("uuid"), c.get("lambda")), 200));

lambdaApi.put(`${MAPPINGS}/:uuid`, async (c) => {
  const body = parseBody(c.get("body"));
  refuseUnsupported(body);
  const input = validated(UPDATE_EVENT_SOURCE_MAPPING, { ...body, UUID: c.req.param("uuid") });
  return answer(c, await updateEventSourceMapping(c.req.param("uuid"), input, c.get("lambda")), 202);
});

lambdaApi.delete(`${MAPPINGS}/:uuid`, async (c) => answer(c, await deleteEventSourceMapping(c.req.param("uuid"), c.get("lambda")), 202));

lambdaApi.all("/2015-03-31/*", (c) => {
  throw new LambdaUnknownOperationException(`${c.req.method} ${new URL(c.req.url).pathname} is not an operation Rivulet implements.`);
});

lambdaApi.onError((error, c) => lambdaErrorResponse(error, c.get("requestId") ?? crypto.randomUUID()));

/** Gives the request its id, reads its body and checks its SigV4 signature (service `lambda`). */
async function authenticate(c: Context<LambdaApi>, next: Next): Promise<void> {
  c.set("requestId", crypto.randomUUID());
  const request = c.req.raw;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) {
    throw new InvalidRequestContentException("The request body is too large.");
  }
  const body = new Uint8Array(await request.arrayBuffer());
  const caller = await verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body },
    keyPolicy(c.env.RIVULET_ACCESS_KEYS, isLocalRequest(c.env, request.url)),
    systemClock.now(),
    "lambda",
  );
  c.set("body", body);
  c.set("lambda", { env: c.env, scope: { account: accountOf(c.env), region: caller.region } });
  await next();
}

function parseBody(bytes: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestContentException(`Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestContentException("Could not parse request body into json: the body is not a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** Checks an input against its shape, with Lambda's messages. */
function validated<S extends StructureShape>(shape: S, body: Record<string, unknown>): Validated<S> {
  try {
    return validateInput(shape, body, { timestampUnit: "seconds" });
  } catch (error) {
    if (error instanceof SerializationException) {
      throw new InvalidRequestContentException(`Could not parse request body into json: ${error.awsMessage ?? "malformed input"}`);
    }
    throw error;
  }
}

function answer(c: Context<LambdaApi>, body: object, status: 200 | 202): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-amzn-RequestId": c.get("requestId") },
  });
}
