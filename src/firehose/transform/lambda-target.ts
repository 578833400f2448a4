/**
 * What a Lambda processor's LambdaArn names. Rivulet has no Lambda functions, so the ARN stands for
 * something this deployment can call:
 * - `arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]`: the service binding of
 *   this Worker named like the function (the delivery side looks it up and POSTs to it);
 * - an `https://` URL, or `http://` on a loopback host (127.0.0.1, localhost, [::1]) for local tools:
 *   the records are POSTed there;
 * - `jsonata:<expression>`: no function at all; the expression rewrites each record (see jsonata.ts).
 */
import { InvalidArgumentException } from "../../aws/errors";

export type LambdaTarget = { kind: "service"; binding: string } | { kind: "url"; url: string };
export type ResolvedLambda = LambdaTarget | { kind: "jsonata"; expression: string };

const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9_-]{1,64})(?::(?:\$LATEST|[a-zA-Z0-9_-]+))?$/;
const JSONATA_PREFIX = "jsonata:";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function resolveLambda(lambdaArn: string): ResolvedLambda {
  if (lambdaArn.startsWith(JSONATA_PREFIX)) {
    const expression = lambdaArn.slice(JSONATA_PREFIX.length).trim();
    if (!expression) throw new InvalidArgumentException("The JSONata expression after 'jsonata:' in LambdaArn is empty.");
    return { kind: "jsonata", expression };
  }
  const fn = FUNCTION_ARN.exec(lambdaArn);
  if (fn?.[1]) return { kind: "service", binding: fn[1] };
  const url = endpoint(lambdaArn);
  if (url) return { kind: "url", url };
  throw new InvalidArgumentException(
    `LambdaArn '${lambdaArn}' is not valid: it must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), ` +
      `an https:// URL, or jsonata:<expression>.`,
  );
}

function endpoint(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return url.href;
  return undefined;
}
