import type { Scope } from "../aws/scope";

export function deliveryStreamArn(scope: Scope, name: string): string {
  return `arn:aws:firehose:${scope.region}:${scope.account}:deliverystream/${name}`;
}
