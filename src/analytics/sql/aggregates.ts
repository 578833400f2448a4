/**
 * Aggregate functions: COUNT, SUM, AVG, MIN, MAX, FIRST_VALUE, LAST_VALUE, VAR_POP, VAR_SAMP (VARIANCE),
 * STDDEV_POP, STDDEV_SAMP (STDDEV). One accumulator per group (tumbling, stagger) or per partition of
 * a sliding window; a sliding window also removes its oldest rows (`remove` is always called for the
 * oldest row still in, with the sequence number `add` got). Each accumulator's state is plain JSON.
 * NULLs are skipped except by COUNT(*) and FIRST_VALUE/LAST_VALUE; an aggregate over no values is NULL
 * (COUNT: 0).
 * As AWS's (Calcite's): SUM of integers is BIGINT, AVG keeps its argument's type (so AVG of an INTEGER
 * column is truncated), COUNT is BIGINT. COUNT(DISTINCT ...) is refused, as AWS refuses it.
 */
import type { Call } from "./ast";
import type { Compiled } from "./compiled";
import { SqlValidationError } from "./errors";
import { isApproxNumeric, isIntegerType, isNullType, isNumeric, MAX_DECIMAL_PRECISION, SqlTypes, typeToString, type SqlType } from "./types";
import { asArray, asNumber, compareValues, decodeValue, encodeValue, type JsonValue, type SqlValue } from "./values";

export interface Accumulator {
  add(value: SqlValue, seq: number): void;
  remove(value: SqlValue, seq: number): void;
  result(): SqlValue;
  snapshot(): JsonValue;
  restore(state: JsonValue): void;
}

export interface AggregateFunction {
  readonly type: SqlType;
  create(): Accumulator;
}

class Count implements Accumulator {
  n = 0;
  constructor(private readonly star: boolean) {}
  add(v: SqlValue): void {
    if (this.star || v !== null) this.n++;
  }
  remove(v: SqlValue): void {
    if (this.star || v !== null) this.n--;
  }
  result(): SqlValue {
    return this.n;
  }
  snapshot(): JsonValue {
    return this.n;
  }
  restore(s: JsonValue): void {
    this.n = asNumber(s);
  }
}

/** Sums, counts and sums of squares: SUM, AVG and the variances. */
class Moments implements Accumulator {
  n = 0;
  sum = 0;
  squares = 0;
  constructor(private readonly finish: (n: number, sum: number, squares: number) => SqlValue) {}
  add(v: SqlValue): void {
    if (typeof v !== "number") return;
    this.n++;
    this.sum += v;
    this.squares += v * v;
  }
  remove(v: SqlValue): void {
    if (typeof v !== "number") return;
    this.n--;
    if (this.n === 0) {
      // Start again from exact zeros, so rounding residue never outlives the rows that caused it.
      this.sum = 0;
      this.squares = 0;
      return;
    }
    this.sum -= v;
    this.squares -= v * v;
  }
  result(): SqlValue {
    return this.finish(this.n, this.sum, this.squares);
  }
  snapshot(): JsonValue {
    return [this.n, encodeValue(this.sum), encodeValue(this.squares)];
  }
  restore(s: JsonValue): void {
    const [n, sum, squares] = asArray(s);
    this.n = asNumber(n ?? null);
    this.sum = Number(decodeValue(sum ?? 0));
    this.squares = Number(decodeValue(squares ?? 0));
  }
}

/**
 * MIN and MAX over a sliding window: a deque of candidates, each better than every later one, so the
 * front is the answer and removing the oldest row touches only the front. Without removals (tumbling)
 * it holds one value.
 */
class Extreme implements Accumulator {
  private seqs: number[] = [];
  private values: SqlValue[] = [];
  private head = 0;
  constructor(private readonly sign: 1 | -1) {}
  add(v: SqlValue, seq: number): void {
    if (v === null) return;
    while (this.seqs.length > this.head) {
      const last = this.values[this.values.length - 1] ?? null;
      if (last !== null && this.sign * compareValues(last, v) > 0) break;
      this.seqs.pop();
      this.values.pop();
    }
    this.seqs.push(seq);
    this.values.push(v);
  }
  remove(_v: SqlValue, seq: number): void {
    if (this.seqs.length > this.head && this.seqs[this.head] === seq) {
      this.head++;
      if (this.head > 32 && this.head * 2 > this.seqs.length) this.compact();
    }
  }
  private compact(): void {
    this.seqs = this.seqs.slice(this.head);
    this.values = this.values.slice(this.head);
    this.head = 0;
  }
  result(): SqlValue {
    return this.seqs.length > this.head ? (this.values[this.head] ?? null) : null;
  }
  snapshot(): JsonValue {
    this.compact();
    return [this.seqs, this.values.map(encodeValue)];
  }
  restore(s: JsonValue): void {
    const [seqs, values] = asArray(s);
    this.seqs = asArray(seqs ?? []).map(asNumber);
    this.values = asArray(values ?? []).map(decodeValue);
    this.head = 0;
  }
}

/** FIRST_VALUE keeps every value of the window (the oldest leaves first); LAST_VALUE only the newest. */
class First implements Accumulator {
  private values: SqlValue[] = [];
  private head = 0;
  add(v: SqlValue): void {
    this.values.push(v);
  }
  remove(): void {
    this.head++;
    if (this.head > 32 && this.head * 2 > this.values.length) {
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
  result(): SqlValue {
    return this.values.length > this.head ? (this.values[this.head] ?? null) : null;
  }
  snapshot(): JsonValue {
    return this.values.slice(this.head).map(encodeValue);
  }
  restore(s: JsonValue): void {
    this.values = asArray(s).map(decodeValue);
    this.head = 0;
  }
}

class Last implements Accumulator {
  private value: SqlValue = null;
  private n = 0;
  add(v: SqlValue): void {
    this.value = v;
    this.n++;
  }
  remove(): void {
    this.n--;
    if (this.n === 0) this.value = null;
  }
  result(): SqlValue {
    return this.value;
  }
  snapshot(): JsonValue {
    return [this.n, encodeValue(this.value)];
  }
  restore(s: JsonValue): void {
    const [n, v] = asArray(s);
    this.n = asNumber(n ?? 0);
    this.value = decodeValue(v ?? null);
  }
}

/**
 * The aggregate a call names, with its result type; `arg` is the compiled argument (undefined for
 * COUNT(*)).
 */
export function aggregateFunction(call: Call, arg: Compiled | undefined): AggregateFunction {
  const name = call.name.name;
  if (call.distinct) {
    throw new SqlValidationError(`${name}(DISTINCT ...) is not supported in a streaming aggregation; AWS does not allow it either (use COUNT_DISTINCT_ITEMS_TUMBLING)`, call.span);
  }
  if (call.star) {
    if (name !== "COUNT") throw new SqlValidationError(`${name}(*) is not allowed; only COUNT(*)`, call.span);
    return { type: SqlTypes.bigint, create: () => new Count(true) };
  }
  if (call.args.length !== 1 || arg === undefined) {
    throw new SqlValidationError(`Invalid number of arguments to function '${name}'. Was expecting 1 arguments`, call.span);
  }
  const t = arg.type;
  const numeric = (): void => {
    if (!isNumeric(t) && !isNullType(t)) {
      throw new SqlValidationError(`Cannot apply '${name}' to arguments of type '${name}(<${typeToString(t)}>)'. Supported form(s): '${name}(<NUMERIC>)'`, call.span);
    }
  };
  const variance = (sample: boolean, root: boolean): AggregateFunction => {
    numeric();
    return {
      type: SqlTypes.double,
      create: () =>
        new Moments((n, sum, squares) => {
          const d = sample ? n - 1 : n;
          if (d <= 0) return null;
          const v = Math.max(0, (squares - (sum * sum) / n) / d);
          return root ? Math.sqrt(v) : v;
        }),
    };
  };
  switch (name) {
    case "COUNT":
      return { type: SqlTypes.bigint, create: () => new Count(false) };
    case "SUM": {
      numeric();
      const type = isIntegerType(t) ? SqlTypes.bigint : isApproxNumeric(t) ? SqlTypes.double : t.name === "DECIMAL" ? SqlTypes.decimal(MAX_DECIMAL_PRECISION, t.scale ?? 0) : t;
      return { type, create: () => new Moments((n, sum) => (n === 0 ? null : sum)) };
    }
    case "AVG": {
      numeric();
      const integral = isIntegerType(t);
      return { type: t, create: () => new Moments((n, sum) => (n === 0 ? null : integral ? Math.trunc(sum / n) : sum / n)) };
    }
    case "MIN":
    case "MAX":
      if (t.name === "ROW") throw new SqlValidationError(`Cannot apply '${name}' to a ROW`, call.span);
      return { type: t, create: () => new Extreme(name === "MAX" ? 1 : -1) };
    case "FIRST_VALUE":
      return { type: t, create: () => new First() };
    case "LAST_VALUE":
      return { type: t, create: () => new Last() };
    case "VAR_POP":
      return variance(false, false);
    case "VAR_SAMP":
    case "VARIANCE":
      return variance(true, false);
    case "STDDEV_POP":
      return variance(false, true);
    case "STDDEV_SAMP":
    case "STDDEV":
      return variance(true, true);
    default:
      throw new SqlValidationError(`No aggregate function ${name}`, call.span);
  }
}
