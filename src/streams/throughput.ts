/**
 * A shard's throughput, as AWS limits it: 1 MiB/s or 1,000 records/s in, 2 MiB/s and five
 * GetRecords calls per second out. Token buckets refilled continuously, each holding one second
 * of its rate; a record or read larger than a whole bucket goes through when the bucket is full and
 * leaves it in debt, so large records (up to 10 MiB after UpdateMaxRecordSize) are not refused
 * forever. Time comes in as arguments.
 *
 * It also keeps the recent write rate, which on-demand streams use to decide when to add shards.
 */
import { KINESIS } from "../limits";

class TokenBucket {
  private tokens: number;
  private updatedMs: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = perSecond;
    this.updatedMs = now;
  }

  /** Takes `amount` if the bucket holds it (or is full, for amounts larger than the bucket). */
  take(amount: number, now: number): boolean {
    this.refill(now);
    if (amount > this.tokens && this.tokens < this.perSecond) return false;
    this.tokens -= amount;
    return true;
  }

  /** Takes what was used after the fact (a read's size is known only once it is read). */
  charge(amount: number, now: number): void {
    this.refill(now);
    this.tokens -= amount;
  }

  /** Whether anything at all may go through now. */
  open(now: number): boolean {
    this.refill(now);
    return this.tokens > 0;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedMs);
    this.tokens = Math.min(this.perSecond, this.tokens + (elapsed / 1000) * this.perSecond);
    this.updatedMs = now;
  }
}

/** Write rate averaged over a few seconds: what "sustained" means for on-demand scaling. */
class RecentRate {
  private readonly seconds = new Map<number, { bytes: number; records: number }>();

  add(bytes: number, records: number, now: number): void {
    const second = Math.floor(now / 1000);
    const slot = this.seconds.get(second) ?? { bytes: 0, records: 0 };
    slot.bytes += bytes;
    slot.records += records;
    this.seconds.set(second, slot);
    for (const key of this.seconds.keys()) if (key <= second - KINESIS.onDemandWindowSeconds) this.seconds.delete(key);
  }

  /** The busier of bytes and records, as a fraction of one shard's write capacity. */
  load(now: number): number {
    const second = Math.floor(now / 1000);
    let bytes = 0;
    let records = 0;
    for (const [key, slot] of this.seconds) {
      if (key > second - KINESIS.onDemandWindowSeconds && key < second) {
        bytes += slot.bytes;
        records += slot.records;
      }
    }
    const window = KINESIS.onDemandWindowSeconds - 1;
    return Math.max(bytes / window / KINESIS.shardWriteBytesPerSecond, records / window / KINESIS.shardWriteRecordsPerSecond);
  }
}

export class ShardThroughput {
  private readonly writeBytes: TokenBucket;
  private readonly writeRecords: TokenBucket;
  private readonly readBytes: TokenBucket;
  private readonly readCalls: TokenBucket;
  private readonly recent = new RecentRate();

  constructor(now: number) {
    this.writeBytes = new TokenBucket(KINESIS.shardWriteBytesPerSecond, now);
    this.writeRecords = new TokenBucket(KINESIS.shardWriteRecordsPerSecond, now);
    this.readBytes = new TokenBucket(KINESIS.shardReadBytesPerSecond, now);
    this.readCalls = new TokenBucket(KINESIS.shardGetRecordsPerSecond, now);
  }

  /**
   * How many of these records, in order, the shard takes now when limits are enforced; the
   * recent rate counts what was taken either way.
   */
  admit(sizes: readonly number[], now: number, enforce: boolean): number {
    let admitted = 0;
    let bytes = 0;
    for (const size of sizes) {
      if (enforce) {
        if (!this.writeRecords.take(1, now)) break;
        if (!this.writeBytes.take(size, now)) {
          this.writeRecords.charge(-1, now);
          break;
        }
      }
      bytes += size;
      admitted++;
    }
    // Counted once for the batch: every record of it falls in the same second.
    if (admitted > 0) this.recent.add(bytes, admitted, now);
    return admitted;
  }

  /** Whether a GetRecords call may read now: a call is allowed, and no earlier read left debt. */
  mayRead(now: number): boolean {
    return this.readBytes.open(now) && this.readCalls.take(1, now);
  }

  readDone(bytes: number, now: number): void {
    this.readBytes.charge(bytes, now);
  }

  /** Recent writes as a fraction of one shard's capacity. */
  load(now: number): number {
    return this.recent.load(now);
  }
}
