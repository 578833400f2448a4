/**
 * PutMedia (`POST /putMedia`, Kinesis Video Streams Media): the headers AWS's producer SDKs send
 * (x-amzn-stream-name or -arn, x-amzn-fragment-timecode-type, x-amzn-producer-start-timestamp) are checked,
 * then the answer is 200 at once and its body carries the acknowledgements while the upload goes on
 * (ingest.ts). PutMedia is in no AWS SDK's model, so its shapes are ours (scripts/models/rivulet-kinesis-video-putmedia-2017-09-30.json).
 *
 * x-amzn-producer-start-timestamp is read as the SDKs write it: seconds, a dot, then milliseconds printed
 * without leading zeros (producer-c's "%llu.%llu", so "1511852108.5" is 5 ms past the second); it is needed
 * for RELATIVE timecodes only.
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import type { PutMediaInput } from "../putmedia-shapes.generated";
import { IngestSession } from "./ingest";
import { activeStream } from "./stream-ref";

export async function putMedia(input: PutMediaInput, context: RestRequestContext): Promise<Response> {
  const stream = await activeStream(context, input);
  const producerStartMs = input.FragmentTimecodeType === "RELATIVE" ? producerStart(input.ProducerStartTimestamp) : 0;
  const session = new IngestSession({ env: context.env, scope: context.scope, clock: context.clock, stream, producerStartMs });
  const body = input.Payload ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  // The upload is read after the answer has started: the acks stream back on it (see the README for what a
  // deployed Worker's proxy does with that).
  void session.run(body).catch((error: unknown) => console.error("PutMedia: the upload ended unexpectedly", error));
  return new Response(session.acks.readable, { status: 200, headers: { "content-type": "application/json" } });
}

/** "%llu.%llu": whole seconds, then milliseconds as a number (not a decimal fraction). */
export function producerStart(header: string | undefined): number {
  if (header === undefined) {
    throw new InvalidArgumentException("x-amzn-producer-start-timestamp is required when x-amzn-fragment-timecode-type is RELATIVE.");
  }
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(header.trim());
  if (!match) throw new InvalidArgumentException(`x-amzn-producer-start-timestamp ${header} is not seconds.milliseconds since the epoch.`);
  return Number(match[1]) * 1000 + Number(match[2] ?? 0);
}
