/**
 * The streams and delivery streams an application names must exist, in the caller's account and
 * region, when the configuration naming them is stored: AWS checks that it can reach them (it answers
 * InvalidArgumentException when its role cannot). Roles are kept and shown, never assumed: Rivulet
 * has no IAM. Lambda functions (input processors, Lambda outputs) are not looked up here: what a
 * function ARN names (a service binding or an endpoint) is resolved when the application runs.
 */
import { InvalidArgumentException } from "../aws/errors";
import type { Scope } from "../aws/scope";
import { firehoseRegistryFor } from "../objects";
import { describeSource } from "../firehose/kinesis-source";
import type { ArnKind } from "./definition";

function arnParts(arn: string): { region: string; account: string; name: string } | undefined {
  const match = /^arn:aws[^:]*:(?:kinesis|firehose|lambda):([^:]*):(\d{12}):(?:stream\/|deliverystream\/|function:)([^:/]+)/.exec(arn);
  if (!match) return undefined;
  const [, region = "", account = "", name = ""] = match;
  return { region, account, name };
}

async function streamExists(env: Env, scope: Scope, name: string, arn: string): Promise<boolean> {
  return (await describeSource(env, { account: scope.account, region: scope.region, streamName: name, streamArn: arn })) !== undefined;
}

async function deliveryStreamExists(env: Env, scope: Scope, name: string): Promise<boolean> {
  const outcome = await firehoseRegistryFor(env, scope).describe(scope, name);
  return outcome.ok && outcome.value.status !== "DELETING";
}

/** Refuses the first stream or delivery stream that does not exist (InvalidArgumentException). */
export async function checkResources(env: Env, scope: Scope, resources: readonly { arn: string; kind: ArnKind }[]): Promise<void> {
  for (const { arn, kind } of resources) {
    if (kind === "function") continue;
    const parts = arnParts(arn);
    const here = parts !== undefined && parts.account === scope.account && parts.region === scope.region;
    const name = parts?.name ?? arn;
    if (kind === "stream" && !(here && (await streamExists(env, scope, name, arn)))) {
      throw new InvalidArgumentException(`Stream ${name} under account ${parts?.account ?? scope.account} not found.`);
    }
    if (kind === "deliverystream" && !(here && (await deliveryStreamExists(env, scope, name)))) {
      throw new InvalidArgumentException(`Firehose ${name} under account ${parts?.account ?? scope.account} not found.`);
    }
  }
}
