/**
 * Delivery to an OpenSearch destination through the cluster's bulk API
 * (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html): after the processing chain,
 * each Ok record is one document, `{"index": {"_index", "_type"?, "_id"?}}` and the record on the
 * next line, POSTed to `<endpoint>/_bulk` in requests of at most SizeInMBs. The index is IndexName
 * with the record's arrival time appended per IndexRotationPeriod (index-rotation.ts); `_type` is
 * TypeName when it is not empty; `_id`, with DocumentIdOptions FIREHOSE_DEFAULT (the default), is
 * derived from the record's id, so every attempt sends a record under the same id and the cluster
 * keeps one document per record; NO_DOCUMENT_ID leaves ids to the cluster.
 *
 * The answer's items decide, document by document (OpenSearch's bulk API reference): a 2xx status
 * is indexed; any other (a 429 rejection, a 5xx, a mapping error) failed, as did every document of
 * a request that failed as a whole (no answer, a non-2xx status, an answer that is not a bulk
 * answer). Failed documents are sent again, and only they (destinations/state.ts remembers what the
 * cluster took), while RetryOptions.DurationInSeconds, counted from the first attempt, lasts: each
 * retry is the delivery queue's next attempt of the batch (its backoff: 5 s doubling to 5 minutes).
 * After that the documents still failing go to the S3 configuration's
 * `AmazonOpenSearchService-failed/` folder (`elasticsearch-failed/` for an Elasticsearch
 * destination), each as AWS's error record: attemptsMade, arrivalTimestamp, errorCode (the HTTP
 * status the cluster gave the document), errorMessage (its error), attemptEndingTimestamp,
 * esDocumentId, esIndexName, esTypeName (osDocumentId, osIndexName for OpenSearch Serverless) and
 * rawData.
 *
 * AWS asks for records that are single-line JSON. A record that ends in white space (a newline) is
 * sent without it; one that spans lines is sent as its JSON written on one line, and one that spans
 * lines and is not JSON cannot be framed: it goes to the backup without being sent. Ours: the codes
 * of failures that have no HTTP status, OpenSearch.ConnectionFailed, .RequestTimeout,
 * .InvalidResponse and .MalformedDocument.
 */
import type { Clock } from "../../clock";
import { FIREHOSE, MIB } from "../limits";
import type { ProcessedRecord } from "../records";
import { rotatedIndexName } from "./index-rotation";
import { domainNameOf, resolveCluster, type Cluster, type OpenSearchSettings } from "./opensearch";
import { call, DestinationRetry, hostOf, quoted, recordKey, type DestinationDelivery, type FlushedBatch, type Reply } from "./outbound";
import { fingerprint, Outcomes, packState, unpackState, type RememberedError, type StateStore } from "./state";

interface Document {
  /** Its place in the batch (the state's outcomes are by place). */
  position: number;
  key: string;
  record: ProcessedRecord;
  index: string;
  /** `_id`, unless the cluster assigns ids (NO_DOCUMENT_ID). */
  id: string | null;
  /** The action line and the source line; undefined when the record cannot be framed as one line. */
  lines: Uint8Array | undefined;
}

const MALFORMED: RememberedError = {
  code: "OpenSearch.MalformedDocument",
  message: "The record is not a single line of JSON, and spans lines: it cannot be sent in a bulk request. Flatten records to single-line JSON objects.",
};

const encoder = new TextEncoder();

/** The record as one line of source: its text without trailing white space, or its JSON on one line. */
function sourceLine(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data).replace(/\s+$/u, "");
  if (text === "") return undefined;
  if (!/[\r\n]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function documents(settings: OpenSearchSettings, records: readonly ProcessedRecord[]): Document[] {
  const ids = settings.DocumentIdOptions?.DefaultDocumentIdFormat !== "NO_DOCUMENT_ID";
  const type = settings.TypeName ? settings.TypeName : undefined;
  const seen = new Set<string>();
  return records.map((record, position) => {
    let key = recordKey(record.recordId);
    // Record ids are unique within a stream; this only guards the state's bookkeeping.
    for (let n = 1; seen.has(key); n++) key = `${recordKey(record.recordId)}~${n}`;
    seen.add(key);
    const index = rotatedIndexName(settings.IndexName, settings.IndexRotationPeriod, record.arrivalMs);
    const source = sourceLine(record.data);
    const action = { index: { _index: index, ...(type !== undefined && { _type: type }), ...(ids && { _id: key }) } };
    return {
      position,
      key,
      record,
      index,
      id: ids ? key : null,
      lines: source === undefined ? undefined : encoder.encode(`${JSON.stringify(action)}\n${source}\n`),
    };
  });
}

/** What the destination remembers between attempts of a batch (destinations/state.ts). */
interface Progress {
  /** RetryOptions.DurationInSeconds counts from the first attempt (AWS: "including the first attempt"). */
  firstAttemptMs: number;
  /** Bulk attempts made (attemptsMade of the failed documents). */
  attempts: number;
  /** The retry duration ran out: what is not indexed goes to the S3 backup, and nothing is sent again. */
  gaveUp: boolean;
  outcomes: Outcomes;
}

interface Header {
  kind: "opensearch";
  fingerprint: string;
  firstAttemptMs: number;
  attempts: number;
  gaveUp: boolean;
  errors: RememberedError[];
}

async function loadProgress(store: StateStore, docs: readonly Document[], print: string, now: number): Promise<Progress> {
  const packed = await store.load();
  const state = packed ? unpackState(packed) : undefined;
  const header = state?.header as Partial<Header> | undefined;
  const outcomes = state?.arrays[0];
  if (header?.kind === "opensearch" && header.fingerprint === print && outcomes?.byteLength === docs.length) {
    return {
      firstAttemptMs: header.firstAttemptMs ?? now,
      attempts: header.attempts ?? 0,
      gaveUp: header.gaveUp === true,
      outcomes: new Outcomes(outcomes, header.errors ?? []),
    };
  }
  return { firstAttemptMs: now, attempts: 0, gaveUp: false, outcomes: Outcomes.empty(docs.length) };
}

async function saveProgress(store: StateStore, print: string, progress: Progress): Promise<void> {
  const { firstAttemptMs, attempts, gaveUp, outcomes } = progress;
  const header: Header = { kind: "opensearch", fingerprint: print, firstAttemptMs, attempts, gaveUp, errors: outcomes.errors };
  await store.save(packState(header, [outcomes.bytes]));
}

/**
 * Indexes `records` (the Ok records of a batch, after processing). Answers what was indexed and
 * what failed for good; throws DestinationRetry while documents fail and the retry duration lasts.
 */
export async function sendToOpenSearch(options: {
  env: Env;
  batch: FlushedBatch;
  settings: OpenSearchSettings;
  records: readonly ProcessedRecord[];
  clock: Clock;
  state: StateStore;
}): Promise<DestinationDelivery> {
  const { env, batch, settings, clock } = options;
  const docs = documents(settings, options.records);
  const print = fingerprint(docs.map((doc) => doc.key));
  const progress = await loadProgress(options.state, docs, print, clock.now());
  const { outcomes } = progress;
  if (!progress.gaveUp) {
    for (const doc of docs) if (doc.lines === undefined) outcomes.markFailed(doc.position, MALFORMED);
    const toSend = docs.filter((doc) => doc.lines !== undefined && !outcomes.delivered(doc.position));
    if (toSend.length > 0) {
      progress.attempts += 1;
      await index(env, settings, toSend, outcomes);
    }
    const pending = docs.filter((doc) => doc.lines !== undefined && !outcomes.delivered(doc.position));
    const retryMs = settings.RetryOptions.DurationInSeconds * 1000;
    const deadline = progress.firstAttemptMs + retryMs;
    // DurationInSeconds 0: AWS makes no retry at all.
    if (pending.length > 0 && retryMs > 0 && clock.now() < deadline) {
      await saveProgress(options.state, print, progress);
      const first = pending[0];
      const error = (first && outcomes.error(first.position)) ?? MALFORMED;
      throw new DestinationRetry(
        `delivery stream ${batch.config.streamName}: ${pending.length} document(s) not indexed (${error.code}: ${error.message}); ` +
          `retrying until ${new Date(deadline).toISOString()}`,
      );
    }
    progress.gaveUp = true;
    await saveProgress(options.state, print, progress);
  }
  return settle(settings, docs, progress, resolveCluster(env, settings));
}

/** Sends the documents in bulk requests of at most SizeInMBs, noting each document's fate in `outcomes`. */
async function index(env: Env, settings: OpenSearchSettings, docs: readonly Document[], outcomes: Outcomes): Promise<void> {
  const cluster = resolveCluster(env, settings);
  const limit = settings.BufferingHints.SizeInMBs * MIB;
  for (const chunk of chunks(docs, limit)) {
    const verdicts = cluster
      ? await bulk(cluster, chunk)
      : chunk.map(() => ({ code: "OpenSearch.ConnectionFailed", message: "The cluster the destination names is not reachable from this Worker (its binding or mapping is gone)." }));
    for (const [i, doc] of chunk.entries()) {
      const verdict = verdicts[i];
      if (verdict === "indexed") outcomes.markDelivered(doc.position);
      else if (verdict) outcomes.markFailed(doc.position, verdict);
    }
  }
}

function chunks(docs: readonly Document[], limit: number): Document[][] {
  const result: Document[][] = [];
  let current: Document[] = [];
  let size = 0;
  for (const doc of docs) {
    const bytes = doc.lines?.byteLength ?? 0;
    if (current.length > 0 && size + bytes > limit) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(doc);
    size += bytes;
  }
  if (current.length > 0) result.push(current);
  return result;
}

type Verdict = "indexed" | RememberedError;

/** One bulk request; a verdict per document, in order. */
async function bulk(cluster: Cluster, docs: readonly Document[]): Promise<Verdict[]> {
  const body = new Uint8Array(docs.reduce((sum, doc) => sum + (doc.lines?.byteLength ?? 0), 0));
  let offset = 0;
  for (const doc of docs) {
    if (!doc.lines) continue;
    body.set(doc.lines, offset);
    offset += doc.lines.byteLength;
  }
  const base = cluster.base.endsWith("/") ? cluster.base : `${cluster.base}/`;
  const reply = await call({
    url: new URL("_bulk", base).href,
    init: { method: "POST", headers: { "content-type": "application/x-ndjson" }, body },
    ...(cluster.kind === "service" && { fetcher: cluster.fetcher }),
    timeoutMs: FIREHOSE.openSearchTimeoutMs,
    maxResponseBytes: FIREHOSE.openSearchResponseBaseBytes + docs.length * FIREHOSE.openSearchResponseBytesPerDocument,
  });
  const whole = requestFailure(reply);
  if (whole) return docs.map(() => whole);
  const items = reply.kind === "answered" ? bulkItems(reply.text, docs.length) : undefined;
  if (!items) {
    const text = reply.kind === "answered" ? reply.text : "";
    return docs.map(() => ({ code: "OpenSearch.InvalidResponse", message: `The cluster's answer is not a bulk answer for ${docs.length} document(s): ${quoted(text)}` }));
  }
  return items;
}

/** A failure of the whole request, or undefined when the cluster answered 2xx. */
function requestFailure(reply: Reply): RememberedError | undefined {
  switch (reply.kind) {
    case "timed-out":
      return { code: "OpenSearch.RequestTimeout", message: "The cluster did not answer the bulk request within 3 minutes." };
    case "unreachable":
      return { code: "OpenSearch.ConnectionFailed", message: `A connection could not be established with the cluster: ${reply.detail}` };
    case "too-large":
      return { code: "OpenSearch.InvalidResponse", message: `The cluster's answer (status ${reply.status}) is too large.` };
    case "answered":
      return reply.status >= 200 && reply.status < 300 ? undefined : { code: String(reply.status), message: quoted(reply.text) };
  }
}

/** The per-document verdicts of a bulk answer (`{"errors", "items": [{"index": {"status", "error"}}]}`), or undefined when it is none. */
function bulkItems(text: string, count: number): Verdict[] | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  const items = typeof answer === "object" && answer !== null ? (answer as { items?: unknown }).items : undefined;
  if (!Array.isArray(items) || items.length !== count) return undefined;
  const verdicts: Verdict[] = [];
  for (const item of items) {
    const result = typeof item === "object" && item !== null ? Object.values(item as Record<string, unknown>)[0] : undefined;
    if (typeof result !== "object" || result === null) return undefined;
    const { status, error } = result as { status?: unknown; error?: unknown };
    if (typeof status !== "number") return undefined;
    verdicts.push(status >= 200 && status < 300 ? "indexed" : { code: String(status), message: JSON.stringify(error ?? result) });
  }
  return verdicts;
}

/** The final tally: indexed documents delivered, the others failed with AWS's error record members. */
function settle(settings: OpenSearchSettings, docs: readonly Document[], progress: Progress, cluster: Cluster | undefined): DestinationDelivery {
  const serverless = settings.kind === "AmazonOpenSearchServerless";
  const outputType = settings.kind === "Elasticsearch" ? "elasticsearch-failed" : "AmazonOpenSearchService-failed";
  const failed: ProcessedRecord[] = [];
  const byIndex = new Map<string, { records: number; bytes: number }>();
  let bytes = 0;
  for (const doc of docs) {
    if (progress.outcomes.delivered(doc.position)) {
      const entry = byIndex.get(doc.index) ?? { records: 0, bytes: 0 };
      entry.records += 1;
      entry.bytes += doc.record.data.byteLength;
      bytes += doc.record.data.byteLength;
      byIndex.set(doc.index, entry);
      continue;
    }
    const error = progress.outcomes.error(doc.position) ?? MALFORMED;
    const members: Record<string, string | null> = serverless
      ? { osDocumentId: doc.id, osIndexName: doc.index }
      : { esDocumentId: doc.id, esIndexName: doc.index, esTypeName: settings.TypeName ? settings.TypeName : null };
    failed.push({
      ...doc.record,
      result: "ProcessingFailed",
      error: { code: error.code, message: error.message, attempts: doc.lines ? progress.attempts : 0, destination: { outputType, beforeRawData: members } },
    });
  }
  const target = cluster ? hostOf(cluster.base) : settings.DomainARN ? domainNameOf(settings.DomainARN) : "";
  return {
    delivered: docs.length - failed.length,
    failed,
    outcome: {
      metric: serverless ? "AmazonOpenSearchServerless" : "AmazonOpenSearchService",
      delivered: docs.length - failed.length,
      failed: failed.length,
      bytes,
      entries: [...byIndex].map(([name, entry]) => ({ target, name, ...entry })),
    },
  };
}
