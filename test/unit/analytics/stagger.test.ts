/** Stagger windows (WINDOWED BY STAGGER), from the Developer Guide's concept page and example. */
import { describe, expect, it } from "vitest";
import { SqlTypes } from "../../../src/analytics/sql";
import { MINUTE, run, SECOND, SOURCE } from "./helpers";

const schema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "EVENT_TIME", type: SqlTypes.timestamp },
        { name: "TICKER", type: SqlTypes.varchar(4) },
      ],
    },
  ],
};

const at = (h: number, m: number, s: number): number => Date.UTC(2018, 7, 1, h, m, s);

describe("stagger windows", () => {
  it("gives the guide's results: a window per key opens at the key's first row and closes a minute later", () => {
    // The concept page's events: (ROWTIME, EVENT_TIME) for AMZN.
    const app = run(
      `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), event_time TIMESTAMP, ticker_count DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
        INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM
              TICKER,
              FLOOR(EVENT_TIME TO MINUTE),
              COUNT(TICKER) AS ticker_count
          FROM "SOURCE_SQL_STREAM_001"
          WINDOWED BY STAGGER (
                  PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER RANGE INTERVAL '1' MINUTE);`,
      { schema },
    );
    const events: [number, string][] = [
      [at(11, 0, 20), "2018-08-01 11:00:10"],
      [at(11, 0, 30), "2018-08-01 11:00:20"],
      [at(11, 1, 5), "2018-08-01 11:00:55"],
      [at(11, 1, 15), "2018-08-01 11:01:05"],
    ];
    app.insert(events.map(([rowtime, event]) => ({ rowtime, values: [event, "AMZN"] })));
    app.engine.advanceTo(at(11, 5, 0));
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: at(11, 1, 20), values: ["AMZN", at(11, 0, 0), 3] },
      { rowtime: at(11, 2, 15), values: ["AMZN", at(11, 1, 0), 1] },
    ]);
  });

  it("counts groups of six records with the same event time and ticker arriving ten seconds apart (the guide's example)", () => {
    const app = run(
      `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (event_time TIMESTAMP, ticker_symbol VARCHAR(4), ticker_count INTEGER);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS
        INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM EVENT_TIME, TICKER, COUNT(TICKER) AS ticker_count
          FROM "SOURCE_SQL_STREAM_001"
          WINDOWED BY STAGGER (PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE);`,
      { schema },
    );
    const amzn = [at(20, 17, 30), at(20, 17, 40), at(20, 17, 50), at(20, 18, 0), at(20, 18, 10), at(20, 18, 21)];
    const intc = [at(20, 18, 31), at(20, 18, 41), at(20, 18, 51), at(20, 19, 1), at(20, 19, 11), at(20, 19, 21)];
    app.insert([
      ...amzn.map((rowtime) => ({ rowtime, values: ["2018-08-01T20:17:20.797945", "AMZN"] })),
      ...intc.map((rowtime) => ({ rowtime, values: ["2018-08-01T20:18:21.043084", "INTC"] })),
    ]);
    app.engine.advanceTo(at(20, 30, 0));
    const amznEvent = Date.UTC(2018, 7, 1, 20, 17, 20, 797);
    const intcEvent = Date.UTC(2018, 7, 1, 20, 18, 21, 43);
    // Each group of six arrives within a minute of its first row: one window, one row, a minute after it opened.
    expect(app.rows("DESTINATION_SQL_STREAM")).toEqual([
      { rowtime: at(20, 18, 30), values: [amznEvent, "AMZN", 6] },
      { rowtime: at(20, 19, 31), values: [intcEvent, "INTC", 6] },
    ]);
  });

  it("closes each key's window on time, without another row of that key", () => {
    const app = run(
      `CREATE STREAM D (t VARCHAR(4), n BIGINT);
       CREATE PUMP P AS INSERT INTO D SELECT STREAM TICKER, COUNT(*) FROM SOURCE_SQL_STREAM_001
         WINDOWED BY STAGGER (PARTITION BY TICKER RANGE INTERVAL '30' SECOND);`,
      { schema },
    );
    const t = at(9, 0, 0);
    app.insert([
      { rowtime: t, values: ["2018-08-01 09:00:00", "A"] },
      { rowtime: t + 10 * SECOND, values: ["2018-08-01 09:00:00", "B"] },
      { rowtime: t + 20 * SECOND, values: ["2018-08-01 09:00:00", "A"] },
    ]);
    app.engine.advanceTo(t + 30 * SECOND);
    expect(app.rows("D")).toEqual([{ rowtime: t + 30 * SECOND, values: ["A", 2] }]);
    app.engine.advanceTo(t + MINUTE);
    expect(app.rows("D")).toEqual([
      { rowtime: t + 30 * SECOND, values: ["A", 2] },
      { rowtime: t + 40 * SECOND, values: ["B", 1] },
    ]);
  });
});
