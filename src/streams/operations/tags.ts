/** Tags, by stream (AddTagsToStream & co.) and by resource ARN (TagResource & co.). */
import { InvalidArgumentException, ResourceNotFoundException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { parseStreamArn } from "../ids";
import { streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  AddTagsToStreamInput,
  AddTagsToStreamOutput,
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  ListTagsForStreamInput,
  ListTagsForStreamOutput,
  RemoveTagsFromStreamInput,
  RemoveTagsFromStreamOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from "../shapes.generated";

const DEFAULT_TAG_LIMIT = 50;

/** The stream a resource ARN names; consumer ARNs have no tags of their own here yet. */
function streamOfResource(arn: string, context: RequestContext): string {
  const parsed = parseStreamArn(arn);
  if (!parsed) {
    if (/^arn:aws[^:]*:kinesis:[^:]*:\d{12}:stream\/[^/]+\/consumer\//.test(arn)) {
      throw new ResourceNotFoundException(`Consumer ${arn} not found.`);
    }
    throw new InvalidArgumentException(`Invalid ResourceARN: ${arn}`);
  }
  return streamNameOf({ StreamARN: arn }, context);
}

function registry(context: RequestContext) {
  return registryFor(context.env, context.scope);
}

export async function addTagsToStream(input: AddTagsToStreamInput, context: RequestContext): Promise<AddTagsToStreamOutput> {
  unwrap(await registry(context).addTags(context.scope, streamNameOf(input, context), Object.entries(input.Tags)));
}

export async function removeTagsFromStream(input: RemoveTagsFromStreamInput, context: RequestContext): Promise<RemoveTagsFromStreamOutput> {
  unwrap(await registry(context).removeTags(context.scope, streamNameOf(input, context), input.TagKeys));
}

export async function listTagsForStream(input: ListTagsForStreamInput, context: RequestContext): Promise<ListTagsForStreamOutput> {
  const tags = unwrap(await registry(context).tags(context.scope, streamNameOf(input, context)));
  const after = input.ExclusiveStartTagKey;
  const remaining = tags.filter((tag) => after === undefined || tag.key > after);
  const limit = input.Limit ?? DEFAULT_TAG_LIMIT;
  return {
    Tags: remaining.slice(0, limit).map((tag) => ({ Key: tag.key, Value: tag.value })),
    HasMoreTags: remaining.length > limit,
  };
}

export async function tagResource(input: TagResourceInput, context: RequestContext): Promise<TagResourceOutput> {
  unwrap(await registry(context).addTags(context.scope, streamOfResource(input.ResourceARN, context), Object.entries(input.Tags)));
}

export async function untagResource(input: UntagResourceInput, context: RequestContext): Promise<UntagResourceOutput> {
  unwrap(await registry(context).removeTags(context.scope, streamOfResource(input.ResourceARN, context), input.TagKeys));
}

export async function listTagsForResource(input: ListTagsForResourceInput, context: RequestContext): Promise<ListTagsForResourceOutput> {
  const tags = unwrap(await registry(context).tags(context.scope, streamOfResource(input.ResourceARN, context)));
  return { Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) };
}
