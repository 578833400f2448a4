/**
 * The SQL Developer Guide's examples, as AWS wrote them, run by the real local server (`npm start`)
 * through the unmodified `@aws-sdk/client-kinesis-analytics` and `@aws-sdk/client-kinesis`: the
 * getting-started exercise's continuous filters, sliding windows, anomaly detection with
 * RANDOM_CUT_FOREST, the most frequent values, distinct counts, a reference data join with an object
 * put through the S3 API, log parsing, and bad SQL refused with its line and column. Each expected
 * result is computed here from the records the test put.
 */
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateApplicationCommand, StartApplicationCommand } from "@aws-sdk/client-kinesis-analytics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANY_CREDENTIALS, expectAwsError, REGION, removeDir, startServer, tempDir, uniqueName, type TestServer } from "./helpers";
import { clients, newStream, OutputReader, putJson, ROLE_ARN, startApplication, streamArn, tick, TICKER_SCHEMA, type Clients, type Tick } from "./analytics-rig";

let dir: string | undefined;
let server: TestServer | undefined;
let c: Clients;

beforeAll(async () => {
  dir = tempDir("analytics-sql");
  server = await startServer({ persistDir: dir });
  c = clients(server);
});

afterAll(async () => {
  c?.destroy();
  await server?.close();
  removeDir(dir);
});

const TICKERS = ["AMZN", "TGT", "QXZ", "WAS", "NFS"];
const SECTORS: Record<string, string> = { AMZN: "RETAIL", TGT: "RETAIL", QXZ: "TECHNOLOGY", WAS: "HEALTHCARE", NFS: "ENERGY" };

/** Ticks of the demo stream's tickers, with prices and changes a REAL holds exactly (quarters). */
function demoTicks(count: number, seed = 1): Tick[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => {
    const symbol = TICKERS[Math.floor(next() * TICKERS.length)] as string;
    // (+ 0 makes a negative zero a zero, as JSON writes it.)
    return tick(symbol, SECTORS[symbol] as string, Math.round((next() - 0.5) * 40) / 4 + 0, 10 + Math.round(next() * 400) / 4 + (i % 3));
  });
}

describe("continuous filters (the getting-started exercise's code)", () => {
  it("sends each ticker's rows to its own in-application stream and output", async () => {
    const amzn = await newStream(c.kinesis, "kda-amzn");
    const tgt = await newStream(c.kinesis, "kda-tgt");
    const code = `CREATE OR REPLACE STREAM "AMZN_STREAM" 
           (ticker_symbol VARCHAR(4), 
            change        DOUBLE, 
            price         DOUBLE);

CREATE OR REPLACE PUMP "AMZN_PUMP" AS 
   INSERT INTO "AMZN_STREAM"
      SELECT STREAM ticker_symbol, change, price 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  ticker_symbol SIMILAR TO '%AMZN%';

CREATE OR REPLACE STREAM "TGT_STREAM" 
           (ticker_symbol VARCHAR(4), 
            change        DOUBLE, 
            price         DOUBLE);

CREATE OR REPLACE PUMP "TGT_PUMP" AS 
   INSERT INTO "TGT_STREAM"
      SELECT STREAM ticker_symbol, change, price 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  ticker_symbol SIMILAR TO '%TGT%';`;
    const output = (name: string, stream: string) => ({ Name: name, KinesisStreamsOutput: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" as const } });
    const app = await startApplication(c, { code, destinationStream: false, outputs: [output("AMZN_STREAM", amzn), output("TGT_STREAM", tgt)] });
    const ticks = demoTicks(200);
    await putJson(c.kinesis, app.input, ticks);

    const expected = (symbol: string) => ticks.filter((t) => t.TICKER_SYMBOL === symbol).map((t) => ({ TICKER_SYMBOL: symbol, CHANGE: t.CHANGE, PRICE: t.PRICE }));
    expect(expected("AMZN").length).toBeGreaterThan(10);
    expect(await new OutputReader(c.kinesis, amzn).exactly(expected("AMZN").length)).toEqual(expected("AMZN"));
    expect(await new OutputReader(c.kinesis, tgt).exactly(expected("TGT").length)).toEqual(expected("TGT"));
  });
});

describe("sliding windows (sliding-window-concepts.md)", () => {
  it("Example 1: MIN, MAX and AVG over the minute before each row, per ticker", async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                         ticker_symbol VARCHAR(10), 
                         Min_Price     double, 
                         Max_Price     double, 
                         Avg_Price     double);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
     SELECT STREAM ticker_symbol,
                   MIN(Price) OVER W1 AS Min_Price,
                   MAX(Price) OVER W1 AS Max_Price,
                   AVG(Price) OVER W1 AS Avg_Price
     FROM   "SOURCE_SQL_STREAM_001"
     WINDOW W1 AS (
        PARTITION BY ticker_symbol 
        RANGE INTERVAL '1' MINUTE PRECEDING);`;
    const app = await startApplication(c, { code });
    const ticks = demoTicks(120, 7);
    await putJson(c.kinesis, app.input, ticks);

    // All the rows arrive within the minute: each row's window is its ticker's rows up to it.
    const seen = new Map<string, number[]>();
    const expected = ticks.map((t) => {
      const prices = [...(seen.get(t.TICKER_SYMBOL) ?? []), t.PRICE];
      seen.set(t.TICKER_SYMBOL, prices);
      return { TICKER_SYMBOL: t.TICKER_SYMBOL, MIN_PRICE: Math.min(...prices), MAX_PRICE: Math.max(...prices), AVG_PRICE: prices.reduce((a, b) => a + b, 0) / prices.length };
    });
    const rows = await new OutputReader(c.kinesis, app.output).exactly(ticks.length);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const want = expected[i] as (typeof expected)[number];
      expect(row).toMatchObject({ TICKER_SYMBOL: want.TICKER_SYMBOL, MIN_PRICE: want.MIN_PRICE, MAX_PRICE: want.MAX_PRICE });
      expect(row.AVG_PRICE as number).toBeCloseTo(want.AVG_PRICE, 9);
    });
  });

  it("Example 3: moving averages over the last rows of each ticker (ROWS n PRECEDING)", async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                           ticker_symbol      VARCHAR(12), 
                           price              double, 
                           average_last2rows  double, 
                           average_last10rows double);

CREATE OR REPLACE PUMP "myPump" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, 
              price, 
              avg(price) over last2rows, 
              avg(price) over last10rows
FROM SOURCE_SQL_STREAM_001
WINDOW
    last2rows AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING),
    last10rows AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING);`;
    const app = await startApplication(c, { code });
    const ticks = demoTicks(150, 11);
    await putJson(c.kinesis, app.input, ticks);

    // ROWS n PRECEDING: the current row and the n rows of its partition before it.
    const seen = new Map<string, number[]>();
    const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const expected = ticks.map((t) => {
      const prices = [...(seen.get(t.TICKER_SYMBOL) ?? []), t.PRICE];
      seen.set(t.TICKER_SYMBOL, prices);
      return { ticker: t.TICKER_SYMBOL, price: t.PRICE, a2: average(prices.slice(-3)), a10: average(prices.slice(-11)) };
    });
    const rows = await new OutputReader(c.kinesis, app.output).exactly(ticks.length);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const want = expected[i] as (typeof expected)[number];
      expect(row).toMatchObject({ TICKER_SYMBOL: want.ticker, PRICE: want.price });
      expect(row.AVERAGE_LAST2ROWS as number).toBeCloseTo(want.a2, 9);
      expect(row.AVERAGE_LAST10ROWS as number).toBeCloseTo(want.a10, 9);
    });
  });
});

describe("anomaly detection (app-anomaly-detection.md, with the demo stream)", () => {
  it("scores injected outliers above every normal point, sorted by score within each second", async () => {
    const code = `CREATE OR REPLACE STREAM "TEMP_STREAM" (
	        "TICKER_SYMBOL"    VARCHAR(4),
	        "PRICE"            REAL,
	        "ANOMALY_SCORE"    DOUBLE);

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
	        "TICKER_SYMBOL"    VARCHAR(4),
	        "PRICE"            REAL,
	        "ANOMALY_SCORE"    DOUBLE);

-- Compute an anomaly score for each record in the input stream
-- using Random Cut Forest
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "TEMP_STREAM"
      SELECT STREAM "TICKER_SYMBOL", "PRICE", ANOMALY_SCORE 
      FROM TABLE(RANDOM_CUT_FOREST(
              CURSOR(SELECT STREAM "TICKER_SYMBOL", "PRICE" FROM "SOURCE_SQL_STREAM_001")));

-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM * FROM "TEMP_STREAM"
      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;`;
    const app = await startApplication(c, { code });
    // The model trains on its first 256 rows (the default subSampleSize); then normal prices around
    // 100, with outliers at 10 times that mixed in. Each batch is one PutRecords, read in one step.
    const normal = (i: number) => tick("AMZN", "RETAIL", 0, 90 + ((i * 37) % 21));
    const training = Array.from({ length: 400 }, (_, i) => normal(i));
    const outlierPrices = [1000, 1200, 1500];
    const scored = Array.from({ length: 200 }, (_, i) => normal(i + 400));
    outlierPrices.forEach((price, n) => scored.splice(40 + n * 60, 0, tick("AMZN", "RETAIL", 0, price)));
    await putJson(c.kinesis, app.input, training);
    const reader = new OutputReader(c.kinesis, app.output);
    await reader.until((rows) => rows.length >= training.length, 60_000);
    await putJson(c.kinesis, app.input, scored);
    const rows = (await reader.exactly(training.length + scored.length, 60_000)).slice(training.length);

    // Every row came out once, with its price; within a second, highest score first.
    expect(rows.map((row) => row.PRICE).sort()).toEqual(scored.map((t) => t.PRICE).sort());
    const scores = rows.map((row) => row.ANOMALY_SCORE as number);
    expect(scores.every((score) => score > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const outliers = rows.filter((row) => outlierPrices.includes(row.PRICE as number));
    const normals = rows.filter((row) => !outlierPrices.includes(row.PRICE as number));
    expect(outliers).toHaveLength(outlierPrices.length);
    const highestNormal = Math.max(...normals.map((row) => row.ANOMALY_SCORE as number));
    for (const outlier of outliers) expect(outlier.ANOMALY_SCORE as number).toBeGreaterThan(highestNormal);
  }, 120_000);
});

describe("most frequent values and distinct counts", () => {
  it("TOP_K_ITEMS_TUMBLING as examples-window-topkitems.md calls it: the 5 most frequent tickers of the window", async () => {
    const schema = { ...TICKER_SCHEMA, RecordColumns: [{ Name: "TICKER", Mapping: "$.TICKER", SqlType: "VARCHAR(4)" }] };
    const code = `CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM (
  "TICKER" VARCHAR(4), 
  "MOST_FREQUENT_VALUES" BIGINT
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM * 
        FROM TABLE (TOP_K_ITEMS_TUMBLING(
            CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
            'TICKER',         -- name of column in single quotes
            5,                       -- number of the most frequently occurring values
            2                        -- tumbling window size in seconds
            )
        );`;
    const app = await startApplication(c, { code, schema });
    const weights: Record<string, number> = { AMZN: 60, MSFT: 45, AAPL: 30, INTC: 20, TBV: 12, ASD: 5, MMB: 3, WAS: 1 };
    const records = Object.entries(weights).flatMap(([symbol, count]) => Array.from({ length: count }, () => ({ TICKER: symbol })));
    // Shuffled deterministically, so the counts are not in arrival order.
    records.sort((a, b) => ((a.TICKER.charCodeAt(0) * 31 + records.indexOf(a)) % 17) - ((b.TICKER.charCodeAt(0) * 31 + records.indexOf(b)) % 17));
    await putJson(c.kinesis, app.input, records);

    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.TICKER, (counts.get(record.TICKER) ?? 0) + 1);
    const top5 = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([TICKER, MOST_FREQUENT_VALUES]) => ({ TICKER, MOST_FREQUENT_VALUES }));
    expect(await new OutputReader(c.kinesis, app.output).exactly(5)).toEqual(top5);
  });

  it("COUNT_DISTINCT_ITEMS_TUMBLING: the number of distinct tickers of the window", async () => {
    const code = `CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM ("NUMBER_OF_DISTINCT_ITEMS" BIGINT);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM *
      FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(
          CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
          'TICKER_SYMBOL',        -- name of column in single quotes
          2                       -- tumbling window size in seconds
          )
      );`;
    const app = await startApplication(c, { code });
    const symbols = Array.from({ length: 300 }, (_, i) => `T${(i * 7919) % 173}`);
    await putJson(c.kinesis, app.input, symbols.map((symbol) => tick(symbol, "TECHNOLOGY", 0, 1)));
    expect(await new OutputReader(c.kinesis, app.output).exactly(1)).toEqual([{ NUMBER_OF_DISTINCT_ITEMS: new Set(symbols).size }]);
  });
});

describe("reference data (app-add-reference-data.md)", () => {
  it("joins each ticker with the company of the reference table loaded from an object put with S3's API", async () => {
    const s3 = new S3Client({ endpoint: server?.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
    const key = `kda-reference/${uniqueName("ref")}/TickerReference.csv`;
    const file = "Ticker, Company\nAMZN,Amazon\nASD, SomeCompanyA\nMMB, SomeCompanyB\nWAS,  SomeCompanyC\n";
    await s3.send(new PutObjectCommand({ Bucket: "rivulet-deliveries", Key: key, Body: file }));
    s3.destroy();
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20), sector VARCHAR(12), change DOUBLE, price DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";`;
    const reference = {
      TableName: "CompanyName",
      S3ReferenceDataSource: { BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: key, ReferenceRoleARN: ROLE_ARN },
      ReferenceSchema: {
        RecordFormat: { RecordFormatType: "CSV" as const, MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: "\n", RecordColumnDelimiter: "," } } },
        RecordEncoding: "UTF-8",
        RecordColumns: [
          { Name: "Ticker", SqlType: "VARCHAR(4)" },
          { Name: "Company", SqlType: "VARCHAR(20)" },
        ],
      },
    };
    const app = await startApplication(c, { code, reference });
    const ticks = [tick("AMZN", "RETAIL", 1.5, 800), tick("WAS", "HEALTHCARE", -0.25, 20.5), tick("XYZ", "ENERGY", 0, 3), tick("ASD", "FINANCIAL", 2, 44)];
    await putJson(c.kinesis, app.input, ticks);

    // The guide's file, split as CSV: the header row is a row too (its "Ticker" matches no ticker),
    // and spaces after the comma stay in the value.
    const companies = new Map(file.trim().split("\n").map((line) => line.split(",") as [string, string]));
    const expected = ticks.map((t) => ({ TICKER_SYMBOL: t.TICKER_SYMBOL, Company: companies.get(t.TICKER_SYMBOL) ?? null, SECTOR: t.SECTOR, CHANGE: t.CHANGE, PRICE: t.PRICE }));
    expect(await new OutputReader(c.kinesis, app.output).exactly(ticks.length)).toEqual(expected);
  });
});

describe("log parsing (examples-transforming-strings-*.md)", () => {
  it("W3C_LOG_PARSE of the COMMON format into its seven columns", async () => {
    const schema = { ...TICKER_SCHEMA, RecordColumns: [{ Name: "log", Mapping: "$.log", SqlType: "VARCHAR(256)" }] };
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
column1 VARCHAR(16),
column2 VARCHAR(16),
column3 VARCHAR(16),
column4 VARCHAR(16),
column5 VARCHAR(16),
column6 VARCHAR(16),
column7 VARCHAR(16));

CREATE OR REPLACE PUMP "myPUMP" AS 
INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM
            l.r.COLUMN1,
            l.r.COLUMN2,
            l.r.COLUMN3,
            l.r.COLUMN4,
            l.r.COLUMN5,
            l.r.COLUMN6,
            l.r.COLUMN7
        FROM (SELECT STREAM W3C_LOG_PARSE("log", 'COMMON')
              FROM "SOURCE_SQL_STREAM_001") AS l(r);`;
    const app = await startApplication(c, { code, schema });
    const users = ["John", "Mary", "-"];
    const logs = users.map((user, i) => ({ host: `192.168.254.${30 + i}`, user, time: `24/May/2004:22:01:0${i} -0700`, request: `GET /icons/apache_pb${i}.gif HTTP/1.1`, status: String(200 + i * 52), bytes: String(i * 1000) }));
    await putJson(c.kinesis, app.input, logs.map((l) => ({ log: `${l.host} - ${l.user} [${l.time}] "${l.request}" ${l.status} ${l.bytes}` })));

    // COMMON is %h %l %u %t "%r" %>s %b: %t keeps its brackets, the quotes around %r are the format's
    // own, not the request's; VARCHAR(16) keeps 16 characters.
    const v16 = (value: string) => value.slice(0, 16);
    const expected = logs.map((l) => ({ COLUMN1: v16(l.host), COLUMN2: "-", COLUMN3: v16(l.user), COLUMN4: v16(`[${l.time}]`), COLUMN5: v16(l.request), COLUMN6: l.status, COLUMN7: l.bytes }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(logs.length);
    expect(rows).toEqual(expected);
  });

  it("REGEX_LOG_PARSE of a nested query's column, as the guide writes it", async () => {
    const schema = { ...TICKER_SCHEMA, RecordColumns: [{ Name: "LOGENTRY", Mapping: "$.LOGENTRY", SqlType: "VARCHAR(128)" }] };
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (logentry VARCHAR(24), match1 VARCHAR(24), match2 VARCHAR(24));

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM T.LOGENTRY, T.REC.COLUMN1, T.REC.COLUMN2
    FROM 
         (SELECT STREAM LOGENTRY,
             REGEX_LOG_PARSE(LOGENTRY, '(\\w.+) (\\d.+) (\\w.+) (\\w.+)') AS REC
             FROM SOURCE_SQL_STREAM_001) AS T;`;
    const app = await startApplication(c, { code, schema });
    const entries = [
      '203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] "GET /index.php HTTP/1.1" 200 125 "-" "Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0"',
      "no digits here at all",
      "alpha 42 beta gamma",
    ];
    await putJson(c.kinesis, app.input, entries.map((LOGENTRY) => ({ LOGENTRY })));

    // The whole entry must match the pattern (as Java's matches()); no match gives NULL columns.
    const v24 = (value: string | undefined) => (value === undefined ? null : value.slice(0, 24));
    const expected = entries.map((entry) => {
      const match = /^(\w.+) (\d.+) (\w.+) (\w.+)$/.exec(entry);
      return { LOGENTRY: v24(entry), MATCH1: v24(match?.[1]), MATCH2: v24(match?.[2]) };
    });
    expect(await new OutputReader(c.kinesis, app.output).exactly(entries.length)).toEqual(expected);
  });
});

describe("bad SQL", () => {
  it("refuses StartApplication with CodeValidationException naming the line, the column and what was expected", async () => {
    const input = await newStream(c.kinesis, "kda-bad");
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, price
   FROM "SOURCE_SQL_STREAM_001"
   WHER price > 50;`;
    const name = uniqueName("kda-bad");
    await c.v1.send(
      new CreateApplicationCommand({
        ApplicationName: name,
        Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN }, InputSchema: TICKER_SCHEMA }],
        ApplicationCode: code,
      }),
    );
    const lines = code.split("\n");
    const line = lines.findIndex((text) => text.includes("WHER")) + 1;
    const column = (lines[line - 1] as string).indexOf("price") + 1;
    // "WHER" reads as an alias of the stream, so the parser stops at the word after it.
    await expectAwsError(c.v1.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [] })), {
      name: "CodeValidationException",
      message: new RegExp(`^Encountered "price" at line ${line}, column ${column}\\. Was expecting one of: .*";"`),
    });
  });
});
