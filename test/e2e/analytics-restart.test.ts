/**
 * A running application survives a crash of the local server in the middle of a window: the server
 * (`npm start`) is killed with SIGKILL after the application read the first rows of a one-minute
 * tumbling window (the guide's `STEP(... BY INTERVAL '60' SECOND)`), started again on the same data
 * directory, given more rows in the same window, and the window's counts come out once, with every row
 * in them: none lost, none counted twice.
 *
 * The test learns each row's ROWTIME from a second pump that copies the input with its ROWTIME to
 * another output, so it can tell which window each row belongs to; the counts themselves are
 * computed here from the rows put.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, sleep, tempDir } from "./helpers";
import { startKillable, type KillableServer } from "./killable";
import { clients, newStream, OutputReader, putJson, ROLE_ARN, sortRows, startApplication, streamArn, tick, waitForRunning, type Clients, type Tick } from "./analytics-rig";

let dir: string | undefined;
let server: KillableServer | undefined;
let c: Clients | undefined;

beforeAll(async () => {
  dir = tempDir("analytics-restart");
  server = await startKillable(dir);
  c = clients(server);
});

afterAll(async () => {
  c?.destroy();
  await server?.stop();
  removeDir(dir);
});

const CODE = `CREATE OR REPLACE STREAM "ECHO_STREAM" (read_at TIMESTAMP, ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "ECHO_PUMP" AS INSERT INTO "ECHO_STREAM"
  SELECT STREAM ROWTIME AS read_at, ticker_symbol, price FROM "SOURCE_SQL_STREAM_001";

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (window_end TIMESTAMP, ticker_symbol VARCHAR(4), ticker_count INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ROWTIME AS window_end, ticker_symbol, COUNT(*) AS ticker_count
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

const WINDOW_MS = 60_000;
/** "yyyy-MM-dd HH:mm:ss.SSS" (UTC) to epoch milliseconds, and back. */
const parseTimestamp = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);
const timestampText = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 23);

/** Ticks whose prices (unique, exact in a REAL) tell them apart. */
const batch = (symbols: string[], count: number, first: number): Tick[] =>
  Array.from({ length: count }, (_, i) => tick(symbols[i % symbols.length] as string, "RETAIL", 0, first + i / 4));

describe("a crash of the server in the middle of a window", () => {
  it("neither loses nor repeats a row of the window's counts", async () => {
    if (!c || !server || !dir) throw new Error("no server");
    const echo = await newStream(c.kinesis, "kda-echo");
    const app = await startApplication(c, {
      code: CODE,
      outputs: [{ Name: "ECHO_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(echo), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } }],
    });
    // Start early in a window, so that the restart fits in what is left of it.
    if (Date.now() % WINDOW_MS > 20_000) await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 1000);
    const before = batch(["AMZN", "TGT", "QXZ"], 70, 100);
    await putJson(c.kinesis, app.input, before);
    // Once its copy is out, the application has stored the rows in its window's state.
    await new OutputReader(c.kinesis, echo).until((rows) => rows.length >= before.length);

    c.destroy();
    await server.kill();
    server = await startKillable(dir);
    c = clients(server);
    await waitForRunning(c, app.name);
    const after = batch(["AMZN", "WAS"], 41, 200);
    await putJson(c.kinesis, app.input, after);

    const put = [...before, ...after];
    const copies = await new OutputReader(c.kinesis, echo).exactly(put.length, 60_000);
    // Every row read once: the copies are the rows put, none missing, none twice.
    expect(sortRows(copies, "PRICE").map((row) => [row.TICKER_SYMBOL, row.PRICE])).toEqual(sortRows(put as never[], "PRICE").map((t: Tick) => [t.TICKER_SYMBOL, t.PRICE]));
    // Both batches were read in the same window: the crash came in the middle of it.
    const windowEnds = new Set(copies.map((row) => Math.floor(parseTimestamp(row.READ_AT as string) / WINDOW_MS) * WINDOW_MS + WINDOW_MS));
    expect(windowEnds.size).toBe(1);
    const [windowEnd] = [...windowEnds] as [number];

    const counts = new Map<string, number>();
    for (const t of put) counts.set(t.TICKER_SYMBOL, (counts.get(t.TICKER_SYMBOL) ?? 0) + 1);
    const expected = [...counts].map(([symbol, count]) => ({ WINDOW_END: timestampText(windowEnd), TICKER_SYMBOL: symbol, TICKER_COUNT: count }));
    const rows = await new OutputReader(c.kinesis, app.output).exactly(expected.length, 2 * WINDOW_MS, 3000);
    expect(sortRows(rows, "TICKER_SYMBOL")).toEqual(sortRows(expected, "TICKER_SYMBOL"));
  }, 300_000);
});
