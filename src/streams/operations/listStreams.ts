import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { registryFor } from "../../objects";
import type { ListStreamsInput, ListStreamsOutput } from "../shapes.generated";
import { decodeNextToken, encodeNextToken } from "../tokens";
import { streamSummary } from "../views";

/** AWS answers 100 streams per call by default, and never more, whatever the Limit (which may be up to 10000). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

export async function listStreams(input: ListStreamsInput, context: RequestContext): Promise<ListStreamsOutput> {
  const now = context.clock.now();
  const after =
    input.NextToken !== undefined ? String(decodeNextToken(input.NextToken, now).after ?? "") : input.ExclusiveStartStreamName;
  const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const page = unwrap(await registryFor(context.env, context.scope).listStreams(context.scope, after, limit));
  const last = page.streams.at(-1);
  return {
    StreamNames: page.streams.map((stream) => stream.name),
    HasMoreStreams: page.hasMore,
    ...(page.hasMore && last && { NextToken: encodeNextToken({ after: last.name }, now) }),
    StreamSummaries: page.streams.map(streamSummary),
  };
}
