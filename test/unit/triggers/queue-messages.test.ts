/** Cutting a batch into queue messages and sendBatch calls within Cloudflare Queues' limits. */
import { describe, expect, it } from "vitest";
import { QUEUES } from "../../../src/limits";
import { eventRecord, type KinesisEventRecord } from "../../../src/triggers/event";
import { planQueueMessages } from "../../../src/triggers/queue-messages";

const SOURCE = { account: "000000000000", region: "us-east-1", streamArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s", shardIndex: 0 };

function records(count: number, dataBytes: number): KinesisEventRecord[] {
  return Array.from({ length: count }, (_, i) =>
    eventRecord({ counter: i + 1, sequenceNumber: String(i + 1), arrivalMs: 0, partitionKey: "k", data: new Uint8Array(dataBytes) }, SOURCE),
  );
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

describe("planQueueMessages", () => {
  it("sends a batch that fits one message as one message", () => {
    expect(planQueueMessages(records(10, 100))).toEqual({ calls: [[{ start: 0, end: 10 }]], tooLarge: undefined });
  });

  it("fills messages up to the message size, in order, and keeps every message within it", () => {
    const batch = records(40, 10_000);
    const plan = planQueueMessages(batch);
    const messages = plan.calls.flat();
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]?.start).toBe(0);
    expect(messages.at(-1)?.end).toBe(40);
    for (let i = 1; i < messages.length; i++) expect(messages[i]?.start).toBe(messages[i - 1]?.end);
    for (const message of messages) {
      expect(bytes({ Records: batch.slice(message.start, message.end) })).toBeLessThanOrEqual(QUEUES.maxMessageBytes);
    }
    for (const call of plan.calls) {
      const total = call.reduce((sum, message) => sum + bytes({ Records: batch.slice(message.start, message.end) }), 0);
      expect(total).toBeLessThanOrEqual(QUEUES.maxBatchBytes);
      expect(call.length).toBeLessThanOrEqual(QUEUES.maxBatchMessages);
    }
  });

  it("puts at most maxBatchMessages messages in one sendBatch call", () => {
    const limits = { maxMessageBytes: 2_000, maxBatchMessages: 3, maxBatchBytes: 1_000_000 };
    const plan = planQueueMessages(records(10, 1_000), limits);
    expect(plan.calls.map((call) => call.length)).toEqual([3, 3, 3, 1]);
  });

  it("stops before a record no message can hold", () => {
    const batch = [...records(2, 10), ...records(1, 200_000), ...records(1, 10)];
    expect(planQueueMessages(batch)).toEqual({ calls: [[{ start: 0, end: 2 }]], tooLarge: 2 });
    expect(planQueueMessages(batch.slice(2))).toEqual({ calls: [], tooLarge: 0 });
  });
});
