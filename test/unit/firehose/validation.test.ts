import { describe, expect, it } from "vitest";
import { InvalidArgumentException } from "../../../src/aws/errors";
import { errorOutputType, lambdaBufferingHints, validateProcessingConfiguration } from "../../../src/firehose/transform";

type Parameters = Record<string, string>;
const processor = (Type: string, parameters: Parameters = {}) => ({
  Type,
  Parameters: Object.entries(parameters).map(([ParameterName, ParameterValue]) => ({ ParameterName, ParameterValue })),
});
const settings = (...processors: ReturnType<typeof processor>[]) => ({
  processing: { Enabled: true, Processors: processors },
  dynamicPartitioning: { Enabled: true },
});
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:enrich";

function refusal(value: ReturnType<typeof settings>): string {
  try {
    validateProcessingConfiguration(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentException);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("validateProcessingConfiguration", () => {
  it("accepts AWS's documented configurations", () => {
    validateProcessingConfiguration({});
    validateProcessingConfiguration({ processing: { Enabled: false } });
    validateProcessingConfiguration(
      settings(
        processor("RecordDeAggregation", { SubRecordType: "JSON" }),
        processor("Lambda", { LambdaArn: LAMBDA, NumberOfRetries: "5", BufferSizeInMBs: "3", BufferIntervalInSeconds: "0", RoleArn: "arn:aws:iam::123456789012:role/r" }),
        processor("MetadataExtraction", {
          MetadataExtractionQuery: '{customer_id:.customer_id,year:.event_timestamp|strftime("%Y")}',
          JsonParsingEngine: "JQ-1.6",
        }),
        processor("AppendDelimiterToRecord"),
      ),
    );
    validateProcessingConfiguration(settings(processor("Decompression", { CompressionFormat: "GZIP" }), processor("CloudWatchLogProcessing", { DataMessageExtraction: "true" })));
    validateProcessingConfiguration(settings(processor("RecordDeAggregation", { SubRecordType: "DELIMITED", Delimiter: "IyMjIw==" })));
  });

  it("refuses parameters a processor does not take, twice-given parameters and missing required ones", () => {
    expect(refusal(settings(processor("Lambda", { LambdaArn: LAMBDA, SubRecordType: "JSON" })))).toBe(
      "Processor parameter SubRecordType is not valid for processor type Lambda.",
    );
    expect(refusal(settings(processor("Lambda")))).toBe("Processor type Lambda requires the parameter LambdaArn.");
    expect(
      refusal(settings({ Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: LAMBDA }, { ParameterName: "LambdaArn", ParameterValue: LAMBDA }] })),
    ).toMatch(/LambdaArn is specified more than once/);
  });

  it("refuses a second processor of a type", () => {
    expect(refusal(settings(processor("Lambda", { LambdaArn: LAMBDA }), processor("Lambda", { LambdaArn: LAMBDA })))).toBe(
      "More than one processor of type Lambda is not supported.",
    );
  });

  it("checks each parameter's value", () => {
    expect(refusal(settings(processor("RecordDeAggregation", { SubRecordType: "XML" })))).toMatch(/SubRecordType has an invalid value 'XML'/);
    expect(refusal(settings(processor("RecordDeAggregation", { SubRecordType: "DELIMITED" })))).toMatch(/Delimiter is required/);
    expect(refusal(settings(processor("RecordDeAggregation", { SubRecordType: "DELIMITED", Delimiter: "###" })))).toMatch(/must be base64-encoded/);
    expect(refusal(settings(processor("Decompression", { CompressionFormat: "ZSTD" })))).toMatch(/CompressionFormat has an invalid value 'ZSTD'/);
    expect(refusal(settings(processor("CloudWatchLogProcessing", { DataMessageExtraction: "yes" })))).toMatch(/DataMessageExtraction/);
    expect(refusal(settings(processor("Lambda", { LambdaArn: LAMBDA, BufferSizeInMBs: "4" })))).toMatch(/BufferSizeInMBs has an invalid value '4': it must be a number from 0.2 to 3/);
    expect(refusal(settings(processor("Lambda", { LambdaArn: LAMBDA, BufferIntervalInSeconds: "901" })))).toMatch(/BufferIntervalInSeconds/);
    expect(refusal(settings(processor("Lambda", { LambdaArn: "my-function" })))).toMatch(/LambdaArn 'my-function' is not valid/);
  });

  it("takes NumberOfRetries as AWS does: unchecked, the default when not a number", () => {
    validateProcessingConfiguration(settings(processor("Lambda", { LambdaArn: LAMBDA, NumberOfRetries: "many" })));
    validateProcessingConfiguration(settings(processor("Lambda", { LambdaArn: LAMBDA, NumberOfRetries: "2147483647" })));
  });

  it("gives the Lambda buffering hints, with AWS's defaults", () => {
    expect(lambdaBufferingHints(settings(processor("Lambda", { LambdaArn: LAMBDA })))).toEqual({ sizeBytes: 1024 * 1024, intervalSeconds: 60 });
    expect(lambdaBufferingHints(settings(processor("Lambda", { LambdaArn: LAMBDA, BufferSizeInMBs: "0.5", BufferIntervalInSeconds: "10" })))).toEqual({
      sizeBytes: 512 * 1024,
      intervalSeconds: 10,
    });
    expect(lambdaBufferingHints(settings(processor("AppendDelimiterToRecord")))).toBeUndefined();
  });

  it("names the error output each failure goes to", () => {
    expect(errorOutputType("Lambda.MissingRecordId")).toBe("processing-failed");
    expect(errorOutputType("Jsonata.EvaluationError")).toBe("processing-failed");
    expect(errorOutputType("DynamicPartitioning.MetadataExtractionFailed")).toBe("metadata-extraction-failed");
    expect(errorOutputType("Decompression.Failed")).toBe("decompression-failed");
  });
});
