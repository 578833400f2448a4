/**
 * Dynamic partitioning's limit of active partitions (FIREHOSE.maxActivePartitions, AWS's 500): a
 * flush with records of more partitions delivers the first 500 partitions, one object each, and
 * files the records of the others under the error output type activePartitionExceeded. Records of
 * partitions already open still join them. Every put record is accounted for: delivered + errored = put.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIREHOSE } from "../../../src/firehose/limits";
import { clock, createDeliveryStream, decode, deliverAll, jqPartitioning, objects, putBatch, runBufferAlarm, type TestDeliveryStream } from "./helpers";

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

interface ErrorRecord {
  attemptsMade: number;
  errorCode: string;
  errorMessage: string;
  rawData: string;
}

const jsonLines = <T>(data: Uint8Array): T[] =>
  decode(data)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);

async function streamObjects(stream: TestDeliveryStream, prefix: string) {
  return (await objects(prefix)).filter((object) => object.key.includes(`${stream.name}-`));
}

/** Partition → the `n` of its records, from the data objects under `prefix`. */
async function deliveredPartitions(stream: TestDeliveryStream, prefix: string): Promise<Map<string, number[]>> {
  const partitions = new Map<string, number[]>();
  for (const object of await streamObjects(stream, prefix)) {
    const partition = object.key.slice(prefix.length, object.key.lastIndexOf("/"));
    expect(partitions.has(partition), `one object per partition: ${partition}`).toBe(false);
    partitions.set(partition, jsonLines<{ n: number }>(object.body).map((record) => record.n));
  }
  return partitions;
}

describe("the active partition limit", () => {
  it("delivers the first 500 partitions of a flush and sends the records of the rest to activePartitionExceeded", async () => {
    const limit = FIREHOSE.maxActivePartitions;
    const stream = await createDeliveryStream({
      Prefix: "plimit/key=!{partitionKeyFromQuery:key}/",
      ErrorOutputPrefix: "plimit-errors/!{firehose:error-output-type}/",
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      ...jqPartitioning("{key: .key}", [{ Type: "AppendDelimiterToRecord", Parameters: [] }]),
    });
    // limit + 10 partitions, one record each, then one more record for each of the first ten
    // partitions (open already, so they are taken) and for two of the overflowing ones.
    const key = (i: number) => `k${String(i).padStart(3, "0")}`;
    const records: { key: string; n: number }[] = [];
    for (let i = 0; i < limit + 10; i++) records.push({ key: key(i), n: records.length });
    for (let i = 0; i < 10; i++) records.push({ key: key(i), n: records.length });
    records.push({ key: key(limit + 3), n: records.length }, { key: key(limit + 7), n: records.length });
    const json = records.map((record) => JSON.stringify(record));
    for (let start = 0; start < json.length; start += FIREHOSE.maxBatchRecords) {
      expect((await putBatch(stream, json.slice(start, start + FIREHOSE.maxBatchRecords))).FailedPutCount).toBe(0);
    }
    // One flush holds them all.
    clock.advance(60_000);
    await runBufferAlarm(stream);
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);

    const delivered = await deliveredPartitions(stream, "plimit/");
    expect(delivered.size).toBe(limit);
    expect([...delivered.keys()].sort()).toEqual(Array.from({ length: limit }, (_, i) => `key=${key(i)}`));
    expect(delivered.get(`key=${key(0)}`)).toEqual([0, limit + 10]);
    expect(delivered.get(`key=${key(limit - 1)}`)).toEqual([limit - 1]);

    const errors = await streamObjects(stream, "plimit-errors/");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.key.startsWith("plimit-errors/activePartitionExceeded/")).toBe(true);
    const failed = jsonLines<ErrorRecord>(errors[0]?.body ?? new Uint8Array());
    expect(new Set(failed.map((record) => record.errorCode))).toEqual(new Set(["DynamicPartitioning.ActivePartitionsLimitExceeded"]));
    const overflow = failed.map((record) => JSON.parse(decode(Uint8Array.fromBase64(record.rawData))) as { key: string; n: number });
    expect(overflow.map((record) => record.key)).toEqual([...Array.from({ length: 10 }, (_, i) => key(limit + i)), key(limit + 3), key(limit + 7)]);

    // Every record accounted for, each once.
    const deliveredN = [...delivered.values()].flat();
    expect(deliveredN.length + overflow.length).toBe(records.length);
    expect([...deliveredN, ...overflow.map((record) => record.n)].sort((a, b) => a - b)).toEqual(records.map((record) => record.n));

    // Delivered partitions are no longer active: the next flush opens an overflowed partition.
    await putBatch(stream, [JSON.stringify({ key: key(limit + 3), n: records.length })]);
    clock.advance(60_000);
    await runBufferAlarm(stream);
    await deliverAll(stream);
    const later = await streamObjects(stream, `plimit/key=${key(limit + 3)}/`);
    expect(later.map((object) => jsonLines<{ n: number }>(object.body).map((record) => record.n))).toEqual([[records.length]]);
  });
});
