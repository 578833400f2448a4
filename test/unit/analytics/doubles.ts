/**
 * Test doubles for the plug-in functions another module provides (src/analytics/functions/): simple,
 * deterministic stand-ins with the real ones' names, argument shapes and output columns, so the
 * Developer Guide's SQL runs unchanged. Their results are easy to recompute in a test; they are not
 * the real algorithms.
 */
import {
  functionRegistry,
  isNumeric,
  SqlArgumentError,
  SqlTypes,
  type ColumnDescriptor,
  type FunctionRegistry,
  type JsonValue,
  type ScalarFunction,
  type SqlValue,
  type TableEmitter,
  type TableFunction,
} from "../../../src/analytics/sql";

/** RANDOM_CUT_FOREST stand-in: a row's score is the sum over numeric columns of |value - mean of earlier rows|. */
export const fakeRandomCutForest: TableFunction = {
  name: "RANDOM_CUT_FOREST",
  bind(input, args) {
    if (args.length > 4) throw new SqlArgumentError(`RANDOM_CUT_FOREST takes at most 4 arguments after the cursor; got ${args.length}`);
    for (const a of args) if (!isNumeric(a.type)) throw new SqlArgumentError(`RANDOM_CUT_FOREST's parameters must be numbers`);
    const numeric = input.flatMap((c, i) => (isNumeric(c.type) ? [i] : []));
    return {
      columns: [...input, { name: "ANOMALY_SCORE", type: SqlTypes.double }],
      create(emit: TableEmitter) {
        let n = 0;
        let sums = numeric.map(() => 0);
        return {
          push(rowtime, values) {
            let score = 0;
            numeric.forEach((col, k) => {
              const v = values[col];
              if (typeof v !== "number") return;
              if (n > 0) score += Math.abs(v - (sums[k] ?? 0) / n);
              sums[k] = (sums[k] ?? 0) + v;
            });
            n++;
            emit(rowtime, [...values, score]);
          },
          advance() {},
          snapshot: (): JsonValue => ({ n, sums }),
          restore(state) {
            if (state === null || typeof state !== "object" || Array.isArray(state)) throw new Error("bad state");
            n = Number(state["n"]);
            const s = state["sums"];
            sums = Array.isArray(s) ? s.map(Number) : [];
          },
        };
      },
    };
  },
};

/** TOP_K_ITEMS_TUMBLING stand-in: exact counts per tumbling window of ROWTIME, the k most frequent at its end. */
export const fakeTopK: TableFunction = {
  name: "TOP_K_ITEMS_TUMBLING",
  bind(input, args) {
    const [column, k, size] = args;
    if (column === undefined || typeof column.value !== "string") throw new SqlArgumentError("TOP_K_ITEMS_TUMBLING needs a column name");
    const index = input.findIndex((c) => c.name === column.value);
    const described = input[index];
    if (described === undefined) throw new SqlArgumentError(`Column '${String(column.value)}' not found in the cursor`);
    if (typeof k?.value !== "number" || k.value < 1) throw new SqlArgumentError("K must be a positive number");
    if (typeof size?.value !== "number" || size.value < 1 || size.value > 3600) throw new SqlArgumentError("The window size must be 1 to 3600 seconds");
    const kk = k.value;
    const width = size.value * 1000;
    const columns: ColumnDescriptor[] = [described, { name: "MOST_FREQUENT_VALUES", type: SqlTypes.bigint }];
    return {
      columns,
      create(emit) {
        let end: number | null = null;
        let counts = new Map<string, number>();
        const flush = (): void => {
          if (end === null) return;
          const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, kk);
          for (const [value, n] of top) emit(end, [value, n]);
          counts = new Map();
          end = null;
        };
        return {
          push(rowtime, values) {
            if (end !== null && rowtime >= end) flush();
            if (end === null) end = Math.floor(rowtime / width) * width + width;
            const v = String(values[index]);
            counts.set(v, (counts.get(v) ?? 0) + 1);
          },
          advance(time) {
            if (end !== null && time >= end) flush();
          },
          snapshot: (): JsonValue => ({ end, counts: [...counts] }),
          restore(state) {
            if (state === null || typeof state !== "object" || Array.isArray(state)) throw new Error("bad state");
            const e = state["end"];
            end = typeof e === "number" ? e : null;
            const c = state["counts"];
            counts = new Map(Array.isArray(c) ? c.map((p) => (Array.isArray(p) ? ([String(p[0]), Number(p[1])] as [string, number]) : ["", 0])) : []);
          },
        };
      },
    };
  },
};

const COMMON_FIELDS = 7;

/** W3C_LOG_PARSE(line, 'COMMON') stand-in: host ident user [time] "request" status bytes into COLUMN1..COLUMN7. */
export const fakeW3cLogParse: ScalarFunction = {
  name: "W3C_LOG_PARSE",
  bind(args) {
    const format = args[1];
    if (args.length !== 2 || format?.constant !== true || format.value !== "COMMON") throw new SqlArgumentError("W3C_LOG_PARSE stand-in knows only the 'COMMON' format");
    const fields = Array.from({ length: COMMON_FIELDS }, (_v, i) => ({ name: `COLUMN${i + 1}`, type: SqlTypes.varchar(1024) }));
    return {
      type: SqlTypes.row(fields),
      evaluate(values): SqlValue {
        const line = values[0];
        if (typeof line !== "string") return null;
        const m = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"]*)" (\S+) (\S+)$/.exec(line);
        return m === null ? null : m.slice(1);
      },
    };
  },
};

/** REGEX_LOG_PARSE(line, pattern) stand-in: the pattern's groups into COLUMN1..COLUMNn. */
export const fakeRegexLogParse: ScalarFunction = {
  name: "REGEX_LOG_PARSE",
  bind(args) {
    const pattern = args[1];
    if (pattern?.constant !== true || typeof pattern.value !== "string") throw new SqlArgumentError("REGEX_LOG_PARSE needs a constant pattern");
    const re = new RegExp(pattern.value);
    const groups = (new RegExp(`${pattern.value}|`).exec("")?.length ?? 1) - 1;
    return {
      type: SqlTypes.row(Array.from({ length: groups }, (_v, i) => ({ name: `COLUMN${i + 1}`, type: SqlTypes.varchar(1024) }))),
      evaluate(values): SqlValue {
        const line = values[0];
        if (typeof line !== "string") return null;
        const m = re.exec(line);
        return m === null ? null : m.slice(1).map((g) => g ?? null);
      },
    };
  },
};

export const doubles: FunctionRegistry = functionRegistry({
  scalar: [fakeW3cLogParse, fakeRegexLogParse],
  table: [fakeRandomCutForest, fakeTopK],
});
