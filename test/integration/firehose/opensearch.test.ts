/**
 * OpenSearch destinations (the OpenSearch Service, Elasticsearch and OpenSearch Serverless API
 * shapes): created, described and updated as AWS does; records indexed through the `_bulk` API of a
 * fake cluster in the test runner (search-endpoints.ts) with rotated index names and Firehose's
 * document ids; per-document failures and failed requests retried (only what failed) within
 * RetryOptions, then the documents in the S3 backup as AWS's error records. Every test counts:
 * indexed + backed up = put, each document indexed once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import { deliverBatch } from "../../../src/firehose/delivery";
import {
  ACCOUNT,
  BUCKET_ARN,
  call,
  clock,
  createDeliveryStream,
  deliverAll,
  describe as describeStream,
  env,
  expectFailure,
  functionArn,
  lambdaProcessing,
  objects,
  ok,
  putBatch,
  REGION,
  ROLE_ARN,
  runQueue,
  type TestDeliveryStream,
  uniqueName,
} from "./helpers";
import { withBindings } from "./fault-injection";
import { clusterState, errorRecords, newCluster, numbered, scriptCluster } from "./search-helpers";
import type { BatchMessage } from "../../../src/firehose/buffer";

type Kind = "AmazonopensearchserviceDestinationConfiguration" | "ElasticsearchDestinationConfiguration" | "AmazonOpenSearchServerlessDestinationConfiguration";

function searchDestination(endpoint: Record<string, string>, prefix: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    RoleARN: ROLE_ARN,
    ...endpoint,
    IndexName: "events",
    S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
    ...overrides,
  };
}

async function createSearchStream(overrides: Record<string, unknown> = {}, kind: Kind = "AmazonopensearchserviceDestinationConfiguration") {
  const cluster = newCluster();
  const prefix = `${uniqueName("search")}/`;
  const endpoint: Record<string, string> =
    kind === "AmazonOpenSearchServerlessDestinationConfiguration" ? { CollectionEndpoint: cluster.url } : { ClusterEndpoint: cluster.url };
  const stream = await createDeliveryStream(searchDestination(endpoint, prefix, overrides), { destinationKey: kind });
  return { stream, cluster, prefix };
}

async function flushAndTake(stream: TestDeliveryStream): Promise<BatchMessage> {
  unwrap(await stream.buffer.flushNow());
  const [message] = stream.outbox.splice(0);
  if (!message) throw new Error("the flush sent no message");
  return message;
}

/** The tag-and-number records a document holds, as `tag:i`. */
const sourcesOf = (documents: readonly { source: Record<string, unknown> }[]) => documents.map((doc) => `${String(doc.source.tag)}:${String(doc.source.i)}`).sort();
const expected = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `${tag}:${i}`).sort();

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("OpenSearch destinations: the API", () => {
  it("describes an OpenSearch Service destination as AWS does, with AWS's defaults", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ DocumentIdOptions: { DefaultDocumentIdFormat: "FIREHOSE_DEFAULT" } });
    const description = await describeStream(stream.name);
    const destination = description.Destinations[0] as unknown as Record<string, unknown>;
    expect(Object.keys(destination).sort()).toEqual(["AmazonopensearchserviceDestinationDescription", "DestinationId"]);
    expect(destination.AmazonopensearchserviceDestinationDescription).toEqual({
      RoleARN: ROLE_ARN,
      ClusterEndpoint: cluster.url,
      IndexName: "events",
      IndexRotationPeriod: "OneDay",
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      RetryOptions: { DurationInSeconds: 300 },
      S3BackupMode: "FailedDocumentsOnly",
      S3DestinationDescription: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CompressionFormat: "UNCOMPRESSED",
        EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
        CloudWatchLoggingOptions: { Enabled: false },
      },
      CloudWatchLoggingOptions: { Enabled: false },
      DocumentIdOptions: { DefaultDocumentIdFormat: "FIREHOSE_DEFAULT" },
    });
  });

  it("describes Elasticsearch and OpenSearch Serverless destinations under their own members", async () => {
    const es = await createSearchStream({ TypeName: "_doc", IndexRotationPeriod: "OneMonth" }, "ElasticsearchDestinationConfiguration");
    const esDescription = (await describeStream(es.stream.name)).Destinations[0] as unknown as Record<string, Record<string, unknown>>;
    expect(esDescription.ElasticsearchDestinationDescription).toMatchObject({ ClusterEndpoint: es.cluster.url, TypeName: "_doc", IndexRotationPeriod: "OneMonth" });
    const serverless = await createSearchStream({}, "AmazonOpenSearchServerlessDestinationConfiguration");
    const description = (await describeStream(serverless.stream.name)).Destinations[0] as unknown as Record<string, Record<string, unknown>>;
    const described = description.AmazonOpenSearchServerlessDestinationDescription;
    expect(described).toMatchObject({ CollectionEndpoint: serverless.cluster.url, IndexName: "events", S3BackupMode: "FailedDocumentsOnly" });
    expect(described).not.toHaveProperty("IndexRotationPeriod");
  });

  it("names a cluster by DomainARN: mapped in RIVULET_OPENSEARCH_DOMAINS, or a service binding named like the domain", async () => {
    const domainArn = (domain: string) => `arn:aws:es:${REGION}:${ACCOUNT}:domain/${domain}`;
    for (const domain of ["mapped-domain", "bound-domain"]) {
      const prefix = `${uniqueName("domain")}/`;
      const stream = await createDeliveryStream(searchDestination({ DomainARN: domainArn(domain) }, prefix, { IndexName: uniqueName("idx") }), {
        destinationKey: "AmazonopensearchserviceDestinationConfiguration",
      });
      await putBatch(stream, numbered(domain, 3));
      unwrap(await stream.buffer.flushNow());
      await deliverAll(stream);
      const index = ((await describeStream(stream.name)).Destinations[0] as unknown as Record<string, { IndexName: string }>)
        .AmazonopensearchserviceDestinationDescription?.IndexName;
      const documents = (await clusterState(domain)).documents.filter((doc) => doc.index.startsWith(`${index ?? ""}-`));
      expect(sourcesOf(documents)).toEqual(expected(domain, 3));
    }
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: uniqueName("domain"),
        AmazonopensearchserviceDestinationConfiguration: searchDestination({ DomainARN: domainArn("nowhere-domain") }, "x/"),
      },
      "InvalidArgumentException",
      /^Domain arn:aws:es:.*:domain\/nowhere-domain is not reachable/,
    );
  });

  it("refuses what AWS refuses, and what Rivulet cannot do", async () => {
    const cluster = newCluster();
    const create = (configuration: Record<string, unknown>, kind: Kind = "AmazonopensearchserviceDestinationConfiguration") =>
      call("CreateDeliveryStream", { DeliveryStreamName: uniqueName("refused"), [kind]: configuration });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [searchDestination({ ClusterEndpoint: cluster.url, DomainARN: `arn:aws:es:${REGION}:${ACCOUNT}:domain/mapped-domain` }, "x/"), "InvalidArgumentException", /either ClusterEndpoint or DomainARN, not both/],
      [searchDestination({}, "x/"), "InvalidArgumentException", /Either DomainARN or ClusterEndpoint is required/],
      [searchDestination({ ClusterEndpoint: "http://search.example.com" }, "x/"), "InvalidArgumentException", /must use https:\/\//],
      [
        searchDestination({ ClusterEndpoint: cluster.url }, "x/", { VpcConfiguration: { SubnetIds: ["subnet-1"], RoleARN: ROLE_ARN, SecurityGroupIds: ["sg-1"] } }),
        "InvalidArgumentException",
        /does not support VpcConfiguration/,
      ],
      [searchDestination({ ClusterEndpoint: cluster.url }, "x/", { BufferingHints: { SizeInMBs: 101 } }), "ValidationException", /less than or equal to 100/],
      [searchDestination({ ClusterEndpoint: cluster.url }, "x/", { RetryOptions: { DurationInSeconds: 7201 } }), "ValidationException", /less than or equal to 7200/],
    ];
    for (const [configuration, type, message] of cases) {
      const response = await create(configuration);
      expect(response.body.__type, JSON.stringify(configuration)).toBe(type);
      expect(response.body.message).toMatch(message);
    }
    const noEndpoint = await create({ RoleARN: ROLE_ARN, IndexName: "x", S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN } }, "AmazonOpenSearchServerlessDestinationConfiguration");
    expect(noEndpoint.body.message).toMatch(/CollectionEndpoint is required/);
  });

  it("takes UpdateDestination within OpenSearch, and refuses switching to or from another destination", async () => {
    const { stream, cluster } = await createSearchStream({}, "ElasticsearchDestinationConfiguration");
    const moved = newCluster();
    await ok("UpdateDestination", {
      DeliveryStreamName: stream.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      AmazonopensearchserviceDestinationUpdate: { ClusterEndpoint: moved.url, IndexName: "moved", IndexRotationPeriod: "NoRotation", RetryOptions: { DurationInSeconds: 60 } },
    });
    const description = await describeStream(stream.name);
    expect(description.VersionId).toBe("2");
    const destination = description.Destinations[0] as unknown as Record<string, Record<string, unknown>>;
    expect(destination.AmazonopensearchserviceDestinationDescription).toMatchObject({
      ClusterEndpoint: moved.url,
      IndexName: "moved",
      IndexRotationPeriod: "NoRotation",
      RetryOptions: { DurationInSeconds: 60 },
      S3BackupMode: "FailedDocumentsOnly",
    });
    await putBatch(stream, numbered("moved", 2));
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    expect((await clusterState(cluster.name)).documents).toEqual([]);
    expect((await clusterState(moved.name)).documents.map((doc) => doc.index)).toEqual(["moved", "moved"]);

    const update = (member: Record<string, unknown>) =>
      call("UpdateDestination", { DeliveryStreamName: stream.name, CurrentDeliveryStreamVersionId: "2", DestinationId: "destinationId-000000000001", ...member });
    const toS3 = await update({ ExtendedS3DestinationUpdate: { BucketARN: BUCKET_ARN } });
    expect(toS3.body.message).toMatch(/^Switching between Amazon OpenSearch Service and other services is not supported/);
    const s3 = await createDeliveryStream({});
    const fromS3 = await call("UpdateDestination", {
      DeliveryStreamName: s3.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      AmazonopensearchserviceDestinationUpdate: { ClusterEndpoint: moved.url, IndexName: "x", RoleARN: ROLE_ARN },
    });
    expect(fromS3.body.message).toMatch(/^Switching between Amazon OpenSearch Service and other services is not supported/);
  });
});

describe("OpenSearch destinations: delivery", () => {
  it("indexes every record once, in bulk requests, under Firehose's document ids and the day's index", async () => {
    const { stream, cluster, prefix } = await createSearchStream();
    const data = numbered("once", 40);
    const put = await putBatch(stream, data);
    expect(put.FailedPutCount).toBe(0);
    await flushAndTake(stream).then((message) => runQueue([message]));

    const state = await clusterState(cluster.name);
    expect(state.requests).toEqual([{ items: 40, contentType: "application/x-ndjson" }]);
    expect(sourcesOf(state.documents)).toEqual(expected("once", 40));
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    expect(new Set(state.documents.map((doc) => doc.index))).toEqual(new Set([`events-${day}`]));
    // FIREHOSE_DEFAULT: an id per record, derived from its RecordId.
    const ids = put.RequestResponses.map((entry) => (entry.RecordId ?? "").replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", ""));
    expect(state.documents.map((doc) => doc.id).sort()).toEqual([...ids].sort());
    expect(state.documents.every((doc) => doc.version === 1 && doc.type === undefined)).toBe(true);
    // Nothing failed, so nothing is in S3 (FailedDocumentsOnly).
    expect(await objects(prefix)).toEqual([]);
    expect(unwrap(await stream.buffer.state()).batches).toEqual([]);
  });

  it("sends TypeName as _type, and no _id with NO_DOCUMENT_ID", async () => {
    const { stream, cluster } = await createSearchStream(
      { TypeName: "log", DocumentIdOptions: { DefaultDocumentIdFormat: "NO_DOCUMENT_ID" }, IndexRotationPeriod: "NoRotation" },
      "ElasticsearchDestinationConfiguration",
    );
    await putBatch(stream, numbered("typed", 5));
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    const state = await clusterState(cluster.name);
    expect(state.actions).toEqual(Array.from({ length: 5 }, () => ({ index: "events", type: "log" })));
    expect(sourcesOf(state.documents)).toEqual(expected("typed", 5));
  });

  it("flushes by the destination's own buffering hints", async () => {
    const { stream, cluster } = await createSearchStream({
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 } },
    });
    await putBatch(stream, numbered("hints", 2));
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    expect((await clusterState(cluster.name)).documents).toHaveLength(2);
  });

  it("frames records as single-line JSON: trailing newlines dropped, multi-line JSON flattened, unframable records backed up unsent", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ RetryOptions: { DurationInSeconds: 0 } });
    await putBatch(stream, ['{"tag":"lines","i":0}\r\n', '{\n  "tag": "lines",\n  "i": 1\n}\n', "not\njson", '{"tag":"lines","i":2}']);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    const state = await clusterState(cluster.name);
    expect(sourcesOf(state.documents)).toEqual(expected("lines", 3));
    expect(state.requests).toEqual([{ items: 3, contentType: "application/x-ndjson" }]);
    const failed = await errorRecords(`${prefix}AmazonOpenSearchService-failed/`);
    expect(failed.map((record) => [record.raw, record.errorCode, record.attemptsMade])).toEqual([["not\njson", "OpenSearch.MalformedDocument", 0]]);
  });

  it("indexes what the processing chain made of the records; its failures go to processing-failed/", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ ProcessingConfiguration: lambdaProcessing(functionArn("CSV_TO_JSON"), 0) });
    await putBatch(stream, ["1,apple,0.5", "not csv", "2,pear,0.75"]);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    const sources = (await clusterState(cluster.name)).documents.map((doc) => doc.source);
    expect(sources).toEqual([
      { id: 1, name: "apple", price: 0.5 },
      { id: 2, name: "pear", price: 0.75 },
    ]);
    expect((await errorRecords(`${prefix}processing-failed/`)).map((record) => record.raw)).toEqual(["not csv"]);
  });

  it("with S3BackupMode AllDocuments, also writes every source record to the S3 configuration's prefix", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ S3BackupMode: "AllDocuments" });
    const data = numbered("all", 8);
    await putBatch(stream, data);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    expect((await clusterState(cluster.name)).documents).toHaveLength(8);
    const backups = await objects(prefix);
    expect(backups).toHaveLength(1);
    expect(new TextDecoder().decode(backups[0]?.body)).toBe(data.join(""));
  });
});

describe("OpenSearch destinations: failures", () => {
  it("retries only the documents the cluster rejected (429), until each is indexed once", async () => {
    const { stream, cluster, prefix } = await createSearchStream();
    const data = numbered("rejected", 30);
    await putBatch(stream, data);
    await scriptCluster(cluster.name, { rejectItems: 7 });
    const message = await flushAndTake(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    expect((await clusterState(cluster.name)).documents).toHaveLength(23);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toEqual([]);

    const state = await clusterState(cluster.name);
    expect(state.requests.map((request) => request.items)).toEqual([30, 7]);
    expect(sourcesOf(state.documents)).toEqual(expected("rejected", 30));
    expect(state.documents.every((doc) => doc.version === 1)).toBe(true);
    expect(await objects(prefix)).toEqual([]);
  });

  it("with NO_DOCUMENT_ID too: a retry sends only what failed, so nothing is indexed twice", async () => {
    const { stream, cluster } = await createSearchStream({ DocumentIdOptions: { DefaultDocumentIdFormat: "NO_DOCUMENT_ID" } });
    await putBatch(stream, numbered("no-ids", 20));
    await scriptCluster(cluster.name, { rejectItems: 5 });
    const message = await flushAndTake(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toEqual([]);
    expect(sourcesOf((await clusterState(cluster.name)).documents)).toEqual(expected("no-ids", 20));
  });

  it("retries a request the cluster failed as a whole (503, 429), with the same document ids", async () => {
    const { stream, cluster, prefix } = await createSearchStream();
    await putBatch(stream, numbered("busy", 12));
    await scriptCluster(cluster.name, { answers: [{ status: 503 }, { status: 429 }] });
    const message = await flushAndTake(stream);
    expect((await runQueue([message])).retryMessages).toHaveLength(1);
    expect((await runQueue([message], { attempts: 2 })).retryMessages).toHaveLength(1);
    expect((await runQueue([message], { attempts: 3 })).retryMessages).toEqual([]);
    const state = await clusterState(cluster.name);
    expect(state.requests.map((request) => request.items)).toEqual([12, 12, 12]);
    const ids = state.actions.map((action) => action.id);
    expect(ids.slice(0, 12)).toEqual(ids.slice(12, 24));
    expect(sourcesOf(state.documents)).toEqual(expected("busy", 12));
    expect(await objects(prefix)).toEqual([]);
  });

  it("puts documents that keep failing in AmazonOpenSearchService-failed/ once RetryOptions.DurationInSeconds have passed", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ RetryOptions: { DurationInSeconds: 60 }, TypeName: "" });
    const good = numbered("mixed", 10);
    const poison = numbered("poison", 3, () => ({ poison: true }));
    await putBatch(stream, [...good.slice(0, 5), ...poison, ...good.slice(5)]);
    const message = await flushAndTake(stream);

    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/3 document\(s\) not indexed \(400: .*mapper_parsing_exception/);
    clock.advance(30_000);
    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/retrying until/);
    clock.advance(31_000);
    const report = await deliverBatch(env, message, clock);
    expect(report).toMatchObject({ delivered: 10, failed: 3 });

    const state = await clusterState(cluster.name);
    // The good documents were sent once; the poison ones three times.
    expect(state.requests.map((request) => request.items)).toEqual([13, 3, 3]);
    expect(sourcesOf(state.documents)).toEqual(expected("mixed", 10));
    const failed = await errorRecords(prefix);
    expect(failed.map((record) => record.raw).sort()).toEqual([...poison].sort());
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    for (const record of failed) {
      expect(record.key.startsWith(`${prefix}AmazonOpenSearchService-failed/`)).toBe(true);
      expect(record).toMatchObject({ attemptsMade: 3, errorCode: "400", esIndexName: `events-${day}`, esTypeName: null });
      expect(JSON.parse(record.errorMessage)).toEqual({ type: "mapper_parsing_exception", reason: "failed to parse field [poison] of type [long]" });
      expect(record.esDocumentId).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Object.keys(record).slice(0, 9)).toEqual([
        "attemptsMade",
        "arrivalTimestamp",
        "errorCode",
        "errorMessage",
        "attemptEndingTimestamp",
        "esDocumentId",
        "esIndexName",
        "esTypeName",
        "rawData",
      ]);
    }
    // Indexed + backed up = put, and the batch is gone from the buffer.
    expect(state.documents.length + failed.length).toBe(13);
    expect(unwrap(await stream.buffer.state()).batches).toEqual([]);
  });

  it("backs up everything when the cluster cannot be reached, in elasticsearch-failed/ for an Elasticsearch destination", async () => {
    const prefix = `${uniqueName("unreachable")}/`;
    const stream = await createDeliveryStream(
      searchDestination({ DomainARN: `arn:aws:es:${REGION}:${ACCOUNT}:domain/bound-domain` }, prefix, { RetryOptions: { DurationInSeconds: 0 } }),
      { destinationKey: "ElasticsearchDestinationConfiguration" },
    );
    const data = numbered("unreachable", 6);
    await putBatch(stream, data);
    const message = await flushAndTake(stream);
    // The domain's service binding is gone by the time the batch is delivered.
    expect(await deliverBatch(withBindings({ BOUND_DOMAIN: undefined }), message, clock)).toMatchObject({ delivered: 0, failed: 6 });
    const failed = await errorRecords(prefix);
    expect(failed.map((record) => record.raw).sort()).toEqual([...data].sort());
    for (const record of failed) {
      expect(record.key.startsWith(`${prefix}elasticsearch-failed/`)).toBe(true);
      expect(record).toMatchObject({ errorCode: "OpenSearch.ConnectionFailed", attemptsMade: 1 });
    }
  });

  it("keeps a large batch's progress in parts the buffer stores (a stored value holds at most 2 MB)", async () => {
    const { stream } = await createSearchStream();
    await putBatch(stream, numbered("parts", 2));
    const message = await flushAndTake(stream);
    const state = new Uint8Array(5 * 1024 * 1024 + 123).map((_, i) => i % 251);
    unwrap(await stream.buffer.saveDestinationState(message.batchId, state));
    expect(unwrap(await stream.buffer.destinationState(message.batchId))).toEqual(state);
    unwrap(await stream.buffer.saveDestinationState(message.batchId, state.slice(0, 10)));
    expect(unwrap(await stream.buffer.destinationState(message.batchId))).toEqual(state.slice(0, 10));
    // Delivered: the batch and its progress are forgotten.
    await runQueue([message]);
    expect(unwrap(await stream.buffer.destinationState(message.batchId))).toBeNull();
  });

  it("writes OpenSearch Serverless's failed documents with osDocumentId and osIndexName", async () => {
    const { stream, cluster, prefix } = await createSearchStream({ RetryOptions: { DurationInSeconds: 0 } }, "AmazonOpenSearchServerlessDestinationConfiguration");
    await putBatch(stream, [...numbered("serverless", 2), ...numbered("poison", 1, () => ({ poison: true }))]);
    unwrap(await stream.buffer.flushNow());
    await deliverAll(stream);
    expect((await clusterState(cluster.name)).documents.map((doc) => doc.index)).toEqual(["events", "events"]);
    const [failed] = await errorRecords(`${prefix}AmazonOpenSearchService-failed/`);
    expect(failed).toMatchObject({ errorCode: "400", osIndexName: "events", attemptsMade: 1 });
    expect(failed).not.toHaveProperty("esIndexName");
    expect(typeof failed?.osDocumentId).toBe("string");
  });
});

// Last in this file: it moves the clock to the year 2101.
describe("OpenSearch destinations: index rotation", () => {
  it("rotates index names by each record's arrival time (UTC), across an hour, a day, a week, a month and a year", async () => {
    // 2101-12-31T23:30:00Z is a Saturday, the last day of US week 53 of 2101; an hour later is week 1 of 2102.
    const start = Date.UTC(2101, 11, 31, 23, 0);
    clock.advance(start - clock.now());
    const periods = ["NoRotation", "OneHour", "OneDay", "OneWeek", "OneMonth"] as const;
    const streams = [];
    for (const period of periods) streams.push({ period, ...(await createSearchStream({ IndexRotationPeriod: period, IndexName: "logs" })) });
    clock.advance(Date.UTC(2101, 11, 31, 23, 30) - clock.now());
    for (const { stream, period } of streams) await putBatch(stream, numbered(period, 2));
    clock.advance(60 * 60 * 1000);
    for (const { stream, period } of streams) await putBatch(stream, numbered(`${period}-later`, 2));
    const names: Record<string, string[]> = {};
    for (const { stream, cluster, period } of streams) {
      unwrap(await stream.buffer.flushNow());
      await deliverAll(stream);
      const documents = (await clusterState(cluster.name)).documents;
      expect(documents).toHaveLength(4);
      names[period] = [...new Set(documents.map((doc) => doc.index))];
    }
    expect(names).toEqual({
      NoRotation: ["logs"],
      OneHour: ["logs-2101-12-31-23", "logs-2102-01-01-00"],
      OneDay: ["logs-2101-12-31", "logs-2102-01-01"],
      OneWeek: ["logs-2101-w53", "logs-2102-w01"],
      OneMonth: ["logs-2101-12", "logs-2102-01"],
    });
  });
});
