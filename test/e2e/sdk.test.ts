/**
 * The unmodified AWS SDK for JavaScript v3 against the real local server: with its default request
 * handler (HTTP/2 cleartext to an http:// endpoint) and with the HTTP/1.1 NodeHttpHandler.
 */
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type _Record,
  type Shard,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  byShard,
  bytesEqual,
  createActiveStream,
  expectAwsError,
  expectFullHashKeyCoverage,
  expectSameRecords,
  expectStrictlyIncreasing,
  hashKeyOf,
  kinesisClient,
  randomBytesOf,
  randomData,
  readToEnd,
  recordProtocols,
  removeDir,
  shardForHashKey,
  shardIterator,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  type Protocol,
  type TestServer,
  type Written,
} from "./helpers";

let dir: string | undefined;
let server: TestServer | undefined;
/** Default SDK client: HTTP/2. */
let h2: KinesisClient;
let h2Protocols: Protocol[];
/** The same SDK with the HTTP/1.1 handler. */
let h1: KinesisClient;
let h1Protocols: Protocol[];

beforeAll(async () => {
  dir = tempDir("sdk");
  server = await startServer({ persistDir: dir });
  h2 = kinesisClient(server.url);
  h2Protocols = recordProtocols(h2);
  h1 = kinesisClient(server.url, { requestHandler: new NodeHttpHandler() });
  h1Protocols = recordProtocols(h1);
});

afterAll(async () => {
  h2?.destroy();
  h1?.destroy();
  await server?.close();
  removeDir(dir);
});

/** Writes `records` with one PutRecords call and answers what was written where. */
async function putRecords(
  client: KinesisClient,
  streamName: string,
  records: { partitionKey: string; data: Uint8Array; explicitHashKey?: string }[],
): Promise<Written[]> {
  const answer = await client.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: records.map((r) => ({ PartitionKey: r.partitionKey, Data: r.data, ExplicitHashKey: r.explicitHashKey })),
    }),
  );
  expect(answer.FailedRecordCount).toBe(0);
  expect(answer.Records).toHaveLength(records.length);
  return records.map((record, i) => {
    const result = answer.Records?.[i];
    expect(result?.ErrorCode).toBeUndefined();
    expect(result?.ShardId).toMatch(/^shardId-\d{12}$/);
    expect(result?.SequenceNumber).toMatch(/^\d+$/);
    return {
      partitionKey: record.partitionKey,
      data: record.data,
      shardId: result?.ShardId as string,
      sequenceNumber: result?.SequenceNumber as string,
    };
  });
}

/** 500 records of random bytes; partition keys repeat, so some land on a shard back to back. */
function fiveHundredRecords(prefix: string): { partitionKey: string; data: Uint8Array }[] {
  return Array.from({ length: 500 }, (_, i) => ({ partitionKey: `${prefix}-${i % 137}`, data: randomData(2048) }));
}

/** Reads every shard from TRIM_HORIZON and checks it holds exactly `written`, in order. */
async function expectStreamHolds(client: KinesisClient, streamName: string, shards: Shard[], written: Written[]): Promise<void> {
  const expected = byShard(written);
  let total = 0;
  for (const shard of shards) {
    const shardId = shard.ShardId as string;
    const iterator = await shardIterator(client, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
    const { records } = await readToEnd(client, iterator);
    expectSameRecords(records, expected.get(shardId) ?? []);
    total += records.length;
  }
  expect(total).toBe(written.length);
  expect(new Set(written.map((w) => w.sequenceNumber)).size).toBe(written.length);
}

// ---------------------------------------------------------------------------------------------

describe("a 4-shard stream and one PutRecords call of 500 records (default HTTP/2 client)", () => {
  const streamName = uniqueName("e2e-sdk");
  let shards: Shard[];
  let written: Written[];

  beforeAll(async () => {
    shards = await createActiveStream(h2, streamName, 4);
    written = await putRecords(h2, streamName, fiveHundredRecords("user"));
  });

  it("creates an ACTIVE stream with 4 open shards covering the whole hash key space", async () => {
    expect(shards.map((s) => s.ShardId)).toEqual([
      "shardId-000000000000",
      "shardId-000000000001",
      "shardId-000000000002",
      "shardId-000000000003",
    ]);
    expectFullHashKeyCoverage(shards);
    for (const shard of shards) {
      expect(shard.SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d+$/);
      expect(shard.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    }

    const { StreamDescriptionSummary: summary } = await h2.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    expect(summary).toMatchObject({
      StreamName: streamName,
      StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${streamName}`,
      StreamStatus: "ACTIVE",
      OpenShardCount: 4,
      RetentionPeriodHours: 24,
    });
    expect(summary?.StreamCreationTimestamp).toBeInstanceOf(Date);

    const { StreamDescription: description } = await h2.send(new DescribeStreamCommand({ StreamName: streamName }));
    expect(description?.Shards?.map((s) => s.ShardId)).toEqual(shards.map((s) => s.ShardId));
    expect(description?.HasMoreShards).toBe(false);

    const listed = await h2.send(new ListStreamsCommand({}));
    expect(listed.StreamNames).toContain(streamName);
    expect(listed.StreamSummaries?.find((s) => s.StreamName === streamName)?.StreamStatus).toBe("ACTIVE");
  });

  it("acknowledges all 500 records, each on the shard whose hash key range holds the MD5 of its partition key", () => {
    expect(written).toHaveLength(500);
    expect(new Set(written.map((w) => w.sequenceNumber)).size).toBe(500);
    for (const record of written) {
      expect(record.shardId).toBe(shardForHashKey(shards, hashKeyOf(record.partitionKey)).ShardId);
    }
    const groups = byShard(written);
    // 137 distinct keys over 4 equal ranges: every shard gets some.
    expect([...groups.keys()].sort()).toEqual(shards.map((s) => s.ShardId));
    for (const group of groups.values()) expectStrictlyIncreasing(group.map((w) => w.sequenceNumber));
  });

  it("reads every record back from each shard with TRIM_HORIZON: none lost, none repeated, in order, bytes intact", async () => {
    await expectStreamHolds(h2, streamName, shards, written);
  });

  it("pages through a shard with GetRecords Limit without losing or repeating a record", async () => {
    const shardId = shards[2]?.ShardId as string;
    const iterator = await shardIterator(h2, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
    const { records } = await readToEnd(h2, iterator, 7);
    expectSameRecords(records, byShard(written).get(shardId) ?? []);
  });

  it("starts AT_SEQUENCE_NUMBER at the given record and AFTER_SEQUENCE_NUMBER just after it", async () => {
    const groups = byShard(written);
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const onShard = groups.get(shardId) ?? [];
      for (const position of [0, Math.floor(onShard.length / 2), onShard.length - 1]) {
        const sequenceNumber = (onShard[position] as Written).sequenceNumber;
        const at = await shardIterator(h2, {
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: "AT_SEQUENCE_NUMBER",
          StartingSequenceNumber: sequenceNumber,
        });
        expectSameRecords((await readToEnd(h2, at)).records, onShard.slice(position));
        const after = await shardIterator(h2, {
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
          StartingSequenceNumber: sequenceNumber,
        });
        expectSameRecords((await readToEnd(h2, after)).records, onShard.slice(position + 1));
      }
    }
  });

  it("LATEST sees nothing already written, then exactly the records written after it was taken, in order", async () => {
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const latest = await shardIterator(h2, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "LATEST" });
      const before = await readToEnd(h2, latest);
      expect(before.records).toEqual([]);

      // Three single PutRecord calls aimed at this shard, chained with SequenceNumberForOrdering.
      const added: Written[] = [];
      for (let i = 0; i < 3; i++) {
        const data = randomData(512);
        const partitionKey = `latest-${i}`;
        const answer = await h2.send(
          new PutRecordCommand({
            StreamName: streamName,
            PartitionKey: partitionKey,
            Data: data,
            ExplicitHashKey: shard.HashKeyRange?.StartingHashKey,
            SequenceNumberForOrdering: added.at(-1)?.sequenceNumber,
          }),
        );
        expect(answer.ShardId).toBe(shardId);
        added.push({ partitionKey, data, shardId, sequenceNumber: answer.SequenceNumber as string });
      }
      written.push(...added);

      const after = await readToEnd(h2, before.nextIterator);
      expectSameRecords(after.records, added);
    }
  });

  it("AT_TIMESTAMP starts at the first record that arrived at or after the timestamp", async () => {
    await sleep(20); // so the records below arrive after everything written so far
    const late = await putRecords(
      h2,
      streamName,
      shards.flatMap((shard, s) =>
        Array.from({ length: 5 }, (_, i) => ({
          partitionKey: `late-${s}-${i}`,
          data: randomData(256),
          explicitHashKey: shard.HashKeyRange?.EndingHashKey,
        })),
      ),
    );
    written.push(...late);

    const groups = byShard(written);
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const onShard = groups.get(shardId) ?? [];
      const trim = await shardIterator(h2, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
      const all = (await readToEnd(h2, trim)).records;
      expectSameRecords(all, onShard);
      const arrivals = all.map((r) => (r.ApproximateArrivalTimestamp as Date).getTime());
      for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]).toBeGreaterThanOrEqual(arrivals[i - 1] as number);

      // The arrival time of this shard's first late record: everything from the first record that
      // arrived at or after it. The late records are the last five, so that is at most five.
      const firstLate = all.findIndex((r) => r.SequenceNumber === late.find((w) => w.shardId === shardId)?.sequenceNumber);
      expect(firstLate).toBe(all.length - 5);
      const timestamp = new Date(arrivals[firstLate] as number);
      const from = arrivals.findIndex((t) => t >= timestamp.getTime());
      expect(from).toBeLessThanOrEqual(firstLate);
      expect(from).toBeGreaterThan(0);
      const atTimestamp = await shardIterator(h2, {
        StreamName: streamName,
        ShardId: shardId,
        ShardIteratorType: "AT_TIMESTAMP",
        Timestamp: timestamp,
      });
      expectSameRecords((await readToEnd(h2, atTimestamp)).records, onShard.slice(from));

      // A timestamp before any record reads the whole shard, like TRIM_HORIZON.
      const early = await shardIterator(h2, {
        StreamName: streamName,
        ShardId: shardId,
        ShardIteratorType: "AT_TIMESTAMP",
        Timestamp: new Date(arrivals[0] as number - 60_000),
      });
      expectSameRecords((await readToEnd(h2, early)).records, onShard);
    }
  });

  it("after all that, still holds exactly what was written", async () => {
    expect(written.length).toBe(500 + 4 * 3 + 4 * 5);
    await expectStreamHolds(h2, streamName, shards, written);
  });

  it("answered every request over HTTP/2 cleartext", () => {
    expect(h2Protocols.length).toBeGreaterThan(50);
    expect(new Set(h2Protocols)).toEqual(new Set(["h2c"]));
  });
});

// ---------------------------------------------------------------------------------------------

describe("HTTP/1.1 (NodeHttpHandler) and HTTP/2 side by side", () => {
  const streamName = uniqueName("e2e-sdk-h1");
  let shards: Shard[];
  const written: Written[] = [];

  beforeAll(async () => {
    shards = await createActiveStream(h1, streamName, 4);
  });

  it("creates a stream, takes 500 records in one PutRecords call and reads them all back over HTTP/1.1", async () => {
    written.push(...(await putRecords(h1, streamName, fiveHundredRecords("h1"))));
    expect(written).toHaveLength(500);
    await expectStreamHolds(h1, streamName, shards, written);
    expect(h1Protocols.length).toBeGreaterThan(10);
    expect(new Set(h1Protocols)).toEqual(new Set(["http/1.1"]));
  });

  it("acknowledges each of many concurrent PutRecord calls once, over both protocols at the same time", async () => {
    const sends = Array.from({ length: 300 }, async (_, i) => {
      const client = i % 3 === 0 ? h1 : h2;
      const partitionKey = `concurrent-${i}`;
      const data = randomData(1024);
      const answer = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: partitionKey, Data: data }));
      return { partitionKey, data, shardId: answer.ShardId as string, sequenceNumber: answer.SequenceNumber as string };
    });
    const concurrent = await Promise.all(sends);
    expect(new Set(concurrent.map((w) => w.sequenceNumber)).size).toBe(300);

    // Concurrent writes have no order of their own: the shard's order is the sequence numbers'.
    concurrent.sort((a, b) => (BigInt(a.sequenceNumber) < BigInt(b.sequenceNumber) ? -1 : 1));
    written.push(...concurrent);
    await expectStreamHolds(h2, streamName, shards, written);
  });

  it("round-trips a 1 MiB record (data plus partition key) intact over both protocols", async () => {
    for (const client of [h1, h2]) {
      const partitionKey = "big";
      const big = randomBytesOf(1024 * 1024 - partitionKey.length);
      const answer = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: partitionKey, Data: big }));
      const at = await shardIterator(client, {
        StreamName: streamName,
        ShardId: answer.ShardId,
        ShardIteratorType: "AT_SEQUENCE_NUMBER",
        StartingSequenceNumber: answer.SequenceNumber,
      });
      const { Records = [] } = await client.send(new GetRecordsCommand({ ShardIterator: at, Limit: 1 }));
      expect(Records).toHaveLength(1);
      expect(Records[0]?.SequenceNumber).toBe(answer.SequenceNumber);
      expect(bytesEqual(Records[0]?.Data, big)).toBe(true);
    }
  });

  it("takes a 5 MB PutRecords and answers a 10 MiB GetRecords page intact over both protocols", async () => {
    for (const [label, client] of [
      ["h2", h2],
      ["h1", h1],
    ] as const) {
      const name = uniqueName(`e2e-sdk-large-${label}`);
      const [shard] = await createActiveStream(client, name, 1);
      const large = await putRecords(
        client,
        name,
        Array.from({ length: 500 }, (_, i) => ({ partitionKey: `large-${i}`, data: randomBytesOf(10_000) })),
      );
      for (let i = 0; i < 6; i++) {
        const data = randomBytesOf(1024 * 1024 - 10);
        const answer = await client.send(new PutRecordCommand({ StreamName: name, PartitionKey: `huge-${i}`, Data: data }));
        large.push({ partitionKey: `huge-${i}`, data, shardId: answer.ShardId as string, sequenceNumber: answer.SequenceNumber as string });
      }
      const iterator = await shardIterator(client, { StreamName: name, ShardId: shard?.ShardId, ShardIteratorType: "TRIM_HORIZON" });
      const first = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      // AWS answers at most 10 MiB per call; this page is most of the shard.
      expect(first.Records?.length).toBeGreaterThan(500);
      const rest = await readToEnd(client, first.NextShardIterator as string);
      expectSameRecords([...(first.Records ?? []), ...rest.records], large);
      await client.send(new DeleteStreamCommand({ StreamName: name }));
    }
  });

  it("keeps streams apart by the region the request is signed for", async () => {
    const elsewhere = kinesisClient((server as TestServer).url, { region: "eu-west-1" });
    try {
      const name = uniqueName("e2e-sdk-eu");
      await createActiveStream(elsewhere, name, 1);
      const { StreamDescriptionSummary } = await elsewhere.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      expect(StreamDescriptionSummary?.StreamARN).toBe(`arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/${name}`);
      expect((await elsewhere.send(new ListStreamsCommand({}))).StreamNames).toEqual([name]);
      expect((await h2.send(new ListStreamsCommand({}))).StreamNames).not.toContain(name);
      expect((await h2.send(new ListStreamsCommand({}))).StreamNames).toContain(streamName);
      await expectAwsError(h2.send(new DescribeStreamSummaryCommand({ StreamName: name })), {
        name: "ResourceNotFoundException",
        message: `Stream ${name} under account ${ACCOUNT} not found.`,
      });
    } finally {
      elsewhere.destroy();
    }
  });

  it("deletes the stream: it leaves DescribeStreamSummary and ListStreams", async () => {
    await h1.send(new DeleteStreamCommand({ StreamName: streamName }));
    const deadline = Date.now() + 30_000;
    let gone: unknown;
    while (gone === undefined && Date.now() < deadline) {
      try {
        await h2.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
        await sleep(100);
      } catch (error) {
        gone = error;
      }
    }
    expect((gone as Error | undefined)?.name).toBe("ResourceNotFoundException");
    const listed = await h2.send(new ListStreamsCommand({}));
    expect(listed.StreamNames).not.toContain(streamName);
  });
});

// ---------------------------------------------------------------------------------------------

describe("AWS's errors, as the SDK surfaces them", () => {
  const streamName = uniqueName("e2e-sdk-errors");
  let shards: Shard[];
  let first: Written;

  beforeAll(async () => {
    shards = await createActiveStream(h2, streamName, 4);
    const [record] = await putRecords(h2, streamName, [{ partitionKey: "one", data: randomData(16) }]);
    first = record as Written;
  });

  for (const [label, client] of [
    ["HTTP/2", () => h2],
    ["HTTP/1.1", () => h1],
  ] as const) {
    it(`ValidationException for a 257-character partition key (${label})`, async () => {
      const partitionKey = "k".repeat(257);
      await expectAwsError(
        client().send(new PutRecordCommand({ StreamName: streamName, PartitionKey: partitionKey, Data: randomData(8) })),
        {
          name: "ValidationException",
          message:
            `1 validation error detected: Value '${partitionKey}' at 'partitionKey' failed to satisfy constraint: ` +
            "Member must have length less than or equal to 256",
        },
      );
    });

    it(`ResourceNotFoundException for a stream that does not exist (${label})`, async () => {
      await expectAwsError(
        client().send(new PutRecordCommand({ StreamName: "e2e-no-such-stream", PartitionKey: "k", Data: randomData(8) })),
        { name: "ResourceNotFoundException", message: `Stream e2e-no-such-stream under account ${ACCOUNT} not found.` },
      );
    });

    it(`InvalidArgumentException for a shard iterator that is not one (${label})`, async () => {
      await expectAwsError(client().send(new GetRecordsCommand({ ShardIterator: "not-a-shard-iterator" })), {
        name: "InvalidArgumentException",
        message: "Invalid ShardIterator.",
      });
    });
  }

  it("InvalidArgumentException for a real shard iterator with a character changed", async () => {
    const iterator = await shardIterator(h2, { StreamName: streamName, ShardId: first.shardId, ShardIteratorType: "TRIM_HORIZON" });
    // One character near the start and one near the end (not the last: it carries padding bits).
    for (const at of [4, iterator.length - 6]) {
      const tampered = iterator.slice(0, at) + (iterator[at] === "A" ? "B" : "A") + iterator.slice(at + 1);
      await expectAwsError(h2.send(new GetRecordsCommand({ ShardIterator: tampered })), {
        name: "InvalidArgumentException",
        message: "Invalid ShardIterator.",
      });
    }
  });

  it("ResourceNotFoundException for a shard the stream does not have", async () => {
    await expectAwsError(
      h2.send(new ListShardsCommand({ StreamName: "e2e-no-such-stream" })),
      { name: "ResourceNotFoundException", message: `Stream e2e-no-such-stream under account ${ACCOUNT} not found.` },
    );
    await expectAwsError(
      shardIterator(h2, { StreamName: streamName, ShardId: "shardId-000000000009", ShardIteratorType: "TRIM_HORIZON" }),
      {
        name: "ResourceNotFoundException",
        message: `Shard shardId-000000000009 in stream ${streamName} under account ${ACCOUNT} does not exist`,
      },
    );
  });

  it("InvalidArgumentException for iterator requests that do not add up", async () => {
    const shardId = first.shardId;
    const other = shards.find((s) => s.ShardId !== shardId)?.ShardId as string;
    await expectAwsError(shardIterator(h2, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "AFTER_SEQUENCE_NUMBER" }), {
      name: "InvalidArgumentException",
      message:
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or " +
        "(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.",
    });
    await expectAwsError(
      shardIterator(h2, {
        StreamName: streamName,
        ShardId: other,
        ShardIteratorType: "AT_SEQUENCE_NUMBER",
        StartingSequenceNumber: first.sequenceNumber,
      }),
      {
        name: "InvalidArgumentException",
        message: `Invalid StartingSequenceNumber. It encodes ${shardId}, while it was used in a call to a shard with ${other}`,
      },
    );
    // A number AWS cannot read: a position of 2^63.
    const unreadable = BigInt("0x20000000000800000000000000000000000000000000002").toString();
    await expectAwsError(
      shardIterator(h2, { StreamName: streamName, ShardId: shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: unreadable }),
      {
        name: "InvalidArgumentException",
        message: `StartingSequenceNumber ${unreadable} used in GetShardIterator on shard ${shardId} in stream ${streamName} under account ${ACCOUNT} is invalid.`,
      },
    );
    await expectAwsError(
      shardIterator(h2, {
        StreamName: streamName,
        ShardId: shardId,
        ShardIteratorType: "AT_TIMESTAMP",
        Timestamp: new Date(Date.now() + 3_600_000),
      }),
      {
        name: "InvalidArgumentException",
        message: /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/,
      },
    );
  });

  it("ResourceInUseException for a stream that exists, ValidationException for zero shards", async () => {
    await expectAwsError(h2.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 })), {
      name: "ResourceInUseException",
      message: `Stream ${streamName} under account ${ACCOUNT} already exists.`,
    });
    await expectAwsError(h2.send(new CreateStreamCommand({ StreamName: uniqueName("e2e-zero"), ShardCount: 0 })), {
      name: "ValidationException",
      message:
        "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it("InvalidArgumentException for a record over 1 MiB, and nothing of a refused request is stored", async () => {
    await expectAwsError(
      h2.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: "kk", Data: new Uint8Array(1024 * 1024 - 1) })),
      { name: "InvalidArgumentException", message: "Record size exceeds 1 MB limit" },
    );
    await expectAwsError(
      h2.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: [
            { PartitionKey: "fine", Data: randomData(8) },
            { PartitionKey: "x".repeat(257), Data: randomData(8) },
          ],
        }),
      ),
      { name: "ValidationException", message: /^1 validation error detected: Value 'x{257}' at 'records\.2\.member\.partitionKey'/ },
    );
    await expectStreamHolds(h2, streamName, shards, [first]);
  });
});
