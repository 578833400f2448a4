/**
 * Streaming ORDER BY: the leading key is ROWTIME-based (FLOOR(ROWTIME TO SECOND), ROWTIME...), so rows
 * arrive in batches of equal leading key; a batch is sorted by the remaining keys and released when
 * its leading key can no longer occur (a row with a later key, or time passing the bucket's end).
 * Released rows take the batch's latest ROWTIME, which keeps the output's ROWTIME ascending (AWS's
 * streams never go back in time); this is a deliberate choice where AWS's documentation is silent.
 * Sort order: NULLs sort as the largest values (last ascending, first descending).
 */
import type { TimeBucket } from "../time-buckets";
import { asArray, asNumber, compareValues, decodeRow, encodeRow, type JsonValue, type Row, type SqlValue } from "../values";
import type { Push, StatefulNode } from "./runtime";

export class OrderBy implements StatefulNode {
  private batch: Row[] = [];
  private batchKey: SqlValue = null;
  private closeAt = Infinity;

  constructor(
    /** How many output columns precede the sort keys in incoming rows. */
    private readonly width: number,
    private readonly descending: readonly boolean[],
    private readonly bucket: TimeBucket,
    private readonly out: Push,
  ) {}

  push = (row: Row): void => {
    const key = row[1 + this.width] ?? null;
    if (this.batch.length > 0 && key !== this.batchKey) this.flush();
    if (this.batch.length === 0) {
      this.batchKey = key;
      this.closeAt = typeof key === "number" ? this.bucket.closeAt(key) : Infinity;
    }
    this.batch.push(row);
  };

  advance(time: number): void {
    if (this.batch.length > 0 && this.closeAt <= time) this.flush();
  }

  private flush(): void {
    const rows = this.batch;
    this.batch = [];
    const first = 2 + this.width;
    const n = this.descending.length;
    let rowtime = -Infinity;
    for (const r of rows) {
      const t = r[0];
      if (typeof t === "number" && t > rowtime) rowtime = t;
    }
    rows.sort((a, b) => {
      for (let k = 1; k < n; k++) {
        const x = a[first + k - 1] ?? null;
        const y = b[first + k - 1] ?? null;
        let d: number;
        if (x === null || y === null) d = x === y ? 0 : x === null ? 1 : -1;
        else d = compareValues(x, y);
        if (d !== 0) return this.descending[k] ? -d : d;
      }
      return 0;
    });
    for (const r of rows) {
      const out: Row = r.slice(0, 1 + this.width);
      out[0] = rowtime;
      this.out(out);
    }
  }

  snapshot(): JsonValue {
    return [this.batch.map(encodeRow), this.closeAt === Infinity ? null : this.closeAt];
  }

  restore(state: JsonValue): void {
    const [rows, closeAt] = asArray(state);
    this.batch = asArray(rows ?? []).map(decodeRow);
    this.closeAt = closeAt === null || closeAt === undefined ? Infinity : asNumber(closeAt);
    const first = this.batch[0];
    this.batchKey = first === undefined ? null : (first[1 + this.width] ?? null);
  }
}
