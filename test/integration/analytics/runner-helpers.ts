/**
 * Shared by the Analytics runner tests: application specs built as the registry builds them (the
 * v1 description shapes), application objects driven by RPC with a clock the test owns and steps
 * run as alarms, the stock ticker demo's records, and readers of what outputs wrote.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import type { AnalyticsApplication } from "../../../src/analytics/application";
import type { ApplicationSpec, StartingPositions } from "../../../src/analytics/runner-contract";
import type { InputDescription, OutputDescription, ReferenceDataSourceDescription, SourceSchema } from "../../../src/analytics/shapes-v1.generated";
import { unwrap } from "../../../src/aws/errors";
import { applicationStub } from "../../../src/objects";
import { ACCOUNT, env, ok as kinesisOk, REGION, shardStub, TestClock, uniqueName } from "../client";

export { ACCOUNT, env, REGION };
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/kinesis-analytics`;
export const SOURCE = "SOURCE_SQL_STREAM_001";
export const SECOND = 1000;
export const MINUTE = 60_000;

export const encode = (text: string) => new TextEncoder().encode(text);
export const decode = (data: Uint8Array) => new TextDecoder().decode(data);

// ---------------------------------------------------------------------------------------------
// Specs

/** The stock ticker demo's schema, JSON, as the Developer Guide's sch-mapping.md writes it. */
export function tickerSchema(): SourceSchema {
  return {
    RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
    RecordEncoding: "UTF-8",
    RecordColumns: [
      { Name: "TICKER_SYMBOL", SqlType: "VARCHAR(4)", Mapping: "$.TICKER_SYMBOL" },
      { Name: "SECTOR", SqlType: "VARCHAR(16)", Mapping: "$.SECTOR" },
      { Name: "CHANGE", SqlType: "REAL", Mapping: "$.CHANGE" },
      { Name: "PRICE", SqlType: "REAL", Mapping: "$.PRICE" },
    ],
  };
}

export function kinesisInput(arn: string, options: { schema?: SourceSchema; parallelism?: number; processor?: string; id?: string } = {}): InputDescription {
  const count = options.parallelism ?? 1;
  return {
    InputId: options.id ?? "1.1",
    NamePrefix: "SOURCE_SQL_STREAM",
    InAppStreamNames: Array.from({ length: count }, (_, i) => `SOURCE_SQL_STREAM_${String(i + 1).padStart(3, "0")}`),
    KinesisStreamsInputDescription: { ResourceARN: arn, RoleARN: ROLE },
    InputSchema: options.schema ?? tickerSchema(),
    InputParallelism: { Count: count },
    ...(options.processor !== undefined && {
      InputProcessingConfigurationDescription: { InputLambdaProcessorDescription: { ResourceARN: options.processor, RoleARN: ROLE } },
    }),
  };
}

export function firehoseInput(arn: string, schema: SourceSchema = tickerSchema()): InputDescription {
  return {
    InputId: "1.1",
    NamePrefix: "SOURCE_SQL_STREAM",
    InAppStreamNames: [SOURCE],
    KinesisFirehoseInputDescription: { ResourceARN: arn, RoleARN: ROLE },
    InputSchema: schema,
    InputParallelism: { Count: 1 },
  };
}

type Destination = { kinesis: string } | { firehose: string } | { lambda: string };

export function output(id: string, stream: string, destination: Destination, format: "JSON" | "CSV" = "JSON"): OutputDescription {
  return {
    OutputId: id,
    Name: stream,
    ...("kinesis" in destination && { KinesisStreamsOutputDescription: { ResourceARN: destination.kinesis, RoleARN: ROLE } }),
    ...("firehose" in destination && { KinesisFirehoseOutputDescription: { ResourceARN: destination.firehose, RoleARN: ROLE } }),
    ...("lambda" in destination && { LambdaOutputDescription: { ResourceARN: destination.lambda, RoleARN: ROLE } }),
    DestinationSchema: { RecordFormatType: format },
  };
}

export function spec(name: string, code: string, parts: { inputs: InputDescription[]; outputs?: OutputDescription[]; references?: ReferenceDataSourceDescription[]; version?: number }): ApplicationSpec {
  return {
    applicationName: name,
    applicationArn: `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`,
    versionId: parts.version ?? 1,
    code,
    inputs: parts.inputs,
    outputs: parts.outputs ?? [],
    referenceDataSources: parts.references ?? [],
  };
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

// ---------------------------------------------------------------------------------------------
// Application objects

export interface TestApplication {
  name: string;
  stub: DurableObjectStub<AnalyticsApplication>;
  clock: TestClock;
}

/** A new application object with a frozen clock at `at` (epoch ms). */
export async function newApplication(at: number): Promise<TestApplication> {
  const name = uniqueName("app");
  const clock = new TestClock();
  clock.freeze();
  clock.advance(at - clock.now());
  const app = { name, stub: applicationStub(env, crypto.randomUUID()), clock };
  await useClock(app);
  return app;
}

/** Gives the object the test's clock (again, after an eviction). */
export async function useClock(app: TestApplication): Promise<void> {
  await runInDurableObject(app.stub, (instance: AnalyticsApplication) => {
    instance.clock = app.clock;
  });
}

export async function start(app: TestApplication, applicationSpec: ApplicationSpec, positions: StartingPositions = { "1.1": "TRIM_HORIZON" }): Promise<void> {
  unwrap(await app.stub.start(applicationSpec, positions));
}

/** Runs the object's alarm (one step) now. */
export async function step(app: TestApplication): Promise<void> {
  await useClock(app);
  expect(await runDurableObjectAlarm(app.stub), "the running application has an alarm set").toBe(true);
}

/** Moves the application's time, then steps. */
export async function stepAt(app: TestApplication, at: number): Promise<void> {
  app.clock.advance(at - app.clock.now());
  await step(app);
}

/** Throws away the object's instance, as an eviction or a restart of the process would. */
export async function evict(app: TestApplication): Promise<void> {
  await evictDurableObject(app.stub);
}

/** A time `offset` ms after the start of a minute, an hour ahead of now (so real alarms never fire during the test). */
export function minuteAligned(offset = 0): number {
  return Math.floor((Date.now() + 3_600_000) / MINUTE) * MINUTE + offset;
}

// ---------------------------------------------------------------------------------------------
// Records

export interface Tick {
  TICKER_SYMBOL: string;
  SECTOR: string;
  CHANGE: number;
  PRICE: number;
}

const TICKERS: readonly [string, string][] = [
  ["AMZN", "RETAIL"],
  ["MSFT", "TECHNOLOGY"],
  ["INTC", "TECHNOLOGY"],
  ["TBV", "FINANCIAL"],
  ["WAS", "ENERGY"],
];

/** Deterministic ticks of the demo stream. */
export function ticks(count: number, seed = 1): Tick[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const [ticker, sector] = TICKERS[Math.floor(random() * TICKERS.length)] ?? ["AMZN", "RETAIL"];
    return { TICKER_SYMBOL: ticker, SECTOR: sector, CHANGE: Math.round((random() * 10 - 5) * 100) / 100, PRICE: Math.round((10 + random() * 90) * 100) / 100 };
  });
}

/** Puts records into a Kinesis stream, 500 per PutRecords. */
export async function putRecords(streamName: string, data: readonly (string | object)[], partitionKey = (i: number) => `key-${i}`): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    const records = data.slice(i, i + 500).map((item, j) => ({
      PartitionKey: partitionKey(i + j),
      Data: encode(typeof item === "string" ? item : JSON.stringify(item)).toBase64(),
    }));
    const answer = await kinesisOk<{ FailedRecordCount: number }>("PutRecords", { StreamName: streamName, Records: records });
    expect(answer.FailedRecordCount).toBe(0);
  }
}

/** Every record's data in one shard (read through the shard's own reader). */
export async function shardRecords(stream: { id: string }, index: number): Promise<string[]> {
  const out: string[] = [];
  let after = 0;
  for (;;) {
    const batch = unwrap(await shardStub(stream.id, index).readAfter(after, 10_000, 10 * 1024 * 1024));
    for (const record of batch.records) out.push(decode(record.data));
    if (!batch.more || batch.records.length === 0) break;
    after = batch.last;
  }
  return out;
}

/** Every record's data in a stream's shards, shard by shard. */
export async function streamRecords(stream: { id: string; shardIds: string[] }): Promise<string[]> {
  const out: string[] = [];
  for (let index = 0; index < stream.shardIds.length; index++) out.push(...(await shardRecords(stream, index)));
  return out;
}

export function jsonRows(records: readonly string[]): Record<string, unknown>[] {
  return records.map((record) => JSON.parse(record) as Record<string, unknown>);
}
