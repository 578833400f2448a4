/** StartStreamEncryption and StopStreamEncryption: records encrypted at rest, read back transparently. */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MessageDecoder } from "../../src/aws/eventstream";
import { KINESIS } from "../../src/limits";
import type { StreamRegistry } from "../../src/streams/registry";
import type { Shard } from "../../src/streams/shard";
import {
  base64,
  call,
  createActiveStream,
  env,
  expectError,
  expectFailure,
  expectValidation,
  fromBase64,
  getIterator,
  ok,
  openEventStream,
  readAll,
  registryClock,
  registryStub,
  shardId,
  shardStub,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  NOT_NULL,
  type DescribeStreamOutput,
  type DescribeStreamSummaryOutput,
  type PutRecordOutput,
  type PutRecordsOutput,
  type TestStream,
  type WireRecord,
} from "./client";

const KEY = "alias/aws/kinesis";
const OTHER_KEY = "arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012";
const text = (record: WireRecord) => new TextDecoder().decode(fromBase64(record.Data));

async function settle(): Promise<void> {
  await useRegistryClock();
  registryClock.advance(KINESIS.updateStreamMs);
}

async function start(stream: TestStream, keyId = KEY): Promise<void> {
  await ok("StartStreamEncryption", { StreamName: stream.name, EncryptionType: "KMS", KeyId: keyId });
  await settle();
}

async function stop(stream: TestStream, keyId = KEY): Promise<void> {
  await ok("StopStreamEncryption", { StreamName: stream.name, EncryptionType: "KMS", KeyId: keyId });
  await settle();
}

async function put(stream: TestStream, data: string, partitionKey = "pk"): Promise<PutRecordOutput> {
  return ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: partitionKey, Data: base64(data) });
}

type StoredRow = {
  partition_key: string;
  data: ArrayBuffer;
  key_ref: number | null;
};

/** The records table of a shard, straight from its SQLite storage. */
async function storedRows(stream: TestStream, shardIndex = 0): Promise<StoredRow[]> {
  return runInDurableObject(shardStub(stream.id, shardIndex), (_instance: Shard, state) =>
    state.storage.sql.exec<StoredRow>("SELECT partition_key, data, key_ref FROM records ORDER BY counter").toArray(),
  );
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe("server-side encryption", () => {
  describe("validations", () => {
    it("requires EncryptionType and KeyId", async () => {
      await expectValidation(
        "StartStreamEncryption",
        { StreamName: "s" },
        violation(null, "keyId", NOT_NULL),
        violation(null, "encryptionType", NOT_NULL),
      );
      await expectValidation(
        "StopStreamEncryption",
        { StreamName: "s", EncryptionType: "KMS", KeyId: "" },
        violation("", "keyId", "Member must have length greater than or equal to 1"),
      );
    });

    it("takes only KMS as the EncryptionType", async () => {
      const stream = await createActiveStream(1);
      for (const operation of ["StartStreamEncryption", "StopStreamEncryption"]) {
        await expectFailure(
          operation,
          { StreamName: stream.name, EncryptionType: "NONE", KeyId: KEY },
          "InvalidArgumentException",
          `Invalid EncryptionType NONE used in ${operation}. KMS is the only valid EncryptionType.`,
        );
      }
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure(
        "StartStreamEncryption",
        { StreamName: name, EncryptionType: "KMS", KeyId: KEY },
        "ResourceNotFoundException",
        streamNotFound(name),
      );
    });

    it("refuses a change while the stream is UPDATING", async () => {
      const stream = await createActiveStream(1);
      await ok("StartStreamEncryption", { StreamARN: stream.arn, EncryptionType: "KMS", KeyId: KEY });
      await expectFailure(
        "StopStreamEncryption",
        { StreamARN: stream.arn, EncryptionType: "KMS", KeyId: KEY },
        "ResourceInUseException",
        `Stream ${stream.name} under account 000000000000 not ACTIVE, instead in state UPDATING`,
      );
    });

    it("answers KMSNotFoundException when the deployment holds no master key", async () => {
      const stream = await createActiveStream(1);
      const deployed: Env = { ...env, RIVULET_LOCAL: undefined, RIVULET_ENCRYPTION_KEY: undefined };
      const swap = (to: Env) =>
        runInDurableObject(registryStub(), (instance: StreamRegistry) => {
          (instance as unknown as { env: Env }).env = to;
        });
      await swap(deployed);
      try {
        await expectFailure(
          "StartStreamEncryption",
          { StreamName: stream.name, EncryptionType: "KMS", KeyId: "alias/my-key" },
          "KMSNotFoundException",
          "Alias arn:aws:kms:us-east-1:000000000000:alias/my-key is not found.",
        );
        await expectFailure(
          "StartStreamEncryption",
          { StreamName: stream.name, EncryptionType: "KMS", KeyId: "12345678-1234-1234-1234-123456789012" },
          "KMSNotFoundException",
          "Key 'arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012' does not exist",
        );
      } finally {
        await swap(env);
      }
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary.EncryptionType).toBe("NONE");
    });
  });

  describe("functionality", () => {
    it("goes UPDATING, then shows KMS and the KeyId; StopStreamEncryption shows NONE again", async () => {
      const stream = await createActiveStream(1);
      await ok("StartStreamEncryption", { StreamName: stream.name, EncryptionType: "KMS", KeyId: KEY });
      const updating = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(updating.StreamDescriptionSummary.StreamStatus).toBe("UPDATING");
      await settle();
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", EncryptionType: "KMS", KeyId: KEY });
      const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      expect(described.StreamDescription).toMatchObject({ EncryptionType: "KMS", KeyId: KEY });

      await stop(stream);
      const after = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
      expect(after.StreamDescription.EncryptionType).toBe("NONE");
      expect(after.StreamDescription).not.toHaveProperty("KeyId");
    });

    it("encrypts records at rest while on, and reads every record back in order", async () => {
      const stream = await createActiveStream(1);
      const before = await put(stream, "plain-before", "key-before");
      expect(before).not.toHaveProperty("EncryptionType");

      await start(stream);
      const during = await put(stream, "secret-during", "key-during");
      expect(during.EncryptionType).toBe("KMS");
      const batch = await ok<PutRecordsOutput>("PutRecords", {
        StreamName: stream.name,
        Records: [
          { PartitionKey: "key-batch", Data: base64("secret-batch-1") },
          { PartitionKey: "key-batch", Data: base64("secret-batch-2") },
        ],
      });
      expect(batch.EncryptionType).toBe("KMS");
      expect(batch.FailedRecordCount).toBe(0);

      await stop(stream);
      const after = await put(stream, "plain-after", "key-after");
      expect(after).not.toHaveProperty("EncryptionType");

      // At rest: the encrypted records' data and partition keys are nowhere in their rows.
      const rows = await storedRows(stream);
      expect(rows).toHaveLength(5);
      const encoder = new TextEncoder();
      expect(rows.map((row) => row.key_ref === null)).toEqual([true, false, false, false, true]);
      for (const [index, secret] of [
        [1, "secret-during"],
        [2, "secret-batch-1"],
        [3, "secret-batch-2"],
      ] as const) {
        const row = rows[index] as StoredRow;
        const stored = new Uint8Array(row.data);
        expect(contains(stored, encoder.encode(secret))).toBe(false);
        expect(contains(stored, encoder.encode("key-"))).toBe(false);
        expect(row.partition_key).toBe("");
      }
      expect(new TextDecoder().decode((rows[0] as StoredRow).data)).toBe("plain-before");
      expect((rows[0] as StoredRow).partition_key).toBe("key-before");

      // Read back: everything, decrypted, with EncryptionType on the encrypted ones only.
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map(text)).toEqual(["plain-before", "secret-during", "secret-batch-1", "secret-batch-2", "plain-after"]);
      expect(records.map((record) => record.PartitionKey)).toEqual(["key-before", "key-during", "key-batch", "key-batch", "key-after"]);
      expect(records.map((record) => (record as WireRecord & { EncryptionType?: string }).EncryptionType)).toEqual([
        undefined,
        "KMS",
        "KMS",
        "KMS",
        undefined,
      ]);
      expect(records.map((record) => record.SequenceNumber)).toEqual([
        before.SequenceNumber,
        during.SequenceNumber,
        ...batch.Records.map((entry) => ("SequenceNumber" in entry ? entry.SequenceNumber : "")),
        after.SequenceNumber,
      ]);
    });

    it("keeps records sealed under an earlier key readable after the key changes", async () => {
      const stream = await createActiveStream(1);
      await start(stream, KEY);
      await put(stream, "under-first-key");
      await start(stream, OTHER_KEY);
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary).toMatchObject({ EncryptionType: "KMS", KeyId: OTHER_KEY });
      await put(stream, "under-second-key");
      const rows = await storedRows(stream);
      expect(rows.map((row) => row.key_ref)).toEqual([0, 1]);
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map(text)).toEqual(["under-first-key", "under-second-key"]);
    });

    it("stores binary data and empty-looking data exactly", async () => {
      const stream = await createActiveStream(1);
      await start(stream);
      const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) & 0xff);
      await ok("PutRecord", { StreamName: stream.name, PartitionKey: "ünïcödé-κλειδί", Data: bytes.toBase64() });
      await ok("PutRecord", { StreamName: stream.name, PartitionKey: "x", Data: "" });
      const records = await readAll(await getIterator(stream, shardId(0), "TRIM_HORIZON"));
      expect(records.map((record) => record.Data)).toEqual([bytes.toBase64(), ""]);
      expect(records[0]?.PartitionKey).toBe("ünïcödé-κλειδί");
    });

    it("encrypts in every shard, including the children of a split", async () => {
      const stream = await createActiveStream(2);
      await start(stream);
      await ok("SplitShard", {
        StreamName: stream.name,
        ShardToSplit: shardId(0),
        NewStartingHashKey: "85070591730234615865843651857942052864",
      });
      await settle();
      const results = await ok<PutRecordsOutput>("PutRecords", {
        StreamName: stream.name,
        Records: Array.from({ length: 40 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: base64(`value-${i}`) })),
      });
      expect(results.EncryptionType).toBe("KMS");
      const shards = new Set(results.Records.map((entry) => ("ShardId" in entry ? entry.ShardId : "")));
      expect([...shards].sort()).toEqual([shardId(1), shardId(2), shardId(3)]);
      for (const index of [1, 2, 3]) {
        const rows = await storedRows(stream, index);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.key_ref !== null && row.partition_key === "")).toBe(true);
      }
    });

    it("decrypts records for enhanced fan-out subscribers too", async () => {
      const stream = await createActiveStream(1);
      await start(stream);
      await put(stream, "fan-out-secret");
      const { Consumer } = await ok<{ Consumer: { ConsumerARN: string } }>("RegisterStreamConsumer", {
        StreamARN: stream.arn,
        ConsumerName: "reader",
      });
      await useRegistryClock();
      registryClock.advance(KINESIS.createConsumerMs);
      const response = await openEventStream("SubscribeToShard", {
        ConsumerARN: Consumer.ConsumerARN,
        ShardId: shardId(0),
        StartingPosition: { Type: "TRIM_HORIZON" },
      });
      expect(response.status).toBe(200);
      const reader = response.body?.getReader();
      if (!reader) throw new Error("no body");
      const decoder = new MessageDecoder();
      const events: { Records: (WireRecord & { EncryptionType?: string })[] }[] = [];
      while (events.length === 0) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of decoder.push(value)) {
          if (message.headers[":event-type"]?.value === "SubscribeToShardEvent") {
            events.push(JSON.parse(new TextDecoder().decode(message.payload)));
          }
        }
      }
      await reader.cancel();
      const record = events[0]?.Records[0];
      expect(record && text(record)).toBe("fan-out-secret");
      expect(record?.EncryptionType).toBe("KMS");
      expect(record?.PartitionKey).toBe("pk");
    });

    it("answers the SDK's PutRecord shape: ShardId, SequenceNumber, EncryptionType", async () => {
      const stream = await createActiveStream(1);
      await start(stream);
      const response = await call<PutRecordOutput>("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: base64("x") });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(["EncryptionType", "SequenceNumber", "ShardId"]);
      expectError(
        await call("StartStreamEncryption", { StreamName: stream.name, EncryptionType: "KMS" }),
        "ValidationException",
        `1 validation error detected: ${violation(null, "keyId", NOT_NULL)}`,
      );
    });
  });
});
