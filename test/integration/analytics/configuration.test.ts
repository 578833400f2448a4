/**
 * v1's operations on parts of an application: inputs and their processing, outputs, reference data
 * sources, CloudWatch logging options, and UpdateApplication's updates of each. Every change makes a
 * version; what it adds carries that version in its id; ids it names must exist; limits hold.
 */
import { describe as group, expect, it } from "vitest";
import {
  createActiveStream,
  createV1Application,
  describeV1,
  expectV1Error,
  functionArn,
  LOG_STREAM_ARN,
  okV1,
  ROLE_ARN,
  streamArn,
  streamInput,
  streamOutput,
  tickerSchema,
  uniqueName,
  useRegistryClock,
  startV1,
  settle,
  runnerSpec,
  runnerState,
} from "./helpers";

const reference = (table = "COMPANIES") => ({
  TableName: table,
  S3ReferenceDataSource: { BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: "tickers.csv", ReferenceRoleARN: ROLE_ARN },
  ReferenceSchema: {
    RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: "\n", RecordColumnDelimiter: "," } } },
    RecordColumns: [
      { Name: "TICKER", SqlType: "VARCHAR(4)" },
      { Name: "COMPANY", SqlType: "VARCHAR(40)" },
    ],
  },
});

group("AddApplicationInput", () => {
  it("adds the one streaming source with an id of the version it makes", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const name = uniqueName("app");
    await okV1("CreateApplication", { ApplicationName: name });
    expect(await okV1("AddApplicationInput", { ApplicationName: name, CurrentApplicationVersionId: 1, Input: streamInput(stream.name) })).toEqual({});
    const detail = await describeV1(name);
    expect(detail.ApplicationVersionId).toBe(2);
    expect(detail.InputDescriptions?.map((input) => [input.InputId, input.InAppStreamNames])).toEqual([["2.1", ["SOURCE_SQL_STREAM_001"]]]);
    await expectV1Error(
      "AddApplicationInput",
      { ApplicationName: name, CurrentApplicationVersionId: 2, Input: streamInput(stream.name) },
      "InvalidArgumentException",
      "An application can have only 1 streaming source.",
    );
  });

  it("refuses a stale version and a stream that does not exist", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const name = uniqueName("app");
    await okV1("CreateApplication", { ApplicationName: name });
    await expectV1Error("AddApplicationInput", { ApplicationName: name, CurrentApplicationVersionId: 5, Input: streamInput(stream.name) }, "ConcurrentModificationException");
    await expectV1Error("AddApplicationInput", { ApplicationName: name, CurrentApplicationVersionId: 1, Input: streamInput("gone") }, "InvalidArgumentException", /Stream gone under account/);
    expect((await describeV1(name)).ApplicationVersionId).toBe(1);
  });
});

group("input processing", () => {
  it("adds and deletes an input's Lambda processor, one at a time", async () => {
    const { name } = await createV1Application();
    const processor = { InputLambdaProcessor: { ResourceARN: functionArn("CSV_TO_JSON"), RoleARN: ROLE_ARN } };
    await okV1("AddApplicationInputProcessingConfiguration", { ApplicationName: name, CurrentApplicationVersionId: 1, InputId: "1.1", InputProcessingConfiguration: processor });
    const detail = await describeV1(name);
    expect(detail.InputDescriptions?.[0]?.InputProcessingConfigurationDescription).toEqual({ InputLambdaProcessorDescription: processor.InputLambdaProcessor });
    await expectV1Error(
      "AddApplicationInputProcessingConfiguration",
      { ApplicationName: name, CurrentApplicationVersionId: 2, InputId: "1.1", InputProcessingConfiguration: processor },
      "InvalidArgumentException",
      "Input 1.1 already has an InputProcessingConfiguration.",
    );
    await expectV1Error(
      "AddApplicationInputProcessingConfiguration",
      { ApplicationName: name, CurrentApplicationVersionId: 2, InputId: "4.4", InputProcessingConfiguration: processor },
      "InvalidArgumentException",
      "Input id 4.4 not found.",
    );
    await okV1("DeleteApplicationInputProcessingConfiguration", { ApplicationName: name, CurrentApplicationVersionId: 2, InputId: "1.1" });
    const after = await describeV1(name);
    expect(after.ApplicationVersionId).toBe(3);
    expect(after.InputDescriptions?.[0]?.InputProcessingConfigurationDescription).toBeUndefined();
  });

  it("refuses a processor that is not a Lambda function ARN", async () => {
    const { name } = await createV1Application();
    await expectV1Error(
      "AddApplicationInputProcessingConfiguration",
      { ApplicationName: name, CurrentApplicationVersionId: 1, InputId: "1.1", InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: streamArn("x"), RoleARN: ROLE_ARN } } },
      "InvalidArgumentException",
      `InputLambdaProcessor ${streamArn("x")} is not a valid AWS Lambda function ARN.`,
    );
  });
});

group("outputs", () => {
  it("adds outputs up to three and deletes them by id", async () => {
    const { name } = await createV1Application();
    const target = await createActiveStream();
    for (const [version, output] of [[1, "A"], [2, "B"], [3, "C"]] as const) {
      await okV1("AddApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: version, Output: streamOutput(target.name, output) });
    }
    const detail = await describeV1(name);
    expect(detail.OutputDescriptions?.map((output) => [output.OutputId, output.Name])).toEqual([
      ["2.1", "A"],
      ["3.1", "B"],
      ["4.1", "C"],
    ]);
    await expectV1Error(
      "AddApplicationOutput",
      { ApplicationName: name, CurrentApplicationVersionId: 4, Output: streamOutput(target.name, "D") },
      "InvalidArgumentException",
      "An application can have at most 3 outputs.",
    );
    await okV1("DeleteApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 4, OutputId: "3.1" });
    expect((await describeV1(name)).OutputDescriptions?.map((output) => output.OutputId)).toEqual(["2.1", "4.1"]);
    await expectV1Error("DeleteApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 5, OutputId: "3.1" }, "InvalidArgumentException", "Output id 3.1 not found.");
  });

  it("takes a Lambda output by function ARN, and exactly one destination", async () => {
    const { name } = await createV1Application();
    await okV1("AddApplicationOutput", {
      ApplicationName: name,
      CurrentApplicationVersionId: 1,
      Output: { Name: "OUT", LambdaOutput: { ResourceARN: functionArn("RECORDER"), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "CSV" } },
    });
    expect((await describeV1(name)).OutputDescriptions?.[0]?.LambdaOutputDescription).toEqual({ ResourceARN: functionArn("RECORDER"), RoleARN: ROLE_ARN });
    await expectV1Error(
      "AddApplicationOutput",
      { ApplicationName: name, CurrentApplicationVersionId: 2, Output: { Name: "OUT", DestinationSchema: { RecordFormatType: "CSV" } } },
      "InvalidArgumentException",
      "An output must specify exactly one of KinesisStreamsOutput, KinesisFirehoseOutput, LambdaOutput.",
    );
  });
});

group("reference data sources", () => {
  it("adds one reference data source and deletes it", async () => {
    const { name } = await createV1Application();
    await okV1("AddApplicationReferenceDataSource", { ApplicationName: name, CurrentApplicationVersionId: 1, ReferenceDataSource: reference() });
    const detail = await describeV1(name);
    expect(detail.ReferenceDataSourceDescriptions).toEqual([
      {
        ReferenceId: "2.1",
        TableName: "COMPANIES",
        S3ReferenceDataSourceDescription: { BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: "tickers.csv", ReferenceRoleARN: ROLE_ARN },
        ReferenceSchema: reference().ReferenceSchema,
      },
    ]);
    await expectV1Error(
      "AddApplicationReferenceDataSource",
      { ApplicationName: name, CurrentApplicationVersionId: 2, ReferenceDataSource: reference("OTHER") },
      "InvalidArgumentException",
      "An application can have only 1 reference data source.",
    );
    await okV1("DeleteApplicationReferenceDataSource", { ApplicationName: name, CurrentApplicationVersionId: 2, ReferenceId: "2.1" });
    expect((await describeV1(name)).ReferenceDataSourceDescriptions).toEqual([]);
  });
});

group("CloudWatch logging options", () => {
  it("adds and deletes logging options, each a new version", async () => {
    const { name } = await createV1Application();
    await okV1("AddApplicationCloudWatchLoggingOption", { ApplicationName: name, CurrentApplicationVersionId: 1, CloudWatchLoggingOption: { LogStreamARN: LOG_STREAM_ARN, RoleARN: ROLE_ARN } });
    expect((await describeV1(name)).CloudWatchLoggingOptionDescriptions).toEqual([{ CloudWatchLoggingOptionId: "2.1", LogStreamARN: LOG_STREAM_ARN, RoleARN: ROLE_ARN }]);
    await expectV1Error("DeleteApplicationCloudWatchLoggingOption", { ApplicationName: name, CurrentApplicationVersionId: 2, CloudWatchLoggingOptionId: "1.1" }, "InvalidArgumentException", "CloudWatch logging option id 1.1 not found.");
    await okV1("DeleteApplicationCloudWatchLoggingOption", { ApplicationName: name, CurrentApplicationVersionId: 2, CloudWatchLoggingOptionId: "2.1" });
    expect(await describeV1(name)).toMatchObject({ ApplicationVersionId: 3, CloudWatchLoggingOptionDescriptions: [] });
  });
});

group("UpdateApplication's parts", () => {
  it("renames and widens an input, changes its schema, and moves an output to another destination", async () => {
    const { name } = await createV1Application({ Outputs: [] });
    const target = await createActiveStream();
    await okV1("AddApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 1, Output: streamOutput(target.name) });
    const schema = tickerSchema();
    schema.RecordColumns = schema.RecordColumns.slice(0, 2);
    await okV1("UpdateApplication", {
      ApplicationName: name,
      CurrentApplicationVersionId: 2,
      ApplicationUpdate: {
        InputUpdates: [{ InputId: "1.1", NamePrefixUpdate: "TICKS", InputParallelismUpdate: { CountUpdate: 2 }, InputSchemaUpdate: { RecordColumnUpdates: schema.RecordColumns } }],
        OutputUpdates: [{ OutputId: "2.1", NameUpdate: "RESULTS", LambdaOutputUpdate: { ResourceARNUpdate: functionArn("RECORDER"), RoleARNUpdate: ROLE_ARN } }],
      },
    });
    const detail = await describeV1(name);
    expect(detail.ApplicationVersionId).toBe(3);
    expect(detail.InputDescriptions?.[0]).toMatchObject({
      InputId: "1.1",
      NamePrefix: "TICKS",
      InAppStreamNames: ["TICKS_001", "TICKS_002"],
      InputParallelism: { Count: 2 },
      InputSchema: { RecordFormat: tickerSchema().RecordFormat, RecordEncoding: "UTF-8", RecordColumns: schema.RecordColumns },
    });
    expect(detail.OutputDescriptions).toEqual([
      { OutputId: "2.1", Name: "RESULTS", LambdaOutputDescription: { ResourceARN: functionArn("RECORDER"), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } },
    ]);
  });

  it("updates a reference data source's object and a logging option's stream", async () => {
    const { name } = await createV1Application({ CloudWatchLoggingOptions: [{ LogStreamARN: LOG_STREAM_ARN, RoleARN: ROLE_ARN }] });
    await okV1("AddApplicationReferenceDataSource", { ApplicationName: name, CurrentApplicationVersionId: 1, ReferenceDataSource: reference() });
    const other = `${LOG_STREAM_ARN}-2`;
    await okV1("UpdateApplication", {
      ApplicationName: name,
      CurrentApplicationVersionId: 2,
      ApplicationUpdate: {
        ReferenceDataSourceUpdates: [{ ReferenceId: "2.1", TableNameUpdate: "FIRMS", S3ReferenceDataSourceUpdate: { FileKeyUpdate: "firms.csv" } }],
        CloudWatchLoggingOptionUpdates: [{ CloudWatchLoggingOptionId: "1.1", LogStreamARNUpdate: other }],
      },
    });
    const detail = await describeV1(name);
    expect(detail.ReferenceDataSourceDescriptions?.[0]).toMatchObject({ ReferenceId: "2.1", TableName: "FIRMS", S3ReferenceDataSourceDescription: { FileKey: "firms.csv", ReferenceRoleARN: ROLE_ARN } });
    expect(detail.CloudWatchLoggingOptionDescriptions).toEqual([{ CloudWatchLoggingOptionId: "1.1", LogStreamARN: other, RoleARN: ROLE_ARN }]);
  });

  it("gives a running application's object each new version of its configuration", async () => {
    const { name } = await createV1Application();
    await startV1(name);
    const target = await createActiveStream();
    await okV1("AddApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 1, Output: streamOutput(target.name) });
    expect((await describeV1(name)).ApplicationStatus).toBe("UPDATING");
    expect(await runnerState(name)).toEqual({ running: true, versionId: 2 });
    expect((await runnerSpec(name))?.outputs.map((output) => output.OutputId)).toEqual(["2.1"]);
    await expectV1Error(
      "DeleteApplicationOutput",
      { ApplicationName: name, CurrentApplicationVersionId: 2, OutputId: "2.1" },
      "ResourceInUseException",
      `Application ${name} is in UPDATING status and cannot be updated.`,
    );
    settle();
    await okV1("DeleteApplicationOutput", { ApplicationName: name, CurrentApplicationVersionId: 2, OutputId: "2.1" });
    settle();
    expect(await runnerState(name)).toEqual({ running: true, versionId: 3 });
    expect((await runnerSpec(name))?.outputs).toEqual([]);
  });
});
