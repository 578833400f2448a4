/**
 * Delivery to Splunk's HTTP Event Collector with indexer acknowledgement, as Firehose does it
 * (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html, and Splunk's "HTTP Event
 * Collector REST API endpoints" and "About HTTP Event Collector Indexer Acknowledgment"):
 *
 * - The Ok records of a batch, after processing, are concatenated as they are (Firehose adds no
 *   delimiters) and POSTed to `<HECEndpoint>/services/collector/event` (HECEndpointType Event: each
 *   record is expected to be a HEC event, `{"event": ...}`) or `/services/collector/raw` (Raw), in
 *   requests of at most SizeInMBs, with `Authorization: Splunk <HECToken>` and the request channel
 *   `X-Splunk-Request-Channel` (one GUID per delivery stream).
 * - HEC answers `{"text": "Success", "code": 0, "ackId": n}`; the events count as delivered once
 *   `/services/collector/ack` answers `{"acks": {"n": true}}`. Acknowledgements are polled a few
 *   times within a delivery attempt (FIREHOSE.splunkAckPollWaitsMs), then by the next attempts (the
 *   delivery queue's backoff), until HECAcknowledgmentTimeoutInSeconds has passed since the request:
 *   then its events failed with Splunk.AckTimeout.
 * - A failed request (an error answer, no answer, no acknowledgement in time) is sent again, and only
 *   its events (destinations/state.ts remembers what was acknowledged and what is awaited), while
 *   RetryOptions.DurationInSeconds, counted from the first failure, lasts. After that the events
 *   still failing go to the S3 configuration's `splunk-failed/` folder as AWS's error records
 *   (attemptsMade, arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData,
 *   EventId), with AWS's error codes and messages (monitoring-with-cloudwatch-logs.html, "Splunk Data
 *   Delivery Errors"), chosen by HEC's status codes.
 *
 * Differences from AWS: an acknowledgement awaited past the end of an attempt is polled at the
 * queue's pace (5 s, doubling); the error output holds the events as they were sent (after processing).
 */
import type { Clock } from "../../clock";
import { FIREHOSE, MIB } from "../limits";
import { derivedUuid } from "../object-names";
import type { ProcessedRecord } from "../records";
import { call, DestinationRetry, hostOf, quoted, recordKey, type DestinationDelivery, type FlushedBatch, type Reply } from "./outbound";
import type { SplunkSettings } from "./splunk";
import { fingerprint, Outcomes, packState, unpackState, type RememberedError, type StateStore } from "./state";

interface Event {
  /** Its place in the batch (the state's outcomes are by place). */
  position: number;
  key: string;
  record: ProcessedRecord;
}

/** The collector and how to talk to it. */
interface Collector {
  base: string;
  headers: Record<string, string>;
  ackTimeoutMs: number;
}

const AWS_MESSAGES = {
  "Splunk.ProxyWithoutStickySessions":
    "If you have a proxy (ELB or other) between Kinesis Data Firehose and the HEC node, you must enable sticky sessions to support HEC ACKs.",
  "Splunk.DisabledToken": "The HEC token is disabled. Enable the token to allow data delivery to Splunk.",
  "Splunk.InvalidToken": "The HEC token is invalid. Update Kinesis Data Firehose with a valid HEC token.",
  "Splunk.InvalidDataFormat":
    "The data is not formatted correctly. To see how to properly format data for Raw or Event HEC endpoints, see Splunk Event Data.",
  "Splunk.InvalidIndex": "The HEC token or input is configured with an invalid index. Check your index configuration and try again.",
  "Splunk.ServerError":
    "Data delivery to Splunk failed due to a server error from the HEC node. Kinesis Data Firehose will retry sending the data if the retry duration in your Kinesis Data Firehose is greater than 0. If all the retries fail, Kinesis Data Firehose backs up the data to Amazon S3.",
  "Splunk.DisabledAck": "Indexer acknowledgement is disabled for the HEC token. Enable indexer acknowledgement and try again.",
  "Splunk.AckTimeout":
    "Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired. Despite the acknowledgement timeout, it's possible the data was indexed successfully in Splunk. Kinesis Firehose backs up in Amazon S3 data for which the acknowledgement timeout expired.",
  "Splunk.ConnectionTimeout":
    "The connection to Splunk timed out. This might be a transient error and the request will be retried. Kinesis Data Firehose backs up the data to Amazon S3 if all retries fail.",
  "Splunk.InvalidEndpoint": "Could not connect to the HEC endpoint. Make sure that the HEC endpoint URL is valid and reachable from Kinesis Data Firehose.",
} as const;

type SplunkErrorCode = keyof typeof AWS_MESSAGES;

const failure = (code: SplunkErrorCode): RememberedError => ({ code, message: AWS_MESSAGES[code] });

/** HEC's status codes (the `code` of its answers) and the error Firehose reports for each. */
const HEC_CODES: Readonly<Record<number, SplunkErrorCode>> = {
  1: "Splunk.DisabledToken", // Token disabled
  2: "Splunk.InvalidToken", // Token is required
  3: "Splunk.InvalidToken", // Invalid authorization
  4: "Splunk.InvalidToken", // Invalid token
  5: "Splunk.InvalidDataFormat", // No data
  6: "Splunk.InvalidDataFormat", // Invalid data format
  7: "Splunk.InvalidIndex", // Incorrect index
  8: "Splunk.ServerError", // Internal server error
  9: "Splunk.ServerError", // Server is busy
  10: "Splunk.ProxyWithoutStickySessions", // Data channel is missing
  11: "Splunk.ProxyWithoutStickySessions", // Invalid data channel
  12: "Splunk.InvalidDataFormat", // Event field is required
  13: "Splunk.InvalidDataFormat", // Event field cannot be blank
  14: "Splunk.DisabledAck", // ACK is disabled
  15: "Splunk.InvalidDataFormat", // Error in handling indexed fields
  16: "Splunk.InvalidToken", // Query string authorization is not enabled
};

const PATHS = { Event: "/services/collector/event", Raw: "/services/collector/raw" } as const;
const ACK_PATH = "/services/collector/ack";

/** A HEC request whose acknowledgement has not come yet: its ackId, when it was sent, its events (ranges of places). */
interface InFlight {
  ackId: number;
  sentMs: number;
  ranges: [number, number][];
}

/** What the destination remembers between attempts of a batch (destinations/state.ts). */
interface Progress {
  /** RetryOptions.DurationInSeconds counts from the first failure (AWS: "starts after the initial attempt ... fails"). */
  firstFailureMs: number | null;
  inFlight: InFlight[];
  /** Milliseconds from each acknowledged request to its acknowledgement (DeliveryToSplunk.DataAckLatency). */
  ackLatenciesMs: number[];
  /** The retry duration ran out: what is not acknowledged goes to the S3 backup, and nothing is sent again. */
  gaveUp: boolean;
  /** Per event: acknowledged, or its latest failure. */
  outcomes: Outcomes;
  /** Per event: how many times it was sent (attemptsMade; at most 255). */
  sends: Uint8Array;
}

interface Header {
  kind: "splunk";
  fingerprint: string;
  firstFailureMs: number | null;
  inFlight: InFlight[];
  ackLatenciesMs: number[];
  gaveUp: boolean;
  errors: RememberedError[];
}

async function loadProgress(store: StateStore, count: number, print: string): Promise<Progress> {
  const packed = await store.load();
  const state = packed ? unpackState(packed) : undefined;
  const header = state?.header as Partial<Header> | undefined;
  const [outcomes, sends] = state?.arrays ?? [];
  if (header?.kind === "splunk" && header.fingerprint === print && outcomes?.byteLength === count && sends?.byteLength === count) {
    return {
      firstFailureMs: header.firstFailureMs ?? null,
      inFlight: header.inFlight ?? [],
      ackLatenciesMs: header.ackLatenciesMs ?? [],
      gaveUp: header.gaveUp === true,
      outcomes: new Outcomes(outcomes, header.errors ?? []),
      sends,
    };
  }
  return { firstFailureMs: null, inFlight: [], ackLatenciesMs: [], gaveUp: false, outcomes: Outcomes.empty(count), sends: new Uint8Array(count) };
}

async function saveProgress(store: StateStore, print: string, progress: Progress): Promise<void> {
  const { firstFailureMs, inFlight, ackLatenciesMs, gaveUp, outcomes, sends } = progress;
  const header: Header = { kind: "splunk", fingerprint: print, firstFailureMs, inFlight, ackLatenciesMs, gaveUp, errors: outcomes.errors };
  await store.save(packState(header, [outcomes.bytes, sends]));
}

/** Places as ranges [from, to). */
function rangesOf(events: readonly Event[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const { position } of events) {
    const last = ranges.at(-1);
    if (last && last[1] === position) last[1] = position + 1;
    else ranges.push([position, position + 1]);
  }
  return ranges;
}

function* placesOf(request: InFlight): Generator<number> {
  for (const [from, to] of request.ranges) for (let place = from; place < to; place++) yield place;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends `records` (the Ok records of a batch, after processing) to the collector. Answers what was
 * acknowledged and what failed for good; throws DestinationRetry while acknowledgements are awaited,
 * or events fail and the retry duration lasts.
 */
export async function sendToSplunk(options: {
  batch: FlushedBatch;
  settings: SplunkSettings;
  records: readonly ProcessedRecord[];
  clock: Clock;
  state: StateStore;
  /** Real-time waits between acknowledgement polls (tests shorten them). */
  wait?: (ms: number) => Promise<void>;
}): Promise<DestinationDelivery> {
  const { batch, settings, clock } = options;
  const events = options.records.map((record, position): Event => ({ position, key: recordKey(record.recordId), record }));
  const print = fingerprint(events.map((event) => event.key));
  const progress = await loadProgress(options.state, events.length, print);
  const { outcomes } = progress;
  const base = settings.HECEndpoint.replace(/\/+$/, "");
  if (!progress.gaveUp) {
    const channel = await derivedUuid([batch.config.account, batch.config.region, batch.config.streamName, "splunk-channel"]);
    const collector: Collector = {
      base,
      headers: {
        ...(settings.HECToken !== undefined && { authorization: `Splunk ${settings.HECToken}` }),
        "x-splunk-request-channel": channel,
      },
      ackTimeoutMs: settings.HECAcknowledgmentTimeoutInSeconds * 1000,
    };
    const retryMs = settings.RetryOptions.DurationInSeconds * 1000;
    // DurationInSeconds 0: AWS makes no retry at all.
    const retrying = () => retryMs > 0 && progress.firstFailureMs !== null && clock.now() < progress.firstFailureMs + retryMs;

    // Acknowledgements of requests sent by earlier attempts, then what is neither acknowledged nor awaited.
    await pollAcks(collector, progress, clock);
    const awaited = new Set(progress.inFlight.flatMap((request) => [...placesOf(request)]));
    const toSend = events.filter(
      (event) => !outcomes.delivered(event.position) && !awaited.has(event.position) && (outcomes.error(event.position) === undefined || retrying()),
    );
    for (const chunk of chunks(toSend, settings.BufferingHints.SizeInMBs * MIB)) {
      await post(collector, settings, chunk, progress, clock);
    }
    const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (const ms of FIREHOSE.splunkAckPollWaitsMs) {
      if (progress.inFlight.length === 0) break;
      await wait(ms);
      await pollAcks(collector, progress, clock);
    }

    const unsettled = events.filter((event) => !outcomes.delivered(event.position));
    if (progress.inFlight.length > 0 || (unsettled.length > 0 && retrying())) {
      await saveProgress(options.state, print, progress);
      const first = unsettled.find((event) => outcomes.error(event.position) !== undefined);
      const why =
        progress.inFlight.length > 0 || !first
          ? `awaiting ${progress.inFlight.length} acknowledgement(s)`
          : `${outcomes.error(first.position)?.code ?? ""} for ${unsettled.length} event(s)`;
      throw new DestinationRetry(`delivery stream ${batch.config.streamName}: Splunk ${why}; retrying`);
    }
    progress.gaveUp = true;
    await saveProgress(options.state, print, progress);
  }
  return settle(settings, base, events, progress);
}

function chunks(events: readonly Event[], limit: number): Event[][] {
  const result: Event[][] = [];
  let current: Event[] = [];
  let size = 0;
  for (const event of events) {
    if (current.length > 0 && size + event.record.data.byteLength > limit) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += event.record.data.byteLength;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** One HEC request: its events are awaited under the ackId HEC answers, or failed. */
async function post(collector: Collector, settings: SplunkSettings, events: readonly Event[], progress: Progress, clock: Clock): Promise<void> {
  const body = new Uint8Array(events.reduce((sum, event) => sum + event.record.data.byteLength, 0));
  let offset = 0;
  for (const event of events) {
    body.set(event.record.data, offset);
    offset += event.record.data.byteLength;
  }
  const reply = await call({
    url: `${collector.base}${PATHS[settings.HECEndpointType]}`,
    init: {
      method: "POST",
      headers: { ...collector.headers, "content-type": settings.HECEndpointType === "Event" ? "application/json" : "text/plain" },
      body,
    },
    timeoutMs: FIREHOSE.splunkTimeoutMs,
    maxResponseBytes: FIREHOSE.splunkMaxResponseBytes,
  });
  const now = clock.now();
  for (const event of events) progress.sends[event.position] = Math.min(255, (progress.sends[event.position] ?? 0) + 1);
  const verdict = sendVerdict(reply);
  if ("ackId" in verdict) {
    progress.inFlight.push({ ackId: verdict.ackId, sentMs: now, ranges: rangesOf(events) });
    return;
  }
  progress.firstFailureMs ??= now;
  for (const event of events) progress.outcomes.markFailed(event.position, verdict);
}

/** What HEC's answer to a request of events means: an ackId to wait for, or AWS's error. */
function sendVerdict(reply: Reply): { ackId: number } | RememberedError {
  switch (reply.kind) {
    case "timed-out":
      return failure("Splunk.ConnectionTimeout");
    case "unreachable":
      return failure("Splunk.InvalidEndpoint");
    case "too-large":
      return failure("Splunk.ServerError");
    case "answered": {
      const answer = jsonObject(reply.text);
      const code = typeof answer?.code === "number" ? answer.code : undefined;
      if (reply.status === 200 && code === 0) {
        // Success without an ackId: the token does not have indexer acknowledgement on.
        return typeof answer?.ackId === "number" ? { ackId: answer.ackId } : failure("Splunk.DisabledAck");
      }
      const known = code === undefined ? undefined : HEC_CODES[code];
      if (known) return failure(known);
      if (reply.status === 401 || reply.status === 403) return failure("Splunk.InvalidToken");
      if (reply.status === 400) return failure("Splunk.InvalidDataFormat");
      return { code: "Splunk.ServerError", message: `${AWS_MESSAGES["Splunk.ServerError"]} ${reply.status}: ${quoted(reply.text)}` };
    }
  }
}

/** Polls the acknowledgements awaited; a request unacknowledged past the timeout fails with Splunk.AckTimeout. */
async function pollAcks(collector: Collector, progress: Progress, clock: Clock): Promise<void> {
  if (progress.inFlight.length === 0) return;
  const reply = await call({
    url: `${collector.base}${ACK_PATH}`,
    init: {
      method: "POST",
      headers: { ...collector.headers, "content-type": "application/json" },
      body: JSON.stringify({ acks: progress.inFlight.map((request) => request.ackId) }),
    },
    timeoutMs: FIREHOSE.splunkTimeoutMs,
    maxResponseBytes: FIREHOSE.splunkMaxResponseBytes,
  });
  const answer = reply.kind === "answered" ? jsonObject(reply.text) : undefined;
  const acks = reply.kind === "answered" && reply.status === 200 && typeof answer?.acks === "object" && answer.acks !== null ? (answer.acks as Record<string, unknown>) : {};
  const ackDisabled = reply.kind === "answered" && answer?.code === 14;
  const now = clock.now();
  const remaining: InFlight[] = [];
  for (const request of progress.inFlight) {
    if (acks[String(request.ackId)] === true) {
      for (const place of placesOf(request)) progress.outcomes.markDelivered(place);
      progress.ackLatenciesMs.push(Math.max(0, now - request.sentMs));
      continue;
    }
    // Polling failed or the answer said false: keep waiting, until the acknowledgement timeout.
    if (ackDisabled || now >= request.sentMs + collector.ackTimeoutMs) {
      progress.firstFailureMs ??= now;
      const error = failure(ackDisabled ? "Splunk.DisabledAck" : "Splunk.AckTimeout");
      for (const place of placesOf(request)) progress.outcomes.markFailed(place, error);
      continue;
    }
    remaining.push(request);
  }
  progress.inFlight = remaining;
}

/** The final tally: acknowledged events delivered, the others failed with AWS's error record members. */
function settle(settings: SplunkSettings, base: string, events: readonly Event[], progress: Progress): DestinationDelivery {
  const failed: ProcessedRecord[] = [];
  let bytes = 0;
  for (const event of events) {
    if (progress.outcomes.delivered(event.position)) {
      bytes += event.record.data.byteLength;
      continue;
    }
    const error = progress.outcomes.error(event.position) ?? failure("Splunk.ServerError");
    failed.push({
      ...event.record,
      result: "ProcessingFailed",
      error: {
        code: error.code,
        message: error.message,
        attempts: progress.sends[event.position] ?? 0,
        destination: { outputType: "splunk-failed", afterRawData: { EventId: event.key } },
      },
    });
  }
  const delivered = events.length - failed.length;
  return {
    delivered,
    failed,
    outcome: {
      metric: "Splunk",
      delivered,
      failed: failed.length,
      bytes,
      entries: delivered > 0 ? [{ target: hostOf(base), name: PATHS[settings.HECEndpointType], records: delivered, bytes }] : [],
      ackLatenciesMs: progress.ackLatenciesMs,
    },
  };
}
