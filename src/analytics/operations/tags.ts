/** TagResource, UntagResource and ListTagsForResource: the same in both API versions. Tags never change an application's version. */
import { InvalidArgumentException, ResourceNotFoundException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { parseApplicationArn } from "../ids";
import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from "../shapes-v1.generated";
import { registry, tagPairs } from "./common";

/** The application an ARN names, in the caller's account and region. */
function applicationName(context: RequestContext, arn: string): string {
  const parsed = parseApplicationArn(arn);
  if (!parsed) throw new InvalidArgumentException(`${arn} is not a valid application ARN.`);
  if (parsed.account !== context.scope.account || parsed.region !== context.scope.region) {
    throw new ResourceNotFoundException(`Application ${parsed.name} under account ${parsed.account} not found.`);
  }
  return parsed.name;
}

export async function tagResource(input: TagResourceInput, context: RequestContext): Promise<TagResourceOutput> {
  const name = applicationName(context, input.ResourceARN);
  unwrap(await registry(context).addTags(context.scope, name, tagPairs(input.Tags)));
  return {};
}

export async function untagResource(input: UntagResourceInput, context: RequestContext): Promise<UntagResourceOutput> {
  const name = applicationName(context, input.ResourceARN);
  unwrap(await registry(context).removeTags(context.scope, name, input.TagKeys));
  return {};
}

export async function listTagsForResource(input: ListTagsForResourceInput, context: RequestContext): Promise<ListTagsForResourceOutput> {
  const name = applicationName(context, input.ResourceARN);
  return { Tags: unwrap(await registry(context).tags(context.scope, name)) };
}
