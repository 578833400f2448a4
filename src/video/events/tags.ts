/**
 * The producer's fragment metadata that asks for work (AWS's "producer MKV tags"): AWS_KINESISVIDEO_IMAGE_GENERATION
 * (images of this fragment), AWS_KINESISVIDEO_IMAGE_PREFIX (their S3 prefix), AWS_KINESISVIDEO_NOTIFICATION (a
 * notification for it); every other tag is the producer's own key and value, passed on as S3 object metadata and
 * as a notification's NotificationPayload. Tags nested in a SimpleTag count as the producer SDK writes them too.
 */
import type { SimpleTag } from "../media";

export const IMAGE_GENERATION_TAG = "AWS_KINESISVIDEO_IMAGE_GENERATION";
export const IMAGE_PREFIX_TAG = "AWS_KINESISVIDEO_IMAGE_PREFIX";
export const NOTIFICATION_TAG = "AWS_KINESISVIDEO_NOTIFICATION";

export interface FragmentRequests {
  images: boolean;
  imagePrefix: string | undefined;
  notification: boolean;
  /** The producer's own tags, name to value. */
  custom: Record<string, string>;
}

function flatten(tags: readonly SimpleTag[]): SimpleTag[] {
  return tags.flatMap((tag) => [tag, ...flatten(tag.children ?? [])]);
}

export function fragmentRequests(tags: readonly SimpleTag[]): FragmentRequests {
  const requests: FragmentRequests = { images: false, imagePrefix: undefined, notification: false, custom: {} };
  for (const tag of flatten(tags)) {
    if (tag.name === IMAGE_GENERATION_TAG) requests.images = true;
    else if (tag.name === NOTIFICATION_TAG) requests.notification = true;
    else if (tag.name === IMAGE_PREFIX_TAG) requests.imagePrefix = tag.value;
    else if (!tag.name.startsWith("AWS_KINESISVIDEO_") && tag.value !== undefined) requests.custom[tag.name] = tag.value;
  }
  return requests;
}
