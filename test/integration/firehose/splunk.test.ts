/**
 * The Splunk destination: created, described and updated as AWS does; records sent to a fake HTTP
 * Event Collector in the test runner (search-endpoints.ts) with the token and a request channel,
 * delivered once their acknowledgement comes (polled within an attempt and by later attempts);
 * error answers and acknowledgement timeouts retried within RetryOptions, then the events in
 * splunk-failed/ as AWS's error records. Every test counts: acknowledged + backed up = put.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import type { BatchMessage } from "../../../src/firehose/buffer";
import { deliverBatch } from "../../../src/firehose/delivery";
import {
  BUCKET_ARN,
  call,
  clock,
  createDeliveryStream,
  deliverAll,
  describe as describeStream,
  env,
  objects,
  ok,
  putBatch,
  ROLE_ARN,
  runQueue,
  type TestDeliveryStream,
  uniqueName,
} from "./helpers";
import { HEC_TOKEN } from "./search-endpoints";
import { collectorState, errorRecords, newCollector, numbered, scriptCollector } from "./search-helpers";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function splunkDestination(url: string, prefix: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    HECEndpoint: url,
    HECEndpointType: "Event",
    HECToken: HEC_TOKEN,
    S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
    ...overrides,
  };
}

async function createSplunkStream(overrides: Record<string, unknown> = {}) {
  const collector = newCollector();
  const prefix = `${uniqueName("splunk")}/`;
  const stream = await createDeliveryStream(splunkDestination(collector.url, prefix, overrides), { destinationKey: "SplunkDestinationConfiguration" });
  return { stream, collector, prefix };
}

async function flushAndTake(stream: TestDeliveryStream): Promise<BatchMessage> {
  unwrap(await stream.buffer.flushNow());
  const [message] = stream.outbox.splice(0);
  if (!message) throw new Error("the flush sent no message");
  return message;
}

/** HEC events `{"event": {"tag", "i"}}`, one per record. */
const events = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `${JSON.stringify({ event: { tag, i } })}\n`);
const tagged = (indexed: readonly unknown[]) => indexed.map((item) => {
  const event = (item as { event: { tag: string; i: number } }).event;
  return `${event.tag}:${event.i}`;
}).sort();
const expected = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `${tag}:${i}`).sort();

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("Splunk destinations: the API", () => {
  it("is described as AWS describes it, with the defaults", async () => {
    const { stream, collector, prefix } = await createSplunkStream();
    const destination = (await describeStream(stream.name)).Destinations[0] as unknown as Record<string, unknown>;
    expect(Object.keys(destination).sort()).toEqual(["DestinationId", "SplunkDestinationDescription"]);
    expect(destination.SplunkDestinationDescription).toEqual({
      HECEndpoint: collector.url,
      HECEndpointType: "Event",
      HECToken: HEC_TOKEN,
      HECAcknowledgmentTimeoutInSeconds: 180,
      RetryOptions: { DurationInSeconds: 3600 },
      S3BackupMode: "FailedEventsOnly",
      S3DestinationDescription: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CompressionFormat: "UNCOMPRESSED",
        EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
        CloudWatchLoggingOptions: { Enabled: false },
      },
      CloudWatchLoggingOptions: { Enabled: false },
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 },
    });
  });

  it("refuses an http:// endpoint off loopback, Secrets Manager, and values past the model's limits", async () => {
    const create = (overrides: Record<string, unknown>, url = newCollector().url) =>
      call("CreateDeliveryStream", { DeliveryStreamName: uniqueName("splunk"), SplunkDestinationConfiguration: splunkDestination(url, "x/", overrides) });
    const cases: [Record<string, unknown>, string | undefined, string, RegExp][] = [
      [{}, "http://splunk.example.com:8088", "InvalidArgumentException", /HECEndpoint must use https:\/\//],
      [{}, "not a url", "InvalidArgumentException", /not a valid URL/],
      [{ SecretsManagerConfiguration: { Enabled: true } }, undefined, "InvalidArgumentException", /does not support SecretsManagerConfiguration/],
      [{ BufferingHints: { SizeInMBs: 6 } }, undefined, "ValidationException", /less than or equal to 5/],
      [{ BufferingHints: { IntervalInSeconds: 61 } }, undefined, "ValidationException", /less than or equal to 60/],
      [{ HECAcknowledgmentTimeoutInSeconds: 179 }, undefined, "ValidationException", /greater than or equal to 180/],
    ];
    for (const [overrides, url, type, message] of cases) {
      const response = await create(overrides, url);
      expect(response.body.__type, JSON.stringify(overrides)).toBe(type);
      expect(response.body.message).toMatch(message);
    }
  });

  it("takes UpdateDestination, and S3BackupMode from FailedEventsOnly to AllEvents but not back", async () => {
    const { stream } = await createSplunkStream();
    const moved = newCollector();
    const update = (version: string, member: Record<string, unknown>) =>
      call("UpdateDestination", { DeliveryStreamName: stream.name, CurrentDeliveryStreamVersionId: version, DestinationId: "destinationId-000000000001", SplunkDestinationUpdate: member });
    await ok("UpdateDestination", {
      DeliveryStreamName: stream.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      SplunkDestinationUpdate: { HECEndpoint: moved.url, HECEndpointType: "Raw", S3BackupMode: "AllEvents", HECAcknowledgmentTimeoutInSeconds: 300 },
    });
    const destination = (await describeStream(stream.name)).Destinations[0] as unknown as Record<string, Record<string, unknown>>;
    expect(destination.SplunkDestinationDescription).toMatchObject({
      HECEndpoint: moved.url,
      HECEndpointType: "Raw",
      HECToken: HEC_TOKEN,
      HECAcknowledgmentTimeoutInSeconds: 300,
      S3BackupMode: "AllEvents",
    });
    const back = await update("2", { S3BackupMode: "FailedEventsOnly" });
    expect(back.body.__type).toBe("InvalidArgumentException");
    expect(back.body.message).toBe("S3BackupMode can't be updated from AllEvents to FailedEventsOnly.");
  });
});

describe("Splunk destinations: delivery", () => {
  it("sends events with the token and a channel, and delivers them once acknowledged", async () => {
    const { stream, collector, prefix } = await createSplunkStream();
    await putBatch(stream, events("ack", 25));
    const message = await flushAndTake(stream);
    expect((await runQueue([message])).retryMessages).toEqual([]);
    await putBatch(stream, events("second", 5));
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);

    const state = await collectorState(collector.name);
    expect(tagged(state.indexed)).toEqual([...expected("ack", 25), ...expected("second", 5)].sort());
    expect(state.pending).toBe(0);
    expect(state.requests.map((request) => [request.path, request.authorization, request.events])).toEqual([
      ["/services/collector/event", `Splunk ${HEC_TOKEN}`, 25],
      ["/services/collector/event", `Splunk ${HEC_TOKEN}`, 5],
    ]);
    // One channel for the delivery stream, a GUID as HEC wants it.
    const channels = new Set(state.requests.map((request) => request.channel));
    expect(channels.size).toBe(1);
    expect([...channels][0]).toMatch(GUID);
    expect(await objects(prefix)).toEqual([]);
  });

  it("sends Raw records to /services/collector/raw, concatenated as they are", async () => {
    const { stream, collector } = await createSplunkStream({ HECEndpointType: "Raw" });
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i}\n`);
    await putBatch(stream, lines);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    const state = await collectorState(collector.name);
    expect(state.requests.map((request) => request.path)).toEqual(["/services/collector/raw"]);
    expect(state.indexed).toEqual(lines.map((line) => line.trimEnd()));
  });

  it("waits for an acknowledgement that takes a few polls, within one attempt", async () => {
    const { stream, collector } = await createSplunkStream();
    await scriptCollector(collector.name, { ackOnPoll: 3 });
    await putBatch(stream, events("slow-ack", 10));
    expect((await runQueue([await flushAndTake(stream)])).retryMessages).toEqual([]);
    const state = await collectorState(collector.name);
    expect(state.ackPolls).toBe(3);
    expect(tagged(state.indexed)).toEqual(expected("slow-ack", 10));
  });

  it("flushes by Splunk's own buffering hints", async () => {
    const { stream, collector } = await createSplunkStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } });
    await putBatch(stream, events("hints", 2));
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    expect(tagged((await collectorState(collector.name)).indexed)).toEqual(expected("hints", 2));
  });

  it("with S3BackupMode AllEvents, also writes every source record to the S3 configuration's prefix", async () => {
    const { stream, collector, prefix } = await createSplunkStream({ S3BackupMode: "AllEvents" });
    const data = events("all", 6);
    await putBatch(stream, data);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    expect((await collectorState(collector.name)).indexed).toHaveLength(6);
    const backups = await objects(prefix);
    expect(backups).toHaveLength(1);
    expect(new TextDecoder().decode(backups[0]?.body)).toBe(data.join(""));
  });
});

describe("Splunk destinations: failures", () => {
  it("polls an acknowledgement across attempts, resends after the acknowledgement timeout, then backs the events up (Splunk.AckTimeout)", async () => {
    const { stream, collector, prefix } = await createSplunkStream({ RetryOptions: { DurationInSeconds: 60 } });
    await scriptCollector(collector.name, { neverAck: true });
    const data = events("no-ack", 8);
    await putBatch(stream, data);
    const message = await flushAndTake(stream);

    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/awaiting 1 acknowledgement/);
    clock.advance(100_000);
    // Still within HECAcknowledgmentTimeoutInSeconds (180): polled again, not sent again.
    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/awaiting 1 acknowledgement/);
    expect((await collectorState(collector.name)).requests).toHaveLength(1);
    clock.advance(81_000);
    // Timed out: sent again (the retry duration starts now).
    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/awaiting 1 acknowledgement/);
    expect((await collectorState(collector.name)).requests).toHaveLength(2);
    clock.advance(181_000);
    // Timed out again, and the 60 seconds of retries are over.
    expect(await deliverBatch(env, message, clock)).toMatchObject({ delivered: 0, failed: 8 });

    const failed = await errorRecords(prefix);
    expect(failed.map((record) => record.raw).sort()).toEqual([...data].sort());
    for (const record of failed) {
      expect(record.key.startsWith(`${prefix}splunk-failed/`)).toBe(true);
      expect(record).toMatchObject({ errorCode: "Splunk.AckTimeout", attemptsMade: 2 });
      expect(record.errorMessage).toMatch(/^Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired\./);
      expect(record.EventId).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Object.keys(record).slice(0, 7)).toEqual(["attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp", "rawData", "EventId"]);
    }
    expect(new Set(failed.map((record) => record.EventId)).size).toBe(8);
    expect((await collectorState(collector.name)).indexed).toEqual([]);
    expect(unwrap(await stream.buffer.state()).batches).toEqual([]);
  });

  it("retries a request HEC refused (503 Server is busy) and delivers each event once", async () => {
    const { stream, collector, prefix } = await createSplunkStream();
    await scriptCollector(collector.name, { answers: [{ status: 503, body: '{"text":"Server is busy","code":9}' }] });
    await putBatch(stream, events("busy", 15));
    const message = await flushAndTake(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toEqual([]);
    const state = await collectorState(collector.name);
    expect(state.requests.map((request) => request.events)).toEqual([15, 15]);
    expect(tagged(state.indexed)).toEqual(expected("busy", 15));
    expect(await objects(prefix)).toEqual([]);
  });

  it("backs events up with AWS's error codes: an invalid token, a bad event, acknowledgement disabled", async () => {
    const cases: { overrides: Record<string, unknown>; script: Parameters<typeof scriptCollector>[1]; data: string[]; code: string; message: RegExp }[] = [
      { overrides: { HECToken: "wrong" }, script: {}, data: events("token", 3), code: "Splunk.InvalidToken", message: /^The HEC token is invalid\./ },
      { overrides: {}, script: {}, data: ['{"notAnEvent": 1}'], code: "Splunk.InvalidDataFormat", message: /^The data is not formatted correctly\./ },
      { overrides: {}, script: { ackDisabled: true }, data: events("no-ack", 2), code: "Splunk.DisabledAck", message: /^Indexer acknowledgement is disabled/ },
    ];
    for (const { overrides, script, data, code, message } of cases) {
      const { stream, collector, prefix } = await createSplunkStream({ RetryOptions: { DurationInSeconds: 0 }, ...overrides });
      await scriptCollector(collector.name, script);
      await putBatch(stream, data);
      unwrap(await stream.buffer.flushNow());
      await deliverAll(stream);
      const failed = await errorRecords(`${prefix}splunk-failed/`);
      expect(failed.map((record) => record.raw).sort(), code).toEqual([...data].sort());
      for (const record of failed) {
        expect(record.errorCode).toBe(code);
        expect(record.errorMessage).toMatch(message);
        expect(record.attemptsMade).toBe(1);
      }
    }
  });
});
