/**
 * Kinesis outlives a crash mid-write: several producers (unmodified `@aws-sdk/client-kinesis`
 * clients, each its own connection) write with PutRecord and PutRecords to a four-shard stream, many
 * partition keys each, when every process of `npm start` (the front, wrangler, workerd) is killed
 * with SIGKILL. A new server on the same data directory then holds every acknowledged record exactly
 * once, with the sequence number and shard it was acknowledged with, no unacknowledged record more
 * than once, nothing that was never sent, and the records of each partition key in the order written.
 *
 * Each producer writes its own keys and waits for each answer before the next call, so the order of
 * a key's records is the order its producer wrote them. The SDK's retries are off: a retry of a call
 * whose first attempt was stored would write a record twice, as AWS's would.
 */
import { PutRecordCommand, PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, describe, expect, it } from "vitest";
import { createActiveStream, kinesisClient, readToEnd, removeDir, shardIterator, sleep, tempDir, uniqueName } from "./helpers";
import { startKillable, type KillableServer } from "./killable";

const PRODUCERS = 4;
const KEYS_PER_PRODUCER = 12;
/** Acknowledged records after which the server is killed, while the producers go on writing. */
const KILL_AFTER = 400;

interface Sent {
  id: string;
  partitionKey: string;
  /** The record's place among its partition key's records, as written. */
  index: number;
}

interface Acknowledged extends Sent {
  shardId: string;
  sequenceNumber: string;
}

let dir: string | undefined;
let server: KillableServer | undefined;

afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

/** Writes until a call fails (the server is gone): PutRecord and PutRecords of 1 to 25 records, in turn. */
async function produce(client: KinesisClient, streamName: string, producer: number, acknowledged: Acknowledged[], unacknowledged: Sent[]): Promise<void> {
  const nextIndex = new Map<string, number>();
  const record = (): Sent => {
    const partitionKey = `producer-${producer}-key-${Math.floor(Math.random() * KEYS_PER_PRODUCER)}`;
    const index = nextIndex.get(partitionKey) ?? 0;
    nextIndex.set(partitionKey, index + 1);
    return { id: `${producer}/${partitionKey}/${index}`, partitionKey, index };
  };
  const data = (sent: Sent) => new TextEncoder().encode(JSON.stringify(sent));
  for (let call = 0; ; call++) {
    const batch = Array.from({ length: call % 2 === 0 ? 1 : 1 + Math.floor(Math.random() * 25) }, record);
    try {
      if (call % 2 === 0) {
        const [sent] = batch as [Sent];
        const answer = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: sent.partitionKey, Data: data(sent) }));
        acknowledged.push({ ...sent, shardId: answer.ShardId ?? "", sequenceNumber: answer.SequenceNumber ?? "" });
      } else {
        const answer = await client.send(
          new PutRecordsCommand({ StreamName: streamName, Records: batch.map((sent) => ({ PartitionKey: sent.partitionKey, Data: data(sent) })) }),
        );
        batch.forEach((sent, i) => {
          const result = answer.Records?.[i];
          if (result?.SequenceNumber) acknowledged.push({ ...sent, shardId: result.ShardId ?? "", sequenceNumber: result.SequenceNumber });
          else unacknowledged.push(sent);
        });
      }
    } catch {
      unacknowledged.push(...batch);
      return;
    }
  }
}

describe("Kinesis after every process of the server is killed (SIGKILL) mid-write", () => {
  it("holds every acknowledged record once, unacknowledged ones at most once, each key in order", { timeout: 600_000 }, async () => {
    dir = tempDir("crash");
    server = await startKillable(dir);
    const streamName = uniqueName("e2e-crash");
    const admin = kinesisClient(server.url);
    const shards = await createActiveStream(admin, streamName, 4);
    admin.destroy();

    const acknowledged: Acknowledged[] = [];
    const unacknowledged: Sent[] = [];
    // Half the producers over HTTP/2 (the SDK's default), half over HTTP/1.1: both of the front's paths.
    const url = server.url;
    const clients = Array.from({ length: PRODUCERS }, (_, i) =>
      kinesisClient(url, { maxAttempts: 1, ...(i % 2 === 1 && { requestHandler: new NodeHttpHandler() }) }),
    );
    const producing = clients.map((client, producer) => produce(client, streamName, producer, acknowledged, unacknowledged));
    while (acknowledged.length < KILL_AFTER) await sleep(20);
    await server.kill();
    await Promise.all(producing);
    for (const client of clients) client.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // Some calls were on their way when the processes died.
    expect(unacknowledged.length).toBeGreaterThan(0);

    server = await startKillable(dir);
    const reader = kinesisClient(server.url);
    const read: { record: Sent; shardId: string; sequenceNumber: string }[] = [];
    for (const shard of shards) {
      const shardId = shard.ShardId ?? "";
      const { records } = await readToEnd(reader, await shardIterator(reader, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }));
      for (const record of records) {
        read.push({ record: JSON.parse(new TextDecoder().decode(record.Data)) as Sent, shardId, sequenceNumber: record.SequenceNumber ?? "" });
      }
    }
    reader.destroy();

    const times = new Map<string, number>();
    for (const { record } of read) times.set(record.id, (times.get(record.id) ?? 0) + 1);
    const readById = new Map(read.map((entry) => [entry.record.id, entry]));
    for (const sent of acknowledged) {
      expect(times.get(sent.id), `acknowledged ${sent.id}`).toBe(1);
      expect(readById.get(sent.id)).toMatchObject({ shardId: sent.shardId, sequenceNumber: sent.sequenceNumber });
    }
    for (const sent of unacknowledged) expect(times.get(sent.id) ?? 0, `unacknowledged ${sent.id}`).toBeLessThanOrEqual(1);
    const sentIds = new Set([...acknowledged, ...unacknowledged].map((sent) => sent.id));
    for (const id of times.keys()) expect(sentIds.has(id), `${id} was never sent`).toBe(true);

    // Each key's records in the order its producer wrote them (a key lives on one shard, read in order).
    const lastIndex = new Map<string, number>();
    for (const { record } of read) {
      const previous = lastIndex.get(record.partitionKey) ?? -1;
      expect(record.index, `order of ${record.partitionKey}`).toBeGreaterThan(previous);
      lastIndex.set(record.partitionKey, record.index);
    }
    expect(lastIndex.size).toBeGreaterThan(PRODUCERS * KEYS_PER_PRODUCER * 0.9);
  });
});
