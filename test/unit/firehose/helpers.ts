/** Builders shared by the Firehose processing tests: source records, and a fake transformation function. */
import type { SourceRecord } from "../../../src/firehose/records";
import type { LambdaTarget, ProcessingEnv } from "../../../src/firehose/transform";

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();
export const STREAM = "arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks";
export const FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:csv-to-json";

export function record(recordId: string, data: string | Uint8Array, arrivalMs = 1_700_000_000_000): SourceRecord {
  return { recordId, arrivalMs, data: typeof data === "string" ? encoder.encode(data) : data };
}

export const text = (data: Uint8Array) => decoder.decode(data);

/** The request Firehose sends a transformation function. */
export interface TransformationEvent {
  invocationId: string;
  deliveryStreamArn: string;
  region: string;
  sourceKinesisStreamArn?: string;
  records: {
    recordId: string;
    approximateArrivalTimestamp: number;
    data: string;
    kinesisRecordMetadata?: Record<string, unknown>;
  }[];
}

export interface FakeFunction extends ProcessingEnv {
  calls: { target: LambdaTarget; event: TransformationEvent }[];
}

/** A ProcessingEnv whose function is `handler`, called with the parsed request; it records every call. */
export function fakeFunction(handler: (event: TransformationEvent, call: number) => Response | Promise<Response>, now = 1_700_000_000_000): FakeFunction {
  const calls: FakeFunction["calls"] = [];
  return {
    calls,
    now: () => now,
    async fetch(target, body) {
      const event = JSON.parse(body) as TransformationEvent;
      calls.push({ target, event });
      return handler(event, calls.length);
    },
  };
}

export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

export const b64 = (value: string) => encoder.encode(value).toBase64();
export const unb64 = (value: string) => decoder.decode(Uint8Array.fromBase64(value));

export function lambdaProcessing(lambdaArn: string, extra: { ParameterName: string; ParameterValue: string }[] = []) {
  return { Enabled: true, Processors: [{ Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: lambdaArn }, ...extra] }] };
}

export async function gzip(data: string): Promise<Uint8Array> {
  const stream = new Blob([encoder.encode(data)]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
