/**
 * validateInput against the generated Kinesis shapes. Expected messages are the ones real Kinesis
 * returned in kinesalite's test suite (github.com/mhart/kinesalite, test/*.js), adjusted where
 * today's model differs from the 2015-era one those tests ran against (StreamName is optional now,
 * PutRecord Data may reach 10 MiB, TagKeys may hold 50, ShardIteratorType gained AT_TIMESTAMP).
 */
import { describe, expect, it } from "vitest";
import { AwsError } from "../../src/aws/errors";
import { validateInput, type StructureShape, type ValidateOptions } from "../../src/aws/validate";
import { FIREHOSE_SHAPES } from "../../src/firehose/shapes.generated";
import { KINESIS_SHAPES } from "../../src/streams/shapes.generated";

type Operation = keyof typeof KINESIS_SHAPES.operations;

const JSON_OPTIONS: ValidateOptions = { timestampUnit: "seconds" };
const CBOR_OPTIONS: ValidateOptions = { timestampUnit: "milliseconds" };

function validate(operation: Operation, body: unknown, options = JSON_OPTIONS): Record<string, unknown> {
  return validateInput(KINESIS_SHAPES.operations[operation], body, options);
}

function failure(run: () => unknown): AwsError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error("expected an AwsError, nothing was thrown");
}

function expectSerialization(operation: Operation, body: unknown, message: string | undefined): void {
  const error = failure(() => validate(operation, body));
  expect({ type: error.type, message: error.awsMessage }).toEqual({ type: "SerializationException", message });
  expect(error.status).toBe(400);
}

function expectValidation(operation: Operation, body: unknown, messages: string[], options = JSON_OPTIONS): void {
  const error = failure(() => validate(operation, body, options));
  const prefix = `${messages.length} validation ${messages.length === 1 ? "error" : "errors"} detected: `;
  expect({ type: error.type, message: error.awsMessage }).toEqual({
    type: "ValidationException",
    message: prefix + messages.join("; "),
  });
  expect(error.status).toBe(400);
}

const at = (value: string | null, path: string, rule: string) =>
  `Value ${value === null ? "null" : `'${value}'`} at '${path}' failed to satisfy constraint: ${rule}`;
const notNull = (path: string) => at(null, path, "Member must not be null");
const pattern = (value: string, path: string, regex: string) =>
  at(value, path, `Member must satisfy regular expression pattern: ${regex}`);
const minLength = (value: string, path: string, n: number) => at(value, path, `Member must have length greater than or equal to ${n}`);
const maxLength = (value: string, path: string, n: number) => at(value, path, `Member must have length less than or equal to ${n}`);
const minValue = (value: string, path: string, n: number) => at(value, path, `Member must have value greater than or equal to ${n}`);
const maxValue = (value: string, path: string, n: number) => at(value, path, `Member must have value less than or equal to ${n}`);

const NAME_PATTERN = "[a-zA-Z0-9_.-]+";
const HASH_KEY_PATTERN = "0|([1-9]\\d{0,38})";
const SEQUENCE_PATTERN = "0|([1-9]\\d{0,128})";
const ENTRY = "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310";

const emptyStreamName = [pattern("", "streamName", NAME_PATTERN), minLength("", "streamName", 1)];

/** Sets `value` at a dotted path, `0` meaning "first element of a list" (kinesalite's assertType). */
function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const pieces = path.split(".");
  const root: Record<string, unknown> = {};
  let node: Record<string, unknown> | unknown[] = root;
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    const child: unknown = last ? value : pieces[i + 1] === "0" ? [] : {};
    if (Array.isArray(node)) node.push(child);
    else node[piece] = child;
    if (!last) node = child as Record<string, unknown> | unknown[];
  });
  return root;
}

const TRUNCATING = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
const LIST_START = "Start of list found where not expected";
const OBJECT_START = "Start of structure or map found where not expected.";

/** kinesalite's assertType tables: for each wire type, the wrong values and AWS's message. */
const wrongTypes: Record<string, [unknown, string | undefined][]> = {
  String: [
    [true, "class java.lang.Boolean can not be converted to an String"],
    [23, `${TRUNCATING} can not be converted to an String`],
    [-2147483648, `${TRUNCATING} can not be converted to an String`],
    [2147483648, `${TRUNCATING} can not be converted to an String`],
    [34.56, `${TRUNCATING} can not be converted to an String`],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Integer: [
    ["23", "class java.lang.String can not be converted to an Integer"],
    [true, "class java.lang.Boolean can not be converted to an Integer"],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Boolean: [
    ["23", "'23' can not be converted to an Boolean"],
    ["hellowtf", "'HELLOWTF' can not be converted to an Boolean"],
    [23, `${TRUNCATING} can not be converted to an Boolean`],
    [-2147483648, `${TRUNCATING} can not be converted to an Boolean`],
    [2147483648, `${TRUNCATING} can not be converted to an Boolean`],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Blob: [
    [true, "class java.lang.Boolean can not be converted to a Blob"],
    [23, `${TRUNCATING} can not be converted to a Blob`],
    [-2147483648, `${TRUNCATING} can not be converted to a Blob`],
    [2147483648, `${TRUNCATING} can not be converted to a Blob`],
    [34.56, `${TRUNCATING} can not be converted to a Blob`],
    [[], LIST_START],
    [{}, OBJECT_START],
    ["23456", "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"],
    ["=+/=", "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='"],
    ["ab!d", "'ab!d' can not be converted to a Blob: Invalid Base64 character: '!'"],
    ["+/+=", "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"],
    ["AB==", "'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"],
    ["A===", "'A===' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"],
    // White space the runtime's decoder would skip, in groups of four so that the rest still decodes.
    ["QUJD    REVG", "'QUJD    REVG' can not be converted to a Blob: Invalid Base64 character: ' '"],
    ["QUJD\n\n\n\nQQ==", "'QUJD\n\n\n\nQQ==' can not be converted to a Blob: Invalid Base64 character: '\n'"],
    ["QUJDREVG\t\t\t\t", "'QUJDREVG\t\t\t\t' can not be converted to a Blob: Invalid Base64 character: '\t'"],
    ["QUJDRA= \r\r\f=", "'QUJDRA= \r\r\f=' can not be converted to a Blob: Invalid Base64 character: '='"],
  ],
  Timestamp: [
    [true, "class java.lang.Boolean can not be converted to milliseconds since epoch"],
    ["2015-01-01T00:00:00Z", "class java.lang.String can not be converted to milliseconds since epoch"],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  List: [
    ["23", "Expected list or null"],
    [true, "Expected list or null"],
    [23, "Expected list or null"],
    [-2147483648, "Expected list or null"],
    [2147483648, "Expected list or null"],
    [34.56, "Expected list or null"],
    [{}, OBJECT_START],
  ],
  Map: [
    ["23", "Expected map or null"],
    [true, "Expected map or null"],
    [23, "Expected map or null"],
    [-2147483648, "Expected map or null"],
    [2147483648, "Expected map or null"],
    [34.56, "Expected map or null"],
    [[], LIST_START],
  ],
  Structure: [
    ["23", "Expected null"],
    [true, "Expected null"],
    [23, "Expected null"],
    [-2147483648, "Expected null"],
    [2147483648, "Expected null"],
    [34.56, "Expected null"],
    [[], LIST_START],
  ],
};

const typedMembers: [Operation, string, keyof typeof wrongTypes][] = [
  ["PutRecord", "Data", "Blob"],
  ["PutRecord", "ExplicitHashKey", "String"],
  ["PutRecord", "PartitionKey", "String"],
  ["PutRecord", "SequenceNumberForOrdering", "String"],
  ["PutRecord", "StreamName", "String"],
  ["PutRecords", "Records", "List"],
  ["PutRecords", "Records.0", "Structure"],
  ["PutRecords", "Records.0.Data", "Blob"],
  ["PutRecords", "Records.0.ExplicitHashKey", "String"],
  ["PutRecords", "Records.0.PartitionKey", "String"],
  ["CreateStream", "ShardCount", "Integer"],
  ["CreateStream", "StreamModeDetails", "Structure"],
  ["CreateStream", "StreamModeDetails.StreamMode", "String"],
  ["GetRecords", "Limit", "Integer"],
  ["GetRecords", "ShardIterator", "String"],
  ["GetShardIterator", "Timestamp", "Timestamp"],
  ["ListShards", "StreamCreationTimestamp", "Timestamp"],
  ["ListShards", "ShardFilter", "Structure"],
  ["AddTagsToStream", "Tags", "Map"],
  ["AddTagsToStream", "Tags.a", "String"],
  ["RemoveTagsFromStream", "TagKeys", "List"],
  ["RemoveTagsFromStream", "TagKeys.0", "String"],
  ["DeleteStream", "EnforceConsumerDeletion", "Boolean"],
  ["UpdateShardCount", "TargetShardCount", "Integer"],
];

describe("serialization errors", () => {
  for (const [operation, path, type] of typedMembers) {
    it(`${operation}: ${path} must be a ${type}`, () => {
      for (const [value, message] of wrongTypes[type] ?? []) expectSerialization(operation, bodyWith(path, value), message);
    });
  }

  it("refuses a body that is not an object, without a message", () => {
    for (const body of [null, undefined, "x", 1, true]) expectSerialization("ListStreams", body, undefined);
  });

  it("reports type errors before any constraint", () => {
    expectSerialization(
      "CreateStream",
      { StreamName: "", ShardCount: "1" },
      "class java.lang.String can not be converted to an Integer",
    );
    expectSerialization(
      "PutRecords",
      { Records: [{ PartitionKey: "", Data: "" }, { PartitionKey: 5, Data: "" }] },
      `${TRUNCATING} can not be converted to an String`,
    );
  });

  it("reports the first type error in document order", () => {
    expectSerialization("CreateStream", { ShardCount: "1", StreamName: 5 }, "class java.lang.String can not be converted to an Integer");
    expectSerialization("CreateStream", { StreamName: 5, ShardCount: "1" }, `${TRUNCATING} can not be converted to an String`);
  });

  it("ignores the types of unknown members", () => {
    expect(validate("DescribeStreamSummary", { StreamName: "a", Unknown: { deep: [1] }, streamName: 5 })).toEqual({ StreamName: "a" });
  });
});

describe("constraint errors", () => {
  it("PutRecords: missing Records", () => {
    expectValidation("PutRecords", {}, [notNull("records")]);
  });

  it("PutRecords: empty list and empty StreamName", () => {
    expectValidation("PutRecords", { StreamName: "", Records: [] }, [
      at("[]", "records", "Member must have length greater than or equal to 1"),
      ...emptyStreamName,
    ]);
  });

  it("PutRecords: list member paths", () => {
    expectValidation("PutRecords", { StreamName: "", Records: [{ PartitionKey: "", Data: "", ExplicitHashKey: "" }] }, [
      minLength("", "records.1.member.partitionKey", 1),
      pattern("", "records.1.member.explicitHashKey", HASH_KEY_PATTERN),
      ...emptyStreamName,
    ]);
  });

  it("PutRecords: missing members of list members", () => {
    expectValidation("PutRecords", { Records: [{ PartitionKey: "a", Data: "" }, {}] }, [
      notNull("records.2.member.partitionKey"),
      notNull("records.2.member.data"),
    ]);
  });

  it("PutRecords: long values, blobs printed as Java ByteBuffers", () => {
    const name = "a".repeat(129);
    const key = "a".repeat(257);
    const data = `${"AAAA".repeat(3495253)}AAA=`; // 10485761 zero bytes
    expectValidation("PutRecords", { StreamName: name, Records: [{ PartitionKey: key, Data: data, ExplicitHashKey: "" }] }, [
      maxLength(key, "records.1.member.partitionKey", 256),
      pattern("", "records.1.member.explicitHashKey", HASH_KEY_PATTERN),
      maxLength("java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]", "records.1.member.data", 10485760),
      maxLength(name, "streamName", 128),
    ]);
  });

  it("PutRecords: too many records, at most 10 errors reported", () => {
    const records = Array.from({ length: 501 }, () => ({ PartitionKey: "", Data: "" }));
    expectValidation("PutRecords", { StreamName: "", Records: records }, [
      at(`[${Array.from({ length: 501 }, () => ENTRY).join(", ")}]`, "records", "Member must have length less than or equal to 500"),
      ...Array.from({ length: 9 }, (_, i) => minLength("", `records.${i + 1}.member.partitionKey`, 1)),
    ]);
  });

  it("PutRecord: missing members", () => {
    expectValidation("PutRecord", {}, [notNull("partitionKey"), notNull("data")]);
  });

  it("PutRecord: every member empty", () => {
    expectValidation(
      "PutRecord",
      { StreamName: "", PartitionKey: "", Data: "", ExplicitHashKey: "", SequenceNumberForOrdering: "" },
      [
        pattern("", "sequenceNumberForOrdering", SEQUENCE_PATTERN),
        minLength("", "partitionKey", 1),
        pattern("", "explicitHashKey", HASH_KEY_PATTERN),
        ...emptyStreamName,
      ],
    );
  });

  it("PutRecord: blob length is in bytes, up to the model's maximum", () => {
    expect(validate("PutRecord", { PartitionKey: "a", Data: new Uint8Array(10485760) }, CBOR_OPTIONS).Data).toHaveLength(10485760);
    expect(validate("PutRecord", { PartitionKey: "a", Data: base64(new Uint8Array(3000)) }).Data).toHaveLength(3000);
  });

  it("GetShardIterator: missing members", () => {
    expectValidation("GetShardIterator", {}, [notNull("shardId"), notNull("shardIteratorType")]);
  });

  it("GetShardIterator: enum value set in AWS's order", () => {
    expectValidation("GetShardIterator", { StreamName: "", ShardIteratorType: "", ShardId: "", StartingSequenceNumber: "" }, [
      pattern("", "shardId", NAME_PATTERN),
      minLength("", "shardId", 1),
      at("", "shardIteratorType", "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"),
      pattern("", "startingSequenceNumber", SEQUENCE_PATTERN),
      ...emptyStreamName,
    ]);
  });

  it("GetShardIterator: long names", () => {
    const name = "a".repeat(129);
    expectValidation("GetShardIterator", { StreamName: name, ShardId: name, ShardIteratorType: "LATEST" }, [
      maxLength(name, "shardId", 128),
      maxLength(name, "streamName", 128),
    ]);
  });

  it("CreateStream: values and lengths", () => {
    expectValidation("CreateStream", {}, [notNull("streamName")]);
    expectValidation("CreateStream", { StreamName: "", ShardCount: 0 }, [minValue("0", "shardCount", 1), ...emptyStreamName]);
    const name = "a".repeat(129);
    expectValidation("CreateStream", { StreamName: name, ShardCount: 100000000000 }, [maxLength(name, "streamName", 128)]);
  });

  it("CreateStream: nested structure paths", () => {
    expectValidation("CreateStream", { StreamName: "a", StreamModeDetails: {} }, [notNull("streamModeDetails.streamMode")]);
    expectValidation("CreateStream", { StreamName: "a", StreamModeDetails: { StreamMode: "FAST" } }, [
      at("FAST", "streamModeDetails.streamMode", "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"),
    ]);
  });

  it("GetRecords: value bounds", () => {
    expectValidation("GetRecords", {}, [notNull("shardIterator")]);
    expectValidation("GetRecords", { ShardIterator: "", Limit: 0 }, [minValue("0", "limit", 1), minLength("", "shardIterator", 1)]);
    const iterator = "a".repeat(513);
    expectValidation("GetRecords", { ShardIterator: iterator, Limit: 100000 }, [
      maxValue("100000", "limit", 10000),
      maxLength(iterator, "shardIterator", 512),
    ]);
  });

  it("DescribeStream, ListStreams, ListTagsForStream, ListShards: several members", () => {
    const name = "a".repeat(129);
    expectValidation("DescribeStream", { StreamName: name, Limit: 100000, ExclusiveStartShardId: name }, [
      maxValue("100000", "limit", 10000),
      maxLength(name, "exclusiveStartShardId", 128),
      maxLength(name, "streamName", 128),
    ]);
    expectValidation("ListStreams", { ExclusiveStartStreamName: "", Limit: 0 }, [
      minValue("0", "limit", 1),
      pattern("", "exclusiveStartStreamName", NAME_PATTERN),
      minLength("", "exclusiveStartStreamName", 1),
    ]);
    expectValidation("ListTagsForStream", { StreamName: name, ExclusiveStartTagKey: name, Limit: 100 }, [
      maxValue("100", "limit", 50),
      maxLength(name, "exclusiveStartTagKey", 128),
      maxLength(name, "streamName", 128),
    ]);
    expectValidation("ListShards", { StreamName: "", MaxResults: 0, ExclusiveStartShardId: "" }, [
      pattern("", "exclusiveStartShardId", NAME_PATTERN),
      minLength("", "exclusiveStartShardId", 1),
      minValue("0", "maxResults", 1),
      ...emptyStreamName,
    ]);
  });

  it("MergeShards and SplitShard: members sharing a hash bucket", () => {
    expectValidation("MergeShards", { StreamName: "", AdjacentShardToMerge: "", ShardToMerge: "" }, [
      pattern("", "shardToMerge", NAME_PATTERN),
      minLength("", "shardToMerge", 1),
      pattern("", "adjacentShardToMerge", NAME_PATTERN),
      minLength("", "adjacentShardToMerge", 1),
      ...emptyStreamName,
    ]);
    expectValidation("SplitShard", { StreamName: "", NewStartingHashKey: "", ShardToSplit: "" }, [
      pattern("", "newStartingHashKey", HASH_KEY_PATTERN),
      ...emptyStreamName,
      pattern("", "shardToSplit", NAME_PATTERN),
      minLength("", "shardToSplit", 1),
    ]);
    expectValidation("MergeShards", {}, [notNull("shardToMerge"), notNull("adjacentShardToMerge")]);
    expectValidation("SplitShard", {}, [notNull("newStartingHashKey"), notNull("shardToSplit")]);
  });

  it("UpdateShardCount and retention: required members", () => {
    expectValidation("UpdateShardCount", { StreamName: "", ScalingType: "", TargetShardCount: 0 }, [
      at("", "scalingType", "Member must satisfy enum value set: [UNIFORM_SCALING]"),
      minValue("0", "targetShardCount", 1),
      ...emptyStreamName,
    ]);
    expectValidation("IncreaseStreamRetentionPeriod", { StreamName: "" }, [notNull("retentionPeriodHours"), ...emptyStreamName]);
  });

  it("AddTagsToStream: maps are printed {k=v} and their keys and values checked as a whole", () => {
    expectValidation("AddTagsToStream", {}, [notNull("tags")]);
    expectValidation("AddTagsToStream", { StreamName: "", Tags: {} }, [
      at("{}", "tags", "Member must have length greater than or equal to 1"),
      ...emptyStreamName,
    ]);
    const long = "a".repeat(129);
    expectValidation("AddTagsToStream", { StreamName: "s", Tags: { a: "1", b: "2", [long]: "3" } }, [
      at(
        `{${long}=3, b=2, a=1}`,
        "tags",
        "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
      ),
    ]);
    const value = "v".repeat(257);
    expectValidation("AddTagsToStream", { StreamName: "s", Tags: { a: "1", b: "2", c: value } }, [
      at(
        `{b=2, c=${value}, a=1}`,
        "tags",
        "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]",
      ),
    ]);
  });

  it("RemoveTagsFromStream: lists of strings are checked as a whole", () => {
    expectValidation("RemoveTagsFromStream", { StreamName: "", TagKeys: [] }, [
      at("[]", "tagKeys", "Member must have length greater than or equal to 1"),
      ...emptyStreamName,
    ]);
    const long = "a".repeat(129);
    expectValidation("RemoveTagsFromStream", { StreamName: "s", TagKeys: ["a", long, "b"] }, [
      at(
        `[a, ${long}, b]`,
        "tagKeys",
        "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
      ),
    ]);
    const keys = Array.from({ length: 51 }, (_, i) => String(i + 1));
    expectValidation("RemoveTagsFromStream", { StreamName: "s", TagKeys: keys }, [
      at(`[${keys.join(", ")}]`, "tagKeys", "Member must have length less than or equal to 50"),
    ]);
  });

  it("lists of enums", () => {
    expectValidation("EnableEnhancedMonitoring", { StreamName: "s", ShardLevelMetrics: ["IncomingBytes", "Nope"] }, [
      at(
        "[IncomingBytes, Nope]",
        "shardLevelMetrics",
        "Member must satisfy constraint: [Member must satisfy enum value set: [ALL, WriteProvisionedThroughputExceeded, IteratorAgeMilliseconds, IncomingBytes, OutgoingRecords, ReadProvisionedThroughputExceeded, IncomingRecords, OutgoingBytes]]",
      ),
    ]);
  });

  it("null list elements are reported at their member path", () => {
    expectValidation("PutRecords", { Records: [{ PartitionKey: "a", Data: "" }, null] }, [notNull("records.2.member")]);
  });

  it("JSON nulls count as absent", () => {
    expectValidation("PutRecord", { StreamName: null, PartitionKey: null, Data: null }, [notNull("partitionKey"), notNull("data")]);
    expect(validate("ListStreams", { Limit: null })).toEqual({});
  });

  it("says 'error' for one and 'errors' for more", () => {
    expect(failure(() => validate("GetRecords", {})).awsMessage).toMatch(/^1 validation error detected: /);
    expect(failure(() => validate("PutRecord", {})).awsMessage).toMatch(/^2 validation errors detected: /);
  });
});

describe("long values in messages", () => {
  const LIMIT = 65_536;

  it("are cut after 65,536 characters, with ... after them", () => {
    const long = "x".repeat(200_000);
    const message = failure(() => validate("ListTagsForResource", { ResourceARN: long })).awsMessage ?? "";
    expect(message).toContain(`Value '${"x".repeat(LIMIT)}...' at 'resourceARN'`);
    expect(message.length).toBeLessThan(2 * LIMIT + 1000);
  });

  it("in base64 errors too: a 10 MB invalid Data gives a short error", () => {
    const data = "!".repeat(10 * 1024 * 1024);
    const message = failure(() => validate("PutRecord", { StreamName: "s", PartitionKey: "k", Data: data })).awsMessage ?? "";
    expect(message).toBe(`'${"!".repeat(LIMIT)}...' can not be converted to a Blob: Invalid Base64 character: '!'`);
  });

  it("are shown whole up to 65,536 characters", () => {
    const name = "a;".repeat(LIMIT / 2);
    expect(failure(() => validate("ListShards", { StreamName: name })).awsMessage).toContain(`Value '${name}' at 'streamName'`);
  });
});

describe("values that make backtracking patterns slow (issue 11)", () => {
  // Before the patterns were made linear, this ResourceARN took 18.7 s to refuse; test/unit/patterns/
  // proves every pattern linear, this proves the messages are still AWS's.
  const arn = `arn:aws${":kinesis::000000000000:stream/".repeat(400)} `;

  it("are refused at once, for their pattern and their length, as AWS reports both", () => {
    const message = failure(() => validate("ListTagsForResource", { ResourceARN: arn })).awsMessage ?? "";
    expect(message).toMatch(/^2 validation errors detected: /);
    expect(message).toContain("at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    expect(message).toContain("at 'resourceARN' failed to satisfy constraint: Member must have length less than or equal to 2048");
  });

  it("match as AWS's patterns do once the tail is valid", () => {
    expect(validate("ListTagsForResource", { ResourceARN: arn.trimEnd().slice(0, 2000) + "x" })).toEqual({ ResourceARN: arn.trimEnd().slice(0, 2000) + "x" });
  });
});

describe("values", () => {
  it("decodes base64 blobs", () => {
    const input = validate("PutRecord", { StreamName: "s", PartitionKey: "k", Data: "aGVsbG8=" });
    expect(input.Data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(input.Data as Uint8Array)).toBe("hello");
    expect(validate("PutRecord", { PartitionKey: "k", Data: "" }).Data).toEqual(new Uint8Array(0));
    expect(validate("PutRecord", { PartitionKey: "k", Data: "/w==" }).Data).toEqual(new Uint8Array([255]));
    expect(validate("PutRecord", { PartitionKey: "k", Data: "AAEC" }).Data).toEqual(new Uint8Array([0, 1, 2]));
  });

  it("passes CBOR byte strings through", () => {
    const data = new Uint8Array([1, 2, 3]);
    const input = validate("PutRecords", { StreamName: "s", Records: [{ PartitionKey: "k", Data: data }] }, CBOR_OPTIONS);
    expect((input.Records as { Data: unknown }[])[0]?.Data).toBe(data);
    expectValidation("PutRecord", { PartitionKey: "k", Data: new Uint8Array(10485761) }, [
      maxLength("java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]", "data", 10485760),
    ], CBOR_OPTIONS);
  });

  it("converts epoch-second timestamps (JSON)", () => {
    const input = validate("GetShardIterator", { ShardId: "s", ShardIteratorType: "AT_TIMESTAMP", Timestamp: 1700000000.123 });
    expect(input.Timestamp).toEqual(new Date(1700000000123));
    const whole = validate("ListShards", { StreamName: "s", StreamCreationTimestamp: 1500000000 });
    expect(whole.StreamCreationTimestamp).toEqual(new Date(1500000000000));
  });

  it("converts epoch-millisecond timestamps (CBOR)", () => {
    const input = validate("GetShardIterator", { ShardId: "s", ShardIteratorType: "AT_TIMESTAMP", Timestamp: 1700000000123 }, CBOR_OPTIONS);
    expect(input.Timestamp).toEqual(new Date(1700000000123));
    const date = new Date(5);
    expect(validate("ListShards", { StreamCreationTimestamp: date }, CBOR_OPTIONS).StreamCreationTimestamp).toBe(date);
  });

  it("truncates integers like Coral's TruncatingBigNumber", () => {
    expect(validate("GetRecords", { ShardIterator: "i", Limit: 2.9 }).Limit).toBe(2);
    expectValidation("GetRecords", { ShardIterator: "i", Limit: 0.5 }, [minValue("0", "limit", 1)]);
    expectValidation("GetRecords", { ShardIterator: "i", Limit: 100000000000 }, [maxValue("2147483647", "limit", 10000)]);
  });

  it("reads booleans", () => {
    expect(validate("DeleteStream", { StreamName: "s", EnforceConsumerDeletion: true }).EnforceConsumerDeletion).toBe(true);
    expect(validate("DeleteStream", { StreamName: "s", EnforceConsumerDeletion: "false" }).EnforceConsumerDeletion).toBe(false);
  });

  it("drops unknown members and keeps the known ones, nested", () => {
    const input = validate("PutRecords", {
      StreamName: "s",
      Extra: 1,
      Records: [{ PartitionKey: "k", Data: "", Other: "x" }],
    });
    expect(input).toEqual({ StreamName: "s", Records: [{ PartitionKey: "k", Data: new Uint8Array(0) }] });
  });

  it("keeps map keys as data, whatever they are", () => {
    const tags = JSON.parse('{"__proto__": "x", "constructor": "y"}') as unknown;
    const input = validate("AddTagsToStream", { StreamName: "s", Tags: tags });
    const out = input.Tags as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out["__proto__"]).toBe("x");
  });

  it("accepts a valid request of every kind", () => {
    expect(validate("ListStreams", {})).toEqual({});
    expect(
      validate("PutRecord", {
        StreamARN: "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        PartitionKey: "k",
        Data: "",
        ExplicitHashKey: "340282366920938463463374607431768211455",
        SequenceNumberForOrdering: "0",
      }),
    ).toMatchObject({ PartitionKey: "k" });
  });
});

describe("generated shapes", () => {
  it("describe every Kinesis operation", () => {
    expect(KINESIS_SHAPES.operationNames).toContain("PutRecords");
    for (const name of KINESIS_SHAPES.operationNames) {
      const shape: StructureShape = KINESIS_SHAPES.operations[name];
      expect(shape.type).toBe("structure");
    }
    expect(KINESIS_SHAPES.targetPrefix).toBe("Kinesis_20131202");
  });

  it("describe Firehose too, Java patterns included", () => {
    const shape = FIREHOSE_SHAPES.operations.TagDeliveryStream;
    const error = failure(() =>
      validateInput(shape, { DeliveryStreamName: "d", Tags: [{ Key: "aws:x" }, { Key: "ok é 1", Value: "a;b" }] }, JSON_OPTIONS),
    );
    expect(error.awsMessage).toBe(
      "2 validation errors detected: " +
        pattern("aws:x", "tags.1.member.key", "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$") +
        "; " +
        pattern("a;b", "tags.2.member.value", "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$"),
    );
  });

  it("anchor patterns like Java's matches()", () => {
    expectValidation("PutRecord", { PartitionKey: "k", Data: "", ExplicitHashKey: "01" }, [pattern("01", "explicitHashKey", HASH_KEY_PATTERN)]);
    expectValidation("PutRecord", { StreamName: "arn:aws:kinesis:us-east-1:1:stream/x", PartitionKey: "k", Data: "" }, [
      pattern("arn:aws:kinesis:us-east-1:1:stream/x", "streamName", NAME_PATTERN),
    ]);
  });
});

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
