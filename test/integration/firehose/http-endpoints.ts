/**
 * The HTTP endpoints of the Firehose HTTP endpoint tests. vitest.config.ts makes this the Worker's
 * outbound service, so every fetch() the Worker makes lands here, in the test runner's Node process:
 * requests to https://http-endpoint.test/<key> are kept (headers, and the body unzipped and parsed)
 * and answered as the test scripted, by default as Firehose's contract asks (200, application/json,
 * `{"requestId": <the request's>, "timestamp": <now>}`); any other request goes on to the network.
 * Each test uses its own key (the URL's path), so tests never see each other's requests.
 *
 * Tests talk to it with fetch() too, on /_control/ paths (see endpointControl below).
 */
export const ENDPOINT_HOST = "http-endpoint.test";

export interface ReceivedRequest {
  method: string;
  headers: Record<string, string>;
  /** The body's size as sent (compressed when Content-Encoding is gzip). */
  bytes: number;
  body: { requestId?: string; timestamp?: number; records?: { data: string }[] };
}

/** One answer. Without `body`, the contract's `{"requestId", "timestamp"}` with `requestId` (default: the request's). */
export interface Answer {
  status?: number;
  contentType?: string;
  body?: string;
  requestId?: string;
}

export interface Script {
  /** Answers for the next requests, in order, each used once. */
  answers?: Answer[];
  /** The answer once `answers` are used up (default: success). */
  otherwise?: Answer;
}

const received = new Map<string, ReceivedRequest[]>();
const scripts = new Map<string, Script>();

function answer(spec: Answer, requestId: string): Response {
  const body = spec.body ?? JSON.stringify({ requestId: spec.requestId ?? requestId, timestamp: Date.now() });
  return new Response(body, { status: spec.status ?? 200, headers: { "content-type": spec.contentType ?? "application/json" } });
}

async function control(url: URL, request: Request): Promise<Response> {
  const key = url.searchParams.get("key") ?? "";
  if (url.pathname === "/_control/script") {
    scripts.set(key, (await request.json()) as Script);
    return Response.json({});
  }
  if (url.pathname === "/_control/received") return Response.json(received.get(key) ?? []);
  return new Response("unknown control", { status: 404 });
}

export async function httpEndpoints(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== ENDPOINT_HOST) return fetch(request);
  if (url.pathname.startsWith("/_control/")) return control(url, request);
  const raw = new Uint8Array(await request.arrayBuffer());
  const gzipped = request.headers.get("content-encoding") === "gzip";
  const plain = gzipped ? new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip")) : new Blob([raw]).stream();
  const text = await new Response(plain).text();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const key = url.pathname;
  const list = received.get(key) ?? [];
  list.push({ method: request.method, headers, bytes: raw.length, body: JSON.parse(text) as ReceivedRequest["body"] });
  received.set(key, list);
  const script = scripts.get(key);
  const next = script?.answers?.shift() ?? script?.otherwise ?? {};
  return answer(next, request.headers.get("x-amz-firehose-request-id") ?? "");
}
