import { unwrap, ValidationException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { registryFor } from "../../objects";
import type { CreateStreamInput, CreateStreamOutput } from "../shapes.generated";

/** On-demand streams start with four shards, as on AWS. */
const ON_DEMAND_INITIAL_SHARDS = 4;

export async function createStream(input: CreateStreamInput, context: RequestContext): Promise<CreateStreamOutput> {
  const mode = input.StreamModeDetails?.StreamMode ?? "PROVISIONED";
  if (mode === "PROVISIONED" && input.ShardCount === undefined) {
    throw new ValidationException(
      "1 validation error detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null",
    );
  }
  const registry = registryFor(context.env, context.scope);
  unwrap(
    await registry.createStream(context.scope, {
      name: input.StreamName,
      shardCount: mode === "ON_DEMAND" ? ON_DEMAND_INITIAL_SHARDS : (input.ShardCount ?? 1),
      mode,
      tags: Object.entries(input.Tags ?? {}),
      maxRecordSizeKiB: input.MaxRecordSizeInKiB ?? 1024,
      ...(input.WarmThroughputMiBps !== undefined && { warmThroughputMiBps: input.WarmThroughputMiBps }),
    }),
  );
}
