/**
 * The console's live view of in-application streams: the latest rows of each stream someone asked
 * for, in a bounded ring per stream. A stream is watched from the first time it is asked for until
 * nobody has asked for RUNNER.tailWatchMs, so unwatched streams cost nothing per row.
 *
 * Positions count the rows the view has seen of the stream since it started watching in this
 * object's memory: after an eviction they start again, and a reader asking after a position the
 * view has not reached gets the latest rows instead of nothing.
 */
import type { StreamRow as ViewRow } from "../runner-contract";
import type { SqlValue, StreamListener } from "../sql";
import { RUNNER } from "./limits";

interface Watch {
  /** The ring of the latest rows, and how many rows were seen in all. */
  readonly rows: { rowtime: number; values: readonly SqlValue[] }[];
  seen: number;
  askedMs: number;
  unsubscribe: () => void;
}

export type Subscribe = (stream: string, listener: StreamListener) => () => void;

export class LiveTail {
  private readonly watches = new Map<string, Watch>();
  private subscribeTo: Subscribe | undefined;
  private columns: (stream: string) => readonly string[] = () => [];

  /** Follows a (new) running session; undefined when the application stops. */
  attach(subscribe: Subscribe | undefined, columns: (stream: string) => readonly string[]): void {
    this.subscribeTo = subscribe;
    this.columns = columns;
    for (const [stream, watch] of this.watches) {
      watch.unsubscribe();
      watch.unsubscribe = this.listen(stream, watch);
    }
  }

  private listen(stream: string, watch: Watch): () => void {
    if (!this.subscribeTo) return () => {};
    return this.subscribeTo(stream, (row) => {
      watch.rows.push({ rowtime: row.rowtime, values: row.values });
      if (watch.rows.length > RUNNER.tailRows) watch.rows.shift();
      watch.seen++;
    });
  }

  /** The rows of `stream` after `after` (at most `limit`, the latest), starting to watch it. */
  read(stream: string, after: number, limit: number, now: number): ViewRow[] {
    this.forgetIdle(now);
    let watch = this.watches.get(stream);
    if (!watch) {
      const created: Watch = { rows: [], seen: 0, askedMs: now, unsubscribe: () => {} };
      created.unsubscribe = this.listen(stream, created);
      this.watches.set(stream, created);
      watch = created;
    }
    watch.askedMs = now;
    const first = watch.seen - watch.rows.length;
    const from = after >= watch.seen ? first : Math.max(first, after + 1);
    const start = Math.max(from, watch.seen - Math.max(0, limit));
    const names = this.columns(stream);
    const out: ViewRow[] = [];
    for (let position = start; position < watch.seen; position++) {
      const row = watch.rows[position - first];
      if (!row) continue;
      const values: Record<string, unknown> = {};
      names.forEach((name, i) => {
        values[name] = row.values[i] ?? null;
      });
      out.push({ position, rowtime: row.rowtime, values });
    }
    return out;
  }

  private forgetIdle(now: number): void {
    for (const [stream, watch] of this.watches) {
      if (now - watch.askedMs > RUNNER.tailWatchMs) {
        watch.unsubscribe();
        this.watches.delete(stream);
      }
    }
  }
}
