/**
 * The functions an application calls (InputLambdaProcessor, LambdaOutput), named by ResourceARN:
 * `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` is the service binding of this
 * Worker named like the function, and an `https://` URL (`http://` on a loopback host under
 * `npm start`) is called as it is, as every service here resolves functions (functions/targets.ts).
 * Calls are POSTs of JSON judged as Lambda's Invoke would judge them (functions/call.ts).
 */
import { callFunction, type CallableTarget } from "../../functions/invoke";
import { callWithin, type CallResult } from "../../functions/call";
import { endpointUrl, functionNameOfArn, loopbackAllowed, serviceTarget } from "../../functions/targets";
import { RUNNER } from "./limits";

/** The target `arn` names now, or a reason it names nothing this Worker can call. */
export function functionTarget(env: Env, arn: string): CallableTarget | string {
  const name = functionNameOfArn(arn);
  if (name !== undefined) return serviceTarget(name, env) ?? `Function not found: ${arn} (no service binding named ${name})`;
  const url = endpointUrl(arn, loopbackAllowed(env));
  return url === undefined ? `${arn} is neither a Lambda function ARN nor an https:// URL` : { kind: "url", url };
}

/** POSTs a JSON body to the function and reads its answer (RUNNER.lambdaTimeoutMs, RUNNER.lambdaPayloadBytes). */
export async function invoke(target: CallableTarget, body: string): Promise<CallResult> {
  return callWithin(() => callFunction(target, body), RUNNER.lambdaTimeoutMs, RUNNER.lambdaPayloadBytes);
}

/** The JSON answer's `records`, by recordId; undefined when the answer is not of that shape. */
export function answeredRecords(text: string): Map<string, Record<string, unknown>> | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof answer !== "object" || answer === null) return undefined;
  const records = (answer as { records?: unknown }).records;
  if (!Array.isArray(records)) return undefined;
  const byId = new Map<string, Record<string, unknown>>();
  for (const entry of records) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    const fields = entry as Record<string, unknown>;
    if (typeof fields.recordId === "string") byId.set(fields.recordId, fields);
  }
  return byId;
}

/** Splits items into invocations whose payloads (the items' encoded sizes plus `envelope`) stay under Lambda's limit. */
export function invocations<T>(items: readonly T[], size: (item: T) => number, envelope: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = envelope;
  for (const item of items) {
    const itemBytes = size(item) + 1;
    if (current.length > 0 && bytes + itemBytes > RUNNER.lambdaPayloadBytes) {
      out.push(current);
      current = [];
      bytes = envelope;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
