/**
 * v2 (KinesisAnalytics_20180523) for SQL applications: its shapes over the same registry as v1,
 * ConditionalToken, what it refuses (other runtimes, Flink configuration, code that is not
 * PLAINTEXT, Flink-only operations), its error bodies (`Message`), and the applications both
 * versions see: v1 lists and tags what v2 made but may not read or change it, as AWS answers.
 */
import { describe as group, expect, it } from "vitest";
import {
  ACCOUNT,
  callV2,
  createActiveStream,
  createV1Application,
  describeV1,
  describeV2,
  expectV1Error,
  expectV2Error,
  expectValidation,
  FILTER_CODE,
  holdSteps,
  liveRows,
  LOG_STREAM_ARN,
  okV1,
  okV2,
  REGION,
  ROLE_ARN,
  putTicks,
  runnerSpec,
  runnerState,
  settle,
  stepApplication,
  streamArn,
  tickerRows,
  tickerSchema,
  uniqueName,
  useRegistryClock,
  type ApplicationDetailV2,
} from "./helpers";
import { violation } from "../client";

const appArn = (name: string) => `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`;

function v2Input(stream: string): Record<string, unknown> {
  return { NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(stream) }, InputSchema: tickerSchema() };
}

function v2Output(stream: string, name = "DESTINATION_SQL_STREAM"): Record<string, unknown> {
  return { Name: name, KinesisStreamsOutput: { ResourceARN: streamArn(stream) }, DestinationSchema: { RecordFormatType: "JSON" } };
}

async function createV2Application(configuration?: Record<string, unknown>, name = uniqueName("v2app")): Promise<{ name: string; detail: ApplicationDetailV2 }> {
  await useRegistryClock();
  const created = await okV2<{ ApplicationDetail: ApplicationDetailV2 }>("CreateApplication", {
    ApplicationName: name,
    RuntimeEnvironment: "SQL-1_0",
    ServiceExecutionRole: ROLE_ARN,
    ...(configuration && { ApplicationConfiguration: configuration }),
  });
  await holdSteps(name);
  return { name, detail: created.ApplicationDetail };
}

group("CreateApplication (v2)", () => {
  it("creates a SQL application described in v2's shapes", async () => {
    await useRegistryClock();
    const input = await createActiveStream();
    const output = await createActiveStream();
    const { name, detail } = await createV2Application({
      SqlApplicationConfiguration: { Inputs: [v2Input(input.name)], Outputs: [v2Output(output.name)] },
      ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: FILTER_CODE } },
    });
    expect(detail).toMatchObject({
      ApplicationARN: appArn(name),
      ApplicationName: name,
      RuntimeEnvironment: "SQL-1_0",
      ServiceExecutionRole: ROLE_ARN,
      ApplicationStatus: "READY",
      ApplicationVersionId: 1,
      ApplicationConfigurationDescription: {
        ApplicationCodeConfigurationDescription: { CodeContentType: "PLAINTEXT", CodeContentDescription: { TextContent: FILTER_CODE } },
        SqlApplicationConfigurationDescription: {
          InputDescriptions: [
            {
              InputId: "1.1",
              NamePrefix: "SOURCE_SQL_STREAM",
              InAppStreamNames: ["SOURCE_SQL_STREAM_001"],
              KinesisStreamsInputDescription: { ResourceARN: streamArn(input.name) },
              InputSchema: tickerSchema(),
              InputParallelism: { Count: 1 },
            },
          ],
          OutputDescriptions: [{ OutputId: "1.1", Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutputDescription: { ResourceARN: streamArn(output.name) } }],
          ReferenceDataSourceDescriptions: [],
        },
      },
    });
    expect(typeof detail.ConditionalToken).toBe("string");
    expect(await describeV2(name)).toEqual(detail);
  });

  it("describes an application made without configuration with none", async () => {
    const { detail } = await createV2Application();
    expect(detail.ApplicationConfigurationDescription).toBeUndefined();
    expect(detail.CloudWatchLoggingOptionDescriptions).toBeUndefined();
  });

  it("refuses runtimes other than SQL-1_0 with UnsupportedOperationException, under `Message`", async () => {
    const response = await callV2("CreateApplication", { ApplicationName: uniqueName("flink"), RuntimeEnvironment: "FLINK-1_20", ServiceExecutionRole: ROLE_ARN });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      __type: "UnsupportedOperationException",
      Message: "RuntimeEnvironment FLINK-1_20 is not supported: only SQL applications (SQL-1_0) can be created.",
    });
  });

  it("refuses Flink and Zeppelin configuration, code that is not PLAINTEXT, and INTERACTIVE mode", async () => {
    await useRegistryClock();
    const base = { ApplicationName: uniqueName("v2app"), RuntimeEnvironment: "SQL-1_0", ServiceExecutionRole: ROLE_ARN };
    await expectV2Error(
      "CreateApplication",
      { ...base, ApplicationConfiguration: { FlinkApplicationConfiguration: { ParallelismConfiguration: { ConfigurationType: "DEFAULT" } } } },
      "InvalidArgumentException",
      "FlinkApplicationConfiguration is not supported for SQL applications.",
    );
    await expectV2Error(
      "CreateApplication",
      { ...base, ApplicationConfiguration: { ApplicationCodeConfiguration: { CodeContentType: "ZIPFILE", CodeContent: { ZipFileContent: "UEsDBA==" } } } },
      "InvalidArgumentException",
      "CodeContentType ZIPFILE is not supported for SQL applications: their code is PLAINTEXT TextContent.",
    );
    await expectV2Error(
      "CreateApplication",
      {
        ...base,
        ApplicationConfiguration: {
          ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { S3ContentLocation: { BucketARN: "arn:aws:s3:::b", FileKey: "k" } } },
        },
      },
      "InvalidArgumentException",
      "SQL application code must be given as TextContent.",
    );
    await expectV2Error("CreateApplication", { ...base, ApplicationMode: "INTERACTIVE" }, "InvalidArgumentException", "ApplicationMode INTERACTIVE is not supported for SQL applications.");
  });

  it("validates against v2's model", async () => {
    await expectValidation("v2", "CreateApplication", { ApplicationName: "x", ServiceExecutionRole: ROLE_ARN }, violation(null, "runtimeEnvironment", "Member must not be null"));
  });
});

group("v2's changes", () => {
  it("answers Add operations with the new version and the part's descriptions", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const { name } = await createV2Application();
    const added = await okV2<Record<string, unknown>>("AddApplicationInput", { ApplicationName: name, CurrentApplicationVersionId: 1, Input: v2Input(stream.name) });
    expect(added).toMatchObject({ ApplicationARN: appArn(name), ApplicationVersionId: 2, InputDescriptions: [{ InputId: "2.1" }] });
    const output = await okV2<Record<string, unknown>>("AddApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 2, Output: v2Output(stream.name) });
    expect(output).toMatchObject({ ApplicationVersionId: 3, OutputDescriptions: [{ OutputId: "3.1", Name: "DESTINATION_SQL_STREAM" }] });
    const logging = await okV2<Record<string, unknown>>("AddApplicationCloudWatchLoggingOption", {
      ApplicationName: name,
      CurrentApplicationVersionId: 3,
      CloudWatchLoggingOption: { LogStreamARN: LOG_STREAM_ARN },
    });
    expect(logging).toEqual({ ApplicationARN: appArn(name), ApplicationVersionId: 4, CloudWatchLoggingOptionDescriptions: [{ CloudWatchLoggingOptionId: "4.1", LogStreamARN: LOG_STREAM_ARN }] });
    const deleted = await okV2<Record<string, unknown>>("DeleteApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 4, OutputId: "3.1" });
    expect(deleted).toEqual({ ApplicationARN: appArn(name), ApplicationVersionId: 5 });
  });

  it("takes CurrentApplicationVersionId or ConditionalToken, and refuses stale ones", async () => {
    const { name, detail } = await createV2Application();
    const token = detail.ConditionalToken;
    const update = (extra: Record<string, unknown>) => ({
      ApplicationName: name,
      ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentUpdate: { TextContentUpdate: FILTER_CODE } } },
      ...extra,
    });
    await expectV2Error("UpdateApplication", update({}), "InvalidArgumentException", "Either CurrentApplicationVersionId or ConditionalToken must be provided.");
    const updated = await okV2<{ ApplicationDetail: ApplicationDetailV2 }>("UpdateApplication", update({ ConditionalToken: token }));
    expect(updated.ApplicationDetail).toMatchObject({
      ApplicationVersionId: 2,
      ApplicationStatus: "READY",
      ApplicationConfigurationDescription: { ApplicationCodeConfigurationDescription: { CodeContentType: "PLAINTEXT", CodeContentDescription: { TextContent: FILTER_CODE } } },
    });
    expect(updated.ApplicationDetail.ConditionalToken).not.toBe(token);
    await expectV2Error("UpdateApplication", update({ ConditionalToken: token }), "ConcurrentModificationException", `Provided ConditionalToken does not match the current ConditionalToken of application ${name}.`);
    await expectV2Error("UpdateApplication", update({ CurrentApplicationVersionId: 1 }), "ConcurrentModificationException");
  });

  it("refuses Flink configuration updates and another runtime", async () => {
    const { name } = await createV2Application();
    await expectV2Error("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, RuntimeEnvironmentUpdate: "FLINK-1_20" }, "UnsupportedOperationException");
    await expectV2Error(
      "UpdateApplication",
      { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationConfigurationUpdate: { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true } } },
      "InvalidArgumentException",
      "ApplicationSnapshotConfigurationUpdate is not supported for SQL applications.",
    );
  });
});

group("StartApplication and StopApplication (v2)", () => {
  it("starts from SqlRunConfigurations and stops, refusing Force", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const { name } = await createV2Application({
      SqlApplicationConfiguration: { Inputs: [v2Input(stream.name)] },
      ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: FILTER_CODE } },
    });
    await putTicks(stream.name, [{ TICKER_SYMBOL: "AMZN", PRICE: 84.5 }]);
    expect(
      await okV2("StartApplication", {
        ApplicationName: name,
        RunConfiguration: { SqlRunConfigurations: [{ InputId: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }] },
      }),
    ).toEqual({});
    expect((await describeV2(name)).ApplicationStatus).toBe("STARTING");
    settle();
    // From TRIM_HORIZON: the record put before the start.
    expect(await liveRows(name)).toEqual([]);
    await stepApplication(name);
    expect(tickerRows(await liveRows(name))).toEqual([["AMZN", 84.5]]);
    await expectV2Error("StopApplication", { ApplicationName: name, Force: true }, "InvalidArgumentException", "You can't force stop a SQL-based Kinesis Data Analytics application.");
    await okV2("StopApplication", { ApplicationName: name });
    settle();
    expect((await describeV2(name)).ApplicationStatus).toBe("READY");
    expect(await runnerState(name)).toEqual({ running: false, versionId: 1 });
  });
});

group("Flink-only operations on SQL applications", () => {
  it("answers as AWS answers for SQL applications, after checking the application exists", async () => {
    const { name } = await createV2Application();
    await expectV2Error("DescribeApplicationVersion", { ApplicationName: name, ApplicationVersionId: 1 }, "UnsupportedOperationException", "This operation is supported only for Managed Service for Apache Flink.");
    await expectV2Error("ListApplicationVersions", { ApplicationName: name }, "UnsupportedOperationException");
    await expectV2Error("ListApplicationOperations", { ApplicationName: name }, "UnsupportedOperationException");
    await expectV2Error("RollbackApplication", { ApplicationName: name, CurrentApplicationVersionId: 1 }, "UnsupportedOperationException");
    await expectV2Error("UpdateApplicationMaintenanceConfiguration", { ApplicationName: name, ApplicationMaintenanceConfigurationUpdate: { ApplicationMaintenanceWindowStartTimeUpdate: "03:00" } }, "UnsupportedOperationException");
    await expectV2Error("CreateApplicationSnapshot", { ApplicationName: name, SnapshotName: "s" }, "UnsupportedOperationException", "Snapshots are supported only for Managed Service for Apache Flink applications.");
    await expectV2Error("ListApplicationSnapshots", { ApplicationName: name }, "UnsupportedOperationException");
    await expectV2Error(
      "AddApplicationVpcConfiguration",
      { ApplicationName: name, CurrentApplicationVersionId: 1, VpcConfiguration: { SubnetIds: ["subnet-1"], SecurityGroupIds: ["sg-1"] } },
      "InvalidArgumentException",
      "VPC configurations are not supported for SQL applications.",
    );
    await expectV2Error("CreateApplicationPresignedUrl", { ApplicationName: name, UrlType: "FLINK_DASHBOARD_URL" }, "InvalidArgumentException");
    await expectV2Error("DescribeApplicationOperation", { ApplicationName: "missing-app", OperationId: "op" }, "ResourceNotFoundException", `Application missing-app under account ${ACCOUNT} not found.`);
  });
});

group("one registry, two API versions", () => {
  it("lets v2 describe, change and start what v1 made, with v1's roles shown", async () => {
    const { name, stream } = await createV1Application();
    const detail = await describeV2(name);
    expect(detail).toMatchObject({ RuntimeEnvironment: "SQL-1_0", ApplicationVersionId: 1, ApplicationStatus: "READY" });
    expect(detail.ServiceExecutionRole).toBeUndefined();
    expect(detail.ApplicationConfigurationDescription?.SqlApplicationConfigurationDescription?.InputDescriptions?.[0]?.KinesisStreamsInputDescription).toEqual({
      ResourceARN: streamArn(stream),
      RoleARN: ROLE_ARN,
    });
    await okV2("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentUpdate: { TextContentUpdate: FILTER_CODE } } } });
    expect((await describeV2(name)).ApplicationVersionId).toBe(2);
  });

  it("lists v2's applications through v1, and refuses v1's reads and changes of them with AWS's message", async () => {
    const prefix = uniqueName("both");
    const { name } = await createV2Application(undefined, `${prefix}-v2`);
    const listed = await okV1<{ ApplicationSummaries: { ApplicationName: string; ApplicationStatus: string }[] }>("ListApplications", { ExclusiveStartApplicationName: `${prefix}-` });
    expect(listed.ApplicationSummaries[0]).toEqual({ ApplicationName: name, ApplicationARN: appArn(name), ApplicationStatus: "READY" });
    const refusal = `${name} was created/updated by kinesisanalyticsv2 SDK. Please use kinesisanalyticsv2 SDK to make changes to ${name}.`;
    await expectV1Error("DescribeApplication", { ApplicationName: name }, "UnsupportedOperationException", refusal);
    await expectV1Error("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: "x" } }, "UnsupportedOperationException", refusal);
    await expectV1Error("StartApplication", { ApplicationName: name, InputConfigurations: [] }, "UnsupportedOperationException", refusal);
    await expectV1Error("DeleteApplication", { ApplicationName: name, CreateTimestamp: 1 }, "UnsupportedOperationException", refusal);
    expect(await okV1("TagResource", { ResourceARN: appArn(name), Tags: [{ Key: "team", Value: "data" }] })).toEqual({});
  });

  it("hands an application to v2 once v2 changes it", async () => {
    const { name } = await createV1Application();
    await okV2("AddApplicationCloudWatchLoggingOption", { ApplicationName: name, CurrentApplicationVersionId: 1, CloudWatchLoggingOption: { LogStreamARN: LOG_STREAM_ARN } });
    await expectV1Error("DescribeApplication", { ApplicationName: name }, "UnsupportedOperationException", /was created\/updated by kinesisanalyticsv2 SDK/);
  });

  it("shows v1 the service execution role in every role of a v2 application's configuration", async () => {
    // v2 made, v1 cannot describe it; its spec (what the application object runs) carries the role.
    await useRegistryClock();
    const stream = await createActiveStream();
    const { name } = await createV2Application({ SqlApplicationConfiguration: { Inputs: [v2Input(stream.name)] } });
    await okV2("StartApplication", { ApplicationName: name });
    expect((await runnerSpec(name))?.inputs[0]?.KinesisStreamsInputDescription).toEqual({ ResourceARN: streamArn(stream.name), RoleARN: ROLE_ARN });
  });
});

group("ListApplications and DeleteApplication (v2)", () => {
  it("pages with NextToken and summarises in v2's shape", async () => {
    const prefix = uniqueName("page");
    await createV2Application(undefined, `${prefix}-a`);
    await createV2Application(undefined, `${prefix}-b`);
    await createV2Application(undefined, `${prefix}-c`);
    const first = await okV2<{ ApplicationSummaries: Record<string, unknown>[]; NextToken?: string }>("ListApplications", { Limit: 2, NextToken: `${prefix}-` });
    expect(first.ApplicationSummaries).toEqual([
      { ApplicationName: `${prefix}-a`, ApplicationARN: appArn(`${prefix}-a`), ApplicationStatus: "READY", ApplicationVersionId: 1, RuntimeEnvironment: "SQL-1_0" },
      { ApplicationName: `${prefix}-b`, ApplicationARN: appArn(`${prefix}-b`), ApplicationStatus: "READY", ApplicationVersionId: 1, RuntimeEnvironment: "SQL-1_0" },
    ]);
    expect(first.NextToken).toBe(`${prefix}-b`);
    const second = await okV2<{ ApplicationSummaries: { ApplicationName: string }[] }>("ListApplications", { Limit: 1, NextToken: first.NextToken });
    expect(second.ApplicationSummaries.map((summary) => summary.ApplicationName)).toEqual([`${prefix}-c`]);
  });

  it("deletes with the CreateTimestamp", async () => {
    const { name, detail } = await createV2Application();
    await okV2("DeleteApplication", { ApplicationName: name, CreateTimestamp: detail.CreateTimestamp });
    expect((await describeV2(name)).ApplicationStatus).toBe("DELETING");
    settle();
    await expectV2Error("DescribeApplication", { ApplicationName: name }, "ResourceNotFoundException", `Application ${name} under account ${ACCOUNT} not found.`);
  });
});

group("describeV1 after v2", () => {
  it("describes through v1 what v1 made and v2 only read", async () => {
    const { name } = await createV1Application();
    await describeV2(name);
    expect((await describeV1(name)).ApplicationVersionId).toBe(1);
  });
});
