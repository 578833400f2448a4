/**
 * DiscoverInputSchema through both API versions: records sampled from a stream (and from a delivery
 * stream reading one), from an S3 object in an R2 bucket, through an input processing Lambda (a
 * service binding), and AWS's UnableToDetectSchemaException with the sampled records.
 */
import { describe as group, expect, it } from "vitest";
import { ok as kinesisOk } from "../client";
import { createDeliveryStream } from "../firehose/helpers";
import { callV1, createActiveStream, env, expectV1Error, expectV2Error, functionArn, okV1, okV2, ROLE_ARN, streamArn, deliveryStreamArn } from "./helpers";

interface Discovered {
  InputSchema: { RecordFormat: { RecordFormatType: string }; RecordColumns: { Name: string; Mapping?: string; SqlType: string }[] };
  ParsedInputRecords: (string | null)[][];
  ProcessedInputRecords?: string[];
  RawInputRecords: string[];
}

const TICKS = [
  { TICKER_SYMBOL: "QXZ", SECTOR: "HEALTHCARE", CHANGE: -2, PRICE: 84.51 },
  { TICKER_SYMBOL: "AMZN", SECTOR: "TECHNOLOGY", CHANGE: 4, PRICE: 765.12 },
];

async function putRecords(stream: string, texts: readonly string[]): Promise<void> {
  await kinesisOk("PutRecords", { StreamName: stream, Records: texts.map((text, i) => ({ PartitionKey: `k${i}`, Data: new TextEncoder().encode(text).toBase64() })) });
}

group("from a stream", () => {
  it("infers a JSON schema from the stream's records, from TRIM_HORIZON", async () => {
    const stream = await createActiveStream(2);
    const texts = TICKS.map((tick) => JSON.stringify(tick));
    await putRecords(stream.name, texts);
    const discovered = await okV1<Discovered>("DiscoverInputSchema", {
      ResourceARN: streamArn(stream.name),
      RoleARN: ROLE_ARN,
      InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" },
    });
    expect(discovered.InputSchema.RecordFormat.RecordFormatType).toBe("JSON");
    expect(discovered.InputSchema.RecordColumns).toEqual([
      { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
      { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
      { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "TINYINT" },
      { Name: "PRICE", Mapping: "$.PRICE", SqlType: "DECIMAL(5,2)" },
    ]);
    expect([...discovered.RawInputRecords].sort()).toEqual([...texts].sort());
    expect(discovered.ParsedInputRecords).toHaveLength(2);
    expect(discovered.ProcessedInputRecords).toBeUndefined();
  });

  it("reads a delivery stream's source stream (v2), and refuses a DirectPut delivery stream", async () => {
    const stream = await createActiveStream();
    const hose = await createDeliveryStream({}, { extra: { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn(stream.name), RoleARN: ROLE_ARN } } });
    await putRecords(stream.name, ["a,1\n", "b,2\n"]);
    const discovered = await okV2<Discovered>("DiscoverInputSchema", {
      ResourceARN: deliveryStreamArn(hose.name),
      ServiceExecutionRole: ROLE_ARN,
      InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" },
    });
    expect(discovered.InputSchema.RecordColumns).toEqual([
      { Name: "COL_0", SqlType: "VARCHAR(4)" },
      { Name: "COL_1", SqlType: "INTEGER" },
    ]);
    const direct = await createDeliveryStream();
    await expectV2Error("DiscoverInputSchema", { ResourceARN: deliveryStreamArn(direct.name), ServiceExecutionRole: ROLE_ARN }, "InvalidArgumentException", /is a DirectPut delivery stream/);
  });

  it("passes the records through the input processing Lambda first", async () => {
    const stream = await createActiveStream();
    await putRecords(stream.name, ["1,widget,2.5", "2,gadget,10.25", " "]);
    const discovered = await okV1<Discovered>("DiscoverInputSchema", {
      ResourceARN: streamArn(stream.name),
      RoleARN: ROLE_ARN,
      InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" },
      InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: functionArn("CSV_TO_JSON"), RoleARN: ROLE_ARN } },
    });
    expect(discovered.RawInputRecords).toEqual(["1,widget,2.5", "2,gadget,10.25", " "]);
    // The blank record is Dropped by the function.
    expect(discovered.ProcessedInputRecords).toEqual(['{"id":1,"name":"widget","price":2.5}\n', '{"id":2,"name":"gadget","price":10.25}\n']);
    expect(discovered.InputSchema.RecordColumns.map((column) => [column.Name, column.SqlType])).toEqual([
      ["id", "TINYINT"],
      ["name", "VARCHAR(8)"],
      ["price", "DECIMAL(4,2)"],
    ]);
  });

  it("answers UnableToDetectSchemaException with the records it sampled", async () => {
    const stream = await createActiveStream();
    await putRecords(stream.name, ["no pattern here", "nor here"]);
    const response = await callV1<{ __type: string; message: string; RawInputRecords: string[] }>("DiscoverInputSchema", {
      ResourceARN: streamArn(stream.name),
      RoleARN: ROLE_ARN,
      InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" },
    });
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe("UnableToDetectSchemaException");
    expect(response.body.message).toMatch(/Unable to detect a schema/);
    expect(response.body.RawInputRecords).toEqual(["no pattern here", "nor here"]);
  });

  it("waits for new records from NOW, and finds none when nothing is sent", async () => {
    const stream = await createActiveStream();
    await putRecords(stream.name, [JSON.stringify(TICKS[0])]);
    await expectV1Error(
      "DiscoverInputSchema",
      { ResourceARN: streamArn(stream.name), RoleARN: ROLE_ARN, InputStartingPositionConfiguration: { InputStartingPosition: "NOW" } },
      "UnableToDetectSchemaException",
      "No records were found to discover a schema from.",
    );
  });

  it("refuses a stream that does not exist, LAST_STOPPED_POINT, and neither or both sources", async () => {
    await expectV1Error("DiscoverInputSchema", { ResourceARN: streamArn("nope"), RoleARN: ROLE_ARN }, "InvalidArgumentException", /Stream nope under account/);
    const stream = await createActiveStream();
    await expectV1Error(
      "DiscoverInputSchema",
      { ResourceARN: streamArn(stream.name), RoleARN: ROLE_ARN, InputStartingPositionConfiguration: { InputStartingPosition: "LAST_STOPPED_POINT" } },
      "InvalidArgumentException",
      "InputStartingPosition LAST_STOPPED_POINT cannot be used to discover a schema.",
    );
    await expectV1Error("DiscoverInputSchema", {}, "InvalidArgumentException", "Specify either ResourceARN or S3Configuration to discover a schema from.");
  });
});

group("from an S3 object", () => {
  it("infers from an object of a bucket bound to the Worker (v1 and v2)", async () => {
    await env.RIVULET_DELIVERIES.put("discovery/data.csv", "ticker,price\nAMZN,765.12\nQXZ,84.51\n");
    const v1 = await okV1<Discovered>("DiscoverInputSchema", { S3Configuration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: "discovery/data.csv" } });
    expect(v1.RawInputRecords).toEqual(["ticker,price\nAMZN,765.12\nQXZ,84.51\n"]);
    expect(v1.InputSchema.RecordColumns).toEqual([
      { Name: "ticker", SqlType: "VARCHAR(4)" },
      { Name: "price", SqlType: "DOUBLE" },
    ]);
    expect(v1.ParsedInputRecords).toEqual([
      ["ticker", null],
      ["AMZN", "765.12"],
      ["QXZ", "84.51"],
    ]);
    const v2 = await okV2<Discovered>("DiscoverInputSchema", { ServiceExecutionRole: ROLE_ARN, S3Configuration: { BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: "discovery/data.csv" } });
    expect(v2.InputSchema).toEqual(v1.InputSchema);
  });

  it("refuses an object it cannot read", async () => {
    await expectV1Error(
      "DiscoverInputSchema",
      { S3Configuration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::no-such-bucket", FileKey: "x.csv" } },
      "InvalidArgumentException",
      "Unable to read S3 object x.csv in bucket arn:aws:s3:::no-such-bucket. Please check the role provided or validity of S3 location you provided.",
    );
  });
});
