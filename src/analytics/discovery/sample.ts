/**
 * The records schema discovery samples: from a stream of this service (its shards read with their
 * internal `readAfter`, as Firehose's Kinesis source reads them, from TRIM_HORIZON, or from NOW:
 * what arrives within a short wait, as AWS samples "the latest data in your stream" and fails when
 * nothing is being sent), from a delivery stream's source stream (a delivery stream reading a
 * Kinesis stream sees that stream's records), or from an S3 object in a bucket bound to this Worker
 * (as Firehose resolves buckets).
 */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { Scope } from "../../aws/scope";
import { resolveBucket } from "../../firehose/buckets";
import { describeSource } from "../../firehose/kinesis-source";
import { firehoseRegistryFor, shardStub } from "../../objects";
import { shardIdOf } from "../../streams/ids";
import type { StreamView } from "../../streams/registry";
import { DISCOVERY } from "../api-limits";

export interface SampledRecord {
  data: Uint8Array;
  /** Set for records read from a stream: what the input processing Lambda is told about them. */
  kinesis?: { shardId: string; partitionKey: string; sequenceNumber: string; arrivalMs: number };
}

export interface Sample {
  /** The stream the records came from (for the preprocessing Lambda's event). */
  streamArn?: string;
  records: SampledRecord[];
}

function arnParts(arn: string, service: "kinesis" | "firehose"): (Scope & { name: string }) | undefined {
  const kind = service === "kinesis" ? "stream" : "deliverystream";
  const match = new RegExp(`^arn:aws[^:]*:${service}:([^:]*):(\\d{12}):${kind}/([a-zA-Z0-9_.-]+)$`).exec(arn);
  if (!match) return undefined;
  const [, region = "", account = "", name = ""] = match;
  return { region, account, name };
}

/** The stream `arn` names (a stream, or a delivery stream that reads one). */
async function streamToSample(env: Env, scope: Scope, arn: string): Promise<StreamView> {
  const stream = arnParts(arn, "kinesis");
  if (stream) {
    const here = stream.account === scope.account && stream.region === scope.region;
    const view = here ? await describeSource(env, { account: scope.account, region: scope.region, streamName: stream.name, streamArn: arn }) : undefined;
    if (!view) throw new InvalidArgumentException(`Stream ${stream.name} under account ${stream.account} not found.`);
    return view;
  }
  const delivery = arnParts(arn, "firehose");
  if (!delivery) throw new InvalidArgumentException(`ResourceARN ${arn} is neither a Kinesis stream nor a Kinesis Firehose delivery stream ARN.`);
  const outcome = delivery.account === scope.account && delivery.region === scope.region ? await firehoseRegistryFor(env, scope).describe(scope, delivery.name) : undefined;
  if (!outcome?.ok) throw new InvalidArgumentException(`Firehose ${delivery.name} under account ${delivery.account} not found.`);
  const source = outcome.value.kinesisSource;
  if (!source) {
    throw new InvalidArgumentException(
      `Schema discovery reads delivery streams whose source is a Kinesis stream; ${delivery.name} is a DirectPut delivery stream. Discover from the stream or an S3 object with the same records.`,
    );
  }
  return streamToSample(env, scope, source.KinesisStreamARN);
}

/** Up to DISCOVERY.maxStreamRecords records of a stream, from TRIM_HORIZON or NOW. */
export async function sampleStream(env: Env, scope: Scope, arn: string, position: "TRIM_HORIZON" | "NOW"): Promise<Sample> {
  const stream = await streamToSample(env, scope, arn);
  const shards = await Promise.all(
    stream.shards.map(async (shard) => ({
      index: shard.index,
      counter: unwrap(await shardStub(env, stream.id, shard.index).position({ type: position === "NOW" ? "LATEST" : "TRIM_HORIZON" })),
      done: false,
    })),
  );
  const records: SampledRecord[] = [];
  // The wait bounds real time (a client waits on it); the injected clock does not measure it.
  const deadline = Date.now() + (position === "NOW" ? DISCOVERY.streamWaitMs : 0);
  for (;;) {
    for (const shard of shards) {
      while (!shard.done && records.length < DISCOVERY.maxStreamRecords) {
        const batch = unwrap(await shardStub(env, stream.id, shard.index).readAfter(shard.counter, DISCOVERY.maxStreamRecords - records.length, 4 * 1024 * 1024));
        for (const record of batch.records) {
          records.push({
            data: record.data,
            kinesis: { shardId: shardIdOf(shard.index), partitionKey: record.partitionKey, sequenceNumber: record.sequenceNumber, arrivalMs: record.arrivalMs },
          });
        }
        shard.counter = batch.last;
        if (!batch.more) break;
      }
    }
    if (records.length > 0 || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { streamArn: stream.arn, records };
}

/** An S3 object's first DISCOVERY.maxObjectBytes, as one record (AWS answers the file as one RawInputRecord). */
export async function sampleObject(env: Env, bucketArn: string, key: string): Promise<Sample> {
  const bucket = resolveBucket(env, bucketArn);
  const object = bucket ? await bucket.get(key, { range: { offset: 0, length: DISCOVERY.maxObjectBytes } }) : null;
  if (!object) {
    throw new InvalidArgumentException(
      `Unable to read S3 object ${key} in bucket ${bucketArn}. Please check the role provided or validity of S3 location you provided.`,
    );
  }
  return { records: [{ data: new Uint8Array(await object.arrayBuffer()) }] };
}
