/**
 * The tap: Analytics applications whose input is a delivery stream subscribe to its buffer, and read
 * every record the stream accepts after their own checkpoint, while the stream's delivery goes on
 * exactly as without them. Copies go once every subscriber has read past them, or after a day.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe as group, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import type { DeliveryBuffer } from "../../../src/firehose/buffer";
import { FIREHOSE } from "../../../src/firehose/limits";
import { clock, createDeliveryStream, decode, deliverAll, objects, putBatch, type TestDeliveryStream } from "./helpers";

async function tapRows(stream: TestDeliveryStream): Promise<number> {
  return runInDurableObject(stream.buffer, (_instance: DeliveryBuffer, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM tap_records").one().n);
}

const text = (records: { data: Uint8Array }[]) => records.map((record) => decode(record.data));

group("the tap for Analytics", () => {
  it("hands subscribers the records accepted after they subscribed, and delivery is unchanged", async () => {
    const stream = await createDeliveryStream({ Prefix: "tap/", BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } });
    await putBatch(stream, ["before-1\n", "before-2\n"]);
    const start = unwrap(await stream.buffer.tapOpen("app-a", "NOW"));
    await putBatch(stream, ["a\n", "b\n", "c\n"]);

    const first = unwrap(await stream.buffer.tapRead("app-a", start, 2, 1024 * 1024));
    expect(text(first.records)).toEqual(["a\n", "b\n"]);
    expect(first.more).toBe(true);
    const second = unwrap(await stream.buffer.tapRead("app-a", first.last, 100, 1024 * 1024));
    expect(text(second.records)).toEqual(["c\n"]);
    expect(second.more).toBe(false);
    // Reading again from the first checkpoint gives the same records: nothing is lost until read past.
    expect(text(unwrap(await stream.buffer.tapRead("app-a", first.last, 100, 1024 * 1024)).records)).toEqual(["c\n"]);

    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    const delivered = (await objects("tap/")).filter((object) => object.key.includes(stream.name));
    expect(delivered.map((object) => decode(object.body)).join("")).toBe("before-1\nbefore-2\na\nb\nc\n");

    // Read past everything: the copies go.
    unwrap(await stream.buffer.tapRead("app-a", second.last, 100, 1024 * 1024));
    expect(await tapRows(stream)).toBe(0);
  });

  it("keeps copies until the slowest subscriber is past them; TRIM_HORIZON starts at the oldest copy", async () => {
    const stream = await createDeliveryStream();
    const a = unwrap(await stream.buffer.tapOpen("app-a", "NOW"));
    await putBatch(stream, ["1", "2"]);
    const b = unwrap(await stream.buffer.tapOpen("app-b", "TRIM_HORIZON"));
    expect(b).toBe(a);
    const read = unwrap(await stream.buffer.tapRead("app-a", a, 100, 1024 * 1024));
    unwrap(await stream.buffer.tapRead("app-a", read.last, 100, 1024 * 1024));
    expect(await tapRows(stream)).toBe(2);
    expect(text(unwrap(await stream.buffer.tapRead("app-b", b, 100, 1024 * 1024)).records)).toEqual(["1", "2"]);
    unwrap(await stream.buffer.tapRead("app-b", read.last, 100, 1024 * 1024));
    expect(await tapRows(stream)).toBe(0);
  });

  it("stops copying once the last subscriber leaves, or has been silent for a day", async () => {
    const stream = await createDeliveryStream();
    const a = unwrap(await stream.buffer.tapOpen("app-a", "NOW"));
    unwrap(await stream.buffer.tapClose("app-a"));
    await putBatch(stream, ["x"]);
    expect(await tapRows(stream)).toBe(0);

    unwrap(await stream.buffer.tapOpen("app-b", "NOW"));
    await putBatch(stream, ["y"]);
    expect(await tapRows(stream)).toBe(1);
    clock.advance(FIREHOSE.tapRetentionMs + 60_000);
    await putBatch(stream, ["z"]);
    expect(await tapRows(stream)).toBe(0);
    // A subscriber that comes back is subscribed again where it stands; what expired is gone.
    expect(text(unwrap(await stream.buffer.tapRead("app-b", a, 100, 1024 * 1024)).records)).toEqual([]);
    await putBatch(stream, ["w"]);
    expect(text(unwrap(await stream.buffer.tapRead("app-b", a, 100, 1024 * 1024)).records)).toEqual(["w"]);
  });
});
