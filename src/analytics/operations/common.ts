/** What the operations of both API versions share: the registry, changes with their checks, tags. */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { analyticsRegistryFor } from "../../objects";
import { namedResources, type Change } from "../changes";
import type { ApiVersion } from "../definition";
import type { Expected } from "../registry";
import { checkResources } from "../resources";
import type { ApplicationState } from "../views";

export function registry(context: RequestContext) {
  return analyticsRegistryFor(context.env, context.scope);
}

/** Makes a change: the streams it names must exist, then the registry checks status and version and stores it. */
export async function changeApplication(
  context: RequestContext,
  name: string,
  api: ApiVersion,
  expected: Expected,
  change: Change,
): Promise<ApplicationState> {
  await checkResources(context.env, context.scope, namedResources(change));
  return unwrap(await registry(context).change(context.scope, name, api, expected, change));
}

export async function describeApplication(context: RequestContext, name: string, api: ApiVersion): Promise<ApplicationState> {
  return unwrap(await registry(context).describe(context.scope, name, api));
}

/** v2 takes CurrentApplicationVersionId or ConditionalToken where its model makes both optional ("You must provide" one). */
export function versionOrToken(input: { CurrentApplicationVersionId?: number; ConditionalToken?: string }): Expected {
  if (input.CurrentApplicationVersionId === undefined && input.ConditionalToken === undefined) {
    throw new InvalidArgumentException("Either CurrentApplicationVersionId or ConditionalToken must be provided.");
  }
  const expected: Expected = {};
  if (input.CurrentApplicationVersionId !== undefined) expected.version = input.CurrentApplicationVersionId;
  if (input.ConditionalToken !== undefined) expected.token = input.ConditionalToken;
  return expected;
}

/** Tags as the registry stores them; "a tag list that has duplicate Key values" is refused (how-tagging.md). */
export function tagPairs(tags: readonly { Key: string; Value?: string }[]): [string, string][] {
  const keys = new Set<string>();
  for (const tag of tags) {
    if (keys.has(tag.Key)) throw new InvalidArgumentException(`The tag key ${tag.Key} is given more than once.`);
    keys.add(tag.Key);
  }
  return tags.map((tag) => [tag.Key, tag.Value ?? ""]);
}
