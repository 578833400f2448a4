/**
 * Fragments' media in R2 (the RIVULET_VIDEO bucket): one object per fragment, `<stream id>/<fragment number>`,
 * holding its Cluster element as the media layer writes it (known size; the producer's blocks, re-framed). A
 * stream re-created under its name has a new id, so it starts with an empty prefix. Movement alerts' pictures
 * sit beside them, `<stream id>/motion/<fragment number>/<producer ms>.jpg`, and expire with their fragment.
 */
import { VIDEO_DATA } from "./limits";

export function fragmentKey(streamId: string, fragmentNumber: string): string {
  return `${streamId}/${fragmentNumber}`;
}

export async function putFragment(bucket: R2Bucket, streamId: string, fragmentNumber: string, cluster: Uint8Array): Promise<void> {
  await bucket.put(fragmentKey(streamId, fragmentNumber), cluster);
}

/** The fragment's Cluster, or undefined when it is gone (expired or deleted since it was listed). */
export async function getFragment(bucket: R2Bucket, streamId: string, fragmentNumber: string): Promise<Uint8Array | undefined> {
  const object = await bucket.get(fragmentKey(streamId, fragmentNumber));
  return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
}

export function motionPictureKey(streamId: string, fragmentNumber: string, producerMs: number): string {
  return `${streamId}/motion/${fragmentNumber}/${producerMs}.jpg`;
}

/** Deletes the movement pictures of fragments numbered up to `lastNumber` (numbers have one width, so keys sort by number). */
export async function deleteMotionPicturesUpTo(bucket: R2Bucket, streamId: string, lastNumber: string): Promise<void> {
  const prefix = `${streamId}/motion/`;
  for (;;) {
    const listed = await bucket.list({ prefix, limit: VIDEO_DATA.deleteBatch });
    const expired = listed.objects.map((object) => object.key).filter((key) => (key.slice(prefix.length).split("/")[0] ?? "") <= lastNumber);
    if (expired.length > 0) await bucket.delete(expired);
    if (!listed.truncated || expired.length < listed.objects.length) return;
  }
}

export async function deleteFragments(bucket: R2Bucket, streamId: string, fragmentNumbers: readonly string[]): Promise<void> {
  for (let start = 0; start < fragmentNumbers.length; start += VIDEO_DATA.deleteBatch) {
    await bucket.delete(fragmentNumbers.slice(start, start + VIDEO_DATA.deleteBatch).map((number) => fragmentKey(streamId, number)));
  }
}

/** Every object under the stream's prefix, including any a failed ingest left without an index row. */
export async function deleteStreamMedia(bucket: R2Bucket, streamId: string): Promise<void> {
  for (;;) {
    const listed = await bucket.list({ prefix: `${streamId}/`, limit: VIDEO_DATA.deleteBatch });
    if (listed.objects.length > 0) await bucket.delete(listed.objects.map((object) => object.key));
    if (!listed.truncated) return;
  }
}
