import { describe, expect, it } from "vitest";
import { packRecords, recordsJson, sequenceNumbers, unpackRecords, type RecordColumns } from "../../src/streams/read-batch";
import { formatSequenceNumber, readSequenceNumber } from "../../src/streams/sequence";

const CREATED = 1_764_201_600; // 2025-11-27T00:00:00Z
const base = { createdSeconds: CREATED, shardIndex: 7 };
const bytes = (...values: number[]) => new Uint8Array(values);
const base64 = (data: Uint8Array) => btoa(String.fromCharCode(...data));

/** Records of two writes (two arrival times), one stored encrypted, keys that JSON must escape, an empty blob. */
function columns(): RecordColumns {
  return {
    counters: [41, 42, 43, 44],
    arrivals: [(CREATED + 5) * 1000 + 123, (CREATED + 5) * 1000 + 123, (CREATED + 9) * 1000 + 7, (CREATED + 9) * 1000 + 7],
    keys: ["plain", 'quote " and \\ back', "€ and 😀", "line\nbreak\u0001"],
    data: [bytes(1, 2, 3), bytes(), bytes(255, 0, 128, 64, 32), bytes(104, 105)],
    encrypted: [2],
  };
}

describe("read batches", () => {
  it("number each record by its counter, arrival second and shard", () => {
    const sequenceNumber = sequenceNumbers(base);
    for (const [counter, arrivalMs] of [
      [1, CREATED * 1000],
      [2, CREATED * 1000 + 999],
      [2 ** 40 + 3, (CREATED + 86_400) * 1000 + 1],
      [Number.MAX_SAFE_INTEGER, (CREATED + 1) * 1000],
      [5, CREATED * 1000],
    ] as const) {
      const number = sequenceNumber(counter, arrivalMs);
      expect(number).toMatch(/^\d{56}$/);
      expect(readSequenceNumber(number)).toEqual({
        version: 2,
        createdSeconds: CREATED,
        shardIndex: 7,
        position: BigInt(counter),
        arrivalSeconds: Math.floor(arrivalMs / 1000),
      });
      // The very number PutRecord answered for the record.
      expect(number).toBe(formatSequenceNumber({ ...base, counter, arrivalSeconds: Math.floor(arrivalMs / 1000) }));
    }
  });

  it("number a run of records the same when the number's last 40 digits carry into the rest", () => {
    for (const second of [60, 61, 86_400]) {
      const arrivalMs = (CREATED + second) * 1000;
      const expected = (counter: number) => formatSequenceNumber({ ...base, counter, arrivalSeconds: CREATED + second });
      // The counter whose number is the first past the next multiple of 10^40 (a safe integer).
      const zero = BigInt(expected(0));
      const boundary = (zero / 10n ** 40n + 1n) * 10n ** 40n;
      const first = Number((boundary - zero + (1n << 80n) - 1n) >> 80n);
      expect(BigInt(expected(first)) % 10n ** 40n).toBeLessThan(1n << 80n);
      const sequenceNumber = sequenceNumbers(base);
      for (let counter = first - 3; counter <= first + 3; counter++) expect(sequenceNumber(counter, arrivalMs)).toBe(expected(counter));
    }
  });

  it("come back from packing as the records that went in", () => {
    const input = columns();
    const sequenceNumber = sequenceNumbers(base);
    expect(unpackRecords(packRecords(input, base))).toEqual(
      input.counters.map((counter, i) => ({
        sequenceNumber: sequenceNumber(counter, input.arrivals[i]!),
        arrivalMs: input.arrivals[i],
        partitionKey: input.keys[i],
        data: input.data[i],
        ...(i === 2 && { encrypted: true }),
      })),
    );
  });

  it("write the answer as JSON 1.1 does: Data in base64, arrival in epoch seconds, EncryptionType for encrypted records", () => {
    const input = columns();
    const sequenceNumber = sequenceNumbers(base);
    const body = recordsJson(packRecords(input, base), '{"Records":', ',"NextShardIterator":"AAA€","MillisBehindLatest":5}');
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body);
    const records = input.counters.map((counter, i) => ({
      SequenceNumber: sequenceNumber(counter, input.arrivals[i]!),
      ApproximateArrivalTimestamp: input.arrivals[i]! / 1000,
      Data: base64(input.data[i]!),
      PartitionKey: input.keys[i],
      ...(i === 2 && { EncryptionType: "KMS" }),
    }));
    // The very text JSON.stringify writes of the answer's objects: members in the model's order.
    expect(text).toBe(JSON.stringify({ Records: records, NextShardIterator: "AAA€", MillisBehindLatest: 5 }));
  });

  it("write any data in base64, whatever its length", () => {
    const data = Array.from({ length: 12 }, (_, n) => Uint8Array.from({ length: n }, (_, i) => (i * 89 + n * 7) % 256));
    const input: RecordColumns = {
      counters: data.map((_, i) => i + 1),
      arrivals: data.map(() => CREATED * 1000),
      keys: data.map(() => "k"),
      data,
      encrypted: [],
    };
    const answer = JSON.parse(new TextDecoder().decode(recordsJson(packRecords(input, base), "", ""))) as { Data: string }[];
    expect(answer.map((record) => record.Data)).toEqual(data.map(base64));
    expect(answer.map((record) => Uint8Array.fromBase64(record.Data))).toEqual(data);
  });

  it("write an empty batch as an empty list", () => {
    const empty = packRecords({ counters: [], arrivals: [], keys: [], data: [], encrypted: [] }, base);
    expect(new TextDecoder().decode(recordsJson(empty, '{"Records":', ',"MillisBehindLatest":0}'))).toBe('{"Records":[],"MillisBehindLatest":0}');
  });
});
