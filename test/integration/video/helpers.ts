/**
 * Helpers for the Video Streams control-plane tests: requests as the Video SDKs send them
 * (REST-JSON: `POST /<operation>`, a JSON body, SigV4 for the service `kinesisvideo`), the
 * assertions every answer needs (x-amzn-ErrorType, AWS's body), the registry's clock, and streams
 * made ACTIVE by moving that clock instead of waiting.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect, vi } from "vitest";
import type { JsonWire } from "../../../src/aws/protocol";
import { VIDEO_CONTROL } from "../../../src/limits";
import type { VideoRegistry } from "../../../src/video/registry";
import type * as Video from "../../../src/video/shapes.generated";
import { VideoStream } from "../../../src/video/stream";
import { ACCOUNT, env, REGION, send, TestClock, uniqueName, type ApiResponse, type RawRequest } from "../client";

export { ACCOUNT, REGION, uniqueName };

/** A StreamInfo as Rivulet (like AWS) always answers it: only DeviceName and MediaType may be absent. */
export type StreamInfo = JsonWire<Video.StreamInfo> &
  Required<Pick<JsonWire<Video.StreamInfo>, "StreamName" | "StreamARN" | "KmsKeyId" | "Version" | "Status" | "CreationTime" | "DataRetentionInHours">>;
export type DescribeStreamOutput = { StreamInfo: StreamInfo };
export type ListStreamsOutput = { StreamInfoList: StreamInfo[]; NextToken?: string };
export type ErrorBody = { Message?: string; message?: string };

/** Sends a Video control-plane request: `POST /<path>` with a JSON body (or the raw text given). */
export async function video<T = ErrorBody>(path: string, input?: unknown, options: Partial<RawRequest> = {}): Promise<ApiResponse<T>> {
  return send<T>({
    path,
    service: "kinesisvideo",
    contentType: "application/json",
    body: input === undefined ? null : typeof input === "string" ? input : JSON.stringify(input),
    ...options,
  });
}

/** Calls an operation that must succeed, and returns its answer. */
export async function videoOk<T>(path: string, input: unknown): Promise<T> {
  const response = await video<T>(path, input);
  expect({ status: response.status, body: response.body }, `${path} should succeed`).toMatchObject({ status: 200 });
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-amzn-ErrorType")).toBeNull();
  return response.body;
}

/**
 * Asserts a REST-JSON error as Kinesis Video Streams answers it: the status, `x-amzn-ErrorType`
 * (`<type>:<namespace>`), and a body holding the message alone, under `Message` for the model's
 * exceptions and `message` for the request layer's (any message when `message` is not given, none when null).
 */
export function expectVideoError(response: ApiResponse<unknown>, status: number, type: string, message?: string | RegExp | null): void {
  expect({ status: response.status, type: response.headers.get("x-amzn-ErrorType") }).toEqual({
    status,
    type: `${type}:https://kinesisvideo.amazonaws.com/doc/2017-09-30/`,
  });
  expect(response.headers.get("content-type")).toBe("application/json");
  const body = response.body as Record<string, string>;
  const key = FRAMEWORK.has(type) ? "message" : "Message";
  if (message === null) {
    expect(body).toEqual({});
    return;
  }
  expect(Object.keys(body)).toEqual([key]);
  if (message instanceof RegExp) expect(body[key]).toMatch(message);
  else if (message !== undefined) expect(body[key]).toBe(message);
}

const FRAMEWORK = new Set([
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "SerializationException",
  "ValidationException",
  "UnknownOperationException",
]);

export async function expectVideoFailure(path: string, input: unknown, status: number, type: string, message?: string | RegExp): Promise<void> {
  expectVideoError(await video(path, input), status, type, message);
}

export async function expectVideoValidation(path: string, input: unknown, ...errors: string[]): Promise<void> {
  const count = errors.length;
  await expectVideoFailure(path, input, 400, "ValidationException", `${count} validation error${count === 1 ? "" : "s"} detected: ${errors.join("; ")}`);
}

export const NOT_FOUND = "The requested stream is not found or not active.";

// ---------------------------------------------------------------------------------------------
// The registry and its clock

export const registryClock = new TestClock();

export function videoRegistryStub(): DurableObjectStub<VideoRegistry> {
  return env.VIDEO_REGISTRY.get(env.VIDEO_REGISTRY.idFromName(`${ACCOUNT}:${REGION}`));
}

/** Gives the registry this file's clock (again: an object that was evicted would have lost it). */
export async function useVideoClock(): Promise<void> {
  await runInDurableObject(videoRegistryStub(), (instance: VideoRegistry) => {
    instance.clock = registryClock;
  });
}

export async function advanceVideoClock(ms: number): Promise<void> {
  await useVideoClock();
  registryClock.advance(ms);
}

export async function runVideoRegistryAlarm(): Promise<boolean> {
  return runDurableObjectAlarm(videoRegistryStub());
}

export function streamArn(name: string, createdMs: number): string {
  return `arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/${name}/${createdMs}`;
}

export async function describeVideoStream(name: string): Promise<StreamInfo> {
  return (await videoOk<DescribeStreamOutput>("/describeStream", { StreamName: name })).StreamInfo;
}

/** Creates a stream and moves the registry's clock past CREATING, so it is ACTIVE at once. */
export async function createActiveVideoStream(extra: Record<string, unknown> = {}, name = uniqueName("video")): Promise<StreamInfo> {
  await useVideoClock();
  await videoOk("/createStream", { StreamName: name, ...extra });
  registryClock.advance(VIDEO_CONTROL.createStreamMs);
  const info = await describeVideoStream(name);
  expect(info.Status).toBe("ACTIVE");
  return info;
}

/** The stream's internal id (what names its stream object), through the contract's resolve. */
export async function streamId(name: string): Promise<string> {
  const outcome = await videoRegistryStub().resolve(name, undefined);
  if (!outcome.ok) throw new Error(`resolve ${name}: ${outcome.error.type}`);
  return outcome.value.streamId;
}

/**
 * Records what the registry tells stream objects (the contract's lifecycle calls), whatever the
 * stream object does with it: the calls are spied on the class the Worker runs, in this isolate.
 */
export function recordLifecycle(): { retention: [string, number][]; destroyed: string[]; restore(): void } {
  const retention: [string, number][] = [];
  const destroyed: string[] = [];
  const retentionSpy = vi.spyOn(VideoStream.prototype, "retentionChanged").mockImplementation(async function (this: VideoStream, hours: number) {
    retention.push([idOf(this), hours]);
  });
  const destroySpy = vi.spyOn(VideoStream.prototype, "destroy").mockImplementation(async function (this: VideoStream) {
    destroyed.push(idOf(this));
  });
  return {
    retention,
    destroyed,
    restore() {
      retentionSpy.mockRestore();
      destroySpy.mockRestore();
    },
  };
}

function idOf(instance: VideoStream): string {
  return (instance as unknown as { ctx: DurableObjectState }).ctx.id.toString();
}

/** The Durable Object id of a stream object, as recordLifecycle records it. */
export function streamObjectId(streamId: string): string {
  return env.VIDEO_STREAM.idFromName(streamId).toString();
}
