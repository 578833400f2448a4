/**
 * The targets of the trigger tests: service bindings (RECORDER for batches, FAILURES for OnFailure
 * invocation records) whose handler runs in the test runner's Node process (vitest.config.ts binds
 * them), keeps what it receives and answers as each test scripted. Deliveries are grouped by the
 * stream ARN they carry, so test files and tests never see each other's.
 *
 * Tests talk to it through the same bindings, on /_control/ paths (see triggers/helpers.ts).
 */
export type RecorderKind = "batch" | "failure";

export interface Received {
  kind: RecorderKind;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Script {
  /** Answers for the next deliveries, in order, each used once. */
  responses?: { status: number; body?: unknown }[];
  /** Any batch holding one of these sequence numbers fails with 500, however often it comes. */
  poison?: string[];
}

const received = new Map<string, Received[]>();
const scripts = new Map<string, Script>();

function keyOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const records = (body as { Records?: { eventSourceARN?: string }[] }).Records;
  if (Array.isArray(records)) return records[0]?.eventSourceARN ?? "";
  return (body as { KinesisBatchInfo?: { streamArn?: string } }).KinesisBatchInfo?.streamArn ?? "";
}

function sequenceNumbers(body: unknown): string[] {
  const records = (body as { Records?: { kinesis?: { sequenceNumber?: string } }[] }).Records;
  return Array.isArray(records) ? records.map((record) => record.kinesis?.sequenceNumber ?? "") : [];
}

async function control(url: URL, request: Request): Promise<Response> {
  const key = url.searchParams.get("key") ?? "";
  const kind = url.searchParams.get("kind") ?? "batch";
  if (url.pathname === "/_control/script") {
    scripts.set(`${kind} ${key}`, (await request.json()) as Script);
    return new Response("{}");
  }
  if (url.pathname === "/_control/received") {
    return new Response(JSON.stringify(received.get(key) ?? []), { headers: { "content-type": "application/json" } });
  }
  return new Response("unknown control", { status: 404 });
}

export function recorder(kind: RecorderKind): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/_control/")) return control(url, request);
    const body: unknown = await request.json();
    const key = keyOf(body);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const list = received.get(key) ?? [];
    list.push({ kind, url: request.url, headers, body });
    received.set(key, list);
    const script = scripts.get(`${kind} ${key}`);
    if (script?.poison?.some((sequence) => sequenceNumbers(body).includes(sequence))) {
      return new Response("poisoned", { status: 500 });
    }
    const next = script?.responses?.shift();
    if (next) return new Response(next.body === undefined ? "" : JSON.stringify(next.body), { status: next.status });
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
}
