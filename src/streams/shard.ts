/**
 * The shard Durable Object: one per shard, holding that shard's ordered log in SQLite.
 *
 * Every method answers with an Outcome (see aws/errors.ts) because RPC loses error classes.
 * Writes are one SQLite transaction each, and the RPC answer leaves only once they are durable
 * (the object's output gate), so an acknowledged record is stored.
 *
 * AWS's per-shard throughput limits are kept here (throughput.ts), while RIVULET_THROUGHPUT_LIMITS
 * is on (env.ts: by default when deployed, not under `npm start`).
 *
 * Differences from AWS: expired records are deleted by an alarm at the moment they expire, and reads
 * never return them even before the alarm runs.
 *
 * Metrics (src/metrics/): each write and read counts itself into this shard's metrics, added up in
 * memory and written at most once a second within a later write's transaction (store.ts), so the
 * put path gains neither a round trip nor a transaction.
 * PutRecord.Latency and PutRecords.Latency run from when the Worker's operation handler started
 * (after the signature and the input were checked) to when this shard is about to commit the
 * records: they include routing and the call to this object, not the storage flush that follows nor
 * the answer's way back. The two clocks belong to different machines once deployed; a negative
 * difference counts as 0. A PutRecords call that spans shards gives each shard its own latency
 * sample. GetRecords.Latency runs likewise to when the records are read.
 */
import { DurableObject } from "cloudflare:workers";
import {
  AwsError,
  capture,
  ExpiredIteratorException,
  InvalidArgumentException,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { KINESIS, limitsEnforced } from "../limits";
import type { StreamMetricName } from "../metrics/names";
import { MetricsStore, sample, type Sample } from "../metrics/store";
import { shardIdOf } from "./ids";
import { keyNotFound, masterKey, RecordCipher } from "./encryption";
import { encodeIterator, verifyIterator } from "./iterator";
import { recordSize } from "./record-size";
import { formatSequenceNumber, readSequenceNumber } from "./sequence";
import { ShardLog, type ChildShard, type LoadedConfig, type ReadRecord, type ShardConfig } from "./shard-log";
import { emptyColumns, packRecords, sequenceNumbers, type PackedRecords, type RecordColumns, type SequenceBase } from "./read-batch";
import { SubscriptionHub } from "./subscriptions";
import { ShardThroughput } from "./throughput";
import { registryFor, shardObjectName } from "../objects";

export type IteratorRequest =
  | { type: "TRIM_HORIZON" | "LATEST" }
  | { type: "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string }
  | { type: "AT_TIMESTAMP"; timestampMs: number };

/**
 * Records as append takes them over RPC: the partition keys in one string and the data in one
 * buffer, each with where every record's part ends. Serialising 500 records as 500 objects (and
 * their answers as 500 strings) was a large part of a PutRecords' CPU; four values cost little.
 */
export interface RecordBatch {
  keys: string;
  /** Where each record's partition key ends in `keys`, in UTF-16 units. */
  keyEnds: Uint32Array;
  data: Uint8Array;
  /** Where each record's data ends in `data`. */
  dataEnds: Uint32Array;
}

/**
 * What append answers: the records it took (a prefix of the batch) are numbered from `first`, all
 * with the same arrival time; the caller writes out their sequence numbers (sequence.ts).
 */
export interface AppendResult {
  taken: number;
  first: number;
  arrivalMs: number;
  /** The shard's creation time in seconds and its index, as its sequence numbers carry them. */
  createdSeconds: number;
  shardIndex: number;
  encrypted: boolean;
}

/** The records of a batch, as the log stores them. */
function unpack(batch: RecordBatch): { partitionKey: string; data: Uint8Array }[] {
  const records = new Array<{ partitionKey: string; data: Uint8Array }>(batch.keyEnds.length);
  let keyStart = 0;
  let dataStart = 0;
  for (let i = 0; i < records.length; i++) {
    const keyEnd = batch.keyEnds[i] ?? keyStart;
    const dataEnd = batch.dataEnds[i] ?? dataStart;
    records[i] = { partitionKey: batch.keys.slice(keyStart, keyEnd), data: batch.data.subarray(dataStart, dataEnd) };
    keyStart = keyEnd;
    dataStart = dataEnd;
  }
  return records;
}

/** Which operation a write serves and when its handler started, for the metrics it records. */
export interface WriteCall {
  operation: "PutRecord" | "PutRecords";
  startedMs: number;
}

/** One observation of a Kinesis metric (named from the list, so a misspelt name does not compile). */
const observe: (name: StreamMetricName, value: number) => Sample = sample;

/** The records' sizes added up, as the throughput limits and the metrics count them. */
function recordBytes(records: readonly { partitionKey: string; data: Uint8Array }[]): number {
  let bytes = 0;
  for (const record of records) bytes += recordSize(record.partitionKey, record.data);
  return bytes;
}

export interface ReadResult {
  records: PackedRecords;
  /** Undefined once a closed shard has been read to its end. */
  nextIterator: string | undefined;
  millisBehindLatest: number;
  /** Present once a closed shard has been read to its end: where its keys went. */
  childShards: ChildShard[] | undefined;
}

/**
 * Internal, never sent to clients: the shard was closed by a reshard after the caller looked up
 * the stream. The caller refreshes its view of the stream and routes the records again.
 */
export const SHARD_CLOSED = "RivuletShardClosed";

const HOUR_MS = 3_600_000;

export class Shard extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  /** AWS's throughput limits; tests switch them. */
  enforceLimits: boolean;
  private readonly log: ShardLog;
  private readonly metrics: MetricsStore;
  private config: LoadedConfig | undefined;
  private alarmSet = false;
  private recordCipher: RecordCipher | undefined;
  /** KeyIds of sealed records, by the number the log stores them under. */
  private readonly keyIds = new Map<number, string>();
  private throughput: ShardThroughput | undefined;
  /** When this shard last asked its on-demand stream for more capacity. */
  private askedToScaleMs = 0;
  private readonly subscriptions = new SubscriptionHub({
    now: () => this.clock.now(),
    read: async (after, byteBudget) => {
      const config = this.requireConfig();
      const now = this.clock.now();
      const batch = this.collect(config, after, KINESIS.maxGetRecordsCount, byteBudget, now);
      if (batch.sealed.length > 0) await this.unseal(config, batch);
      const records = this.recordsOf(config, batch.columns);
      // Idle subscriptions are read on every heartbeat: only events that carry records are counted.
      if (records.length > 0) {
        this.metrics.record(now, [
          observe("SubscribeToShardEvent.Records", records.length),
          observe("SubscribeToShardEvent.Bytes", recordBytes(records)),
          observe("SubscribeToShardEvent.MillisBehindLatest", batch.millisBehindLatest),
        ]);
      }
      return { records, last: batch.last, millisBehindLatest: batch.millisBehindLatest };
    },
    sequenceNumber: (counter) => {
      const config = this.requireConfig();
      // The number of the record read last; before any, the shard's starting number (see views.ts).
      return this.sequenceNumber(config, counter, (counter > 0 ? this.log.arrivalOf(counter) : undefined) ?? config.shardCreatedMs);
    },
    end: () => {
      const config = this.config;
      return config?.children && { lastCounter: config.lastCounter, children: config.children };
    },
  });

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.enforceLimits = limitsEnforced(env);
    this.log = new ShardLog(ctx.storage.sql);
    this.metrics = new MetricsStore(ctx.storage, () => this.clock.now());
    void ctx.blockConcurrencyWhile(async () => {
      // An object the registry never set up stays empty: a forged iterator must not create storage.
      if (!this.log.exists(ctx.storage)) return;
      this.log.migrate(ctx.storage);
      this.metrics.migrate();
      this.config = this.log.loadConfig();
      this.alarmSet = (await ctx.storage.getAlarm()) !== null;
    });
  }

  /** Called once by the registry when the stream is created; repeating it changes nothing. */
  async init(config: ShardConfig) {
    return capture(() => {
      if (this.config) return;
      const key = crypto.getRandomValues(new Uint8Array(32)).buffer;
      this.ctx.storage.transactionSync(() => {
        this.log.migrate(this.ctx.storage);
        this.metrics.migrate();
        this.log.saveConfig(config, key);
        if (config.encryptionKeyId) this.log.setEncryptionKey(config.encryptionKeyId);
      });
      this.config = this.log.loadConfig();
    });
  }

  /** Forgets the shard and everything in it (the stream was deleted). */
  async destroy(): Promise<void> {
    this.subscriptions.endAll("ResourceNotFoundException", "The stream was deleted.");
    this.metrics.discard();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.config = undefined;
    this.alarmSet = false;
  }

  async setRetention(hours: number) {
    return capture(async () => {
      const config = this.requireConfig();
      // Records already past the old period stay gone (AWS: a longer period does not make expired
      // data accessible again), even if the alarm that deletes them has not run yet.
      this.log.deleteBefore(this.firstRetained(config, this.clock.now()));
      this.log.setRetention(hours);
      config.retentionHours = hours;
      await this.scheduleExpiry();
    });
  }

  /**
   * Closes the shard for writing (a reshard gave its keys to `children`) and answers the counter of
   * its last record, the end of its sequence number range, and when it arrived. Closing twice
   * answers the same.
   */
  async close(children: ChildShard[]) {
    return capture(() => {
      const config = this.requireConfig();
      if (!config.children) {
        this.log.close(children);
        config.children = children;
        this.subscriptions.notify();
      }
      return { endingCounter: config.lastCounter, endingArrivalMs: config.lastArrivalMs };
    });
  }

  /**
   * Appends records in order and answers how they were numbered. Over the shard's write limit, only
   * a prefix is taken: the records after it get no sequence number (AWS's throttling, per record).
   * `call` says which operation it serves, for the metrics.
   */
  async append(batch: RecordBatch, call?: WriteCall) {
    return capture(async (): Promise<AppendResult> => {
      const config = this.requireConfig();
      const records = unpack(batch);
      if (config.children) throw new AwsError(SHARD_CLOSED, undefined, 500);
      const now = this.clock.now();
      const sizes = records.map((record) => recordSize(record.partitionKey, record.data));
      const admitted = this.meter(now).admit(sizes, now, this.enforceLimits);
      const taken = admitted === records.length ? records : records.slice(0, admitted);
      // An encrypted stream seals the batch first: the only await before the write, so the counters
      // below are still read and advanced in one synchronous step. The shard may close meanwhile.
      const keyId = config.encryptionKeyId ?? null;
      const sealed = keyId !== null && taken.length > 0 ? await this.cipher(config, keyId).seal(keyId, taken) : undefined;
      if (config.children) throw new AwsError(SHARD_CLOSED, undefined, 500);
      // Arrival times never go backwards, so the log is ordered by time as well as by counter.
      const arrivalMs = Math.max(now, config.lastArrivalMs);
      const first = config.lastCounter + 1;
      const samples = this.writeSamples(call, records.length, taken.length, sizes, this.clock.now());
      this.ctx.storage.transactionSync(() => {
        if (taken.length > 0) {
          if (keyId !== null && sealed) this.log.appendSealed(config.lastCounter, arrivalMs, this.log.keyRef(keyId), sealed);
          else this.log.append(config.lastCounter, arrivalMs, taken);
        }
        this.metrics.record(now, samples);
      });
      if (taken.length > 0) {
        config.lastCounter += taken.length;
        config.lastArrivalMs = arrivalMs;
        this.subscriptions.notify();
        if (!this.alarmSet) await this.scheduleExpiry();
      }
      if (config.onDemand) this.scaleIfHot(config, now);
      return {
        taken: taken.length,
        first,
        arrivalMs,
        createdSeconds: Math.floor(config.shardCreatedMs / 1000),
        shardIndex: config.shardIndex,
        encrypted: keyId !== null,
      };
    });
  }

  /** Starts (a KeyId) or stops (null) sealing new records; records already stored stay as they are. */
  async setEncryption(keyId: string | null) {
    return capture(() => {
      const config = this.requireConfig();
      if (keyId !== null) this.cipher(config, keyId);
      this.log.setEncryptionKey(keyId);
      config.encryptionKeyId = keyId;
    });
  }

  async setOnDemand(onDemand: boolean) {
    return capture(() => {
      const config = this.requireConfig();
      this.log.setOnDemand(onDemand);
      config.onDemand = onDemand;
    });
  }

  async iterator(request: IteratorRequest) {
    return capture(async () => {
      const config = this.requireConfig();
      const now = this.clock.now();
      const after = this.startingPoint(config, request, now);
      return encodeIterator(config.iteratorKey, {
        streamName: config.streamName,
        streamId: config.streamId,
        shardIndex: config.shardIndex,
        after,
        issuedMs: now,
      });
    });
  }

  /** GetRecords; `startedMs`, when the Worker's handler started, gives GetRecords.Latency. */
  async read(iterator: string, limit: number, startedMs?: number) {
    return capture(async (): Promise<ReadResult> => {
      const config = this.requireConfig();
      const position = await verifyIterator(config.iteratorKey, iterator);
      const now = this.clock.now();
      if (now - position.issuedMs > KINESIS.iteratorLifetimeMs) {
        throw new ExpiredIteratorException(
          `Iterator expired. The iterator was created at time ${amzUtcString(position.issuedMs)} while right now it is ` +
            `${amzUtcString(now)} which is further in the future than the tolerated delay of ${KINESIS.iteratorLifetimeMs} milliseconds.`,
        );
      }
      const meter = this.meter(now);
      if (this.enforceLimits && !meter.mayRead(now)) {
        this.metrics.record(now, [observe("ReadProvisionedThroughputExceeded", 1), observe("GetRecords.Success", 0)]);
        throw new ProvisionedThroughputExceededException(
          `Rate exceeded for Shard - ${shardIdOf(config.shardIndex)} in stream ${config.streamName} under account ${config.account}.`,
        );
      }
      const batch = this.collect(config, position.after, limit, KINESIS.maxGetRecordsBytes, now);
      if (batch.sealed.length > 0) await this.unseal(config, batch);
      meter.readDone(batch.bytes, now);
      this.metrics.record(now, [
        ...this.readSamples(batch.columns, now),
        observe("GetRecords.Success", 1),
        observe("ReadProvisionedThroughputExceeded", 0),
        ...(startedMs === undefined ? [] : [observe("GetRecords.Latency", Math.max(0, this.clock.now() - startedMs))]),
      ]);
      const finished = config.children !== undefined && batch.last >= config.lastCounter;
      return {
        records: packRecords(batch.columns, this.sequenceBase(config)),
        nextIterator: finished
          ? undefined
          : await encodeIterator(config.iteratorKey, { ...position, after: batch.last, issuedMs: now }),
        millisBehindLatest: batch.millisBehindLatest,
        childShards: finished ? config.children : undefined,
      };
    });
  }

  /**
   * Opens an enhanced fan-out subscription: an event stream (application/vnd.amazon.eventstream)
   * that this object writes to as records arrive, for five minutes.
   */
  async subscribe(consumerArn: string, start: IteratorRequest, format: "json" | "cbor") {
    return capture(() => {
      const config = this.requireConfig();
      const after = this.startingPoint(config, start, this.clock.now());
      return this.subscriptions.open(consumerArn, after, format);
    });
  }

  /**
   * For the service's own readers (stream-triggered consumers, src/triggers/): the counter that
   * `start` resolves to, after which reading begins. They keep counters, not iterators.
   */
  async position(start: IteratorRequest) {
    return capture(() => this.startingPoint(this.requireConfig(), start, this.clock.now()));
  }

  /**
   * For the service's own readers: the records after counter `after` (up to `limit` and about
   * `byteBudget` bytes), each with its counter, and `last`, the counter they reach (past any
   * expired ones), and whether more follow. `children` is set once the shard is closed and read to
   * its end. No iterator and no read metering: these readers are part of the service, like AWS's
   * own event source pollers.
   */
  async readAfter(after: number, limit: number, byteBudget: number) {
    return capture(async () => {
      const config = this.requireConfig();
      const now = this.clock.now();
      const batch = this.collect(config, after, limit, byteBudget, now);
      if (batch.sealed.length > 0) await this.unseal(config, batch);
      // These readers stand for AWS's pollers, which call GetRecords. They poll idle shards every
      // second: only reads that return records are counted, so an idle shard writes no metrics.
      if (batch.columns.counters.length > 0) this.metrics.record(now, this.readSamples(batch.columns, now));
      const counters = batch.columns.counters;
      return {
        records: this.recordsOf(config, batch.columns).map((record, i) => ({ ...record, counter: counters[i]! })),
        last: batch.last,
        more: batch.last < config.lastCounter,
        children: config.children !== undefined && batch.last >= config.lastCounter ? config.children : undefined,
      };
    });
  }

  /** This shard's metrics from `fromMs` to `toMs`, combined per period (src/metrics/query.ts reads them). */
  async readMetrics(fromMs: number, toMs: number, periodMs: number) {
    return capture(() => (this.config ? this.metrics.read(fromMs, toMs, periodMs) : []));
  }

  override async alarm(): Promise<void> {
    this.alarmSet = false;
    const config = this.config;
    if (!config) return;
    const now = this.clock.now();
    const cut = this.firstRetained(config, now);
    this.log.deleteBefore(cut);
    this.metrics.prune(now);
    await this.scheduleExpiry();
  }

  /**
   * The records after `after`, up to `limit` records and about `byteBudget` bytes (at least one),
   * skipping any past retention; and how far behind the newest record the batch leaves its reader.
   */
  private collect(config: LoadedConfig, after: number, limit: number, byteBudget: number, now: number) {
    const from = Math.max(after + 1, this.firstRetained(config, now));
    const columns = emptyColumns();
    /** Records still sealed, by position in `columns`, with their key: see unseal. */
    const sealed: { position: number; keyRef: number }[] = [];
    let bytes = 0;
    let last = Math.max(after, from - 1);
    for (const [counter, arrivalMs, partitionKey, data, keyRef] of this.log.readFrom(from, limit)) {
      bytes += recordSize(partitionKey, data);
      if (bytes > byteBudget && columns.counters.length > 0) break;
      if (keyRef !== null) sealed.push({ position: columns.counters.length, keyRef });
      columns.counters.push(counter);
      columns.arrivals.push(arrivalMs);
      columns.keys.push(partitionKey);
      columns.data.push(new Uint8Array(data));
      last = counter;
    }
    const next = last < config.lastCounter ? this.log.arrivalOf(last + 1) : undefined;
    return { columns, sealed, last, bytes, millisBehindLatest: next === undefined ? 0 : Math.max(0, now - next) };
  }

  /** A batch's records as objects, for the shard's own readers (subscriptions, triggers). */
  private recordsOf(config: LoadedConfig, columns: RecordColumns): ReadRecord[] {
    const sequenceNumber = sequenceNumbers(this.sequenceBase(config));
    const encrypted = new Set(columns.encrypted);
    return columns.counters.map((counter, i) => ({
      sequenceNumber: sequenceNumber(counter, columns.arrivals[i]!),
      arrivalMs: columns.arrivals[i]!,
      partitionKey: columns.keys[i]!,
      data: columns.data[i]!,
      ...(encrypted.has(i) && { encrypted: true }),
    }));
  }

  private sequenceBase(config: LoadedConfig): SequenceBase {
    return { createdSeconds: Math.floor(config.shardCreatedMs / 1000), shardIndex: config.shardIndex };
  }

  /**
   * What a write counts: every sample of a call, taken or not, so that averages per call hold
   * (PutRecord.Success is 0 for a throttled PutRecord). `sizes` are the offered records', in order.
   */
  private writeSamples(call: WriteCall | undefined, offered: number, taken: number, sizes: readonly number[], now: number): Sample[] {
    let bytes = 0;
    for (let i = 0; i < taken; i++) bytes += sizes[i] ?? 0;
    const samples = [
      observe("IncomingRecords", taken),
      observe("IncomingBytes", bytes),
      observe("WriteProvisionedThroughputExceeded", offered - taken),
    ];
    if (!call) return samples;
    const latency = Math.max(0, now - call.startedMs);
    if (call.operation === "PutRecord") {
      samples.push(observe("PutRecord.Latency", latency), observe("PutRecord.Success", taken > 0 ? 1 : 0));
      if (taken > 0) samples.push(observe("PutRecord.Bytes", bytes));
    } else {
      samples.push(
        observe("PutRecords.Latency", latency),
        observe("PutRecords.TotalRecords", offered),
        observe("PutRecords.SuccessfulRecords", taken),
        observe("PutRecords.ThrottledRecords", offered - taken),
      );
      if (taken > 0) samples.push(observe("PutRecords.Bytes", bytes));
    }
    return samples;
  }

  /**
   * What a read counts. The iterator age is AWS's: how long ago the last record returned was
   * written, 0 for a read that returns nothing (the reader has caught up).
   */
  private readSamples(columns: RecordColumns, now: number): Sample[] {
    const last = columns.arrivals.at(-1);
    let bytes = 0;
    for (let i = 0; i < columns.keys.length; i++) bytes += recordSize(columns.keys[i]!, columns.data[i]!);
    return [
      observe("GetRecords.Records", columns.counters.length),
      observe("GetRecords.Bytes", bytes),
      observe("GetRecords.IteratorAgeMilliseconds", last === undefined ? 0 : Math.max(0, now - last)),
    ];
  }

  /** Decrypts a batch's sealed records in place, all at once; readers never see the stored form. */
  private async unseal(config: LoadedConfig, batch: { columns: RecordColumns; sealed: { position: number; keyRef: number }[] }) {
    const { columns } = batch;
    await Promise.all(
      batch.sealed.map(async ({ position, keyRef }) => {
        const data = columns.data[position];
        if (!data) return;
        let keyId = this.keyIds.get(keyRef);
        if (keyId === undefined) {
          keyId = this.log.keyIdOf(keyRef);
          if (keyId === undefined) throw new Error(`shard ${config.shardIndex} of ${config.streamName}: no key ${keyRef}`);
          this.keyIds.set(keyRef, keyId);
        }
        const plain = await this.cipher(config, keyId).open(keyId, data);
        columns.keys[position] = plain.partitionKey;
        columns.data[position] = plain.data;
        columns.encrypted.push(position);
      }),
    );
    columns.encrypted.sort((a, b) => a - b);
    batch.sealed = [];
  }

  /** The shard's cipher; without the deployment's master key no key can be used, as KMS would say. */
  private cipher(config: LoadedConfig, keyId: string): RecordCipher {
    if (!this.recordCipher) {
      const master = masterKey(this.env);
      if (!master) throw keyNotFound(keyId, config);
      this.recordCipher = new RecordCipher(master, shardObjectName(config.streamId, config.shardIndex));
    }
    return this.recordCipher;
  }

  private meter(now: number): ShardThroughput {
    this.throughput ??= new ShardThroughput(now);
    return this.throughput;
  }

  /** Asks the registry for another shard when this one's recent writes near its capacity. */
  private scaleIfHot(config: LoadedConfig, now: number): void {
    if (now - this.askedToScaleMs < KINESIS.onDemandCooldownMs) return;
    if (this.meter(now).load(now) < KINESIS.onDemandScaleLoad) return;
    this.askedToScaleMs = now;
    const scope = { account: config.account, region: config.region };
    this.ctx.waitUntil(
      registryFor(this.env, scope)
        .scaleHotShard(scope, config.streamName, config.streamId, config.shardIndex)
        .then((outcome) => {
          if (!outcome.ok) console.error(`on-demand scaling of ${config.streamName}: ${outcome.error.type}`);
        }),
    );
  }

  private requireConfig(): LoadedConfig {
    if (!this.config) throw new ResourceNotFoundException("Shard not found.");
    return this.config;
  }

  private sequenceNumber(config: LoadedConfig, counter: number, arrivalMs: number): string {
    return formatSequenceNumber({
      createdSeconds: Math.floor(config.shardCreatedMs / 1000),
      shardIndex: config.shardIndex,
      counter,
      arrivalSeconds: Math.floor(arrivalMs / 1000),
    });
  }

  /** The counter of the first record inside the retention period (or the next one to be written). */
  private firstRetained(config: LoadedConfig, now: number): number {
    const cutoff = now - config.retentionHours * HOUR_MS;
    return this.firstArrivedAtOrAfter(config, cutoff);
  }

  /** Binary search over the contiguous log for the first record that arrived at or after `timeMs`. */
  private firstArrivedAtOrAfter(config: LoadedConfig, timeMs: number): number {
    const first = this.log.first();
    if (!first) return config.lastCounter + 1;
    if (first.arrivalMs >= timeMs) return first.counter;
    let low = first.counter + 1;
    let high = config.lastCounter + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if ((this.log.arrivalOf(middle) ?? Infinity) >= timeMs) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private startingPoint(config: LoadedConfig, request: IteratorRequest, now: number): number {
    switch (request.type) {
      case "TRIM_HORIZON":
        return this.firstRetained(config, now) - 1;
      case "LATEST":
        return config.lastCounter;
      case "AT_TIMESTAMP":
        return this.firstArrivedAtOrAfter(config, request.timestampMs) - 1;
      case "AT_SEQUENCE_NUMBER":
      case "AFTER_SEQUENCE_NUMBER": {
        const counter = this.counterOf(config, request.sequenceNumber);
        return request.type === "AT_SEQUENCE_NUMBER" ? counter - 1 : counter;
      }
    }
  }

  /**
   * The counter a StartingSequenceNumber names, refused with AWS's messages: a number AWS would not
   * read, one of another shard, one of its oldest version (AWS fails on those with InternalFailure; refused here),
   * and one of another stream (or of a record this shard does not have).
   */
  private counterOf(config: LoadedConfig, sequenceNumber: string): number {
    const shardId = shardIdOf(config.shardIndex);
    const reading = readSequenceNumber(sequenceNumber);
    const where = `used in GetShardIterator on shard ${shardId} in stream ${config.streamName} under account ${config.account}`;
    if (!reading) throw new InvalidArgumentException(`StartingSequenceNumber ${sequenceNumber} ${where} is invalid.`);
    if (reading.shardIndex !== config.shardIndex) {
      throw new InvalidArgumentException(
        `Invalid StartingSequenceNumber. It encodes ${shardIdOf(reading.shardIndex)}, while it was used in a call to a shard with ${shardId}`,
      );
    }
    // AWS fails on a number of its oldest version with InternalFailure (a 500); here no request may
    // cause a 5xx, so it is refused as a number AWS cannot read (README, differences from AWS).
    if (reading.version === 0) throw new InvalidArgumentException(`StartingSequenceNumber ${sequenceNumber} ${where} is invalid.`);
    if (
      reading.version === 1 ||
      reading.createdSeconds !== Math.floor(config.shardCreatedMs / 1000) ||
      reading.position > BigInt(config.lastCounter)
    ) {
      throw new InvalidArgumentException(
        `StartingSequenceNumber ${sequenceNumber} ${where} is invalid because it did not come from this stream.`,
      );
    }
    return Number(reading.position);
  }

  /** Sets the alarm for the moment the oldest record leaves the retention period. */
  private async scheduleExpiry(): Promise<void> {
    const config = this.config;
    const first = this.log.first();
    if (!config || !first) {
      if (this.alarmSet) await this.ctx.storage.deleteAlarm();
      this.alarmSet = false;
      return;
    }
    await this.ctx.storage.setAlarm(first.arrivalMs + config.retentionHours * HOUR_MS);
    this.alarmSet = true;
  }
}

/** AWS's date format in iterator messages: `Thu Jan 22 01:22:02 UTC 2015`. */
function amzUtcString(ms: number): string {
  const match = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString());
  if (!match) return new Date(ms).toISOString();
  const [, weekday, day, month, year, time] = match;
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}
