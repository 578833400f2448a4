/**
 * GetMedia and GetMediaForFragmentList chunks, made from what is stored: each is a whole Matroska document
 * carrying one fragment, as AWS's parser library reads them (media/mkv-writer.ts describes the layout):
 * EBML header, Segment of unknown size, the producer's Info and Tracks, Tags (the producer's fragment tags,
 * then AWS_KINESISVIDEO_FRAGMENT_NUMBER, _SERVER_TIMESTAMP, _PRODUCER_TIMESTAMP), the Cluster, and for
 * GetMedia Tags with _MILLIS_BEHIND_NOW and _CONTINUATION_TOKEN. The stored elements are copied, not rebuilt.
 *
 * GetMediaForFragmentList's documentation names its timestamp tags AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP and
 * _PRODUCER_SIDE_TIMESTAMP; we write GetMedia's names, which AWS's parser library reads for both operations.
 */
import { concatBytes } from "../../bytes";
import { ebmlHeaderElement, formatTagTimestamp, GET_MEDIA_TAG, segmentStart, tagsElement, type SimpleTag } from "../media";
import type { FragmentRow, HeaderRow } from "../stream-types";

export function mediaChunk(header: HeaderRow, fragment: FragmentRow, cluster: Uint8Array, live?: { millisBehindNow: number }): Uint8Array {
  const before: SimpleTag[] = [
    ...fragment.tags,
    { name: GET_MEDIA_TAG.fragmentNumber, value: fragment.number },
    { name: GET_MEDIA_TAG.serverTimestamp, value: formatTagTimestamp(fragment.serverMs) },
    { name: GET_MEDIA_TAG.producerTimestamp, value: formatTagTimestamp(fragment.producerMs) },
  ];
  const parts = [ebmlHeaderElement(), segmentStart(), header.info, header.tracks, tagsElement(before), cluster];
  if (live) {
    parts.push(
      tagsElement([
        { name: GET_MEDIA_TAG.millisBehindNow, value: String(Math.max(0, Math.round(live.millisBehindNow))) },
        // AWS's continuation token is the number of the fragment it follows.
        { name: GET_MEDIA_TAG.continuationToken, value: fragment.number },
      ]),
    );
  }
  return concatBytes(parts);
}

/** GetMediaForFragmentList's chunk for a listed fragment whose media are gone (expired since it was looked up). */
export function missingFragmentChunk(fragmentNumber: string): Uint8Array {
  return concatBytes([
    ebmlHeaderElement(),
    segmentStart(),
    tagsElement([
      { name: GET_MEDIA_TAG.fragmentNumber, value: fragmentNumber },
      { name: "AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE", value: "4000" },
      { name: "AWS_KINESISVIDEO_EXCEPTION_MESSAGE", value: `Fragment ${fragmentNumber} is no longer stored.` },
    ]),
  ]);
}
