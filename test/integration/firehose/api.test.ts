/**
 * The control plane: Create/Describe/List/Delete, UpdateDestination's version checks and merges,
 * tags, encryption, and the checks AWS makes beyond the model (destinations, buckets, prefixes).
 */
import { describe as group, expect, it } from "vitest";
import { FIREHOSE } from "../../../src/firehose/limits";
import {
  ACCOUNT,
  BUCKET_ARN,
  call,
  clock,
  createDeliveryStream,
  describe,
  expectFailure,
  ok,
  REGION,
  ROLE_ARN,
  s3Destination,
  uniqueName,
  useRegistryClock,
} from "./helpers";

const notFound = (name: string) => `Firehose ${name} under account ${ACCOUNT} not found.`;

group("CreateDeliveryStream and DescribeDeliveryStream", () => {
  it("creates a stream that is CREATING, then ACTIVE, described in AWS's shape", async () => {
    await useRegistryClock();
    const name = uniqueName("hose");
    const created = await ok<{ DeliveryStreamARN: string }>("CreateDeliveryStream", {
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: s3Destination({ Prefix: "logs/", CompressionFormat: "GZIP" }),
      Tags: [{ Key: "team", Value: "data" }],
    });
    expect(created.DeliveryStreamARN).toBe(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`);
    expect((await describe(name)).DeliveryStreamStatus).toBe("CREATING");
    clock.advance(FIREHOSE.createMs);
    const description = await describe(name);
    expect(description).toMatchObject({
      DeliveryStreamName: name,
      DeliveryStreamARN: created.DeliveryStreamARN,
      DeliveryStreamStatus: "ACTIVE",
      DeliveryStreamType: "DirectPut",
      VersionId: "1",
      DeliveryStreamEncryptionConfiguration: { Status: "DISABLED" },
      HasMoreDestinations: false,
    });
    expect(typeof description.CreateTimestamp).toBe("number");
    expect(description.Destinations).toHaveLength(1);
    const destination = description.Destinations[0];
    expect(destination?.DestinationId).toBe("destinationId-000000000001");
    expect(destination?.ExtendedS3DestinationDescription).toEqual({
      RoleARN: ROLE_ARN,
      BucketARN: BUCKET_ARN,
      Prefix: "logs/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      CompressionFormat: "GZIP",
      EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
      CloudWatchLoggingOptions: { Enabled: false },
      S3BackupMode: "Disabled",
    });
    expect(destination?.S3DestinationDescription).toEqual({
      RoleARN: ROLE_ARN,
      BucketARN: BUCKET_ARN,
      Prefix: "logs/",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      CompressionFormat: "GZIP",
      EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
      CloudWatchLoggingOptions: { Enabled: false },
    });
  });

  it("accepts a plain S3DestinationConfiguration and describes it both ways", async () => {
    const stream = await createDeliveryStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }, { plainS3: true });
    const [destination] = (await describe(stream.name)).Destinations;
    expect(destination?.S3DestinationDescription).toMatchObject({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } });
    expect(destination?.ExtendedS3DestinationDescription).toMatchObject({ S3BackupMode: "Disabled" });
  });

  it("refuses a name in use, and names no one uses", async () => {
    const stream = await createDeliveryStream();
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: stream.name, ExtendedS3DestinationConfiguration: s3Destination() },
      "ResourceInUseException",
      `Firehose ${stream.name} under accountId ${ACCOUNT} already exists`,
    );
    const missing = uniqueName("missing");
    await expectFailure("DescribeDeliveryStream", { DeliveryStreamName: missing }, "ResourceNotFoundException", notFound(missing));
  });

  it("validates input against the model", async () => {
    const response = await call("CreateDeliveryStream", { DeliveryStreamName: "bad name!", ExtendedS3DestinationConfiguration: s3Destination() });
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe("ValidationException");
    expect(response.body.message).toContain("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    const hints = await call("CreateDeliveryStream", {
      DeliveryStreamName: uniqueName("hose"),
      ExtendedS3DestinationConfiguration: s3Destination({ BufferingHints: { SizeInMBs: 129, IntervalInSeconds: 901 } }),
    });
    expect(hints.body.__type).toBe("ValidationException");
    expect(hints.body.message).toContain("Member must have value less than or equal to 128");
    expect(hints.body.message).toContain("Member must have value less than or equal to 900");
  });

  it("needs exactly one destination, an S3 one, and a bucket bound to the Worker", async () => {
    const name = uniqueName("hose");
    await expectFailure("CreateDeliveryStream", { DeliveryStreamName: name }, "InvalidArgumentException", /Exactly one destination/);
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: name, S3DestinationConfiguration: s3Destination(), ExtendedS3DestinationConfiguration: s3Destination() },
      "InvalidArgumentException",
      /Exactly one destination/,
    );
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: name,
        SnowflakeDestinationConfiguration: {
          AccountUrl: "https://example.snowflakecomputing.com",
          Database: "db",
          Schema: "public",
          Table: "events",
          RoleARN: ROLE_ARN,
          S3Configuration: s3Destination(),
        },
      },
      "InvalidArgumentException",
      /SnowflakeDestinationConfiguration is not supported/,
    );
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: name, ExtendedS3DestinationConfiguration: s3Destination({ BucketARN: "arn:aws:s3:::no-such-bucket" }) },
      "InvalidArgumentException",
      /^Access was denied/,
    );
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: name,
        DeliveryStreamType: "KinesisStreamAsSource",
        KinesisStreamSourceConfiguration: { KinesisStreamARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/x`, RoleARN: ROLE_ARN },
        ExtendedS3DestinationConfiguration: s3Destination(),
      },
      "InvalidArgumentException",
      `Stream x under account ${ACCOUNT} not found.`,
    );
    await expectFailure("DescribeDeliveryStream", { DeliveryStreamName: name }, "ResourceNotFoundException", notFound(name));
  });

  it("applies AWS's prefix rules", async () => {
    const create = (destination: Record<string, unknown>) =>
      call("CreateDeliveryStream", { DeliveryStreamName: uniqueName("hose"), ExtendedS3DestinationConfiguration: s3Destination(destination) });
    const cases: [Record<string, unknown>, string][] = [
      [{ Prefix: "year=!{timestamp:yyyy}/" }, "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"],
      [{ Prefix: "a/!{firehose:error-output-type}/", ErrorOutputPrefix: "e/" }, "Prefix must not contain any occurrence of !{firehose:error-output-type}"],
      [{ Prefix: "a/!{timestamp:yyyy}/", ErrorOutputPrefix: "e/!{timestamp:yyyy}/" }, "ErrorOutputPrefix must contain at least one occurrence of !{firehose:error-output-type}"],
      [{ Prefix: "a/!{nope:x}/", ErrorOutputPrefix: "e/" }, "Namespace to the left of colon (nope) is an invalid keyword!"],
      [{ Prefix: "a/!{timestamp/", ErrorOutputPrefix: "e/" }, "Invalid expression usage"],
      [{ Prefix: "a/!{timestamp:yyyy-bb}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}" }, "Invalid conversion character used in the value of the expression in Prefix"],
      [{ Prefix: "a/!{firehose:nope}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}" }, "Invalid conversion character used in the value of the expression in Prefix"],
      [
        { Prefix: "a/!{partitionKeyFromQuery:k}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}" },
        "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.",
      ],
      [
        { Prefix: "a/!{timestamp:yyyy}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}/" },
        "Dynamic Partitioning Namespaces can't be part of an error prefix expression",
      ],
      [{ Prefix: `${"p".repeat(500)}/` }, "Length of evaluated prefix cannot be greater than 512"],
    ];
    for (const [destination, message] of cases) {
      const response = await create(destination);
      expect({ status: response.status, body: response.body }, JSON.stringify(destination)).toEqual({
        status: 400,
        body: { __type: "InvalidArgumentException", message },
      });
    }
    // Valid: timestamps with quoted literals, random strings, a custom time zone.
    await createDeliveryStream({
      Prefix: "dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/!{firehose:random-string}/",
      ErrorOutputPrefix: "failed/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
      CustomTimeZone: "Asia/Tokyo",
    });
  });
});

group("ListDeliveryStreams and DeleteDeliveryStream", () => {
  it("lists names in order, pages with ExclusiveStartDeliveryStreamName, and forgets deleted streams", async () => {
    const base = uniqueName("list");
    const names = [`${base}-a`, `${base}-b`, `${base}-c`];
    for (const name of names) await createDeliveryStream({}, { name });
    const all = await ok<{ DeliveryStreamNames: string[]; HasMoreDeliveryStreams: boolean }>("ListDeliveryStreams", { Limit: 10000 });
    expect(all.DeliveryStreamNames.filter((name) => name.startsWith(base))).toEqual(names);
    expect(all.DeliveryStreamNames).toEqual([...all.DeliveryStreamNames].sort());
    const page = await ok<{ DeliveryStreamNames: string[]; HasMoreDeliveryStreams: boolean }>("ListDeliveryStreams", {
      Limit: 1,
      ExclusiveStartDeliveryStreamName: names[0],
    });
    expect(page.DeliveryStreamNames).toEqual([names[1]]);
    expect(page.HasMoreDeliveryStreams).toBe(true);
    const byType = await ok<{ DeliveryStreamNames: string[] }>("ListDeliveryStreams", { DeliveryStreamType: "KinesisStreamAsSource" });
    expect(byType.DeliveryStreamNames).toEqual([]);

    await ok("DeleteDeliveryStream", { DeliveryStreamName: names[1] });
    expect((await describe(names[1] as string)).DeliveryStreamStatus).toBe("DELETING");
    clock.advance(FIREHOSE.deleteMs);
    await expectFailure("DescribeDeliveryStream", { DeliveryStreamName: names[1] }, "ResourceNotFoundException", notFound(names[1] as string));
    const after = await ok<{ DeliveryStreamNames: string[] }>("ListDeliveryStreams", { Limit: 10000 });
    expect(after.DeliveryStreamNames.filter((name) => name.startsWith(base))).toEqual([names[0], names[2]]);
    await expectFailure("DeleteDeliveryStream", { DeliveryStreamName: names[1] }, "ResourceNotFoundException", notFound(names[1] as string));
  });

  it("a stream can be created again under a deleted name, empty", async () => {
    const first = await createDeliveryStream();
    await ok("DeleteDeliveryStream", { DeliveryStreamName: first.name });
    clock.advance(FIREHOSE.deleteMs);
    const second = await createDeliveryStream({}, { name: first.name });
    expect(second.id).not.toBe(first.id);
    expect((await describe(second.name)).VersionId).toBe("1");
  });
});

group("UpdateDestination", () => {
  it("merges the update, moves VersionId, and refuses a stale version", async () => {
    const stream = await createDeliveryStream({ Prefix: "v1/", CompressionFormat: "GZIP" });
    await ok("UpdateDestination", {
      DeliveryStreamName: stream.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      ExtendedS3DestinationUpdate: { Prefix: "v2/", BufferingHints: { IntervalInSeconds: 60 } },
    });
    const description = await describe(stream.name);
    expect(description.VersionId).toBe("2");
    expect(typeof description.LastUpdateTimestamp).toBe("number");
    expect(description.Destinations[0]?.ExtendedS3DestinationDescription).toMatchObject({
      Prefix: "v2/",
      CompressionFormat: "GZIP",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 },
    });
    await expectFailure(
      "UpdateDestination",
      { DeliveryStreamName: stream.name, CurrentDeliveryStreamVersionId: "1", DestinationId: "destinationId-000000000001", S3DestinationUpdate: { Prefix: "x/" } },
      "ConcurrentModificationException",
      `Cannot update firehose: ${stream.name} since the current version id: 2 and specified version id: 1 do not match`,
    );
    await expectFailure(
      "UpdateDestination",
      { DeliveryStreamName: stream.name, CurrentDeliveryStreamVersionId: "2", DestinationId: "destinationId-000000000002", S3DestinationUpdate: { Prefix: "x/" } },
      "InvalidArgumentException",
      "Destination Id destinationId-000000000002 not found",
    );
    await expectFailure(
      "UpdateDestination",
      { DeliveryStreamName: stream.name, CurrentDeliveryStreamVersionId: "2", DestinationId: "destinationId-000000000001", S3DestinationUpdate: { Prefix: "!{timestamp:yyyy}/" } },
      "InvalidArgumentException",
      "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions",
    );
    expect((await describe(stream.name)).VersionId).toBe("2");
  });
});

group("tags", () => {
  it("tags, lists in pages, untags, and keeps at most 50", async () => {
    const stream = await createDeliveryStream({}, { extra: { Tags: [{ Key: "b", Value: "2" }] } });
    await ok("TagDeliveryStream", { DeliveryStreamName: stream.name, Tags: [{ Key: "a", Value: "1" }, { Key: "c" }] });
    const listed = await ok<{ Tags: { Key: string; Value: string }[]; HasMoreTags: boolean }>("ListTagsForDeliveryStream", {
      DeliveryStreamName: stream.name,
    });
    expect(listed).toEqual({ Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }, { Key: "c", Value: "" }], HasMoreTags: false });
    const page = await ok("ListTagsForDeliveryStream", { DeliveryStreamName: stream.name, ExclusiveStartTagKey: "a", Limit: 1 });
    expect(page).toEqual({ Tags: [{ Key: "b", Value: "2" }], HasMoreTags: true });
    await ok("UntagDeliveryStream", { DeliveryStreamName: stream.name, TagKeys: ["a", "c"] });
    expect(await ok("ListTagsForDeliveryStream", { DeliveryStreamName: stream.name })).toEqual({ Tags: [{ Key: "b", Value: "2" }], HasMoreTags: false });
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectFailure("TagDeliveryStream", { DeliveryStreamName: stream.name, Tags: many }, "LimitExceededException");
  });
});

group("encryption", () => {
  it("starts and stops, through ENABLING and DISABLING, and PutRecord reports Encrypted", async () => {
    const stream = await createDeliveryStream();
    await ok("StartDeliveryStreamEncryption", { DeliveryStreamName: stream.name, DeliveryStreamEncryptionConfigurationInput: { KeyType: "AWS_OWNED_CMK" } });
    expect((await describe(stream.name)).DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: "AWS_OWNED_CMK", Status: "ENABLING" });
    clock.advance(FIREHOSE.encryptionTransitionMs);
    expect((await describe(stream.name)).DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: "AWS_OWNED_CMK", Status: "ENABLED" });
    const put = await ok<{ RecordId: string; Encrypted: boolean }>("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: "aGk=" } });
    expect(put.Encrypted).toBe(true);
    await expectFailure(
      "StartDeliveryStreamEncryption",
      { DeliveryStreamName: stream.name, DeliveryStreamEncryptionConfigurationInput: { KeyType: "CUSTOMER_MANAGED_CMK" } },
      "InvalidArgumentException",
    );
    await ok("StopDeliveryStreamEncryption", { DeliveryStreamName: stream.name });
    expect((await describe(stream.name)).DeliveryStreamEncryptionConfiguration).toEqual({ Status: "DISABLING" });
    clock.advance(FIREHOSE.encryptionTransitionMs);
    expect((await describe(stream.name)).DeliveryStreamEncryptionConfiguration).toEqual({ Status: "DISABLED" });
    const after = await ok<{ Encrypted: boolean }>("PutRecord", { DeliveryStreamName: stream.name, Record: { Data: "aGk=" } });
    expect(after.Encrypted).toBe(false);
  });
});
