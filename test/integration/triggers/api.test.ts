/**
 * Lambda's event source mapping operations, as the AWS CLI and SDKs call them: shapes, defaults,
 * states, filters, paging and errors (REST-JSON: status, x-amzn-ErrorType, body).
 */
import { describe, expect, it } from "vitest";
import { LAMBDA } from "../../../src/limits";
import type { MappingConfiguration } from "../../../src/triggers/mapping";
import { createActiveStream, uniqueName } from "../client";
import {
  createMapping,
  expectLambdaError,
  lambda,
  MAPPINGS_PATH,
  runMapping,
  testClock,
  useMappingClock,
  type LambdaResponse,
} from "./helpers";

const ACCOUNT = "000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ListOutput {
  EventSourceMappings: MappingConfiguration[];
  NextMarker?: string;
}

async function get(uuid: string): Promise<LambdaResponse<MappingConfiguration>> {
  return lambda<MappingConfiguration>("GET", `${MAPPINGS_PATH}/${uuid}`);
}

describe("CreateEventSourceMapping", () => {
  it("answers the mapping with Lambda's defaults for Kinesis, Creating and then Enabled", async () => {
    const stream = await createActiveStream(2);
    const before = Date.now() / 1000;
    const response = await lambda<MappingConfiguration>("POST", `${MAPPINGS_PATH}/`, {
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("content-type")).toBe("application/json");
    const mapping = response.body;
    expect(mapping.UUID).toMatch(UUID);
    expect(mapping).toEqual({
      UUID: mapping.UUID,
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      EventSourceArn: stream.arn,
      FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER`,
      LastModified: mapping.LastModified,
      LastProcessingResult: "No records processed",
      State: "Creating",
      StateTransitionReason: "User action",
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:${mapping.UUID}`,
    });
    expect(mapping.LastModified).toBeGreaterThanOrEqual(Math.floor(before));

    const clock = testClock();
    await useMappingClock(mapping.UUID, clock);
    expect((await get(mapping.UUID)).body.State).toBe("Enabled");
  });

  it("takes every Kinesis setting, and a function ARN or the SDK's path without the trailing slash", async () => {
    const stream = await createActiveStream(1);
    const response = await lambda<MappingConfiguration>("POST", MAPPINGS_PATH, {
      FunctionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER`,
      EventSourceArn: stream.arn,
      StartingPosition: "AT_TIMESTAMP",
      StartingPositionTimestamp: 1700000000.5,
      BatchSize: 7,
      MaximumBatchingWindowInSeconds: 3,
      ParallelizationFactor: 2,
      MaximumRecordAgeInSeconds: 3600,
      MaximumRetryAttempts: 4,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:us-east-1:${ACCOUNT}:FAILURES` } },
      Enabled: false,
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      StartingPosition: "AT_TIMESTAMP",
      StartingPositionTimestamp: 1700000000.5,
      BatchSize: 7,
      MaximumBatchingWindowInSeconds: 3,
      ParallelizationFactor: 2,
      MaximumRecordAgeInSeconds: 3600,
      MaximumRetryAttempts: 4,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:us-east-1:${ACCOUNT}:FAILURES` } },
      FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER`,
      State: "Creating",
    });
    await useMappingClock(response.body.UUID, testClock());
    expect((await get(response.body.UUID)).body.State).toBe("Disabled");
  });

  it("targets URLs: https:// always, a loopback http:// only locally", async () => {
    const stream = await createActiveStream(1);
    const https = await createMapping({ FunctionName: "https://example.com/hook", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    expect(https.FunctionArn).toBe("https://example.com/hook");
    const local = await createMapping({ FunctionName: "http://127.0.0.1:9/hook", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    expect(local.FunctionArn).toBe("http://127.0.0.1:9/hook");
    expectLambdaError(
      await lambda("POST", MAPPINGS_PATH, { FunctionName: "http://example.com/hook", EventSourceArn: stream.arn, StartingPosition: "LATEST" }),
      404,
      "ResourceNotFoundException",
      { Type: "User", Message: "Function not found: http://example.com/hook" },
    );
  });

  it("refuses a function that names no queue or service binding, as Lambda refuses a missing function", async () => {
    const stream = await createActiveStream(1);
    expectLambdaError(
      await lambda("POST", MAPPINGS_PATH, { FunctionName: "no-such-function", EventSourceArn: stream.arn, StartingPosition: "LATEST" }),
      404,
      "ResourceNotFoundException",
      { Type: "User", Message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:no-such-function` },
    );
    // Nor is a queue the Worker uses for its own work.
    expectLambdaError(
      await lambda("POST", MAPPINGS_PATH, { FunctionName: "FIREHOSE_DELIVERY", EventSourceArn: stream.arn, StartingPosition: "LATEST" }),
      404,
      "ResourceNotFoundException",
      { Type: "User", Message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:FIREHOSE_DELIVERY` },
    );
    // A binding that is neither a queue nor a service (a Durable Object namespace) is no function either.
    expectLambdaError(
      await lambda("POST", MAPPINGS_PATH, { FunctionName: "SHARD", EventSourceArn: stream.arn, StartingPosition: "LATEST" }),
      404,
      "ResourceNotFoundException",
      { Type: "User", Message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:SHARD` },
    );
  });

  it("refuses what a Kinesis source cannot take", async () => {
    const stream = await createActiveStream(1);
    const base = { FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" };
    const invalid = (response: LambdaResponse<unknown>, message: string | RegExp) =>
      expectLambdaError(response, 400, "InvalidParameterValueException", { Type: "User", message });

    invalid(await lambda("POST", MAPPINGS_PATH, { ...base, EventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:queue` }), /^Unsupported event source/);
    invalid(await lambda("POST", MAPPINGS_PATH, { FunctionName: "RECORDER", StartingPosition: "LATEST" }), /^EventSourceArn is required/);
    invalid(await lambda("POST", MAPPINGS_PATH, { ...base, StartingPosition: undefined }), "StartingPosition is required for Kinesis event sources.");
    invalid(
      await lambda("POST", MAPPINGS_PATH, { ...base, StartingPosition: "AT_TIMESTAMP" }),
      "StartingPositionTimestamp must be provided when StartingPosition is AT_TIMESTAMP.",
    );
    invalid(await lambda("POST", MAPPINGS_PATH, { ...base, FilterCriteria: { Filters: [] } }), /^FilterCriteria is not supported/);
    invalid(await lambda("POST", MAPPINGS_PATH, { ...base, MaximumRecordAgeInSeconds: 10 }), /^MaximumRecordAgeInSeconds must be -1/);
    invalid(
      await lambda("POST", MAPPINGS_PATH, { ...base, DestinationConfig: { OnFailure: { Destination: "NOPE" } } }),
      /^The provided destination NOPE is invalid/,
    );
    const missing = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${uniqueName()}`;
    invalid(await lambda("POST", MAPPINGS_PATH, { ...base, EventSourceArn: missing }), new RegExp(`^Cannot access stream ${missing}\\.`));
  });

  it("checks the model's constraints with Lambda's validation messages", async () => {
    const stream = await createActiveStream(1);
    const response = await lambda("POST", MAPPINGS_PATH, {
      FunctionName: "RECORDER",
      EventSourceArn: stream.arn,
      StartingPosition: "SOMEWHERE",
      BatchSize: 0,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-ErrorType")).toBe("ValidationException");
    const message = (response.body as { message: string }).message;
    expect(message).toMatch(/^2 validation errors detected: /);
    expect(message).toContain("Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(message).toContain("Value 'SOMEWHERE' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set");

    const badName = await lambda("POST", MAPPINGS_PATH, { FunctionName: "bad name", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    expectLambdaError(badName, 400, "ValidationException", {
      message: /^1 validation error detected: Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    });

    expectLambdaError(await lambda("POST", MAPPINGS_PATH, "{not json"), 400, "InvalidRequestContentException", {
      Type: "User",
      message: /^Could not parse request body into json: /,
    });
  });

  it("allows one mapping per function and stream", async () => {
    const stream = await createActiveStream(1);
    const input = { FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" };
    const first = await createMapping(input);
    expectLambdaError(await lambda("POST", MAPPINGS_PATH, { ...input, FunctionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER` }), 409, "ResourceConflictException", {
      Type: "User",
      message:
        `The event source arn (${stream.arn}) and function (arn:aws:lambda:us-east-1:${ACCOUNT}:function:RECORDER) provided mapping already exists. ` +
        `Please update or delete the existing mapping with UUID ${first.UUID}`,
    });
  });

  it("refuses unsigned requests as a REST service does", async () => {
    expectLambdaError(await lambda("GET", `${MAPPINGS_PATH}/`, undefined, { sign: false }), 403, "MissingAuthenticationTokenException", {
      message: "Missing Authentication Token",
    });
  });
});

describe("GetEventSourceMapping", () => {
  it("answers ResourceNotFoundException for a UUID that names no mapping", async () => {
    expectLambdaError(await get(crypto.randomUUID()), 404, "ResourceNotFoundException", {
      Type: "User",
      Message: "The resource you requested does not exist.",
    });
  });
});

describe("ListEventSourceMappings", () => {
  it("filters by event source and function, and pages with MaxItems and Marker", async () => {
    const stream = await createActiveStream(1);
    const other = await createActiveStream(1);
    const a = await createMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    const b = await createMapping({ FunctionName: "STREAM_EVENTS", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    const c = await createMapping({ FunctionName: "RECORDER", EventSourceArn: other.arn, StartingPosition: "LATEST" });

    const bySource = await lambda<ListOutput>("GET", `${MAPPINGS_PATH}/?EventSourceArn=${encodeURIComponent(stream.arn)}`);
    expect(bySource.status).toBe(200);
    expect(bySource.body.EventSourceMappings.map((mapping) => mapping.UUID)).toEqual([a.UUID, b.UUID]);
    expect(bySource.body.NextMarker).toBeUndefined();

    const byBoth = await lambda<ListOutput>(
      "GET",
      `${MAPPINGS_PATH}?EventSourceArn=${encodeURIComponent(other.arn)}&FunctionName=RECORDER`,
    );
    expect(byBoth.body.EventSourceMappings.map((mapping) => mapping.UUID)).toEqual([c.UUID]);

    const page1 = await lambda<ListOutput>("GET", `${MAPPINGS_PATH}/?EventSourceArn=${encodeURIComponent(stream.arn)}&MaxItems=1`);
    expect(page1.body.EventSourceMappings.map((mapping) => mapping.UUID)).toEqual([a.UUID]);
    expect(page1.body.NextMarker).toBeTypeOf("string");
    const page2 = await lambda<ListOutput>(
      "GET",
      `${MAPPINGS_PATH}/?EventSourceArn=${encodeURIComponent(stream.arn)}&MaxItems=1&Marker=${page1.body.NextMarker}`,
    );
    expect(page2.body.EventSourceMappings.map((mapping) => mapping.UUID)).toEqual([b.UUID]);
    expect(page2.body.NextMarker).toBeUndefined();

    expectLambdaError(await lambda("GET", `${MAPPINGS_PATH}/?MaxItems=0`), 400, "ValidationException", {
      message: "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });
});

describe("UpdateEventSourceMapping and DeleteEventSourceMapping", () => {
  it("updates settings, disables and enables, and deletes", async () => {
    const stream = await createActiveStream(1);
    const created = await createMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    const clock = testClock();
    await useMappingClock(created.UUID, clock);

    const updated = await lambda<MappingConfiguration>("PUT", `${MAPPINGS_PATH}/${created.UUID}`, {
      BatchSize: 10,
      DestinationConfig: { OnFailure: { Destination: "FAILURES" } },
      MaximumRetryAttempts: 2,
    });
    expect(updated.status).toBe(202);
    expect(updated.body).toMatchObject({
      BatchSize: 10,
      DestinationConfig: { OnFailure: { Destination: "FAILURES" } },
      MaximumRetryAttempts: 2,
      State: "Updating",
      StartingPosition: "LATEST",
    });
    clock.advance(LAMBDA.transitionMs);
    expect((await get(created.UUID)).body.State).toBe("Enabled");

    const disabled = await lambda<MappingConfiguration>("PUT", `${MAPPINGS_PATH}/${created.UUID}`, { Enabled: false });
    expect(disabled.body.State).toBe("Disabling");
    clock.advance(LAMBDA.transitionMs);
    expect((await get(created.UUID)).body.State).toBe("Disabled");
    const enabled = await lambda<MappingConfiguration>("PUT", `${MAPPINGS_PATH}/${created.UUID}`, { Enabled: true });
    expect(enabled.body.State).toBe("Enabling");

    expectLambdaError(
      await lambda("PUT", `${MAPPINGS_PATH}/${created.UUID}`, { FunctionName: "no-such-function" }),
      404,
      "ResourceNotFoundException",
      { Type: "User", Message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:no-such-function` },
    );

    const deleted = await lambda<MappingConfiguration>("DELETE", `${MAPPINGS_PATH}/${created.UUID}`);
    expect(deleted.status).toBe(202);
    expect(deleted.body.State).toBe("Deleting");
    const listed = await lambda<ListOutput>("GET", `${MAPPINGS_PATH}/?EventSourceArn=${encodeURIComponent(stream.arn)}`);
    expect(listed.body.EventSourceMappings.map((mapping) => mapping.State)).toEqual(["Deleting"]);

    clock.advance(LAMBDA.transitionMs);
    await runMapping(created.UUID);
    expectLambdaError(await get(created.UUID), 404, "ResourceNotFoundException", {
      Type: "User",
      Message: "The resource you requested does not exist.",
    });
    const after = await lambda<ListOutput>("GET", `${MAPPINGS_PATH}/?EventSourceArn=${encodeURIComponent(stream.arn)}`);
    expect(after.body.EventSourceMappings).toEqual([]);
    // The pair is free again.
    await createMapping({ FunctionName: "RECORDER", EventSourceArn: stream.arn, StartingPosition: "LATEST" });
  });
});
