/**
 * Shared pieces of the Analytics API's integration tests: calls through the Worker to v1
 * (`KinesisAnalytics_20150814.*`) and v2 (`KinesisAnalytics_20180523.*`), both signed for
 * `kinesisanalytics`; the registry's clock, which the tests move instead of waiting; the application
 * objects (application.ts, which run the applications), observed through their contract
 * (runner-contract.ts: `state()`, `liveRows()`) and stepped when a test says; and the inputs,
 * outputs and schemas the tests configure.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import type { AnalyticsApplication } from "../../../src/analytics/application";
import { ApplicationStore } from "../../../src/analytics/application-store";
import { ANALYTICS_API } from "../../../src/analytics/api-limits";
import type { AnalyticsRegistry } from "../../../src/analytics/registry";
import type { ApplicationSpec, RunnerState, StreamRow } from "../../../src/analytics/runner-contract";
import { unwrap } from "../../../src/aws/errors";
import type { JsonWire } from "../../../src/aws/protocol";
import { applicationStub } from "../../../src/objects";
import type * as V1 from "../../../src/analytics/shapes-v1.generated";
import type * as V2 from "../../../src/analytics/shapes-v2.generated";
import { ACCOUNT, AMZ_JSON, createActiveStream, env, ok as okKinesis, REGION, send, TestClock, uniqueName, type ApiResponse } from "../client";

export { ACCOUNT, REGION, env, uniqueName, createActiveStream };

export const V1_PREFIX = "KinesisAnalytics_20150814";
export const V2_PREFIX = "KinesisAnalytics_20180523";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/analytics`;
export const LOG_STREAM_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:analytics:log-stream:app`;

export type ApplicationDetail = JsonWire<V1.ApplicationDetail>;
export type ApplicationDetailV2 = JsonWire<V2.ApplicationDetail>;

export interface ErrorAnswer {
  __type: string;
  message?: string;
  Message?: string;
}

export async function callV1<T = ErrorAnswer>(operation: string, input: unknown): Promise<ApiResponse<T>> {
  return send<T>({ target: `${V1_PREFIX}.${operation}`, body: JSON.stringify(input), service: "kinesisanalytics" });
}

export async function callV2<T = ErrorAnswer>(operation: string, input: unknown): Promise<ApiResponse<T>> {
  return send<T>({ target: `${V2_PREFIX}.${operation}`, body: JSON.stringify(input), service: "kinesisanalytics" });
}

async function succeed<T>(response: ApiResponse<T>, operation: string): Promise<T> {
  expect({ status: response.status, body: response.body }, `${operation} should succeed`).toMatchObject({ status: 200 });
  expect(response.headers.get("content-type")).toBe(AMZ_JSON);
  return response.body;
}

export async function okV1<T>(operation: string, input: unknown): Promise<T> {
  return succeed(await callV1<T>(operation, input), operation);
}

export async function okV2<T>(operation: string, input: unknown): Promise<T> {
  return succeed(await callV2<T>(operation, input), operation);
}

/** v1 answers errors as `{__type, message}`. */
export async function expectV1Error(operation: string, input: unknown, type: string, message?: string | RegExp): Promise<void> {
  const response = await callV1(operation, input);
  expect(response.status, `${operation}: ${response.text}`).toBe(400);
  expect(response.body.__type).toBe(type);
  expect(response.body.Message).toBeUndefined();
  if (message instanceof RegExp) expect(response.body.message).toMatch(message);
  else if (message !== undefined) expect(response.body.message).toBe(message);
}

/** v2 answers errors as `{__type, Message}`, as its model spells them (TooManyTagsException keeps `message`). */
export async function expectV2Error(operation: string, input: unknown, type: string, message?: string | RegExp, status = 400): Promise<void> {
  const response = await callV2(operation, input);
  expect(response.status, `${operation}: ${response.text}`).toBe(status);
  expect(response.body.__type).toBe(type);
  const text = type === "TooManyTagsException" ? response.body.message : response.body.Message;
  if (message instanceof RegExp) expect(text).toMatch(message);
  else if (message !== undefined) expect(text).toBe(message);
}

/** AWS's ValidationException for the listed violations (client.ts's `violation` words each one). */
export async function expectValidation(version: "v1" | "v2", operation: string, input: unknown, ...errors: string[]): Promise<void> {
  const response = await (version === "v1" ? callV1 : callV2)(operation, input);
  const count = errors.length;
  expect(response.status, response.text).toBe(400);
  expect(response.body).toEqual({ __type: "ValidationException", message: `${count} validation error${count === 1 ? "" : "s"} detected: ${errors.join("; ")}` });
}

/** AWS's deserializer refusing a member of the wrong JSON type (its key is `Message`). */
export async function expectSerialization(version: "v1" | "v2", operation: string, input: unknown, message: string): Promise<void> {
  const response = await (version === "v1" ? callV1 : callV2)(operation, input);
  expect(response.status, response.text).toBe(400);
  expect(response.body).toEqual({ __type: "SerializationException", Message: message });
}

// ---------------------------------------------------------------------------------------------
// Time, objects

/** The registry's clock for the tests; it only moves forward. */
export const clock = new TestClock();

export function registryStub(): DurableObjectStub<AnalyticsRegistry> {
  return env.ANALYTICS_REGISTRY.get(env.ANALYTICS_REGISTRY.idFromName(`${ACCOUNT}:${REGION}`));
}

export async function useRegistryClock(): Promise<void> {
  await runInDurableObject(registryStub(), (instance: AnalyticsRegistry) => {
    instance.clock = clock;
  });
}

/** Moves past any transitional status (STARTING, STOPPING, UPDATING, DELETING). */
export function settle(): void {
  clock.advance(Math.max(ANALYTICS_API.startMs, ANALYTICS_API.stopMs, ANALYTICS_API.updateMs, ANALYTICS_API.deleteMs));
}

export async function runRegistryAlarm(): Promise<boolean> {
  return runDurableObjectAlarm(registryStub());
}

/** The application's id (names its object), straight from the registry's storage. */
export async function applicationId(name: string): Promise<string> {
  return runInDurableObject(registryStub(), (_instance: AnalyticsRegistry, state) =>
    state.storage.sql.exec<{ id: string }>("SELECT id FROM applications WHERE name = ?", name).one().id,
  );
}

/** The application's object, by the id the registry gave the application. */
export async function applicationObject(name: string): Promise<DurableObjectStub<AnalyticsApplication>> {
  return applicationStub(env, await applicationId(name));
}

/** What the application's object reports of itself (runner-contract.ts `state()`). */
export async function runnerState(name: string): Promise<RunnerState> {
  return unwrap(await (await applicationObject(name)).state());
}

/** The spec the application's object holds (the version it runs or last ran), read from its storage. */
export async function runnerSpec(name: string): Promise<ApplicationSpec | undefined> {
  return runInDurableObject(await applicationObject(name), (_instance: AnalyticsApplication, state) => new ApplicationStore(state.storage).spec());
}

/**
 * The rows of an in-application stream after `after`, through the live view (runner-contract.ts
 * `liveRows()`); the view watches a stream from the first time it is asked for.
 */
export async function liveRows(name: string, after = -1, stream = "DESTINATION_SQL_STREAM"): Promise<StreamRow[]> {
  return unwrap(await (await applicationObject(name)).liveRows(stream, after, 100));
}

/** Each held application's clock, frozen an hour ahead: its steps (alarms) run only when a test runs them. */
const heldClocks = new Map<string, TestClock>();

/** Gives the application's object a clock of the test's (before it starts), so it steps only in stepApplication. */
export async function holdSteps(name: string): Promise<void> {
  let held = heldClocks.get(name);
  if (!held) {
    held = new TestClock();
    held.advance(3_600_000);
    held.freeze();
    heldClocks.set(name, held);
  }
  const applied = held;
  await runInDurableObject(await applicationObject(name), (instance: AnalyticsApplication) => {
    instance.clock = applied;
  });
}

/** Runs one step of a held, running application: it reads its inputs and runs the SQL over what came. */
export async function stepApplication(name: string): Promise<void> {
  await holdSteps(name);
  heldClocks.get(name)?.advance(1000);
  expect(await runDurableObjectAlarm(await applicationObject(name)), "the running application has a step due").toBe(true);
}

/** Ticks of the demo stream, put into a stream of this service. */
export async function putTicks(stream: string, ticks: readonly { TICKER_SYMBOL: string; PRICE: number }[]): Promise<void> {
  const answer = await okKinesis<{ FailedRecordCount: number }>("PutRecords", {
    StreamName: stream,
    Records: ticks.map((tick, i) => ({ PartitionKey: `key-${i}`, Data: btoa(JSON.stringify({ SECTOR: "TECHNOLOGY", CHANGE: 0, ...tick })) })),
  });
  expect(answer.FailedRecordCount).toBe(0);
}

/** The live view's rows as [TICKER_SYMBOL, PRICE] (FILTER_CODE's output). */
export function tickerRows(rows: readonly StreamRow[]): [unknown, unknown][] {
  return rows.map((row) => [row.values.TICKER_SYMBOL, row.values.PRICE]);
}

// ---------------------------------------------------------------------------------------------
// Configuration

export function streamArn(name: string): string {
  return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
}

export function deliveryStreamArn(name: string): string {
  return `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`;
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** The stock ticker demo's schema, as the SQL guide's examples read it. */
export function tickerSchema(): V1.SourceSchema {
  return {
    RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
    RecordEncoding: "UTF-8",
    RecordColumns: [
      { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
      { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
      { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "REAL" },
      { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
    ],
  };
}

export function streamInput(stream: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN }, InputSchema: tickerSchema(), ...extra };
}

export function streamOutput(stream: string, name = "DESTINATION_SQL_STREAM"): Record<string, unknown> {
  return { Name: name, KinesisStreamsOutput: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } };
}

/** A continuous filter over the ticker input, as the guide's first example writes it. */
export const FILTER_CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 50;
`;

export async function describeV1(name: string): Promise<ApplicationDetail> {
  return (await okV1<{ ApplicationDetail: ApplicationDetail }>("DescribeApplication", { ApplicationName: name })).ApplicationDetail;
}

export async function describeV2(name: string): Promise<ApplicationDetailV2> {
  return (await okV2<{ ApplicationDetail: ApplicationDetailV2 }>("DescribeApplication", { ApplicationName: name })).ApplicationDetail;
}

/** A v1 application reading a new stream, with `extra` CreateApplication members. */
export async function createV1Application(extra: Record<string, unknown> = {}, name = uniqueName("app")): Promise<{ name: string; stream: string }> {
  await useRegistryClock();
  const stream = await createActiveStream();
  await okV1("CreateApplication", { ApplicationName: name, Inputs: [streamInput(stream.name)], ApplicationCode: FILTER_CODE, ...extra });
  await holdSteps(name);
  return { name, stream: stream.name };
}

/** Starts a READY v1 application and moves past STARTING. */
export async function startV1(name: string, position = "NOW"): Promise<void> {
  const detail = await describeV1(name);
  const inputs = (detail.InputDescriptions ?? []).map((input) => ({ Id: input.InputId, InputStartingPositionConfiguration: { InputStartingPosition: position } }));
  await okV1("StartApplication", { ApplicationName: name, InputConfigurations: inputs });
  settle();
  expect((await describeV1(name)).ApplicationStatus).toBe("RUNNING");
}
