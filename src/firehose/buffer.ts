/**
 * A delivery stream's buffer: one Durable Object per stream (named by the stream's id), holding
 * accepted records in SQLite. PutRecord(Batch) is answered only once the records are stored (the
 * object's output gate), so an acknowledged record is durable.
 *
 * Records are flushed into batches when the open records reach BufferingHints.SizeInMBs (at most
 * FIREHOSE.maxFlushBytes per batch) or the oldest of them is IntervalInSeconds old (the alarm), or
 * at once when IntervalInSeconds is 0. A flushed batch is announced on the delivery queue by
 * reference (its id: Queues carry at most 128 KB a message, a batch up to 16 MiB); its records stay
 * here until delivery reports it complete. A batch whose message could not be sent, or whose
 * delivery has not completed long after, is announced again by the alarm: delivery is idempotent,
 * so a batch announced twice is still written once.
 *
 * With throughput limits on, puts are metered against AWS's DirectPut quota (throughput.ts): the
 * records past it are answered as not taken and never stored.
 *
 * The tap (tapOpen, tapRead, tapClose): Analytics applications whose input is this delivery stream
 * (KinesisFirehoseInput) subscribe to it. While any subscriber exists, every record the stream
 * accepts is also copied, in the transaction that stores it, into the tap with its record number;
 * each subscriber reads after its own checkpoint, and a copy goes once every subscriber is past it
 * or after FIREHOSE.tapRetentionMs. Delivery never looks at the tap.
 */
import { DurableObject } from "cloudflare:workers";
import { capture, unwrap } from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { limitsEnforced } from "../limits";
import { isLocal } from "../local";
import { BufferStore, type BatchRow } from "./buffer-store";
import { flushThresholds, type Destination } from "./config";
import { FIREHOSE } from "./limits";
import { describeSource, KINESIS_SOURCE, latestCheckpoints, pollSource, type KinesisSourceConfig } from "./kinesis-source";
import type { SourceRecord } from "./records";
import { DeliveryLog } from "../metrics/delivery-log";
import { deliverySamples, failedDeliverySamples, incomingSamples, loggedDeliveries, sourceSamples, type DeliveryOutcome } from "../metrics/firehose";
import { MetricsStore } from "../metrics/store";
import { directPutQuota, IngestBudget } from "./throughput";

/** What a buffer delivers with: fixed into each batch when it is flushed. */
export interface BufferConfig {
  account: string;
  region: string;
  streamName: string;
  streamId: string;
  /** The delivery stream's VersionId, as object names carry it. */
  version: string;
  destination: Destination;
  /** KinesisStreamAsSource: the stream this buffer reads (kinesis-source.ts). */
  source?: KinesisSourceConfig;
}

/** An object delivery writes: its bucket's ARN and its key. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/** A message of the delivery queue: a reference to a flushed batch. */
export interface BatchMessage {
  kind: "firehose-batch";
  streamId: string;
  batchId: string;
}

export interface BatchContents {
  batchId: string;
  flushedMs: number;
  config: BufferConfig;
  records: SourceRecord[];
}

/** How the buffer sends messages; tests replace it to drive delivery themselves. */
export type Outbox = (messages: BatchMessage[]) => Promise<void>;

/** Sent retries wait this long before the alarm tries again (our choice). */
const RESEND_MS = 5000;
/** A destination's state is stored in parts of this size (a stored value holds at most 2 MB). */
const STATE_PART_BYTES = 1024 * 1024;

/** How often accepting records also prunes the tap (our choice). */
const TAP_PRUNE_MS = 60_000;

/**
 * When this isolate started, in real time (`npm start`'s clock). Under `npm start` the delivery
 * queue is kept in the process's memory: a batch announced before this isolate started lost its
 * message with the process that sent it, and is announced again at once (messageLost).
 */
let isolateStartedMs: number | undefined;

export class DeliveryBuffer extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  /** AWS's DirectPut quota, switched as the shards' throughput limits are (RIVULET_THROUGHPUT_LIMITS); tests switch it. */
  enforceLimits: boolean;
  outbox: Outbox = async (messages) => {
    await this.env.FIREHOSE_DELIVERY.sendBatch(messages.map((body) => ({ body, contentType: "json" as const })));
  };
  private readonly store: BufferStore;
  /** Firehose's metrics and the log of recent deliveries (src/metrics/), in this object's SQLite. */
  private readonly metrics: MetricsStore;
  private readonly deliveryLog: DeliveryLog;
  private config: BufferConfig | undefined;
  private seq = 0;
  private salt = "";
  /** Polls of the source run one at a time: two reading from one checkpoint would take records twice. */
  private polling: Promise<unknown> = Promise.resolve();
  private budget: IngestBudget | undefined;
  /** Whether any Analytics application reads this stream: accepted records are then copied to the tap. */
  private tapped = false;
  private tapPrunedMs = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    isolateStartedMs ??= Date.now();
    this.enforceLimits = limitsEnforced(env);
    this.store = new BufferStore(ctx.storage);
    this.metrics = new MetricsStore(ctx.storage, () => this.clock.now());
    this.deliveryLog = new DeliveryLog(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => {
      // An object the registry never configured stays empty.
      if (!this.store.exists()) return;
      this.load();
    });
  }

  private load(): void {
    this.store.migrate();
    this.metrics.migrate();
    this.deliveryLog.migrate();
    const config = this.store.config();
    this.config = config === undefined ? undefined : (JSON.parse(config) as BufferConfig);
    this.seq = this.store.nextSeq();
    let salt = this.ctx.storage.kv.get<string>("salt");
    if (salt === undefined) {
      salt = crypto.getRandomValues(new Uint8Array(12)).toBase64();
      this.ctx.storage.kv.put("salt", salt);
    }
    this.salt = salt;
    this.tapped = this.store.tapSubscribers() > 0;
  }

  /** Sets (or replaces) the configuration; batches flushed from now on are delivered with it. */
  async configure(config: BufferConfig) {
    return capture(async () => {
      if (!this.store.exists()) this.store.migrate();
      this.store.setConfig(JSON.stringify(config));
      this.load();
      if (config.source && this.ctx.storage.kv.get<string>("source_stream_id") === undefined) await this.startSource(config.source);
      await this.scheduleAlarm(this.clock.now());
    });
  }

  /** KinesisStreamAsSource: every shard of the source starts at LATEST, now. */
  private async startSource(source: KinesisSourceConfig): Promise<void> {
    const stream = await describeSource(this.env, source);
    if (!stream) throw new Error(`source stream ${source.streamArn} is gone`);
    const checkpoints = await latestCheckpoints(this.env, stream);
    this.ctx.storage.transactionSync(() => {
      this.store.clearSourceShards();
      for (const shard of checkpoints) this.store.addSourceShard(shard.index, shard.checkpoint);
      this.ctx.storage.kv.put("source_stream_id", stream.id);
    });
  }

  /** KinesisStreamAsSource: reads what the source's shards have after their checkpoints (the alarm calls it; tests too). */
  async pollSource() {
    return capture(async () => {
      const run = this.polling.then(() => this.readSource());
      this.polling = run.catch(() => undefined);
      return run;
    });
  }

  private async readSource(): Promise<number> {
    const source = this.config?.source;
    if (!source) return 0;
    return pollSource({
      env: this.env,
      source,
      trackedStreamId: () => this.ctx.storage.kv.get<string>("source_stream_id"),
      restart: (streamId) =>
        this.ctx.storage.transactionSync(() => {
          this.store.clearSourceShards();
          this.ctx.storage.kv.put("source_stream_id", streamId);
        }),
      shards: () => this.store.sourceShards(),
      addShard: (index, checkpoint) => this.store.addSourceShard(index, checkpoint),
      take: async (shard, taken) => {
        if (!this.config) return;
        const now = this.clock.now();
        const records = taken.map((record) => {
          this.seq += 1;
          return { ...record, seq: this.seq, recordId: this.recordId(this.seq), arrivalMs: now };
        });
        // The records and the checkpoint past them are stored together: a restart neither loses nor repeats them.
        const flushed = this.ctx.storage.transactionSync(() => {
          this.store.insert(records);
          this.tap(records, now);
          this.store.saveSourceShard(shard);
          this.metrics.record(now, sourceSamples(records));
          return this.flushDue(now);
        });
        if (flushed.length > 0) await this.announce(flushed, now);
      },
    });
  }

  /**
   * Stores records; answers their RecordIds, in order, and null for each record the DirectPut quota
   * did not take (a suffix of the request; those are not stored). Throws ServiceUnavailableException
   * when the quota refuses the request itself.
   */
  async put(data: Uint8Array[]) {
    return capture(async () => {
      const config = this.config;
      if (!config) throw new Error(`buffer ${this.ctx.id} was never configured`);
      const now = this.clock.now();
      let taken = data.length;
      if (this.enforceLimits) {
        this.budget ??= new IngestBudget(directPutQuota(config.region));
        taken = this.budget.admit(data.map((bytes) => bytes.byteLength), now);
      }
      const records = data.slice(0, taken).map((bytes) => {
        this.seq += 1;
        return { seq: this.seq, recordId: this.recordId(this.seq), arrivalMs: now, data: bytes };
      });
      if (records.length > 0) {
        const flushed = this.ctx.storage.transactionSync(() => {
          this.store.insert(records);
          this.tap(records, now);
          this.metrics.record(now, incomingSamples(records));
          return this.flushDue(now);
        });
        if (flushed.length > 0) await this.announce(flushed, now);
        await this.scheduleAlarm(now);
      }
      return data.map((_, index) => records[index]?.recordId ?? null);
    });
  }

  /**
   * Subscribes an Analytics application's input to the tap (again: a subscriber already there keeps
   * its place). Answers the record number to read after: the last record accepted (NOW), or just
   * before the oldest the tap still holds (TRIM_HORIZON; without one, the last accepted).
   */
  async tapOpen(subscriber: string, from: "NOW" | "TRIM_HORIZON") {
    return capture(() => {
      this.requireConfig();
      const oldest = this.store.oldestTapSeq();
      const position = from === "TRIM_HORIZON" && oldest !== undefined ? oldest - 1 : this.seq;
      if (!this.store.hasTapSubscriber(subscriber)) this.store.setTapPosition(subscriber, position, this.clock.now());
      this.tapped = true;
      return position;
    });
  }

  /**
   * The tap's records after `after` for a subscriber that has taken everything up to `after` (so
   * those may go), at most `limit` and about `byteBudget` bytes; `more` when others follow. A
   * subscriber forgotten after a day of silence is subscribed again where it stands.
   */
  async tapRead(subscriber: string, after: number, limit: number, byteBudget: number) {
    return capture(() => {
      this.requireConfig();
      const now = this.clock.now();
      const records = this.ctx.storage.transactionSync(() => {
        this.store.setTapPosition(subscriber, after, now);
        this.store.pruneTap(now - FIREHOSE.tapRetentionMs);
        return this.store.tapRead(after, limit, byteBudget);
      });
      this.tapped = true;
      const last = records.at(-1)?.seq ?? after;
      return { records, last, more: last < this.seq && records.length > 0 };
    });
  }

  /** Unsubscribes (the application was deleted, or no longer reads this stream). */
  async tapClose(subscriber: string) {
    return capture(() => {
      if (!this.store.exists()) return;
      this.ctx.storage.transactionSync(() => {
        this.store.removeTapSubscriber(subscriber);
        this.store.pruneTap(this.clock.now() - FIREHOSE.tapRetentionMs);
      });
      this.tapped = this.store.tapSubscribers() > 0;
    });
  }

  /**
   * Inside a storing transaction: copies accepted records to the tap while anyone reads it. Now and
   * then (TAP_PRUNE_MS) it also forgets silent subscribers, so a tap nobody reads any more stops.
   */
  private tap(records: readonly { seq: number; arrivalMs: number; data: Uint8Array }[], now: number): void {
    if (!this.tapped) return;
    if (now >= this.tapPrunedMs + TAP_PRUNE_MS) {
      this.store.pruneTap(now - FIREHOSE.tapRetentionMs);
      this.tapPrunedMs = now;
      this.tapped = this.store.tapSubscribers() > 0;
      if (!this.tapped) return;
    }
    this.store.tapInsert(records);
  }

  private requireConfig(): BufferConfig {
    if (!this.config) throw new Error(`buffer ${this.ctx.id} was never configured`);
    return this.config;
  }

  /** A flushed batch and its records, or null when it is no longer here (delivered, or the stream deleted). */
  async batch(batchId: string) {
    return capture((): BatchContents | null => {
      const row = this.store.exists() ? this.store.batch(batchId) : undefined;
      if (!row) return null;
      return {
        batchId: row.id,
        flushedMs: row.flushedMs,
        config: JSON.parse(row.config) as BufferConfig,
        records: this.store.batchRecords(batchId),
      };
    });
  }

  /**
   * A delivery attempt is about to write `objects` for the batch: answers those that earlier
   * attempts planned and this one does not (delivery deletes them once its own are written). They
   * are remembered until the batch completes, in case this attempt dies before deleting them.
   */
  async plan(batchId: string, objects: ObjectRef[]) {
    return capture((): ObjectRef[] => {
      if (!this.store.exists() || !this.store.batch(batchId)) return [];
      const key = `plan:${batchId}`;
      const stale = (this.ctx.storage.kv.get<ObjectRef[]>(key) ?? []).filter(
        (earlier) => !objects.some((object) => object.bucket === earlier.bucket && object.key === earlier.key),
      );
      this.ctx.storage.kv.put(key, [...objects, ...stale]);
      return stale;
    });
  }

  /**
   * What an OpenSearch or Splunk destination remembered after the last delivery attempt of the
   * batch (destinations/state.ts, packed), or null.
   */
  async destinationState(batchId: string) {
    return capture((): Uint8Array | null => {
      const parts = this.store.exists() ? this.ctx.storage.kv.get<number>(`destination:${batchId}`) : undefined;
      if (parts === undefined) return null;
      const chunks = Array.from({ length: parts }, (_, i) => this.ctx.storage.kv.get<Uint8Array>(`destination:${batchId}:${i}`) ?? new Uint8Array());
      const state = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        state.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return state;
    });
  }

  async saveDestinationState(batchId: string, state: Uint8Array) {
    return capture(() => {
      if (!this.store.exists() || !this.store.batch(batchId)) return;
      this.ctx.storage.transactionSync(() => {
        this.forgetDestinationState(batchId);
        const parts = Math.ceil(state.byteLength / STATE_PART_BYTES);
        for (let i = 0; i < parts; i++) this.ctx.storage.kv.put(`destination:${batchId}:${i}`, state.slice(i * STATE_PART_BYTES, (i + 1) * STATE_PART_BYTES));
        this.ctx.storage.kv.put(`destination:${batchId}`, parts);
      });
    });
  }

  private forgetDestinationState(batchId: string): void {
    const parts = this.ctx.storage.kv.get<number>(`destination:${batchId}`) ?? 0;
    for (let i = 0; i < parts; i++) this.ctx.storage.kv.delete(`destination:${batchId}:${i}`);
    this.ctx.storage.kv.delete(`destination:${batchId}`);
  }

  /**
   * Delivery finished: the batch's records are no longer needed. Repeating it is harmless. What the
   * delivery did (`outcome`) is counted once, with the batch's removal.
   */
  async complete(batchId: string, outcome?: DeliveryOutcome) {
    return capture(async () => {
      if (!this.store.exists()) return;
      if (outcome && this.store.batch(batchId)) {
        const now = this.clock.now();
        this.ctx.storage.transactionSync(() => {
          this.metrics.record(now, deliverySamples(outcome, now));
          this.metrics.write(now);
          this.deliveryLog.add(now, loggedDeliveries(outcome));
          this.store.complete(batchId);
        });
      } else {
        this.store.complete(batchId);
      }
      this.ctx.storage.kv.delete(`plan:${batchId}`);
      this.forgetDestinationState(batchId);
      await this.scheduleAlarm(this.clock.now());
    });
  }

  /** A delivery attempt failed after `attempted` puts to R2, of which `succeeded` went through (DeliveryToS3.Success). */
  async deliveryFailed(attempted: number, succeeded: number) {
    return capture(() => {
      if (this.store.exists()) this.metrics.record(this.clock.now(), failedDeliverySamples(attempted, succeeded));
    });
  }

  /** The metrics from `fromMs` to `toMs`, combined per period (src/metrics/query.ts reads them). */
  async readMetrics(fromMs: number, toMs: number, periodMs: number) {
    return capture(() => (this.store.exists() ? this.metrics.read(fromMs, toMs, periodMs) : []));
  }

  /** The objects delivery wrote last, newest first (the console's recent deliveries). */
  async recentDeliveries() {
    return capture(() => (this.store.exists() ? this.deliveryLog.recent() : []));
  }

  /** Everything accepted and not yet delivered: records, bytes, batches, and the oldest record's arrival. */
  async held() {
    return capture(() => (this.store.exists() ? this.store.held() : { records: 0, bytes: 0, oldestMs: null, batches: 0 }));
  }

  /** Delivery gave up for now (the dead-letter queue): announce the batch again after `delayMs`. */
  async requeue(batchId: string, delayMs: number) {
    return capture(async () => {
      if (!this.store.exists() || !this.store.batch(batchId)) return;
      const now = this.clock.now();
      this.store.setDue(batchId, now + delayMs);
      await this.scheduleAlarm(now);
    });
  }

  /** Flushes what is open now, whatever the hints say (tests; and a deleted stream's last words are not needed). */
  async flushNow() {
    return capture(async () => {
      const now = this.clock.now();
      const flushed = this.ctx.storage.transactionSync(() => this.flushDue(now, true));
      if (flushed.length > 0) await this.announce(flushed, now);
      await this.scheduleAlarm(now);
      return flushed.map((batch) => batch.id);
    });
  }

  /** What is buffered: open records and batches not yet delivered (tests and diagnostics). */
  async state() {
    return capture(() => {
      if (!this.store.exists()) return { open: { records: 0, bytes: 0, oldestMs: null }, batches: [] as BatchRow[] };
      return { open: this.store.open(), batches: this.store.batches() };
    });
  }

  /** Forgets everything (the stream was deleted). */
  async destroy(): Promise<void> {
    this.metrics.discard();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.config = undefined;
    this.seq = 0;
  }

  override async alarm(): Promise<void> {
    if (!this.config) return;
    if (this.config.source) {
      try {
        unwrap(await this.pollSource());
      } catch (error) {
        // The source is unreachable for now (deleted, resharding): polling goes on, as AWS retries GetRecords.
        console.error(`delivery stream ${this.config.streamName}: reading ${this.config.source.streamArn} failed`, error);
      }
    }
    const now = this.clock.now();
    const flushed = this.ctx.storage.transactionSync(() => this.flushDue(now));
    const again = this.store
      .batches()
      .filter(
        (batch) =>
          !flushed.some((fresh) => fresh.id === batch.id) &&
          ((batch.dueMs !== null && batch.dueMs <= now) ||
            (batch.dueMs === null && batch.sentMs !== null && batch.sentMs + FIREHOSE.redeliverAfterMs <= now) ||
            this.messageLost(batch)),
      );
    const toSend = [...flushed, ...again];
    if (toSend.length > 0) await this.announce(toSend, now);
    await this.scheduleAlarm(now);
  }

  /**
   * Flushes open records into batches when a hint says so: full batches when they reach the size
   * hint; everything once the oldest has waited the interval (or always, `force`).
   */
  private flushDue(now: number, force = false): Omit<BatchRow, "sentMs">[] {
    const config = this.config;
    if (!config) return [];
    const open = this.store.open();
    if (open.records === 0 || open.oldestMs === null) return [];
    const { bytes: limit, intervalMs } = flushThresholds(config.destination);
    const timeUp = force || now >= open.oldestMs + intervalMs;
    if (!timeUp && open.bytes < limit) return [];
    const batches: Omit<BatchRow, "sentMs">[] = [];
    let count = 0;
    let size = 0;
    let last = -1;
    const cut = () => {
      const batch = { id: crypto.randomUUID(), flushedMs: now, records: count, bytes: size, config: JSON.stringify(config), dueMs: now };
      this.store.flush(batch, last);
      batches.push(batch);
      count = 0;
      size = 0;
    };
    for (const record of this.store.openSizes()) {
      if (count > 0 && size + record.bytes > limit) cut();
      count += 1;
      size += record.bytes;
      last = record.seq;
      if (size >= limit) cut();
    }
    // What is left is a partial batch: it waits for the interval, unless that is what came.
    if (count > 0 && timeUp) cut();
    return batches;
  }

  private async announce(batches: readonly Pick<BatchRow, "id">[], now: number): Promise<void> {
    const config = this.config;
    if (!config) return;
    try {
      await this.outbox(batches.map((batch) => ({ kind: "firehose-batch", streamId: config.streamId, batchId: batch.id })));
      for (const batch of batches) this.store.markSent(batch.id, now);
    } catch (error) {
      console.error(`delivery stream ${config.streamName}: could not queue ${batches.length} batch(es), retrying`, error);
      for (const batch of batches) this.store.setDue(batch.id, now + RESEND_MS);
    }
  }

  private async scheduleAlarm(now: number): Promise<void> {
    const config = this.config;
    if (!config) return;
    const times: number[] = [];
    if (config.source) times.push(now + KINESIS_SOURCE.pollMs);
    const open = this.store.open();
    if (open.oldestMs !== null) times.push(open.oldestMs + flushThresholds(config.destination).intervalMs);
    let messagesOut = false;
    for (const batch of this.store.batches()) {
      if (batch.dueMs !== null) times.push(batch.dueMs);
      else if (batch.sentMs !== null) {
        times.push(batch.sentMs + FIREHOSE.redeliverAfterMs);
        messagesOut = true;
      }
    }
    if (times.length === 0) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    let at = Math.max(Math.min(...times), now);
    // Locally (`npm start`, `wrangler dev`), while a message is out, look again soon (real time): if the process dies,
    // the next one finds the message lost, rather than waiting for FIREHOSE.redeliverAfterMs.
    if (isLocal(this.env) && messagesOut) at = Math.min(at, Date.now() + FIREHOSE.localQueueCheckMs);
    await this.ctx.storage.setAlarm(at);
  }

  /** Locally: the batch's message went out before this isolate started, and died with the process that sent it. */
  private messageLost(batch: BatchRow): boolean {
    return isLocal(this.env) && batch.dueMs === null && batch.sentMs !== null && batch.sentMs < (isolateStartedMs ?? 0);
  }

  /** RecordIds are unique within the stream: a random salt of the buffer and the record's number. */
  private recordId(seq: number): string {
    const number = new Uint8Array(8);
    new DataView(number.buffer).setBigUint64(0, BigInt(seq));
    return `${this.salt}${number.toBase64()}`;
  }
}
