/**
 * Retention: fragments older than the stream's DataRetentionInHours leave R2 and the index (the stream
 * object's alarm, or a read that finds them overdue), a shorter retention applies at once, and a deleted
 * stream's media are all deleted.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { VIDEO_CONTROL } from "../../../src/limits";
import { baseline } from "../../unit/video/fixtures";
import { env, TestClock } from "../client";
import { producerBody, putMedia, runStreamAlarm, useStreamClock } from "./data-helpers";
import { createActiveVideoStream, describeVideoStream, registryClock, runVideoRegistryAlarm, streamId, useVideoClock, videoOk } from "./helpers";

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeEach(useVideoClock);

async function storedKeys(name: string): Promise<string[]> {
  const listed = await env.RIVULET_VIDEO.list({ prefix: `${await streamId(name)}/` });
  return listed.objects.map((object) => object.key);
}

async function listed(name: string): Promise<string[]> {
  return (await videoOk<{ Fragments: { FragmentNumber: string }[] }>("/listFragments", { StreamName: name })).Fragments.map((fragment) => fragment.FragmentNumber);
}

describe("retention", () => {
  it("deletes fragments from R2 and the index once they are older than the retention", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const clock = new TestClock();
    await useStreamClock(stream.StreamName, clock);
    await putMedia(stream.StreamName, producerBody(baseline, START).whole);
    clock.advance(HOUR / 2);
    await putMedia(stream.StreamName, producerBody(baseline, START + 10_000).whole);
    const all = await listed(stream.StreamName);
    expect(all).toHaveLength(6);
    expect(await storedKeys(stream.StreamName)).toHaveLength(6);

    clock.advance(HOUR / 2 + 1000);
    // The alarm deletes the first three; the later three stay for another half hour.
    expect(await runStreamAlarm(stream.StreamName)).toBe(true);
    expect(await listed(stream.StreamName)).toEqual(all.slice(3));
    const id = await streamId(stream.StreamName);
    expect((await storedKeys(stream.StreamName)).sort()).toEqual(all.slice(3).map((number) => `${id}/${number}`));

    // A read finds the rest overdue before the alarm runs, and does not show them.
    clock.advance(HOUR / 2);
    expect(await listed(stream.StreamName)).toEqual([]);
    expect(await storedKeys(stream.StreamName)).toEqual([]);
  });

  it("deletes movement alerts' pictures with their fragments", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const motion = { Status: "ENABLED", SamplingInterval: 500, DestinationConfig: { Uri: "arn:aws:kinesis:us-east-1:000000000000:stream/no-reader" } };
    await videoOk("/updateMotionDetectionConfiguration", { StreamName: stream.StreamName, MotionDetectionConfiguration: motion });
    const clock = new TestClock();
    await useStreamClock(stream.StreamName, clock);
    await putMedia(stream.StreamName, producerBody(baseline, START).whole);
    clock.advance(HOUR / 2);
    await putMedia(stream.StreamName, producerBody(baseline, START + 10_000).whole);
    const all = await listed(stream.StreamName);
    const id = await streamId(stream.StreamName);
    // Pictures every 500 ms: the square moved at 1.5 s (second fragment) and 2 s (third), in each upload.
    const pictures = (await storedKeys(stream.StreamName)).filter((key) => key.startsWith(`${id}/motion/`)).sort();
    expect(pictures).toEqual(
      [
        [all[1], START + 1500],
        [all[2], START + 2000],
        [all[4], START + 11_500],
        [all[5], START + 12_000],
      ].map(([number, ms]) => `${id}/motion/${number}/${ms}.jpg`),
    );

    clock.advance(HOUR / 2 + 1000);
    expect(await runStreamAlarm(stream.StreamName)).toBe(true);
    expect((await storedKeys(stream.StreamName)).filter((key) => key.startsWith(`${id}/motion/`)).sort()).toEqual(pictures.slice(2));
  });

  it("applies a shorter retention at once", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 48 });
    const clock = new TestClock();
    await useStreamClock(stream.StreamName, clock);
    await putMedia(stream.StreamName, producerBody(baseline, START).whole);
    clock.advance(30 * HOUR);
    expect(await listed(stream.StreamName)).toHaveLength(3);
    const info = await describeVideoStream(stream.StreamName);
    await videoOk("/updateDataRetention", { StreamName: stream.StreamName, CurrentVersion: info.Version, Operation: "DECREASE_DATA_RETENTION", DataRetentionChangeInHours: 24 });
    expect(await listed(stream.StreamName)).toEqual([]);
    expect(await storedKeys(stream.StreamName)).toEqual([]);
  });

  it("deletes every fragment of a deleted stream", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 24 });
    await putMedia(stream.StreamName, producerBody(baseline, START).whole);
    const id = await streamId(stream.StreamName);
    expect(await storedKeys(stream.StreamName)).toHaveLength(3);
    await videoOk("/deleteStream", { StreamARN: stream.StreamARN });
    registryClock.advance(VIDEO_CONTROL.deleteStreamMs);
    await runVideoRegistryAlarm();
    expect((await env.RIVULET_VIDEO.list({ prefix: `${id}/` })).objects).toEqual([]);
  });
});
