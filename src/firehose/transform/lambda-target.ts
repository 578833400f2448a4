/**
 * What a Lambda processor's LambdaArn names. Rivulet has no Lambda functions, so the ARN stands for
 * something this deployment can call (resolved as every service resolves functions, functions/targets.ts):
 * - `arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]`: the service binding of
 *   this Worker named like the function (the delivery side looks it up and POSTs to it);
 * - an `https://` URL, or `http://` on a loopback host (127.0.0.1, localhost, [::1]) for local tools:
 *   the records are POSTed there;
 * - `jsonata:<expression>`: no function at all; the expression rewrites each record (see jsonata.ts).
 */
import { InvalidArgumentException } from "../../aws/errors";
import { endpointUrl, functionNameOfArn, type FunctionReference } from "../../functions/targets";

export type LambdaTarget = FunctionReference;
export type ResolvedLambda = LambdaTarget | { kind: "jsonata"; expression: string };

const JSONATA_PREFIX = "jsonata:";

export function resolveLambda(lambdaArn: string): ResolvedLambda {
  if (lambdaArn.startsWith(JSONATA_PREFIX)) {
    const expression = lambdaArn.slice(JSONATA_PREFIX.length).trim();
    if (!expression) throw new InvalidArgumentException("The JSONata expression after 'jsonata:' in LambdaArn is empty.");
    return { kind: "jsonata", expression };
  }
  const name = functionNameOfArn(lambdaArn);
  if (name) return { kind: "service", binding: name };
  // Loopback is allowed whatever the deployment: the processing chain has no environment to ask,
  // and a deployed Worker's call to a loopback host simply fails like an unreachable function.
  const url = endpointUrl(lambdaArn, true);
  if (url) return { kind: "url", url };
  throw new InvalidArgumentException(
    `LambdaArn '${lambdaArn}' is not valid: it must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), ` +
      `an https:// URL, or jsonata:<expression>.`,
  );
}
