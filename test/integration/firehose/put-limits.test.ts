/**
 * The DirectPut quota of a delivery stream (src/firehose/throughput.ts) with throughput limits on:
 * a second's budget of bytes, records and requests, PutRecord and PutRecordBatch together. Records
 * over it are answered as AWS answers them (ErrorCode ServiceUnavailableException, "Slow down.") and
 * are not stored; those taken are delivered. Time is the file's frozen clock, moved a second at a time.
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import type { DeliveryBuffer } from "../../../src/firehose/buffer";
import { FIREHOSE } from "../../../src/firehose/limits";
import { directPutQuota, IngestBudget } from "../../../src/firehose/throughput";
import {
  call,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  encode,
  expectFailure,
  objects,
  ok,
  putBatch,
  type TestDeliveryStream,
} from "./helpers";

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

/** A record of exactly `size` bytes that names itself: "<label>|" then dots. */
function labelled(label: string, size = 1_000_000): Uint8Array {
  const record = new Uint8Array(size).fill(".".charCodeAt(0));
  record.set(encode(`${label}|`));
  return record;
}

async function enforceLimits(stream: TestDeliveryStream): Promise<void> {
  await runInDurableObject(stream.buffer, (instance: DeliveryBuffer) => {
    instance.enforceLimits = true;
  });
}

/** The labels of every delivered record of the stream, in key order then record order (records are `size` bytes each). */
async function deliveredLabels(stream: TestDeliveryStream, prefix: string, size = 1_000_000): Promise<string[]> {
  const labels: string[] = [];
  for (const object of await objects(prefix)) {
    if (!object.key.includes(`${stream.name}-`)) continue;
    expect(object.body.length % size).toBe(0);
    for (let offset = 0; offset < object.body.length; offset += size) {
      const text = decode(object.body.subarray(offset, offset + 64));
      labels.push(text.slice(0, text.indexOf("|")));
    }
  }
  return labels;
}

describe("with throughput limits on", () => {
  it("answers records over a second's 5 MiB as failed, in order, stores only those taken, and takes them again the next second", async () => {
    const stream = await createDeliveryStream({ Prefix: "put-limits/bytes/", BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 } });
    await enforceLimits(stream);

    // 4,000,000 bytes: within the second's 5 MiB (5,242,880 bytes).
    const first = await putBatch(stream, ["a0", "a1", "a2", "a3"].map((label) => labelled(label)));
    expect(first.FailedPutCount).toBe(0);
    expect(first.RequestResponses.every((entry) => typeof entry.RecordId === "string")).toBe(true);

    // 1,242,880 bytes are left this second: one more record fits, the three after it do not.
    const second = await putBatch(stream, ["b0", "b1", "b2", "b3"].map((label) => labelled(label)));
    expect(second.FailedPutCount).toBe(3);
    expect(second.RequestResponses[0]).toEqual({ RecordId: expect.any(String) });
    expect(second.RequestResponses.slice(1)).toEqual(
      Array.from({ length: 3 }, () => ({ ErrorCode: "ServiceUnavailableException", ErrorMessage: "Slow down." })),
    );

    // PutRecord draws on the same budget: 242,880 bytes are left.
    await expectFailure(
      "PutRecord",
      { DeliveryStreamName: stream.name, Record: { Data: labelled("c0", 300_000).toBase64() } },
      "ServiceUnavailableException",
      "Slow down.",
      500,
    );

    // The next second has a fresh budget: the producer's retry of the failed records is taken.
    clock.advance(1000);
    const retry = await putBatch(stream, ["b1", "b2", "b3"].map((label) => labelled(label)));
    expect(retry.FailedPutCount).toBe(0);

    await deliverAll(stream);
    const delivered = await deliveredLabels(stream, "put-limits/bytes/");
    // Every record taken is delivered once; nothing refused was stored.
    expect(delivered.sort()).toEqual(["a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3"]);
  });

  it("refuses a put whole once the second's 2,000 requests are used, PutRecord and PutRecordBatch alike", async () => {
    const stream = await createDeliveryStream({ Prefix: "put-limits/requests/", BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 900 } });
    await enforceLimits(stream);
    const requests = FIREHOSE.directPutLarge.requestsPerSecond;
    // The first 2,000 puts of the second, straight to the buffer (through the API they would only be slower).
    await runInDurableObject(stream.buffer, async (instance: DeliveryBuffer) => {
      for (let i = 0; i < requests; i++) unwrap(await instance.put([encode(`r${i}\n`)]));
    });

    await expectFailure("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: encode("late\n").toBase64() } }, "ServiceUnavailableException", "Slow down.", 500);
    await expectFailure(
      "PutRecordBatch",
      { DeliveryStreamName: stream.name, Records: [{ Data: encode("late\n").toBase64() }] },
      "ServiceUnavailableException",
      "Slow down.",
      500,
    );

    clock.advance(1000);
    const taken = await ok<{ RecordId: string; Encrypted: boolean }>("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: encode("late\n").toBase64() } });
    expect(taken.RecordId).toEqual(expect.any(String));

    // What was refused was not stored: the 2,000 puts and the one taken later.
    const state = unwrap(await stream.buffer.state());
    expect(state.open.records).toBe(requests + 1);
  });
});

describe("with throughput limits off (npm start's default)", () => {
  it("takes everything, however much arrives in a second", async () => {
    const stream = await createDeliveryStream({ Prefix: "put-limits/off/", BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 } });
    for (const batch of ["x", "y"]) {
      const answer = await putBatch(stream, [0, 1, 2, 3].map((i) => labelled(`${batch}${i}`)));
      expect(answer.FailedPutCount).toBe(0);
    }
    const single = await call<{ RecordId: string }>("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: labelled("z0").toBase64() } });
    expect(single.status).toBe(200);
    await deliverAll(stream);
    expect((await deliveredLabels(stream, "put-limits/off/")).sort()).toEqual(["x0", "x1", "x2", "x3", "y0", "y1", "y2", "y3", "z0"]);
  });
});

describe("the quota", () => {
  it("is AWS's default per Region: 500,000 records/s and 5 MiB/s in us-east-1, 100,000 records/s and 1 MiB/s elsewhere", () => {
    const now = Date.UTC(2026, 0, 1);
    // Sizes of 0 bytes: only the records count.
    expect(new IngestBudget(directPutQuota("us-east-1")).admit(new Array<number>(500_001).fill(0), now)).toBe(500_000);
    expect(new IngestBudget(directPutQuota("eu-central-1")).admit(new Array<number>(100_001).fill(0), now)).toBe(100_000);
    // 1,000 KiB records: five fit 5 MiB, one fits 1 MiB.
    expect(new IngestBudget(directPutQuota("us-west-2")).admit(new Array<number>(6).fill(1_024_000), now)).toBe(5);
    expect(new IngestBudget(directPutQuota("ap-southeast-2")).admit(new Array<number>(2).fill(1_024_000), now)).toBe(1);
  });
});
