import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { KINESIS } from "../../limits";
import { registryFor } from "../../objects";

export async function describeLimits(_input: object, context: RequestContext) {
  const counts = unwrap(await registryFor(context.env, context.scope).limits());
  return {
    ShardLimit: KINESIS.shardLimit,
    OpenShardCount: counts.openShardCount,
    OnDemandStreamCount: counts.onDemandStreamCount,
    OnDemandStreamCountLimit: KINESIS.onDemandStreamCountLimit,
  };
}
