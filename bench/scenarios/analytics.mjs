// Kinesis Data Analytics (SQL applications), Rivulet only: the other servers do not serve it, so their cells
// read "n/a". Applications are made and started with the unmodified @aws-sdk/client-kinesis-analytics; their
// input is a one-shard stream of the stock ticker demo's records (TICKER_SYMBOL, SECTOR, CHANGE, PRICE, ~80 B
// of JSON), their outputs are streams read back with GetRecords.
//
// analytics-throughput: the stream is loaded first, then the application is started at TRIM_HORIZON; the
//   figure is records over the time from StartApplication's answer until the output shows the last record
//   was processed (the last record, and only it, has SECTOR 'END', which a filter pump sends to an output).
//   (a) one application with a filter, a tumbling aggregation (STEP 1 s per ticker) and RANDOM_CUT_FOREST
//       (default parameters, over PRICE and CHANGE), each in its own pump;
//   the filter alone (with the END filter), then
//   (b) the tumbling aggregation alone (with the END filter);
//   (c) the same aggregation as one SQLite GROUP BY (node:sqlite, in memory) over the same rows already in a
//       table, for the ceiling of this design; and the ratio (b) / (c).
// analytics-window-delay: a producer puts a record every 50 ms; an application counts them per 1-second
//   tumbling window and writes ROWTIME (the window's end) with each row; a reader polls the output every
//   10 ms. The figure is the time from a window's end to its row being read, p50 and p99.

import { setTimeout as sleep } from "node:timers/promises";
import { KinesisAnalyticsClient, CreateApplicationCommand, DeleteApplicationCommand, DescribeApplicationCommand, StartApplicationCommand } from "@aws-sdk/client-kinesis-analytics";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { Unsupported, createActiveStream, deleteStreamQuietly, makeClient, putAll } from "../client.mjs";
import { nowMs, percentiles } from "../stats.mjs";

const ROLE_ARN = "arn:aws:iam::000000000000:role/bench";
const ARN = (name) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;
const TICKERS = ["AMZN", "TGT", "QXZ", "WAS", "NFS", "MSFT", "INTC", "AAPL"];
const SECTORS = ["TECHNOLOGY", "RETAIL", "ENERGY", "HEALTHCARE"];
const SCHEMA = {
  RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
  RecordEncoding: "UTF-8",
  RecordColumns: [
    { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
    { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
    { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "REAL" },
    { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
  ],
};

const END_PUMP = `CREATE OR REPLACE STREAM "END_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
CREATE OR REPLACE PUMP "END_PUMP" AS INSERT INTO "END_STREAM"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'END';
`;
const TUMBLING_PUMP = `CREATE OR REPLACE STREAM "PER_SECOND" (ticker_symbol VARCHAR(4), ticker_count INTEGER, avg_price DOUBLE, max_change DOUBLE);
CREATE OR REPLACE PUMP "TUMBLING_PUMP" AS INSERT INTO "PER_SECOND"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count, AVG(price) AS avg_price, MAX(change) AS max_change
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);
`;
const FILTER_PUMP = `CREATE OR REPLACE STREAM "TECH" (ticker_symbol VARCHAR(4), price DOUBLE);
CREATE OR REPLACE PUMP "FILTER_PUMP" AS INSERT INTO "TECH"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECHNOLOGY' AND price > 50;
`;
const RCF_PUMP = `CREATE OR REPLACE STREAM "SCORED" (ticker_symbol VARCHAR(4), price DOUBLE, anomaly_score DOUBLE);
CREATE OR REPLACE PUMP "RCF_PUMP" AS INSERT INTO "SCORED"
  SELECT STREAM ticker_symbol, price, ANOMALY_SCORE
  FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM ticker_symbol, price, change FROM "SOURCE_SQL_STREAM_001")));
`;

/** @param {boolean} quick */
const settings = (quick) => (quick ? { records: 20_000, windows: 10 } : { records: 100_000, windows: 60 });

let counter = 0;

/** @param {string} endpoint */
function analyticsClient(endpoint) {
  return new KinesisAnalyticsClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, maxAttempts: 1 });
}

/** @param {string} server */
function rivuletOnly(server) {
  if (server !== "rivulet") throw new Unsupported(`${server} does not serve Kinesis Data Analytics (not measured)`);
}

/** The demo stream's records; the last is the END marker. @param {number} count */
function tickRecords(count) {
  return Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    const row = {
      TICKER_SYMBOL: TICKERS[i % TICKERS.length],
      SECTOR: last ? "END" : SECTORS[(i * 7) % SECTORS.length],
      CHANGE: ((i * 13) % 41) / 4 - 5,
      PRICE: 20 + ((i * 31) % 400) / 4,
    };
    return { row, entry: { PartitionKey: `k${i % 97}`, Data: Buffer.from(JSON.stringify(row)) } };
  });
}

/**
 * Creates and starts an application reading `input` (TRIM_HORIZON) with `outputs` (in-application stream ->
 * output stream), waits until it runs; answers the time StartApplication answered.
 * @param {KinesisAnalyticsClient} kda @param {string} name @param {string} input @param {string} code
 * @param {Record<string, string>} outputs @param {AbortSignal} signal
 */
async function startApplication(kda, name, input, code, outputs, signal) {
  await kda.send(
    new CreateApplicationCommand({
      ApplicationName: name,
      Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: ARN(input), RoleARN: ROLE_ARN }, InputSchema: /** @type {any} */ (SCHEMA) }],
      Outputs: Object.entries(outputs).map(([stream, target]) => ({ Name: stream, KinesisStreamsOutput: { ResourceARN: ARN(target), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } })),
      ApplicationCode: code,
    }),
    { abortSignal: signal },
  );
  await kda.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }] }), { abortSignal: signal });
  const startedAt = nowMs();
  for (;;) {
    const { ApplicationDetail } = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }), { abortSignal: signal });
    if (ApplicationDetail?.ApplicationStatus === "RUNNING") return startedAt;
    await sleep(20, undefined, { signal });
  }
}

/** @param {KinesisAnalyticsClient} kda @param {string} name */
async function deleteApplicationQuietly(kda, name) {
  try {
    const { ApplicationDetail } = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }));
    await kda.send(new DeleteApplicationCommand({ ApplicationName: name, CreateTimestamp: ApplicationDetail?.CreateTimestamp }));
  } catch {
    // best effort
  }
}

/** A reader of a one-shard stream from its start. @param {import("@aws-sdk/client-kinesis").KinesisClient} kinesis @param {string} stream */
function outputReader(kinesis, stream) {
  /** @type {string | undefined} */
  let iterator;
  return async (/** @type {AbortSignal} */ signal) => {
    iterator ??= (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }), { abortSignal: signal })).ShardIterator;
    const answer = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }), { abortSignal: signal });
    iterator = answer.NextShardIterator;
    return (answer.Records ?? []).map((record) => JSON.parse(Buffer.from(record.Data ?? []).toString("utf8")));
  };
}

/** Loads the records into a new one-shard stream, 4 PutRecords calls at a time. */
async function loadedStream(kinesis, purpose, records, signal) {
  const { streamName } = await createActiveStream(kinesis, purpose, 1);
  const batches = [];
  for (let i = 0; i < records.length; i += 500) batches.push(records.slice(i, i + 500).map((r) => r.entry));
  for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map((batch) => putAll(kinesis, streamName, batch, signal)));
  return streamName;
}

/** Runs one application over a loaded stream until END comes out; answers records/s. */
async function throughputOf({ kinesis, kda, created, apps }, purpose, code, extraOutputs, records, signal, progress) {
  const input = await loadedStream(kinesis, `kda-${purpose}-in`, records, signal);
  created.push(input);
  const end = (await createActiveStream(kinesis, `kda-${purpose}-end`, 1)).streamName;
  created.push(end);
  /** @type {Record<string, string>} */
  const outputs = { END_STREAM: end };
  for (const stream of extraOutputs) {
    const target = (await createActiveStream(kinesis, `kda-${purpose}-out`, 1)).streamName;
    created.push(target);
    outputs[stream] = target;
  }
  const name = `bench-kda-${purpose}-${Date.now().toString(36)}-${++counter}`;
  apps.push(name);
  const bar = progress(`analytics ${purpose}`, 1);
  const startedAt = await startApplication(kda, name, input, code, outputs, signal);
  const read = outputReader(kinesis, end);
  for (;;) {
    if ((await read(signal)).length > 0) break;
    await sleep(10, undefined, { signal });
  }
  bar.set(1);
  return records.length / ((nowMs() - startedAt) / 1000);
}

/** The tumbling query's GROUP BY in SQLite, over the rows in a table; answers records/s. */
async function sqliteGroupBy(records) {
  const { DatabaseSync } = await import("node:sqlite");
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE TABLE ticks (rowtime INTEGER, ticker_symbol TEXT, sector TEXT, change REAL, price REAL)");
  const insert = db.prepare("INSERT INTO ticks VALUES (?, ?, ?, ?, ?)");
  db.exec("BEGIN");
  // ROWTIMEs as the application gives them: a step's rows share one; about 5 steps a second.
  records.forEach(({ row }, i) => insert.run(Math.floor(i / 1000) * 200, row.TICKER_SYMBOL, row.SECTOR, row.CHANGE, row.PRICE));
  db.exec("COMMIT");
  const query = db.prepare(
    "SELECT ticker_symbol, rowtime / 1000 AS window, COUNT(*), AVG(price), MAX(change) FROM ticks GROUP BY ticker_symbol, rowtime / 1000",
  );
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = nowMs();
    query.all();
    best = Math.min(best, nowMs() - started);
  }
  db.close();
  return records.length / (best / 1000);
}

/** @type {import("./index.mjs").Scenario} */
export const analyticsThroughput = {
  name: "analytics-throughput",
  title: "Analytics SQL throughput",
  describe: (quick) =>
    `${settings(quick).records.toLocaleString("en-US")} stock ticker records loaded into a one-shard stream, then an application ` +
    `started at TRIM_HORIZON; records over the time until its last record came out. (a) a filter, a tumbling ` +
    `aggregation (STEP 1 s) and RANDOM_CUT_FOREST in one application; the filter alone; (b) the tumbling aggregation alone; (c) the ` +
    `same GROUP BY in SQLite (node:sqlite, in memory) over the rows already in a table; (b)/(c)`,
  figures: [
    { key: "combinedRecordsPerSecond", label: "Analytics filter + tumbling + RANDOM_CUT_FOREST, one application", unit: "records/s", better: "higher" },
    { key: "filterRecordsPerSecond", label: "Analytics filter", unit: "records/s", better: "higher" },
    { key: "tumblingRecordsPerSecond", label: "Analytics tumbling aggregation", unit: "records/s", better: "higher" },
    { key: "sqliteRecordsPerSecond", label: "The same aggregation as one SQLite GROUP BY", unit: "records/s", better: "higher" },
    { key: "tumblingToSqlite", label: "Analytics tumbling / SQLite GROUP BY", unit: "×", better: "higher" },
  ],
  timeLimitMs: (quick) => (quick ? 240_000 : 900_000),
  async run({ server, endpoint, quick, signal, progress }) {
    rivuletOnly(server);
    const s = settings(quick);
    const kinesis = makeClient(endpoint);
    const kda = analyticsClient(endpoint);
    const context = { kinesis, kda, created: /** @type {string[]} */ ([]), apps: /** @type {string[]} */ ([]) };
    try {
      const records = tickRecords(s.records);
      const combined = await throughputOf(context, "combined", `${END_PUMP}${FILTER_PUMP}${TUMBLING_PUMP}${RCF_PUMP}`, ["PER_SECOND", "TECH"], records, signal, progress);
      const filter = await throughputOf(context, "filter", `${END_PUMP}${FILTER_PUMP}`, ["TECH"], records, signal, progress);
      const tumbling = await throughputOf(context, "tumbling", `${END_PUMP}${TUMBLING_PUMP}`, ["PER_SECOND"], records, signal, progress);
      const sqlite = await sqliteGroupBy(records);
      return {
        figures: { combinedRecordsPerSecond: combined, filterRecordsPerSecond: filter, tumblingRecordsPerSecond: tumbling, sqliteRecordsPerSecond: sqlite, tumblingToSqlite: tumbling / sqlite },
        details: { records: s.records, recordBytes: records[0]?.entry.Data.length },
      };
    } finally {
      for (const app of context.apps) await deleteApplicationQuietly(kda, app);
      for (const stream of context.created) await deleteStreamQuietly(kinesis, stream);
      kda.destroy();
      kinesis.destroy();
    }
  },
};

/** @type {import("./index.mjs").Scenario} */
export const analyticsWindowDelay = {
  name: "analytics-window-delay",
  title: "Analytics window close to output row",
  describe: (quick) =>
    `a record put every 50 ms, counted per 1-second tumbling window by an application writing to a stream polled ` +
    `every 10 ms; the time from a window's end (its row's ROWTIME) to its row being read, over ${settings(quick).windows} windows`,
  figures: [
    { key: "delayP50", label: "Analytics window close to its row read, p50", unit: "ms", better: "lower" },
    { key: "delayP99", label: "Analytics window close to its row read, p99", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 300_000),
  async run({ server, endpoint, quick, signal, progress }) {
    rivuletOnly(server);
    const s = settings(quick);
    const kinesis = makeClient(endpoint);
    const kda = analyticsClient(endpoint);
    /** @type {string[]} */
    const created = [];
    const name = `bench-kda-delay-${Date.now().toString(36)}-${++counter}`;
    try {
      const input = (await createActiveStream(kinesis, "kda-delay-in", 1)).streamName;
      const output = (await createActiveStream(kinesis, "kda-delay-out", 1)).streamName;
      created.push(input, output);
      const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (window_end TIMESTAMP, ticker_count INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ROWTIME AS window_end, COUNT(*) AS ticker_count
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);`;
      await startApplication(kda, name, input, code, { DESTINATION_SQL_STREAM: output }, signal);
      const bar = progress("analytics window delay", s.windows);
      let producing = true;
      const producer = (async () => {
        for (let i = 0; producing; i++) {
          await kinesis.send(new PutRecordCommand({ StreamName: input, PartitionKey: "k", Data: Buffer.from(JSON.stringify({ TICKER_SYMBOL: "AMZN", SECTOR: "RETAIL", CHANGE: 0, PRICE: i })) }), { abortSignal: signal });
          await sleep(50, undefined, { signal });
        }
      })();
      const read = outputReader(kinesis, output);
      /** @type {number[]} */
      const delays = [];
      try {
        // The first window is partial (the application started in it): skip its row.
        let skipped = false;
        while (delays.length < s.windows) {
          for (const row of await read(signal)) {
            const end = Date.parse(`${String(row.WINDOW_END).replace(" ", "T")}Z`);
            if (!skipped) {
              skipped = true;
              continue;
            }
            delays.push(Date.now() - end);
          }
          bar.set(delays.length);
          await sleep(10, undefined, { signal });
        }
      } finally {
        producing = false;
        await producer;
      }
      const p = percentiles(delays, [50, 99]);
      return { figures: { delayP50: p.p50, delayP99: p.p99 }, details: { windows: delays.length, delays } };
    } finally {
      await deleteApplicationQuietly(kda, name);
      for (const stream of created) await deleteStreamQuietly(kinesis, stream);
      kda.destroy();
      kinesis.destroy();
    }
  },
};
