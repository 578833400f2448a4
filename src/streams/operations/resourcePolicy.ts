/** PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy, on stream and consumer ARNs (see ../policies.ts). */
import { InvalidArgumentException, ResourceNotFoundException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetPolicies } from "../access";
import { parseConsumerArn } from "../consumers";
import { parseStreamArn } from "../ids";
import { forgetStream } from "../locate";
import { parsePolicy } from "../policies";
import { registryFor } from "../../objects";
import type { PolicyTarget } from "../resource-policies";
import type {
  DeleteResourcePolicyInput,
  DeleteResourcePolicyOutput,
  GetResourcePolicyInput,
  GetResourcePolicyOutput,
  PutResourcePolicyInput,
  PutResourcePolicyOutput,
} from "../shapes.generated";

/** The stream or consumer a ResourceARN names. */
function targetOf(arn: string, context: RequestContext): PolicyTarget {
  const { account, region } = context.scope;
  const consumer = parseConsumerArn(arn);
  if (consumer) {
    if (consumer.account !== account || consumer.region !== region) throw new ResourceNotFoundException(`Consumer ${arn} not found.`);
    return { streamName: consumer.streamName, consumer: { name: consumer.consumerName, createdSeconds: consumer.createdSeconds } };
  }
  const stream = parseStreamArn(arn);
  if (!stream) throw new InvalidArgumentException(`Invalid ResourceARN: ${arn}`);
  if (stream.account !== account || stream.region !== region) {
    throw new ResourceNotFoundException(`Stream ${stream.name} under account ${stream.account} not found.`);
  }
  return { streamName: stream.name };
}

/** This isolate enforces a changed policy at once (others within a second, see ../access.ts). */
function forget(context: RequestContext, target: PolicyTarget): void {
  forgetPolicies();
  forgetStream(context, target.streamName);
}

export async function putResourcePolicy(input: PutResourcePolicyInput, context: RequestContext): Promise<PutResourcePolicyOutput> {
  const target = targetOf(input.ResourceARN, context);
  parsePolicy(input.Policy);
  unwrap(await registryFor(context.env, context.scope).setResourcePolicy(context.scope, target, input.Policy));
  forget(context, target);
}

/** A resource without a policy answers an empty document. */
export async function getResourcePolicy(input: GetResourcePolicyInput, context: RequestContext): Promise<GetResourcePolicyOutput> {
  const target = targetOf(input.ResourceARN, context);
  const policy = unwrap(await registryFor(context.env, context.scope).resourcePolicy(context.scope, target));
  return { Policy: policy ?? "{}" };
}

export async function deleteResourcePolicy(input: DeleteResourcePolicyInput, context: RequestContext): Promise<DeleteResourcePolicyOutput> {
  const target = targetOf(input.ResourceARN, context);
  unwrap(await registryFor(context.env, context.scope).setResourcePolicy(context.scope, target, null));
  forget(context, target);
}
