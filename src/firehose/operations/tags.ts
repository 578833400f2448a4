/** TagDeliveryStream, UntagDeliveryStream, ListTagsForDeliveryStream. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { FIREHOSE } from "../limits";
import { firehoseRegistryFor } from "../../objects";
import type {
  ListTagsForDeliveryStreamInput,
  ListTagsForDeliveryStreamOutput,
  TagDeliveryStreamInput,
  TagDeliveryStreamOutput,
  UntagDeliveryStreamInput,
  UntagDeliveryStreamOutput,
} from "../shapes.generated";

export async function tagDeliveryStream(input: TagDeliveryStreamInput, context: RequestContext): Promise<TagDeliveryStreamOutput> {
  const tags = input.Tags.map((tag): [string, string] => [tag.Key, tag.Value ?? ""]);
  unwrap(await firehoseRegistryFor(context.env, context.scope).addTags(context.scope, input.DeliveryStreamName, tags));
  return {};
}

export async function untagDeliveryStream(input: UntagDeliveryStreamInput, context: RequestContext): Promise<UntagDeliveryStreamOutput> {
  unwrap(await firehoseRegistryFor(context.env, context.scope).removeTags(context.scope, input.DeliveryStreamName, input.TagKeys));
  return {};
}

export async function listTagsForDeliveryStream(
  input: ListTagsForDeliveryStreamInput,
  context: RequestContext,
): Promise<ListTagsForDeliveryStreamOutput> {
  const tags = unwrap(await firehoseRegistryFor(context.env, context.scope).tags(context.scope, input.DeliveryStreamName));
  const after = input.ExclusiveStartTagKey;
  const remaining = tags.filter((tag) => after === undefined || tag.key > after);
  const limit = input.Limit ?? FIREHOSE.defaultTagListLimit;
  return { Tags: remaining.slice(0, limit).map((tag) => ({ Key: tag.key, Value: tag.value })), HasMoreTags: remaining.length > limit };
}
