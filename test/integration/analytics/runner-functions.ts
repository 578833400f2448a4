/**
 * Functions for the Analytics runner tests, bound to the Worker as service bindings
 * (vitest.config.ts); their handlers run in the test runner's Node process, keep what they
 * receive (by applicationArn, so tests never see each other's) and answer with KDA's contracts:
 *
 * - KDA_PREPROCESS (InputLambdaProcessor): a record `TICKER,SECTOR,CHANGE,PRICE` becomes the JSON
 *   document {"TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE"}; `drop` is Dropped, `fail` is
 *   ProcessingFailed, and `twice:<csv>` becomes two documents in one record.
 * - KDA_OUTPUT (LambdaOutput): answers Ok for every record, unless a test scripted otherwise
 *   (`failNext`: that many invocations answer 500; `refuse`: records whose data contains one of
 *   these strings are answered DeliveryFailed, once each).
 *
 * Tests read what they received, and script them, on /_control/ paths.
 */

interface Received {
  body: unknown;
}

interface Script {
  failNext?: number;
  refuse?: string[];
}

const received = new Map<string, Received[]>();
const scripts = new Map<string, Script>();

const decode = (data: string) => new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
const encode = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

interface KdaEvent {
  applicationArn: string;
  records: { recordId: string; data: string }[];
}

async function control(url: URL, request: Request): Promise<Response> {
  const key = url.searchParams.get("key") ?? "";
  if (url.pathname === "/_control/script") {
    scripts.set(key, (await request.json()) as Script);
    return new Response("{}");
  }
  if (url.pathname === "/_control/received") return Response.json(received.get(key) ?? []);
  return new Response("unknown control", { status: 404 });
}

function keep(event: KdaEvent): void {
  const list = received.get(event.applicationArn) ?? [];
  list.push({ body: event });
  received.set(event.applicationArn, list);
}

function documentOf(csv: string): string {
  const [ticker = "", sector = "", change = "", price = ""] = csv.split(",");
  return JSON.stringify({ TICKER_SYMBOL: ticker, SECTOR: sector, CHANGE: Number(change), PRICE: Number(price) });
}

export async function kdaPreprocess(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/_control/")) return control(url, request);
  const event = (await request.json()) as KdaEvent;
  keep(event);
  const records = event.records.map((record) => {
    const text = decode(record.data).trim();
    if (text === "drop") return { recordId: record.recordId, result: "Dropped" };
    if (text === "fail") return { recordId: record.recordId, result: "ProcessingFailed" };
    if (text.startsWith("twice:")) {
      const doc = documentOf(text.slice("twice:".length));
      return { recordId: record.recordId, result: "Ok", data: encode(`${doc}\n${doc}`) };
    }
    return { recordId: record.recordId, result: "Ok", data: encode(documentOf(text)) };
  });
  return Response.json({ records });
}

const refused = new Set<string>();

export async function kdaOutput(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/_control/")) return control(url, request);
  const event = (await request.json()) as KdaEvent;
  keep(event);
  const script = scripts.get(event.applicationArn) ?? {};
  if ((script.failNext ?? 0) > 0) {
    script.failNext = (script.failNext ?? 0) - 1;
    return new Response("boom", { status: 500 });
  }
  const records = event.records.map((record) => {
    const text = decode(record.data);
    const match = script.refuse?.find((needle) => text.includes(needle));
    if (match !== undefined && !refused.has(`${event.applicationArn} ${text}`)) {
      refused.add(`${event.applicationArn} ${text}`);
      return { recordId: record.recordId, result: "DeliveryFailed" };
    }
    return { recordId: record.recordId, result: "Ok" };
  });
  return Response.json({ records });
}
