/**
 * The processing chain (src/firehose/transform/) as delivery calls it: the destination's
 * ProcessingConfiguration and DynamicPartitioningConfiguration, the Lambda contract's context, and
 * how a transformation function is reached from this Worker (a service binding named like the
 * function, or an HTTPS URL; see transform/lambda-target.ts and functions/).
 */
import type { Clock } from "../clock";
import { callFunction } from "../functions/invoke";
import { serviceTarget } from "../functions/targets";
import type { BufferConfig } from "./buffer";
import { processingPartitioning } from "./config";
import type { ProcessedRecord, SourceRecord } from "./records";
import { processRecords as runChain, type LambdaTarget, type ProcessingEnv } from "./transform";
import { deliveryStreamArn } from "./ids";

/** POSTs a Lambda request to its target; a service binding this Worker lacks answers 404 (Lambda.ResourceNotFound). */
async function invoke(env: Env, target: LambdaTarget, body: string): Promise<Response> {
  if (target.kind === "url") return callFunction(target, body);
  const service = serviceTarget(target.binding, env);
  if (!service) return new Response(`no service binding ${target.binding}`, { status: 404 });
  return callFunction(service, body);
}

export async function processRecords(config: BufferConfig, records: SourceRecord[], env: Env, clock: Clock): Promise<ProcessedRecord[]> {
  const destination = config.destination;
  const processingEnv: ProcessingEnv = { fetch: (target, body) => invoke(env, target, body), now: () => clock.now() };
  return runChain(
    {
      processing: destination.ProcessingConfiguration,
      dynamicPartitioning: processingPartitioning(destination),
      deliveryStreamArn: deliveryStreamArn(config, config.streamName),
      region: config.region,
    },
    records,
    processingEnv,
  );
}
