import { describe, expect, it } from "vitest";
import { CountDistinctItemsTumbling } from "../../../../src/analytics/functions/count-distinct";
import { AnalyticsFunctionError } from "../../../../src/analytics/functions/errors";
import { TopKItemsTumbling } from "../../../../src/analytics/functions/top-k";
import { generator } from "./random";

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1, 11, 0, 0);

describe("TOP_K_ITEMS_TUMBLING", () => {
  it("emits the K most frequent values of each window when it closes, exactly for skewed input", () => {
    const topK = TopKItemsTumbling.create({ column: "TICKER_SYMBOL", k: 3, windowSize: 60 });
    expect(topK.outputColumns).toEqual(["TICKER_SYMBOL", "MOST_FREQUENT_VALUES"]);
    const { uniform, int } = generator(11);
    const tickers = ["AMZN", "MSFT", "INTC", "TBV", "AAPL"];
    // Zipf-like: each ticker about half as frequent as the one before; plus a long tail of rare symbols.
    const counts = new Map<string, number>();
    const emitted = [];
    for (let i = 0; i < 5000; i++) {
      const rank = Math.min(Math.floor(-Math.log2(uniform())), tickers.length);
      const ticker = rank < tickers.length ? (tickers[rank] ?? "") : `R${int(0, 20000)}`;
      counts.set(ticker, (counts.get(ticker) ?? 0) + 1);
      emitted.push(...topK.add(ticker, T0 + (i * MINUTE) / 5000));
    }
    expect(emitted).toEqual([]);
    const rows = topK.add("AMZN", T0 + MINUTE + 1);
    const expected = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(rows).toEqual(expected.map(([value, count]) => ({ rowtime: T0 + MINUTE, value, count })));
  });

  it("starts each window afresh and closes a quiet window when time passes", () => {
    const topK = TopKItemsTumbling.create({ column: "c", k: 2, windowSize: 10 });
    topK.add("a", T0 + 1000);
    topK.add("b", T0 + 2000);
    topK.add("b", T0 + 3000);
    expect(topK.add("c", T0 + 10_000)).toEqual([
      { rowtime: T0 + 10_000, value: "b", count: 2 },
      { rowtime: T0 + 10_000, value: "a", count: 1 },
    ]);
    expect(topK.advance(T0 + 19_999)).toEqual([]);
    expect(topK.advance(T0 + 20_000)).toEqual([{ rowtime: T0 + 20_000, value: "c", count: 1 }]);
    expect(topK.advance(T0 + 40_000)).toEqual([]);
  });

  it("counts numbers, NULLs, BIGINTs and bytes as values and keeps them through a snapshot", () => {
    const topK = TopKItemsTumbling.create({ column: "n", k: 5, windowSize: 60 });
    for (const value of [1, 1.0, null, 2n, 2n, 2n, true, new Uint8Array([0, 255])]) topK.add(value, T0);
    const restored = TopKItemsTumbling.restore(JSON.parse(JSON.stringify(topK.snapshot())));
    const expected = [
      { rowtime: T0 + MINUTE, value: 2n, count: 3 },
      { rowtime: T0 + MINUTE, value: 1, count: 2 },
      { rowtime: T0 + MINUTE, value: null, count: 1 },
      { rowtime: T0 + MINUTE, value: true, count: 1 },
      { rowtime: T0 + MINUTE, value: new Uint8Array([0, 255]), count: 1 },
    ];
    expect(restored.advance(T0 + MINUTE)).toEqual(expected);
    expect(topK.advance(T0 + MINUTE)).toEqual(expected);
  });

  it.each([
    [{ k: 0, windowSize: 60 }, "K must be greater than or equal to one and cannot exceed 100,000; got 0"],
    [{ k: 100_001, windowSize: 60 }, "K must be greater than or equal to one and cannot exceed 100,000; got 100001"],
    [{ k: 5, windowSize: 0 }, "windowSize must be an integer between 1 and 3,600 (inclusive); got 0"],
    [{ k: 5, windowSize: 3601 }, "windowSize must be an integer between 1 and 3,600 (inclusive); got 3601"],
  ])("refuses %o", (args, message) => {
    const create = (): TopKItemsTumbling => TopKItemsTumbling.create({ column: "c", ...args });
    expect(create).toThrow(AnalyticsFunctionError);
    expect(create).toThrow(`TOP_K_ITEMS_TUMBLING: ${message}`);
  });
});

describe("COUNT_DISTINCT_ITEMS_TUMBLING", () => {
  it("counts exactly up to 10,000 distinct items", () => {
    const distinct = CountDistinctItemsTumbling.create({ column: "TICKER_SYMBOL", windowSize: 60 });
    expect(distinct.outputColumns).toEqual(["NUMBER_OF_DISTINCT_ITEMS"]);
    const { int } = generator(12);
    const seen = new Set<number>();
    for (let i = 0; i < 40_000; i++) {
      const value = int(1, 10_000);
      seen.add(value);
      distinct.add(value, T0 + i);
    }
    expect(distinct.advance(T0 + MINUTE)).toEqual([{ rowtime: T0 + MINUTE, count: seen.size }]);
  });

  it.each([20_000, 100_000, 300_000])("estimates %i distinct items within 2% (HyperLogLog)", (n) => {
    const distinct = CountDistinctItemsTumbling.create({ column: "id", windowSize: 3600 });
    for (let i = 0; i < n; i++) distinct.add(`review-${i}`, T0 + (i % 1000));
    for (let i = 0; i < n; i += 3) distinct.add(`review-${i}`, T0 + 2000);
    const [row] = distinct.advance(T0 + 3_600_000);
    expect(Math.abs((row?.count ?? 0) - n) / n).toBeLessThan(0.02);
  });

  it("ignores NULLs, emits one row per window, and restores mid-window in either mode", () => {
    const small = CountDistinctItemsTumbling.create({ column: "c", windowSize: 5 });
    small.add("a", T0);
    small.add(null, T0 + 1);
    small.add("a", T0 + 2);
    small.add("b", T0 + 3);
    const restoredSmall = CountDistinctItemsTumbling.restore(JSON.parse(JSON.stringify(small.snapshot())));
    expect(restoredSmall.add("z", T0 + 5000)).toEqual([{ rowtime: T0 + 5000, count: 2 }]);
    expect(restoredSmall.advance(T0 + 10_000)).toEqual([{ rowtime: T0 + 10_000, count: 1 }]);

    const large = CountDistinctItemsTumbling.create({ column: "c", windowSize: 5 });
    for (let i = 0; i < 15_000; i++) large.add(i, T0);
    const restoredLarge = CountDistinctItemsTumbling.restore(JSON.parse(JSON.stringify(large.snapshot())));
    expect(restoredLarge.advance(T0 + 5000)).toEqual(large.advance(T0 + 5000));
  });
});
