/**
 * An OpenSearch cluster and a Splunk HTTP Event Collector for the Firehose OpenSearch and Splunk
 * tests, small fakes of their documented APIs, in the test runner's Node process (outbound.ts makes
 * them part of the Worker's outbound service):
 *
 * - https://opensearch.test/<cluster>/_bulk takes OpenSearch's bulk API (NDJSON of action and source
 *   lines; `index` and `create` with `_index`, optional `_id` and `_type`) and answers it as
 *   OpenSearch does: `{"took", "errors", "items": [{"index": {"_index", "_id", "status", "result" |
 *   "error"}}]}`. A source that is not a JSON object, or that has `"poison": true`, fails with 400
 *   mapper_parsing_exception; a script can fail whole requests (429, 5xx) and reject the next items
 *   with 429 es_rejected_execution_exception.
 * - https://splunk.test/<collector>/services/collector/{event,raw,ack} is HEC with indexer
 *   acknowledgement: the token (`Authorization: Splunk <token>`) and the channel header are checked,
 *   events are parsed (Event: concatenated `{"event": ...}` objects; Raw: lines), each request gets an
 *   ackId, and its events count as indexed once an ack poll has answered true for it. A script can
 *   answer requests with errors, acknowledge only after a number of polls, or never.
 *
 * Each test uses its own cluster or collector (the first path segment). Tests read and script them
 * with fetch() on /_control/ paths. vitest.config.ts routes the Worker's requests to these hosts here,
 * and binds BOUND_DOMAIN (boundCluster) as an OpenSearch domain reached through a service binding.
 */
export const OPENSEARCH_HOST = "opensearch.test";
export const SPLUNK_HOST = "splunk.test";
export const HEC_TOKEN = "11111111-2222-3333-4444-555555555555";

// ---------------------------------------------------------------------------------------------
// OpenSearch

export interface StoredDocument {
  index: string;
  id: string;
  type?: string;
  source: Record<string, unknown>;
  /** How many times it was written (1: indexed once). */
  version: number;
}

export interface ClusterScript {
  /** Answers to the next whole bulk requests, each used once (e.g. 429, 503). */
  answers?: { status: number; body?: string }[];
  /** The next this many index items are rejected with 429 es_rejected_execution_exception. */
  rejectItems?: number;
}

export interface ClusterState {
  documents: StoredDocument[];
  /** Every bulk request: how many items it carried, and its content type. */
  requests: { items: number; contentType: string }[];
  /** Every action received, in order (ids as sent). */
  actions: { index?: string; id?: string; type?: string }[];
}

interface Cluster extends ClusterState {
  script: ClusterScript;
  autoIds: number;
}

const clusters = new Map<string, Cluster>();

function cluster(name: string): Cluster {
  let found = clusters.get(name);
  if (!found) {
    found = { documents: [], requests: [], actions: [], script: {}, autoIds: 0 };
    clusters.set(name, found);
  }
  return found;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function itemError(type: string, reason: string) {
  return { type, reason };
}

function bulk(name: string, text: string, contentType: string): Response {
  const state = cluster(name);
  const answer = state.script.answers?.shift();
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  state.requests.push({ items: Math.floor(lines.length / 2), contentType });
  // Every action is recorded, whatever the answer (tests compare the ids of attempts).
  for (let i = 0; i < lines.length; i += 2) {
    try {
      const meta = Object.values(JSON.parse(lines[i] ?? "") as Record<string, { _index?: string; _id?: string; _type?: string }>)[0] ?? {};
      state.actions.push({ index: meta._index, id: meta._id, type: meta._type });
    } catch {
      // Refused below.
    }
  }
  if (answer) return new Response(answer.body ?? JSON.stringify({ error: { type: "fake_failure" }, status: answer.status }), { status: answer.status, headers: { "content-type": "application/json" } });
  if (lines.length % 2 !== 0) {
    return json(400, { error: { type: "illegal_argument_exception", reason: "The bulk request must be terminated by a newline [\\n]" }, status: 400 });
  }
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    let action: Record<string, { _index?: string; _id?: string; _type?: string }>;
    try {
      action = JSON.parse(lines[i] ?? "") as typeof action;
    } catch {
      return json(400, { error: { type: "json_parse_exception", reason: `Unexpected action line ${i}` }, status: 400 });
    }
    const [op, meta] = Object.entries(action)[0] ?? ["", {}];
    const result = (status: number, extra: Record<string, unknown>) => items.push({ [op]: { _index: meta._index, _id: meta._id, status, ...extra } });
    if (op !== "index" && op !== "create") return json(400, { error: { type: "illegal_argument_exception", reason: `Malformed action/metadata line [${i + 1}]` }, status: 400 });
    if (!meta._index) {
      result(400, { error: itemError("action_request_validation_exception", "Validation Failed: 1: index is missing;") });
      continue;
    }
    if ((state.script.rejectItems ?? 0) > 0) {
      state.script.rejectItems = (state.script.rejectItems ?? 0) - 1;
      result(429, { error: itemError("es_rejected_execution_exception", "rejected execution of coordinating operation") });
      continue;
    }
    let source: unknown;
    try {
      source = JSON.parse(lines[i + 1] ?? "");
    } catch {
      source = undefined;
    }
    if (typeof source !== "object" || source === null || Array.isArray(source)) {
      result(400, { error: itemError("mapper_parsing_exception", "failed to parse") });
      continue;
    }
    if ((source as { poison?: unknown }).poison === true) {
      result(400, { error: itemError("mapper_parsing_exception", "failed to parse field [poison] of type [long]") });
      continue;
    }
    const id = meta._id ?? `auto-${++state.autoIds}`;
    const existing = state.documents.find((doc) => doc.index === meta._index && doc.id === id);
    if (existing && op === "create") {
      result(409, { error: itemError("version_conflict_engine_exception", `[${id}]: version conflict, document already exists`) });
      continue;
    }
    if (existing) {
      existing.source = source as Record<string, unknown>;
      existing.version += 1;
      result(200, { _id: id, result: "updated", _version: existing.version });
    } else {
      state.documents.push({ index: meta._index, id, ...(meta._type !== undefined && { type: meta._type }), source: source as Record<string, unknown>, version: 1 });
      result(201, { _id: id, result: "created", _version: 1 });
    }
  }
  const errors = items.some((item) => {
    const value = Object.values(item)[0] as { status: number };
    return value.status >= 300;
  });
  return json(200, { took: 3, errors, items });
}

// ---------------------------------------------------------------------------------------------
// Splunk HEC

export interface CollectorScript {
  /** The token the collector accepts (default HEC_TOKEN). */
  token?: string;
  /** Answers to the next event requests, each used once (e.g. 503 Server is busy). */
  answers?: { status: number; body: string }[];
  /** An ackId becomes true on this poll of it (default 1: the first poll). */
  ackOnPoll?: number;
  /** Acknowledgements never come. */
  neverAck?: boolean;
  /** Success without ackIds (indexer acknowledgement off for the token). */
  ackDisabled?: boolean;
}

export interface CollectorState {
  /** Events acknowledged (indexed), in the order they were acknowledged. */
  indexed: unknown[];
  /** Events of requests not acknowledged (yet). */
  pending: number;
  /** Every event request: path, channel, and how many events it carried. */
  requests: { path: string; channel: string | null; authorization: string | null; events: number }[];
  ackPolls: number;
}

interface Collector {
  script: CollectorScript;
  nextAck: number;
  waiting: Map<number, { events: unknown[]; polls: number }>;
  acked: Set<number>;
  indexed: unknown[];
  requests: CollectorState["requests"];
  ackPolls: number;
}

const collectors = new Map<string, Collector>();

function collector(name: string): Collector {
  let found = collectors.get(name);
  if (!found) {
    found = { script: {}, nextAck: 0, waiting: new Map(), acked: new Set(), indexed: [], requests: [], ackPolls: 0 };
    collectors.set(name, found);
  }
  return found;
}

/** Concatenated JSON objects, as HEC's event endpoint takes them (whitespace between them allowed). */
function splitEvents(text: string): unknown[] | undefined {
  const events: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (char === "}") {
      depth--;
      if (depth === 0) {
        try {
          events.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return undefined;
        }
      }
    } else if (depth === 0 && !/\s/.test(char ?? "")) return undefined;
  }
  return depth === 0 ? events : undefined;
}

function hec(name: string, path: string, request: Request, text: string): Response {
  const state = collector(name);
  const authorization = request.headers.get("authorization");
  const channel = request.headers.get("x-splunk-request-channel");
  const raw = path === "/services/collector/raw";
  const events = raw ? text.split("\n").filter((line) => line !== "") : splitEvents(text);
  // Every request of events is recorded, whatever the answer.
  if (path !== "/services/collector/ack") state.requests.push({ path, channel, authorization, events: events?.length ?? 0 });
  if (authorization === null) return json(401, { text: "Token is required", code: 2 });
  if (authorization !== `Splunk ${state.script.token ?? HEC_TOKEN}`) return json(403, { text: "Invalid token", code: 4 });
  if (channel === null) return json(400, { text: "Data channel is missing", code: 10 });
  if (path === "/services/collector/ack") {
    state.ackPolls += 1;
    const asked = (JSON.parse(text) as { acks?: number[] }).acks ?? [];
    const acks: Record<string, boolean> = {};
    for (const id of asked) {
      const entry = state.waiting.get(id);
      if (entry && !state.script.neverAck) {
        entry.polls += 1;
        if (entry.polls >= (state.script.ackOnPoll ?? 1)) {
          state.indexed.push(...entry.events);
          state.waiting.delete(id);
          state.acked.add(id);
        }
      }
      acks[String(id)] = state.acked.has(id);
    }
    return json(200, { acks });
  }
  const answer = state.script.answers?.shift();
  if (answer) return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
  if (!events || events.length === 0) return json(400, { text: events ? "No data" : "Invalid data format", code: events ? 5 : 6 });
  if (!raw) {
    const missing = events.findIndex((event) => typeof event !== "object" || event === null || !("event" in event));
    if (missing >= 0) return json(400, { text: "Event field is required", code: 12, "invalid-event-number": missing });
  }
  if (state.script.ackDisabled) {
    state.indexed.push(...events);
    return json(200, { text: "Success", code: 0 });
  }
  const ackId = state.nextAck++;
  state.waiting.set(ackId, { events, polls: 0 });
  return json(200, { text: "Success", code: 0, ackId });
}

// ---------------------------------------------------------------------------------------------
// The routes

async function control(url: URL, request: Request): Promise<Response> {
  const name = url.searchParams.get("name") ?? "";
  const kind = url.hostname === OPENSEARCH_HOST ? "cluster" : "collector";
  if (url.pathname === "/_control/script") {
    const script = (await request.json()) as ClusterScript & CollectorScript;
    if (kind === "cluster") cluster(name).script = script;
    else collector(name).script = script;
    return json(200, {});
  }
  if (url.pathname === "/_control/state") {
    if (kind === "cluster") {
      const { documents, requests, actions } = cluster(name);
      return json(200, { documents, requests, actions } satisfies ClusterState);
    }
    const state = collector(name);
    const pending = [...state.waiting.values()].reduce((sum, entry) => sum + entry.events.length, 0);
    return json(200, { indexed: state.indexed, pending, requests: state.requests, ackPolls: state.ackPolls } satisfies CollectorState);
  }
  return new Response("unknown control", { status: 404 });
}

export function isSearchRequest(request: Request): boolean {
  const host = new URL(request.url).hostname;
  return host === OPENSEARCH_HOST || host === SPLUNK_HOST;
}

/** A service binding standing for an OpenSearch domain: what it is sent goes to the cluster `name`. */
export function boundCluster(name: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const init = { method: request.method, headers: request.headers, body: await request.text() };
    return searchEndpoints(new Request(`https://${OPENSEARCH_HOST}/${name}${path}`, init));
  };
}

/** Serves requests to OPENSEARCH_HOST and SPLUNK_HOST. */
export async function searchEndpoints(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/_control/")) return control(url, request);
  const [, name = "", ...rest] = url.pathname.split("/");
  const path = `/${rest.join("/")}`;
  const text = await request.text();
  if (url.hostname === OPENSEARCH_HOST) {
    if (request.method !== "POST" || path !== "/_bulk") return json(404, { error: "no handler found", status: 404 });
    return bulk(name, text, request.headers.get("content-type") ?? "");
  }
  if (request.method !== "POST" || !["/services/collector/event", "/services/collector/raw", "/services/collector/ack"].includes(path)) {
    return json(404, { text: "The requested URL was not found on this server.", code: 404 });
  }
  return hec(name, path, request, text);
}
