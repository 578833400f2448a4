/** TagDeliveryStream, UntagDeliveryStream, ListTagsForDeliveryStream. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { FIREHOSE } from "../limits";
import type { TagInput } from "./deliveryStreams";
import { firehoseRegistryFor } from "../../objects";

export async function tagDeliveryStream(input: { DeliveryStreamName: string; Tags: TagInput[] }, context: RequestContext) {
  const tags = input.Tags.map((tag): [string, string] => [tag.Key, tag.Value ?? ""]);
  unwrap(await firehoseRegistryFor(context.env, context.scope).addTags(context.scope, input.DeliveryStreamName, tags));
  return {};
}

export async function untagDeliveryStream(input: { DeliveryStreamName: string; TagKeys: string[] }, context: RequestContext) {
  unwrap(await firehoseRegistryFor(context.env, context.scope).removeTags(context.scope, input.DeliveryStreamName, input.TagKeys));
  return {};
}

export async function listTagsForDeliveryStream(
  input: { DeliveryStreamName: string; ExclusiveStartTagKey?: string; Limit?: number },
  context: RequestContext,
) {
  const tags = unwrap(await firehoseRegistryFor(context.env, context.scope).tags(context.scope, input.DeliveryStreamName));
  const after = input.ExclusiveStartTagKey;
  const remaining = tags.filter((tag) => after === undefined || tag.key > after);
  const limit = input.Limit ?? FIREHOSE.defaultTagListLimit;
  return { Tags: remaining.slice(0, limit).map((tag) => ({ Key: tag.key, Value: tag.value })), HasMoreTags: remaining.length > limit };
}
