/**
 * Analytics' API end to end: the unmodified `@aws-sdk/client-kinesis-analytics` (v1) and
 * `@aws-sdk/client-kinesis-analytics-v2`, and the `aws` CLI's `kinesisanalytics` and
 * `kinesisanalyticsv2`, against the real local server (`npm start`): applications created, described,
 * listed, changed, tagged, started, stopped and deleted through both versions; the errors the SDKs
 * turn into their exception classes; schema discovery from a stream.
 */
import {
  AddApplicationOutputCommand,
  CreateApplicationCommand,
  DeleteApplicationCommand,
  DescribeApplicationCommand,
  KinesisAnalyticsClient,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  TagResourceCommand,
  UpdateApplicationCommand,
  type ApplicationStatus,
} from "@aws-sdk/client-kinesis-analytics";
import {
  AddApplicationInputCommand,
  CreateApplicationCommand as CreateApplicationV2Command,
  DeleteApplicationCommand as DeleteApplicationV2Command,
  DescribeApplicationCommand as DescribeApplicationV2Command,
  DescribeApplicationVersionCommand,
  DiscoverInputSchemaCommand,
  KinesisAnalyticsV2Client,
  StartApplicationCommand as StartApplicationV2Command,
  StopApplicationCommand as StopApplicationV2Command,
  UpdateApplicationCommand as UpdateApplicationV2Command,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { CreateStreamCommand, PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, expectAwsError, kinesisClient, REGION, removeDir, runAws, sleep, startServer, tempDir, uniqueName, waitForActive, type TestServer } from "./helpers";

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/analytics`;
const SCHEMA = {
  RecordFormat: { RecordFormatType: "JSON" as const, MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
  RecordEncoding: "UTF-8",
  RecordColumns: [
    { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
    { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
  ],
};
const CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 50;
`;

let dir: string | undefined;
let server: TestServer | undefined;
let v1: KinesisAnalyticsClient;
let v2: KinesisAnalyticsV2Client;
let kinesis: KinesisClient;

beforeAll(async () => {
  dir = tempDir("analytics-api");
  server = await startServer({ persistDir: dir });
  v1 = new KinesisAnalyticsClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  v2 = new KinesisAnalyticsV2Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  kinesis = kinesisClient(server.url);
});

afterAll(async () => {
  v1?.destroy();
  v2?.destroy();
  kinesis?.destroy();
  await server?.close();
  removeDir(dir);
});

const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
const appArn = (name: string) => `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`;

async function createStream(): Promise<string> {
  const name = uniqueName("e2e-ka");
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  await waitForActive(kinesis, name);
  return name;
}

/** Polls DescribeApplication (v1) until the status is `wanted`. */
async function waitForStatus(name: string, wanted: ApplicationStatus): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { ApplicationDetail } = await v2.send(new DescribeApplicationV2Command({ ApplicationName: name }));
    if (ApplicationDetail?.ApplicationStatus === wanted) return;
    await sleep(100);
  }
  throw new Error(`${name} never became ${wanted}`);
}

describe("v1 with @aws-sdk/client-kinesis-analytics", () => {
  it("creates, describes, lists, changes, tags, starts, stops and deletes an application", async () => {
    const input = await createStream();
    const output = await createStream();
    const name = uniqueName("e2e-app");
    const created = await v1.send(
      new CreateApplicationCommand({
        ApplicationName: name,
        Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN }, InputSchema: SCHEMA }],
        ApplicationCode: CODE,
        Tags: [{ Key: "team", Value: "data" }],
      }),
    );
    expect(created.ApplicationSummary).toEqual({ ApplicationName: name, ApplicationARN: appArn(name), ApplicationStatus: "READY" });

    const { ApplicationDetail: detail } = await v1.send(new DescribeApplicationCommand({ ApplicationName: name }));
    expect(detail).toMatchObject({ ApplicationVersionId: 1, ApplicationCode: CODE, InputDescriptions: [{ InputId: "1.1", InAppStreamNames: ["SOURCE_SQL_STREAM_001"] }] });
    expect(detail?.CreateTimestamp).toBeInstanceOf(Date);

    const listed = await v1.send(new ListApplicationsCommand({}));
    expect(listed.ApplicationSummaries?.map((summary) => summary.ApplicationName)).toContain(name);

    await v1.send(
      new AddApplicationOutputCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: 1,
        Output: { Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(output), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } },
      }),
    );
    await expectAwsError(
      v1.send(new UpdateApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: CODE } })),
      { name: "ConcurrentModificationException", message: `Provided application version id 1 does not match the current application version id 2 of application ${name}.` },
    );
    await v1.send(new UpdateApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: 2, ApplicationUpdate: { ApplicationCodeUpdate: CODE.replace("50", "60") } }));

    await v1.send(new TagResourceCommand({ ResourceARN: appArn(name), Tags: [{ Key: "env", Value: "e2e" }] }));
    const tags = await v1.send(new ListTagsForResourceCommand({ ResourceARN: appArn(name) }));
    expect(tags.Tags).toEqual([
      { Key: "env", Value: "e2e" },
      { Key: "team", Value: "data" },
    ]);

    await v1.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "NOW" } }] }));
    await waitForStatus(name, "RUNNING");
    await v1.send(new StopApplicationCommand({ ApplicationName: name }));
    await waitForStatus(name, "READY");

    const { ApplicationDetail: last } = await v1.send(new DescribeApplicationCommand({ ApplicationName: name }));
    expect(last?.ApplicationVersionId).toBe(3);
    await v1.send(new DeleteApplicationCommand({ ApplicationName: name, CreateTimestamp: last?.CreateTimestamp }));
    for (let i = 0; i < 100; i++) {
      const gone = await v1.send(new DescribeApplicationCommand({ ApplicationName: name })).then(
        () => false,
        (error: Error) => error.name === "ResourceNotFoundException",
      );
      if (gone) break;
      await sleep(100);
    }
    await expectAwsError(v1.send(new DescribeApplicationCommand({ ApplicationName: name })), {
      name: "ResourceNotFoundException",
      message: `Application ${name} under account ${ACCOUNT} not found.`,
    });
  });

  it("answers code the application cannot run with CodeValidationException", async () => {
    const input = await createStream();
    const name = uniqueName("e2e-bad");
    await v1.send(
      new CreateApplicationCommand({
        ApplicationName: name,
        Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN }, InputSchema: SCHEMA }],
        ApplicationCode: 'CREATE OR REPLACE STREAM "S" (a INTEGER);\nCREATE OR REPLACE PUMP "P" AS INSERT INTO "S" SELECT STREAM nosuch FROM "SOURCE_SQL_STREAM_001";',
      }),
    );
    await expectAwsError(v1.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [] })), { name: "CodeValidationException", message: /line 2, column \d+/ });
  });
});

describe("v2 with @aws-sdk/client-kinesis-analytics-v2", () => {
  it("runs a SQL application's lifecycle through v2's shapes, and v1 lists it", async () => {
    const input = await createStream();
    const name = uniqueName("e2e-v2");
    const created = await v2.send(
      new CreateApplicationV2Command({
        ApplicationName: name,
        RuntimeEnvironment: "SQL-1_0",
        ServiceExecutionRole: ROLE_ARN,
        ApplicationConfiguration: { ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: CODE } } },
      }),
    );
    expect(created.ApplicationDetail).toMatchObject({ ApplicationName: name, RuntimeEnvironment: "SQL-1_0", ApplicationStatus: "READY", ApplicationVersionId: 1 });

    const added = await v2.send(
      new AddApplicationInputCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, Input: { NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input) }, InputSchema: SCHEMA } }),
    );
    expect(added).toMatchObject({ ApplicationVersionId: 2, InputDescriptions: [{ InputId: "2.1" }] });

    const { ApplicationDetail: described } = await v2.send(new DescribeApplicationV2Command({ ApplicationName: name }));
    const updated = await v2.send(
      new UpdateApplicationV2Command({
        ApplicationName: name,
        ConditionalToken: described?.ConditionalToken,
        ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentUpdate: { TextContentUpdate: CODE.replace("50", "70") } } },
      }),
    );
    expect(updated.ApplicationDetail?.ApplicationVersionId).toBe(3);

    await v2.send(
      new StartApplicationV2Command({ ApplicationName: name, RunConfiguration: { SqlRunConfigurations: [{ InputId: "2.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }] } }),
    );
    await waitForStatus(name, "RUNNING");
    await v2.send(new StopApplicationV2Command({ ApplicationName: name }));
    await waitForStatus(name, "READY");

    const listed = await v1.send(new ListApplicationsCommand({ ExclusiveStartApplicationName: name.slice(0, -1) }));
    expect(listed.ApplicationSummaries?.find((summary) => summary.ApplicationName === name)?.ApplicationStatus).toBe("READY");
    await expectAwsError(v1.send(new DescribeApplicationCommand({ ApplicationName: name })), {
      name: "UnsupportedOperationException",
      message: `${name} was created/updated by kinesisanalyticsv2 SDK. Please use kinesisanalyticsv2 SDK to make changes to ${name}.`,
    });
    await expectAwsError(v2.send(new DescribeApplicationVersionCommand({ ApplicationName: name, ApplicationVersionId: 1 })), {
      name: "UnsupportedOperationException",
      message: "This operation is supported only for Managed Service for Apache Flink.",
    });

    await v2.send(new DeleteApplicationV2Command({ ApplicationName: name, CreateTimestamp: created.ApplicationDetail?.CreateTimestamp }));
  });

  it("refuses other runtimes, with the message v2's SDK reads from `Message`", async () => {
    await expectAwsError(v2.send(new CreateApplicationV2Command({ ApplicationName: uniqueName("e2e-flink"), RuntimeEnvironment: "FLINK-1_20", ServiceExecutionRole: ROLE_ARN })), {
      name: "UnsupportedOperationException",
      message: "RuntimeEnvironment FLINK-1_20 is not supported: only SQL applications (SQL-1_0) can be created.",
    });
  });

  it("discovers a schema from a stream's records", async () => {
    const stream = await createStream();
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: [
          { PartitionKey: "a", Data: new TextEncoder().encode(JSON.stringify({ TICKER_SYMBOL: "AMZN", PRICE: 765.12 })) },
          { PartitionKey: "b", Data: new TextEncoder().encode(JSON.stringify({ TICKER_SYMBOL: "QXZ", PRICE: 84.5 })) },
        ],
      }),
    );
    const discovered = await v2.send(
      new DiscoverInputSchemaCommand({ ResourceARN: streamArn(stream), ServiceExecutionRole: ROLE_ARN, InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }),
    );
    expect(discovered.InputSchema?.RecordColumns).toEqual([
      { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
      { Name: "PRICE", Mapping: "$.PRICE", SqlType: "DECIMAL(5,2)" },
    ]);
    expect(discovered.RawInputRecords).toHaveLength(2);
  });
});

describe("the aws CLI", () => {
  it("drives kinesisanalytics and kinesisanalyticsv2", async () => {
    const options = { url: server?.url ?? "", ...ANY_CREDENTIALS };
    const input = await createStream();
    const name = uniqueName("e2e-cli");
    const inputs = JSON.stringify([{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN }, InputSchema: SCHEMA }]);
    const create = await runAws(["kinesisanalytics", "create-application", "--application-name", name, "--inputs", inputs, "--application-code", CODE], options);
    expect(create.code, create.stderr).toBe(0);
    expect(JSON.parse(create.stdout)).toEqual({ ApplicationSummary: { ApplicationName: name, ApplicationARN: appArn(name), ApplicationStatus: "READY" } });

    const start = await runAws(
      ["kinesisanalytics", "start-application", "--application-name", name, "--input-configurations", "Id=1.1,InputStartingPositionConfiguration={InputStartingPosition=NOW}"],
      options,
    );
    expect(start.code, start.stderr).toBe(0);
    await waitForStatus(name, "RUNNING");
    const stop = await runAws(["kinesisanalytics", "stop-application", "--application-name", name], options);
    expect(stop.code, stop.stderr).toBe(0);
    await waitForStatus(name, "READY");

    const describedV2 = await runAws(["kinesisanalyticsv2", "describe-application", "--application-name", name], options);
    expect(describedV2.code, describedV2.stderr).toBe(0);
    const detail = (JSON.parse(describedV2.stdout) as { ApplicationDetail: { RuntimeEnvironment: string; ApplicationVersionId: number; CreateTimestamp: number | string } }).ApplicationDetail;
    expect(detail).toMatchObject({ RuntimeEnvironment: "SQL-1_0", ApplicationVersionId: 1 });

    const described = await runAws(["kinesisanalytics", "describe-application", "--application-name", name], options);
    const created = (JSON.parse(described.stdout) as { ApplicationDetail: { CreateTimestamp: number | string } }).ApplicationDetail.CreateTimestamp;
    const deleted = await runAws(["kinesisanalytics", "delete-application", "--application-name", name, "--create-timestamp", String(created)], options);
    expect(deleted.code, deleted.stderr).toBe(0);

    const missing = await runAws(["kinesisanalyticsv2", "describe-application", "--application-name", "no-such-app"], options);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("ResourceNotFoundException");
    expect(missing.stderr).toContain(`Application no-such-app under account ${ACCOUNT} not found.`);
  }, 180_000);
});
