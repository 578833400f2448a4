/**
 * Shared pieces of the Firehose integration tests: calls through the Worker (AWS JSON 1.1,
 * `Firehose_20150804.*`, signed for service "firehose"), delivery streams made ACTIVE by moving the
 * registry's clock, buffers whose clock and outbox the tests own (so flushes are seen as messages
 * and delivered when the test says, through the real queue handler), and readers of what landed in R2.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, runDurableObjectAlarm, runInDurableObject, type QueueResult } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../../src/index";
import type { BatchMessage, DeliveryBuffer } from "../../../src/firehose/buffer";
import { DELIVERY_QUEUE } from "../../../src/firehose/queue";
import { FIREHOSE } from "../../../src/firehose/limits";
import type { FirehoseRegistry } from "../../../src/firehose/registry";
import type { JsonWire } from "../../../src/aws/protocol";
import type * as Firehose from "../../../src/firehose/shapes.generated";
import { ACCOUNT, AMZ_JSON, env, REGION, send, TestClock, uniqueName, type ApiResponse, type ErrorBody } from "../client";
import { bufferFor } from "../../../src/objects";

export { ACCOUNT, REGION, env, uniqueName };
export const TARGET_PREFIX = "Firehose_20150804";
export const BUCKET = "rivulet-deliveries";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;

export async function call<T = ErrorBody>(operation: string, input: unknown): Promise<ApiResponse<T>> {
  return send<T>({ target: `${TARGET_PREFIX}.${operation}`, body: JSON.stringify(input), service: "firehose" });
}

export async function ok<T>(operation: string, input: unknown): Promise<T> {
  const response = await call<T>(operation, input);
  expect({ status: response.status, body: response.body }, `${operation} should succeed`).toMatchObject({ status: 200 });
  expect(response.headers.get("content-type")).toBe(AMZ_JSON);
  return response.body;
}

export async function expectFailure(operation: string, input: unknown, type: string, message?: string | RegExp, status = 400): Promise<void> {
  const response = await call(operation, input);
  expect(response.status, `${operation}: ${response.text}`).toBe(status);
  const body = response.body;
  expect(body.__type).toBe(type);
  if (message instanceof RegExp) expect(body.message).toMatch(message);
  else if (message !== undefined) expect(body.message).toBe(message);
}

// ---------------------------------------------------------------------------------------------
// Wire shapes

export type DestinationDescription = JsonWire<Firehose.DestinationDescription>;
export type DeliveryStreamDescription = JsonWire<Firehose.DeliveryStreamDescription>;
export type PutRecordBatchOutput = JsonWire<Firehose.PutRecordBatchOutput>;

// ---------------------------------------------------------------------------------------------
// Time and streams

/** The clock of this file's registry and buffers; it only moves forward. */
export const clock = new TestClock();

export function registryStub(): DurableObjectStub<FirehoseRegistry> {
  return env.FIREHOSE_REGISTRY.get(env.FIREHOSE_REGISTRY.idFromName(`${ACCOUNT}:${REGION}`));
}

export async function useRegistryClock(): Promise<void> {
  await runInDurableObject(registryStub(), (instance: FirehoseRegistry) => {
    instance.clock = clock;
  });
}

export function s3Destination(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, ...overrides };
}

/** A ProcessingConfiguration of one Lambda processor: `functionArn` (a full ARN) with NumberOfRetries. */
export function lambdaProcessing(functionArn: string, retries: number): Record<string, unknown> {
  return {
    Enabled: true,
    Processors: [
      {
        Type: "Lambda",
        Parameters: [
          { ParameterName: "LambdaArn", ParameterValue: functionArn },
          { ParameterName: "NumberOfRetries", ParameterValue: String(retries) },
        ],
      },
    ],
  };
}

/** The ARN of a function of the test account, resolved to the service binding named `name`. */
export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/**
 * Dynamic partitioning by a JQ MetadataExtraction query (e.g. `{k: .k}`), followed by `more`
 * processors: the configuration pieces of CreateDeliveryStream's ExtendedS3DestinationConfiguration.
 */
export function jqPartitioning(query: string, more: readonly Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    DynamicPartitioningConfiguration: { Enabled: true },
    ProcessingConfiguration: {
      Enabled: true,
      Processors: [
        {
          Type: "MetadataExtraction",
          Parameters: [
            { ParameterName: "MetadataExtractionQuery", ParameterValue: query },
            { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" },
          ],
        },
        ...more,
      ],
    },
  };
}

export async function describe(name: string): Promise<DeliveryStreamDescription> {
  return (await ok<{ DeliveryStreamDescription: DeliveryStreamDescription }>("DescribeDeliveryStream", { DeliveryStreamName: name }))
    .DeliveryStreamDescription;
}

/** A delivery stream whose buffer's flushes the test sees and delivers itself. */
export interface TestDeliveryStream {
  name: string;
  /** The buffer object's name (the stream's id). */
  id: string;
  buffer: DurableObjectStub<DeliveryBuffer>;
  /** Messages the buffer sent, in order (delivery takes them out). */
  outbox: BatchMessage[];
}

/** Creates a delivery stream (ExtendedS3 unless `plainS3`), makes it ACTIVE, and takes over its buffer. */
export async function createDeliveryStream(
  destination: Record<string, unknown> = {},
  options: { name?: string; plainS3?: boolean; extra?: Record<string, unknown>; destinationKey?: string } = {},
): Promise<TestDeliveryStream> {
  const name = options.name ?? uniqueName("hose");
  await useRegistryClock();
  // Another destination type (destinationKey) takes `destination` as it is.
  const key = options.destinationKey ?? (options.plainS3 ? "S3DestinationConfiguration" : "ExtendedS3DestinationConfiguration");
  const configuration = options.destinationKey ? destination : s3Destination(destination);
  await ok("CreateDeliveryStream", { DeliveryStreamName: name, [key]: configuration, ...options.extra });
  clock.advance(FIREHOSE.createMs);
  const description = await describe(name);
  expect(description.DeliveryStreamStatus).toBe("ACTIVE");
  const id = await runInDurableObject(registryStub(), (_instance: FirehoseRegistry, state) =>
    state.storage.sql.exec<{ id: string }>("SELECT id FROM delivery_streams WHERE name = ?", name).one().id,
  );
  const stream: TestDeliveryStream = { name, id, buffer: bufferFor(env, id), outbox: [] };
  await takeOverBuffer(stream);
  return stream;
}

/** Gives the buffer this file's clock and an outbox the test reads (again, after an eviction). */
export async function takeOverBuffer(stream: TestDeliveryStream): Promise<void> {
  await runInDurableObject(stream.buffer, (instance: DeliveryBuffer) => {
    instance.clock = clock;
    instance.outbox = async (messages) => {
      stream.outbox.push(...messages);
    };
  });
}

/** Runs the buffer's alarm now (the interval flush and re-sends). */
export async function runBufferAlarm(stream: TestDeliveryStream): Promise<boolean> {
  await takeOverBuffer(stream);
  return runDurableObjectAlarm(stream.buffer);
}

// ---------------------------------------------------------------------------------------------
// Records and delivery

export const encode = (text: string) => new TextEncoder().encode(text);

export async function putBatch(stream: TestDeliveryStream, data: readonly (string | Uint8Array)[]): Promise<PutRecordBatchOutput> {
  return ok<PutRecordBatchOutput>("PutRecordBatch", {
    DeliveryStreamName: stream.name,
    Records: data.map((item) => ({ Data: (typeof item === "string" ? encode(item) : item).toBase64() })),
  });
}

let messageCounter = 0;

/** Hands messages to the Worker's queue handler as the delivery queue would, with `env` (default the real one). */
export async function runQueue(
  messages: readonly BatchMessage[],
  options: { queue?: string; attempts?: number; env?: object } = {},
): Promise<QueueResult> {
  const batch = createMessageBatch<BatchMessage>(
    options.queue ?? DELIVERY_QUEUE,
    messages.map((body) => ({ id: `message-${++messageCounter}`, timestamp: new Date(), attempts: options.attempts ?? 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, (options.env ?? env) as typeof env);
  return getQueueResult(batch, ctx);
}

/** Delivers everything the stream's buffer has sent so far; every message must be acknowledged. */
export async function deliverAll(stream: TestDeliveryStream): Promise<void> {
  const messages = stream.outbox.splice(0);
  if (messages.length === 0) return;
  const result = await runQueue(messages);
  expect(result.retryMessages, "no delivery should fail").toEqual([]);
}

export interface StoredObject {
  key: string;
  body: Uint8Array;
  contentType: string | undefined;
}

/** Every object under `prefix` in the deliveries bucket, in key order. */
export async function objects(prefix: string, bucket: R2Bucket = env.RIVULET_DELIVERIES): Promise<StoredObject[]> {
  const found: StoredObject[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    for (const object of page.objects) {
      const stored = await bucket.get(object.key);
      if (!stored) continue;
      found.push({ key: object.key, body: new Uint8Array(await stored.arrayBuffer()), contentType: stored.httpMetadata?.contentType });
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const decode = (data: Uint8Array) => new TextDecoder().decode(data);

/** `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`, after the prefix. */
export function objectNamePattern(streamName: string, version = "1", extension = ""): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `${escaped(streamName)}-${escaped(version)}-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}${escaped(extension)}$`,
  );
}
