/**
 * Tags of video streams, by name or ARN (TagStream, UntagStream, ListTagsForStream) and by resource
 * ARN (TagResource, UntagResource, ListTagsForResource, which AWS documents for signaling channels
 * and which take stream ARNs too). At most 50 tags per stream; keys beginning with `aws:` are AWS's.
 * Signaling channels do not exist here, so a channel's ARN is not found.
 */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import type { Scope } from "../../aws/scope";
import { videoRegistryFor } from "../../objects";
import { parseVideoArn } from "../ids";
import type { StreamRef } from "../registry";
import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  ListTagsForStreamInput,
  ListTagsForStreamOutput,
  TagResourceInput,
  TagResourceOutput,
  TagStreamInput,
  TagStreamOutput,
  UntagResourceInput,
  UntagResourceOutput,
  UntagStreamInput,
  UntagStreamOutput,
} from "../shapes.generated";
import { channelNotFound } from "./channels";
import { checkStreamArn, checkTagKeys, streamRef } from "./refs";

export async function tagStream(input: TagStreamInput, context: RequestContext): Promise<TagStreamOutput> {
  const tags = Object.entries(input.Tags);
  checkTagKeys(tags.map(([key]) => key));
  unwrap(await videoRegistryFor(context.env, context.scope).addTags(streamRef(input, context.scope), tags));
  return {};
}

export async function untagStream(input: UntagStreamInput, context: RequestContext): Promise<UntagStreamOutput> {
  unwrap(await videoRegistryFor(context.env, context.scope).removeTags(streamRef(input, context.scope), input.TagKeyList));
  return {};
}

/** Every tag at once: a stream has at most 50, so there is never a next page. */
export async function listTagsForStream(input: ListTagsForStreamInput, context: RequestContext): Promise<ListTagsForStreamOutput> {
  return { Tags: unwrap(await videoRegistryFor(context.env, context.scope).tags(streamRef(input, context.scope))) };
}

export async function tagResource(input: TagResourceInput, context: RequestContext): Promise<TagResourceOutput> {
  const tags = input.Tags.map((tag): [string, string] => [tag.Key, tag.Value]);
  checkTagKeys(tags.map(([key]) => key));
  unwrap(await videoRegistryFor(context.env, context.scope).addTags(resourceStream(input.ResourceARN, context.scope), tags));
  return {};
}

export async function untagResource(input: UntagResourceInput, context: RequestContext): Promise<UntagResourceOutput> {
  unwrap(await videoRegistryFor(context.env, context.scope).removeTags(resourceStream(input.ResourceARN, context.scope), input.TagKeyList));
  return {};
}

export async function listTagsForResource(input: ListTagsForResourceInput, context: RequestContext): Promise<ListTagsForResourceOutput> {
  return { Tags: unwrap(await videoRegistryFor(context.env, context.scope).tags(resourceStream(input.ResourceARN, context.scope))) };
}

/** The stream a resource ARN names; a channel's ARN names nothing here. */
function resourceStream(arn: string, scope: Scope): StreamRef {
  if (parseVideoArn(arn)?.type === "channel") throw channelNotFound();
  checkStreamArn(arn, scope);
  return { arn };
}
