/** Joins: a stream with a reference table, and two streams over a window (Developer Guide examples). */
import { describe, expect, it } from "vitest";
import { SqlTypes, type ApplicationSchema } from "../../../src/analytics/sql";
import { MINUTE, run, SECOND, SOURCE, T0, tickRow, ticks } from "./helpers";

const REFERENCE_SCHEMA: ApplicationSchema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "TICKER_SYMBOL", type: SqlTypes.varchar(4) },
        { name: "SECTOR", type: SqlTypes.varchar(16) },
        { name: "CHANGE", type: SqlTypes.real },
        { name: "PRICE", type: SqlTypes.real },
      ],
    },
  ],
  referenceTables: [
    {
      name: "CompanyName",
      columns: [
        { name: "Ticker", type: SqlTypes.varchar(4) },
        { name: "Company", type: SqlTypes.varchar(20) },
      ],
    },
  ],
};

// The guide's TickerReference.csv, as rows.
const COMPANIES = [
  ["AMZN", "Amazon"],
  ["ASD", "SomeCompanyA"],
  ["MMB", "SomeCompanyB"],
  ["WAS", "SomeCompanyC"],
];

describe("joins with a reference table", () => {
  it("enriches each row with its company name, NULL where the table has none (the guide's LEFT JOIN)", () => {
    const input = ticks(100, 21);
    const app = run(
      `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
         SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
         FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
         ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";`,
      { schema: REFERENCE_SCHEMA, engine: { referenceData: { CompanyName: COMPANIES } } },
    );
    app.insert(input.map(tickRow));
    const names = new Map(COMPANIES.map(([t, c]) => [t, c]));
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(
      input.map((t) => ({ rowtime: t.rowtime, values: [t.ticker, names.get(t.ticker) ?? null, t.sector.slice(0, 12), t.change, t.price] })),
    );
  });

  it("drops rows without a match in an inner JOIN, and sees new reference data once it is replaced", () => {
    const app = run(
      `CREATE STREAM D (t VARCHAR(4), company VARCHAR(20));
       CREATE PUMP P AS INSERT INTO D
         SELECT STREAM s.ticker_symbol, c."Company" FROM "CompanyName" AS c JOIN SOURCE_SQL_STREAM_001 AS s ON c."Ticker" = s.ticker_symbol AND s.price > 10;`,
      { schema: REFERENCE_SCHEMA, engine: { referenceData: { CompanyName: COMPANIES } } },
    );
    app.insert([
      { rowtime: T0, values: ["AMZN", "RETAIL", 0, 20] },
      { rowtime: T0 + 1, values: ["MSFT", "TECHNOLOGY", 0, 20] },
      { rowtime: T0 + 2, values: ["AMZN", "RETAIL", 0, 5] },
    ]);
    app.engine.setReferenceData("CompanyName", [...COMPANIES, ["MSFT", "Microsoft"]]);
    app.insert([{ rowtime: T0 + 3, values: ["MSFT", "TECHNOLOGY", 0, 20] }]);
    expect(app.rows("D")).toEqual([
      { rowtime: T0, values: ["AMZN", "Amazon"] },
      { rowtime: T0 + 3, values: ["MSFT", "Microsoft"] },
    ]);
  });

  it("refuses an outer join that would have to keep the table's rows, naming where the join is", () => {
    const line2 = `CREATE PUMP P AS INSERT INTO D SELECT STREAM s.ticker_symbol FROM SOURCE_SQL_STREAM_001 AS s RIGHT JOIN "CompanyName" AS c ON c."Ticker" = s.ticker_symbol;`;
    const start = line2.indexOf("SOURCE_SQL_STREAM_001") + 1;
    const end = line2.indexOf("s.ticker_symbol;") + "s.ticker_symbol".length;
    expect(() => run(`CREATE STREAM D (t VARCHAR(4));\n${line2}`, { schema: REFERENCE_SCHEMA })).toThrow(
      `From line 2, column ${start} to line 2, column ${end}: An outer join must keep the stream's rows: put the stream on the right of RIGHT JOIN`,
    );
  });
});

/** The guide's two record types in one stream: orders and trades. */
const TWO_TYPES: ApplicationSchema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "RecordType", type: SqlTypes.varchar(10) },
        { name: "Oid", type: SqlTypes.integer },
        { name: "Oticker", type: SqlTypes.varchar(4) },
        { name: "Oprice", type: SqlTypes.double },
        { name: "Tid", type: SqlTypes.integer },
        { name: "Toid", type: SqlTypes.integer },
        { name: "Tprice", type: SqlTypes.double },
      ],
    },
  ],
};

const SPLIT = `
  CREATE OR REPLACE STREAM "Order_Stream" ("order_id" integer, "ticker" varchar(4), "order_price" DOUBLE);
  CREATE OR REPLACE PUMP "Order_Pump" AS INSERT INTO "Order_Stream"
     SELECT STREAM "Oid", "Oticker", "Oprice" FROM "SOURCE_SQL_STREAM_001" WHERE "RecordType" = 'Order';
  CREATE OR REPLACE STREAM "Trade_Stream" ("trade_id" integer, "order_id" integer, "trade_price" DOUBLE);
  CREATE OR REPLACE PUMP "Trade_Pump" AS INSERT INTO "Trade_Stream"
     SELECT STREAM "Tid", "Toid", "Tprice" FROM "SOURCE_SQL_STREAM_001" WHERE "RecordType" = 'Trade';`;

interface Event {
  rowtime: number;
  kind: "Order" | "Trade";
  order: number;
  trade: number;
  price: number;
}

function events(count: number): Event[] {
  // Orders 1..n every 7 s; each order's trades come from 90 s before to 90 s after it.
  const out: Event[] = [];
  for (let i = 1; i <= count; i++) {
    out.push({ rowtime: T0 + i * 7 * SECOND, kind: "Order", order: i, trade: 0, price: 10 + i });
    for (let k = 0; k < i % 3; k++) out.push({ rowtime: T0 + i * 7 * SECOND + (((i * 37 + k * 29) % 180) - 90) * SECOND, kind: "Trade", order: i, trade: i * 10 + k, price: 10 + i + k / 10 });
  }
  return out.sort((a, b) => a.rowtime - b.rowtime || (a.kind === "Order" ? -1 : 1));
}

function eventRow(e: Event) {
  return e.kind === "Order"
    ? { rowtime: e.rowtime, values: ["Order", e.order, "AMZN", e.price, null, null, null] }
    : { rowtime: e.rowtime, values: ["Trade", null, null, null, e.trade, e.order, e.price] };
}

describe("stream-to-stream joins", () => {
  it("reports each trade that came within the minute before an order's row, when the later of the two arrives", () => {
    const input = events(40);
    const app = run(
      `${SPLIT}
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (order_id INTEGER, order_price DOUBLE, trade_id INTEGER, trade_price DOUBLE);
      CREATE OR REPLACE PUMP "Output_Pump" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ROWTIME, o."order_id", o."order_price", t."trade_id", t."trade_price"
        FROM "Order_Stream" AS o
        JOIN "Trade_Stream" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
        ON o."order_id" = t."order_id";`,
      { schema: TWO_TYPES },
    );
    app.insert(input.map(eventRow));
    const orders = input.filter((e) => e.kind === "Order");
    const trades = input.filter((e) => e.kind === "Trade");
    // A pair is emitted when its later row arrives: an order meets the trades of the minute before it
    // (trades are kept a minute); a trade meets only the orders of its own ROWTIME (orders have no window).
    const expected: { rowtime: number; values: unknown[] }[] = [];
    for (const e of input) {
      if (e.kind === "Order") {
        for (const t of trades) {
          if (t.order === e.order && t.rowtime > e.rowtime - MINUTE && t.rowtime <= e.rowtime && input.indexOf(t) < input.indexOf(e)) {
            expected.push({ rowtime: e.rowtime, values: [e.order, e.price, t.trade, t.price] });
          }
        }
      } else {
        for (const o of orders) {
          if (o.order === e.order && o.rowtime === e.rowtime && input.indexOf(o) < input.indexOf(e)) {
            expected.push({ rowtime: e.rowtime, values: [o.order, o.price, e.trade, e.price] });
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThan(3);
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual(expected);
  });

  it("takes the join's window from the WINDOW clause too, as the guide's second form writes it", () => {
    const input = events(40);
    const query = (from: string, windowClause: string): string => `${SPLIT}
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (order_id INTEGER, trade_id INTEGER);
      CREATE OR REPLACE PUMP "Output_Pump" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ROWTIME, o."order_id", t."trade_id"
        FROM "Order_Stream" AS o
        ${from}
        ON o."order_id" = t."order_id"
        ${windowClause};`;
    const inline = run(query(`JOIN "Trade_Stream" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t`, ""), { schema: TWO_TYPES });
    const named = run(query(`JOIN "Trade_Stream" AS t OVER w`, `WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING)`), { schema: TWO_TYPES });
    inline.insert(input.map(eventRow));
    named.insert(input.map(eventRow));
    expect(named.rows("DESTINATION_SQL_STREAM")).toEqual(inline.rows("DESTINATION_SQL_STREAM"));
    expect(named.rows("DESTINATION_SQL_STREAM").length).toBeGreaterThan(3);
  });

  it("matches orders with the trades of the next minute when the orders are windowed instead", () => {
    const input = events(40);
    const app = run(
      `${SPLIT}
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (order_id INTEGER, trade_id INTEGER);
      CREATE OR REPLACE PUMP "Output_Pump" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM o."order_id", t."trade_id"
        FROM "Order_Stream" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
        LEFT JOIN "Trade_Stream" AS t
        ON o."order_id" = t."order_id";`,
      { schema: TWO_TYPES },
    );
    app.insert(input.map(eventRow));
    const orders = input.filter((e) => e.kind === "Order");
    const expected: unknown[][] = [];
    for (const e of input) {
      if (e.kind === "Order") {
        // Trades have no window: a new order meets only trades of its own ROWTIME (none come first here).
        expected.push([e.order, null]);
      } else {
        for (const o of orders) {
          if (o.order === e.order && o.rowtime > e.rowtime - MINUTE && input.indexOf(o) < input.indexOf(e)) expected.push([o.order, e.trade]);
        }
      }
    }
    expect(app.values("DESTINATION_SQL_STREAM")).toEqual(expected);
    expect(expected.filter((r) => r[1] !== null).length).toBeGreaterThan(3);
  });
});
