/**
 * The fragments a stream with DataRetentionInHours 0 hands to its live readers: it stores none (no index
 * row, nothing in R2), so the stream object keeps the last few in memory, for as long as a GetMedia reader
 * may still be behind. Lost when the object restarts, as AWS's unarchived streams lose what no reader took.
 */
import { VIDEO_DATA } from "./limits";
import type { ReadFragment } from "./stream-types";

export class LiveBuffer {
  private entries: ReadFragment[] = [];
  private bytes = 0;

  add(fragment: ReadFragment): void {
    this.entries.push(fragment);
    this.bytes += fragment.media?.length ?? 0;
    while (this.entries.length > VIDEO_DATA.liveBufferFragments || (this.bytes > VIDEO_DATA.liveBufferBytes && this.entries.length > 1)) {
      const dropped = this.entries.shift();
      this.bytes -= dropped?.media?.length ?? 0;
    }
  }

  /** Fragments after `seq` up to `upTo`, oldest first. */
  after(seq: number, upTo: number): ReadFragment[] {
    return this.entries.filter((entry) => entry.seq > seq && entry.seq <= upTo);
  }

  first(): ReadFragment | undefined {
    return this.entries[0];
  }

  last(): ReadFragment | undefined {
    return this.entries[this.entries.length - 1];
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
  }
}
