/**
 * KinesisStreamAsSource: a delivery stream that reads a Data Streams stream of this service from
 * LATEST at its creation, checkpointed in its buffer, following a SplitShard (parent before
 * children), with every record delivered once and carrying its Kinesis metadata.
 */
import { describe as group, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import { ok as kinesisOk, createActiveStream, shardId } from "../client";
import { ACCOUNT, createDeliveryStream, decode, deliverAll, describe, encode, expectFailure, objects, ROLE_ARN, type TestDeliveryStream } from "./helpers";

interface PutRecordsOutput {
  Records: { SequenceNumber: string; ShardId: string }[];
}

async function putToKinesis(streamName: string, tag: string, count: number): Promise<PutRecordsOutput["Records"]> {
  const output = await kinesisOk<PutRecordsOutput>("PutRecords", {
    StreamName: streamName,
    Records: Array.from({ length: count }, (_, i) => ({
      PartitionKey: `key-${tag}-${i}`,
      Data: encode(`${JSON.stringify({ tag, i })}\n`).toBase64(),
    })),
  });
  return output.Records;
}

/** Polls the source until the buffer holds `expected` records (a background alarm may poll too). */
async function pollUntil(stream: TestDeliveryStream, expected: number): Promise<void> {
  for (let round = 0; round < 20; round++) {
    unwrap(await stream.buffer.pollSource());
    const state = unwrap(await stream.buffer.state());
    const held = state.open.records + state.batches.reduce((sum, batch) => sum + batch.records, 0);
    if (held >= expected) {
      expect(held).toBe(expected);
      return;
    }
  }
  throw new Error(`the buffer never held ${expected} records`);
}

group("KinesisStreamAsSource", () => {
  it("reads from LATEST, follows a SplitShard parent first, and delivers every record once", async () => {
    const source = await createActiveStream(1);
    await putToKinesis(source.name, "before", 3);

    const stream = await createDeliveryStream(
      { Prefix: "kinesis-source/" },
      { extra: { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: source.arn, RoleARN: ROLE_ARN } } },
    );
    const description = await describe(stream.name);
    expect(description.DeliveryStreamType).toBe("KinesisStreamAsSource");
    expect(description.Source).toMatchObject({ KinesisStreamSourceDescription: { KinesisStreamARN: source.arn, RoleARN: ROLE_ARN } });
    expect(typeof (description.Source?.KinesisStreamSourceDescription as { DeliveryStartTimestamp: unknown }).DeliveryStartTimestamp).toBe("number");

    await expectFailure(
      "PutRecord",
      { DeliveryStreamName: stream.name, Record: { Data: encode("x").toBase64() } },
      "InvalidArgumentException",
      "This operation is not permitted on KinesisStreamAsSource delivery stream type.",
    );
    await expectFailure(
      "PutRecordBatch",
      { DeliveryStreamName: stream.name, Records: [{ Data: encode("x").toBase64() }] },
      "InvalidArgumentException",
      "This operation is not permitted on KinesisStreamAsSource delivery stream type.",
    );

    const parent = await putToKinesis(source.name, "parent", 5);
    await kinesisOk("SplitShard", { StreamName: source.name, ShardToSplit: shardId(0), NewStartingHashKey: "170141183460469231731687303715884105728" });
    const children = await putToKinesis(source.name, "child", 12);
    expect(new Set(children.map((record) => record.ShardId))).toEqual(new Set([shardId(1), shardId(2)]));

    await pollUntil(stream, 17);
    unwrap(await stream.buffer.pollSource());
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);

    const delivered = (await objects("kinesis-source/")).filter((object) => object.key.includes(`${stream.name}-`));
    const lines = delivered
      .flatMap((object) => decode(object.body).split("\n"))
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { tag: string; i: number });
    expect(lines).toHaveLength(17);
    expect(lines.filter((line) => line.tag === "before")).toEqual([]);
    expect(lines.slice(0, 5)).toEqual(parent.map((_, i) => ({ tag: "parent", i })));
    expect(lines.slice(5).map((line) => line.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));

    // Nothing is read twice: the checkpoints moved with the records.
    expect(unwrap(await stream.buffer.pollSource())).toBe(0);
    expect(unwrap(await stream.buffer.state()).open.records).toBe(0);
  });

  it("hands the Kinesis metadata to the batch's records", async () => {
    const source = await createActiveStream(1);
    const stream = await createDeliveryStream(
      {},
      { extra: { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: source.arn, RoleARN: ROLE_ARN } } },
    );
    const [put] = await putToKinesis(source.name, "meta", 1);
    await pollUntil(stream, 1);
    const [batchId] = unwrap(await stream.buffer.flushNow());
    const contents = unwrap(await stream.buffer.batch(batchId ?? ""));
    expect(contents?.records[0]?.kinesis).toMatchObject({ partitionKey: "key-meta-0", sequenceNumber: put?.SequenceNumber, shardId: shardId(0) });
    await deliverAll(stream);
  });

  it("refuses a source stream that does not exist, and a source configuration on DirectPut", async () => {
    const arn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/no-such-stream`;
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: "kinesis-missing",
        DeliveryStreamType: "KinesisStreamAsSource",
        KinesisStreamSourceConfiguration: { KinesisStreamARN: arn, RoleARN: ROLE_ARN },
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::rivulet-deliveries" },
      },
      "InvalidArgumentException",
    );
  });
});
