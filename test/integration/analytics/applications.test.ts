/**
 * v1's CreateApplication, DescribeApplication, ListApplications and DeleteApplication: the
 * serialization and validation AWS's model gives them, the checks AWS makes beyond it (limits, one
 * streaming source, streams that exist, schemas), and what they answer.
 */
import { describe as group, expect, it } from "vitest";
import { ANALYTICS_API } from "../../../src/analytics/api-limits";
import { NOT_NULL, send, violation } from "../client";
import {
  ACCOUNT,
  callV1,
  createActiveStream,
  createV1Application,
  deliveryStreamArn,
  describeV1,
  expectSerialization,
  expectV1Error,
  expectValidation,
  FILTER_CODE,
  okV1,
  REGION,
  ROLE_ARN,
  runnerState,
  runRegistryAlarm,
  settle,
  startV1,
  streamArn,
  streamInput,
  streamOutput,
  tickerSchema,
  uniqueName,
  useRegistryClock,
  V1_PREFIX,
} from "./helpers";

const appArn = (name: string) => `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`;

group("CreateApplication: serialization and validation", () => {
  it("answers AWS's deserializer messages for wrongly typed members", async () => {
    await expectSerialization("v1", "CreateApplication", { ApplicationName: true }, "class java.lang.Boolean can not be converted to an String");
    await expectSerialization("v1", "CreateApplication", { ApplicationName: "x", Inputs: "23" }, "Expected list or null");
    await expectSerialization(
      "v1",
      "CreateApplication",
      { ApplicationName: "x", Inputs: [{ InputParallelism: { Count: "2" } }] },
      "class java.lang.String can not be converted to an Integer",
    );
  });

  it("validates against the model, in AWS's order and words", async () => {
    await expectValidation("v1", "CreateApplication", {}, violation(null, "applicationName", NOT_NULL));
    await expectValidation(
      "v1",
      "CreateApplication",
      { ApplicationName: "bad name!" },
      violation("bad name!", "applicationName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
    );
    await expectValidation(
      "v1",
      "CreateApplication",
      { ApplicationName: "ok", Inputs: [{ NamePrefix: "P", InputParallelism: { Count: 65 }, InputSchema: tickerSchema() }] },
      violation("65", "inputs.1.member.inputParallelism.count", "Member must have value less than or equal to 64"),
    );
  });
});

group("CreateApplication and DescribeApplication", () => {
  it("creates a READY application, version 1, with AWS's ids, ARN and in-application stream names", async () => {
    await useRegistryClock();
    const input = await createActiveStream();
    const output = await createActiveStream();
    const name = uniqueName("app");
    const created = await okV1<{ ApplicationSummary: unknown }>("CreateApplication", {
      ApplicationName: name,
      ApplicationDescription: "tickers",
      Inputs: [streamInput(input.name, { InputParallelism: { Count: 3 } })],
      Outputs: [streamOutput(output.name), streamOutput(output.name, "ERRORS")],
      CloudWatchLoggingOptions: [{ LogStreamARN: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:g:log-stream:s`, RoleARN: ROLE_ARN }],
      ApplicationCode: FILTER_CODE,
    });
    expect(created).toEqual({ ApplicationSummary: { ApplicationName: name, ApplicationARN: appArn(name), ApplicationStatus: "READY" } });
    const detail = await describeV1(name);
    expect(detail).toMatchObject({
      ApplicationName: name,
      ApplicationDescription: "tickers",
      ApplicationARN: appArn(name),
      ApplicationStatus: "READY",
      ApplicationVersionId: 1,
      ApplicationCode: FILTER_CODE,
      ReferenceDataSourceDescriptions: [],
    });
    expect(typeof detail.CreateTimestamp).toBe("number");
    expect(detail.LastUpdateTimestamp).toBe(detail.CreateTimestamp);
    expect(detail.InputDescriptions).toEqual([
      {
        InputId: "1.1",
        NamePrefix: "SOURCE_SQL_STREAM",
        InAppStreamNames: ["SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002", "SOURCE_SQL_STREAM_003"],
        KinesisStreamsInputDescription: { ResourceARN: streamArn(input.name), RoleARN: ROLE_ARN },
        InputSchema: tickerSchema(),
        InputParallelism: { Count: 3 },
      },
    ]);
    expect(detail.OutputDescriptions?.map((o) => [o.OutputId, o.Name])).toEqual([
      ["1.1", "DESTINATION_SQL_STREAM"],
      ["1.2", "ERRORS"],
    ]);
    expect(detail.CloudWatchLoggingOptionDescriptions?.[0]?.CloudWatchLoggingOptionId).toBe("1.1");
  });

  it("keeps code it has not run: AWS checks code when the application runs it", async () => {
    await useRegistryClock();
    const name = uniqueName("app");
    await okV1("CreateApplication", { ApplicationName: name, ApplicationCode: "testCode\n" });
    expect((await describeV1(name)).ApplicationCode).toBe("testCode\n");
    // Its object was given nothing to run.
    expect(await runnerState(name)).toEqual({ running: false, versionId: null });
  });

  it("answers ResourceNotFoundException for an unknown application", async () => {
    await expectV1Error("DescribeApplication", { ApplicationName: "nope" }, "ResourceNotFoundException", `Application nope under account ${ACCOUNT} not found.`);
  });

  it("refuses a name that is taken", async () => {
    const { name } = await createV1Application();
    await expectV1Error("CreateApplication", { ApplicationName: name }, "ResourceInUseException", `Application ${name} under account ${ACCOUNT} already exists.`);
  });

  it("refuses inputs and outputs naming streams and delivery streams that do not exist", async () => {
    await useRegistryClock();
    await expectV1Error("CreateApplication", { ApplicationName: uniqueName("app"), Inputs: [streamInput("missing")] }, "InvalidArgumentException", `Stream missing under account ${ACCOUNT} not found.`);
    await expectV1Error(
      "CreateApplication",
      {
        ApplicationName: uniqueName("app"),
        Outputs: [{ Name: "OUT", KinesisFirehoseOutput: { ResourceARN: deliveryStreamArn("nohose"), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "CSV" } }],
      },
      "InvalidArgumentException",
      `Firehose nohose under account ${ACCOUNT} not found.`,
    );
  });

  it("allows one streaming source and three outputs", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Inputs: [streamInput(stream.name), streamInput(stream.name)] },
      "InvalidArgumentException",
      "An application can have only 1 streaming source.",
    );
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Outputs: [1, 2, 3, 4].map((n) => streamOutput(stream.name, `OUT${n}`)) },
      "InvalidArgumentException",
      "An application can have at most 3 outputs.",
    );
  });

  it("refuses inputs that are not one source, and schemas AWS's rules refuse", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const both = { ...streamInput(stream.name), KinesisFirehoseInput: { ResourceARN: deliveryStreamArn("h"), RoleARN: ROLE_ARN } };
    await expectV1Error("CreateApplication", { ApplicationName: uniqueName("app"), Inputs: [both] }, "InvalidArgumentException", "An input must specify exactly one of KinesisStreamsInput, KinesisFirehoseInput.");
    const unmapped = tickerSchema();
    unmapped.RecordColumns = [{ Name: "TICKER_SYMBOL", SqlType: "VARCHAR(4)" }];
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Inputs: [streamInput(stream.name, { InputSchema: unmapped })] },
      "InvalidArgumentException",
      "Input SOURCE_SQL_STREAM: column TICKER_SYMBOL needs a Mapping when the RecordFormatType is JSON.",
    );
    const badType = tickerSchema();
    badType.RecordColumns = [{ Name: "X", Mapping: "$.x", SqlType: "VARCHAR2(4)" }];
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Inputs: [streamInput(stream.name, { InputSchema: badType })] },
      "InvalidArgumentException",
      "Input SOURCE_SQL_STREAM: column X has an unsupported SqlType VARCHAR2(4).",
    );
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Inputs: [streamInput(stream.name, { KinesisStreamsInput: { ResourceARN: "arn:aws:s3:::bucket", RoleARN: ROLE_ARN } })] },
      "InvalidArgumentException",
      "KinesisStreamsInput arn:aws:s3:::bucket is not a valid Kinesis stream ARN.",
    );
  });

  it("refuses tag lists with a key twice and more than 50 tags", async () => {
    await useRegistryClock();
    await expectV1Error(
      "CreateApplication",
      { ApplicationName: uniqueName("app"), Tags: [{ Key: "a", Value: "1" }, { Key: "a", Value: "2" }] },
      "InvalidArgumentException",
      "The tag key a is given more than once.",
    );
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectV1Error("CreateApplication", { ApplicationName: uniqueName("app"), Tags: tags }, "TooManyTagsException", /at most 50 tags/);
  });
});

group("ListApplications", () => {
  it("lists in name order with ExclusiveStartApplicationName and HasMoreApplications", async () => {
    const prefix = uniqueName("list");
    await useRegistryClock();
    for (const suffix of ["c", "a", "b"]) await okV1("CreateApplication", { ApplicationName: `${prefix}-${suffix}` });
    const page = await okV1<{ ApplicationSummaries: { ApplicationName: string }[]; HasMoreApplications: boolean }>("ListApplications", {
      ExclusiveStartApplicationName: `${prefix}-`,
      Limit: 2,
    });
    expect(page.ApplicationSummaries.map((s) => s.ApplicationName)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(page.HasMoreApplications).toBe(true);
    expect(page.ApplicationSummaries[0]).toEqual({ ApplicationName: `${prefix}-a`, ApplicationARN: appArn(`${prefix}-a`), ApplicationStatus: "READY" });
    const next = await okV1<{ ApplicationSummaries: { ApplicationName: string }[] }>("ListApplications", { ExclusiveStartApplicationName: `${prefix}-b`, Limit: 1 });
    expect(next.ApplicationSummaries.map((s) => s.ApplicationName)).toEqual([`${prefix}-c`]);
  });

  it("validates Limit against the model", async () => {
    await expectValidation("v1", "ListApplications", { Limit: 51 }, violation("51", "limit", "Member must have value less than or equal to 50"));
  });
});

group("DeleteApplication", () => {
  it("deletes with the application's CreateTimestamp, to the second: DELETING, then gone", async () => {
    const { name } = await createV1Application();
    // Run once, so its object holds something (the version it ran, its checkpoints) for the delete to destroy.
    await startV1(name);
    await okV1("StopApplication", { ApplicationName: name });
    settle();
    expect(await runnerState(name)).toEqual({ running: false, versionId: 1 });
    const created = (await describeV1(name)).CreateTimestamp ?? 0;
    await expectV1Error("DeleteApplication", { ApplicationName: name, CreateTimestamp: created - 5 }, "ConcurrentModificationException", /does not match the create timestamp/);
    await okV1("DeleteApplication", { ApplicationName: name, CreateTimestamp: Math.floor(created) });
    expect((await describeV1(name)).ApplicationStatus).toBe("DELETING");
    expect(await runnerState(name)).toEqual({ running: false, versionId: null });
    await expectV1Error("DeleteApplication", { ApplicationName: name, CreateTimestamp: created }, "ResourceInUseException", `Application ${name} is in DELETING status and cannot be deleted.`);
    settle();
    await expectV1Error("DescribeApplication", { ApplicationName: name }, "ResourceNotFoundException");
    await runRegistryAlarm();
    // The name is free again; the new application is a new object.
    await okV1("CreateApplication", { ApplicationName: name });
    expect((await describeV1(name)).ApplicationVersionId).toBe(1);
    expect(await runnerState(name)).toEqual({ running: false, versionId: null });
  });

  it("answers ResourceNotFoundException for an unknown application", async () => {
    await expectV1Error("DeleteApplication", { ApplicationName: "ghost", CreateTimestamp: 1 }, "ResourceNotFoundException");
  });
});

group("application limit", () => {
  it(`refuses the ${ANALYTICS_API.maxApplications + 1}st application of a region with LimitExceededException`, async () => {
    await useRegistryClock();
    const region = "eu-north-1";
    const existing = 0;
    for (let i = existing; i < ANALYTICS_API.maxApplications; i++) {
      const response = await sendInRegion(region, "CreateApplication", { ApplicationName: `limit-${i}` });
      expect(response.status).toBe(200);
    }
    const refused = await sendInRegion(region, "CreateApplication", { ApplicationName: "limit-extra" });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ __type: "LimitExceededException", message: `You have reached the limit of 50 applications in ${region}.` });
  });
});

async function sendInRegion(region: string, operation: string, input: unknown) {
  return send<{ __type: string; message: string }>({ target: `${V1_PREFIX}.${operation}`, body: JSON.stringify(input), service: "kinesisanalytics", region });
}

