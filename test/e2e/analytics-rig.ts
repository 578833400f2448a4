/**
 * What the SQL examples' end-to-end tests share: the unmodified Analytics v1 and v2 clients and the
 * Kinesis client on one local server, the stock ticker demo schema (TICKER_SYMBOL, SECTOR, CHANGE,
 * PRICE) as the guide's getting-started exercise discovers it, an application started on a fresh input
 * stream with its output in another stream, and a reader of that output as a consumer would read it.
 *
 * Everything goes through the AWS APIs; nothing reaches into the server.
 */
import {
  AddApplicationReferenceDataSourceCommand,
  CreateApplicationCommand,
  DescribeApplicationCommand,
  KinesisAnalyticsClient,
  StartApplicationCommand,
  type Output,
  type ReferenceDataSource,
  type SourceSchema,
} from "@aws-sdk/client-kinesis-analytics";
import { KinesisAnalyticsV2Client } from "@aws-sdk/client-kinesis-analytics-v2";
import { GetRecordsCommand, PutRecordsCommand, type GetRecordsCommandOutput, type KinesisClient } from "@aws-sdk/client-kinesis";
import { expect } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, createActiveStream, kinesisClient, REGION, shardIterator, sleep, uniqueName, type TestServer } from "./helpers";

export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/kinesis-analytics`;
export const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
export const deliveryStreamArn = (name: string) => `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`;

/** The demo stream's schema as the guide's getting-started exercise shows it after discovery. */
export const TICKER_SCHEMA: SourceSchema = {
  RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
  RecordEncoding: "UTF-8",
  RecordColumns: [
    { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
    { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
    { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "REAL" },
    { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
  ],
};

export interface Tick {
  TICKER_SYMBOL: string;
  SECTOR: string;
  CHANGE: number;
  PRICE: number;
}

export const tick = (TICKER_SYMBOL: string, SECTOR: string, CHANGE: number, PRICE: number): Tick => ({ TICKER_SYMBOL, SECTOR, CHANGE, PRICE });

/** REAL is a 32-bit float: what a price becomes in the application (and comes back as in JSON). */
export const real = (value: number) => Math.fround(value);

export interface Clients {
  v1: KinesisAnalyticsClient;
  v2: KinesisAnalyticsV2Client;
  kinesis: KinesisClient;
  destroy(): void;
}

export function clients(server: Pick<TestServer, "url">): Clients {
  const v1 = new KinesisAnalyticsClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  const v2 = new KinesisAnalyticsV2Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  const kinesis = kinesisClient(server.url);
  return {
    v1,
    v2,
    kinesis,
    destroy: () => {
      v1.destroy();
      v2.destroy();
      kinesis.destroy();
    },
  };
}

/** A one-shard stream, ACTIVE. */
export async function newStream(kinesis: KinesisClient, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await createActiveStream(kinesis, name, 1);
  return name;
}

/** Puts rows as JSON records in one PutRecords call (so one step of the application reads them all). */
export async function putJson(kinesis: KinesisClient, stream: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const answer = await kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: batch.map((row, i) => ({ PartitionKey: `p${i % 7}`, Data: new TextEncoder().encode(JSON.stringify(row)) })),
      }),
    );
    expect(answer.FailedRecordCount).toBe(0);
  }
}

export interface Running {
  name: string;
  /** The input stream ("" for a delivery stream input). */
  input: string;
  /** The stream DESTINATION_SQL_STREAM's rows are written to (or the first output's). */
  output: string;
}

export interface AppOptions {
  code: string;
  schema?: SourceSchema;
  /** Outputs besides DESTINATION_SQL_STREAM into a new stream (named by the in-application stream). */
  outputs?: Output[];
  /** Set to false for an application whose outputs are all in `outputs`. */
  destinationStream?: boolean;
  reference?: ReferenceDataSource;
  /** An existing input stream; a new one otherwise. */
  input?: string;
  /** A delivery stream's ARN to read instead of a stream. */
  firehoseInput?: string;
}

/** Creates (v1) an application reading a stream and writing DESTINATION_SQL_STREAM to another, starts it at TRIM_HORIZON, and waits until it runs. */
export async function startApplication(c: Clients, options: AppOptions): Promise<Running> {
  const input = options.firehoseInput !== undefined ? "" : (options.input ?? (await newStream(c.kinesis, "kda-in")));
  const source = options.firehoseInput !== undefined ? { KinesisFirehoseInput: { ResourceARN: options.firehoseInput, RoleARN: ROLE_ARN } } : { KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN } };
  const output = options.destinationStream === false ? "" : await newStream(c.kinesis, "kda-out");
  const name = uniqueName("kda-app");
  const outputs: Output[] = [...(options.outputs ?? [])];
  if (output) {
    outputs.unshift({ Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(output), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } });
  }
  await c.v1.send(
    new CreateApplicationCommand({
      ApplicationName: name,
      Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", ...source, InputSchema: options.schema ?? TICKER_SCHEMA }],
      Outputs: outputs,
      ApplicationCode: options.code,
    }),
  );
  if (options.reference) {
    await c.v1.send(new AddApplicationReferenceDataSourceCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, ReferenceDataSource: options.reference }));
  }
  await c.v1.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }] }));
  await waitForRunning(c, name);
  return { name, input, output };
}

export async function waitForRunning(c: Clients, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { ApplicationDetail } = await c.v1.send(new DescribeApplicationCommand({ ApplicationName: name }));
    if (ApplicationDetail?.ApplicationStatus === "RUNNING") return;
    await sleep(100);
  }
  throw new Error(`${name} never became RUNNING`);
}

export type Row = Record<string, unknown>;

/** Reads a one-shard output stream from its start, as a consumer would, parsing each record as a JSON row. */
export class OutputReader {
  readonly rows: Row[] = [];
  private iterator: string | undefined;

  constructor(
    private readonly kinesis: KinesisClient,
    private readonly stream: string,
  ) {}

  /** Reads what is there now. */
  async poll(): Promise<Row[]> {
    this.iterator ??= await shardIterator(this.kinesis, { StreamName: this.stream, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    for (;;) {
      const answer: GetRecordsCommandOutput = await this.kinesis.send(new GetRecordsCommand({ ShardIterator: this.iterator }));
      this.iterator = answer.NextShardIterator;
      const records = answer.Records ?? [];
      for (const record of records) this.rows.push(JSON.parse(new TextDecoder().decode(record.Data)) as Row);
      if (records.length === 0) return this.rows;
    }
  }

  /** Polls until `done(rows)` holds, or fails after `timeoutMs` showing what came. */
  async until(done: (rows: Row[]) => boolean, timeoutMs = 30_000): Promise<Row[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (done(await this.poll())) return this.rows;
      if (Date.now() > deadline) throw new Error(`the output stream ${this.stream} did not get the rows expected in ${timeoutMs} ms; it holds ${JSON.stringify(this.rows)}`);
      await sleep(250);
    }
  }

  /** Polls until at least `count` rows came, then waits a little longer to see that no more come. */
  async exactly(count: number, timeoutMs = 30_000, settleMs = 1500): Promise<Row[]> {
    await this.until((rows) => rows.length >= count, timeoutMs);
    await sleep(settleMs);
    return this.poll();
  }
}

/** Sorts rows by the given keys (numbers and strings), for comparing with expectations built in any order. */
export function sortRows<T extends Row>(rows: T[], ...keys: string[]): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const x = a[key] as string | number;
      const y = b[key] as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

/** Milliseconds until the wall clock is `offsetMs` into the next multiple of `periodMs`. */
export function untilPhase(periodMs: number, offsetMs: number): number {
  const now = Date.now();
  const next = Math.floor(now / periodMs) * periodMs + offsetMs;
  return next > now ? next - now : next + periodMs - now;
}
