/**
 * SELECT STREAM DISTINCT: a stream never ends, so rows can only be distinct within a span of time.
 * The query must select ROWTIME or a ROWTIME-based expression (FLOOR(ROWTIME TO MINUTE)...): rows are
 * distinct among those with the same value of it, and the rows seen are forgotten when it changes
 * (the SQL Reference's `SELECT STREAM DISTINCT ROWTIME, ticker ... ORDER BY ROWTIME, ticker`).
 */
import { asArray, decodeValue, encodeKey, encodeValue, type JsonValue, type Row, type SqlValue } from "../values";
import type { Push, StatefulNode } from "./runtime";

export class Distinct implements StatefulNode {
  private bucket: SqlValue = null;
  private seen = new Set<string>();

  constructor(
    /** Where the time value rows are distinct within is: 0 for ROWTIME, else an output column. */
    private readonly bucketIndex: number,
    /** How many output columns the rows carry (sort keys may follow). */
    private readonly width: number,
    private readonly out: Push,
  ) {}

  push = (row: Row): void => {
    const bucket = row[this.bucketIndex] ?? null;
    if (bucket !== this.bucket) {
      this.bucket = bucket;
      this.seen = new Set();
    }
    const key = encodeKey(row.slice(1, 1 + this.width));
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out(row);
  };

  advance(): void {}

  snapshot(): JsonValue {
    return [encodeValue(this.bucket), [...this.seen]];
  }

  restore(state: JsonValue): void {
    const [bucket, seen] = asArray(state);
    this.bucket = decodeValue(bucket ?? null);
    this.seen = new Set(asArray(seen ?? []).map(String));
  }
}
