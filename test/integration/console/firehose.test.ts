/**
 * The console's Firehose pages, inside the Workers runtime: a delivery stream whose JSONata
 * transform fails the records that are not JSON, records put and delivered through the real queue
 * handler (gzip), then the pages fetched with a signed-in session: the list, the stream's
 * configuration, its recent deliveries with their record counts, the content of an object
 * (decompressed), and the failed records with their error codes and raw data. Every record put is
 * accounted for: delivered + failed = put.
 */
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsole } from "../../../src/console/app";
import {
  BUCKET,
  BUCKET_ARN,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  env,
  gunzip,
  objects,
  putBatch,
  ROLE_ARN,
  type TestDeliveryStream,
  uniqueName,
} from "../firehose/helpers";
import { HEC_TOKEN } from "../firehose/search-endpoints";
import { clusterState, newCluster, newCollector } from "../firehose/search-helpers";

const KEY_ID = "AKIDCONSOLEFIREHOSE";
const SECRET = "console-firehose-secret-0123456789";
const ORIGIN = "https://rivulet.example";
/** A prefix with every character a URL treats specially, so keys must be encoded to be found again. */
const PREFIX = "console fh/a+b&c=d?e#f%/";
const ERROR_PREFIX = "console-fh-errors/!{firehose:error-output-type}/";
const EXPRESSION = '{"user": user, "clicks": clicks + 1}';

const site = new Hono<{ Bindings: Env }>().route("/console", createConsole(clock));
const settings: Env = { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: `${KEY_ID}:${SECRET}` };

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

interface Page {
  status: number;
  headers: Headers;
  text: string;
}

async function get(path: string, cookie?: string): Promise<Page> {
  const headers = new Headers(cookie === undefined ? {} : { cookie });
  const response = await site.request(`${ORIGIN}${path}`, { headers, redirect: "manual" }, settings);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function signIn(): Promise<string> {
  const response = await site.request(
    `${ORIGIN}/console/sign-in`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ keyId: KEY_ID, secret: SECRET, region: "us-east-1", next: "/console/firehose" }).toString(),
      redirect: "manual",
    },
    settings,
  );
  expect(response.status).toBe(303);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** An element of a page: its attributes and its text (entities decoded). */
interface Found {
  attributes: Record<string, string>;
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? "");

/** The elements matching a CSS selector, read with the runtime's HTMLRewriter. */
async function select(html: string, selector: string): Promise<Found[]> {
  const found: Found[] = [];
  const open: Found[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(element) {
        const item: Found = { attributes: Object.fromEntries([...element.attributes].map(([name, value]) => [name, unescape(value ?? "")])), text: "" };
        found.push(item);
        open.push(item);
        element.onEndTag(() => {
          open.pop();
        });
      },
      text(chunk) {
        const current = open.at(-1);
        if (current) current.text += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found.map((item) => ({ ...item, text: unescape(item.text) }));
}

async function one(html: string, selector: string): Promise<Found> {
  const [first, ...rest] = await select(html, selector);
  expect(first, `one ${selector}`).toBeDefined();
  expect(rest, `only one ${selector}`).toEqual([]);
  return first as Found;
}

async function textOf(html: string, selector: string): Promise<string> {
  return (await one(html, selector)).text.trim();
}

interface Scenario {
  stream: TestDeliveryStream;
  good: string[];
  bad: (string | Uint8Array)[];
  dataKey: string;
  errorKey: string;
  arrival: number;
}

/** A JSONata transform over six records, two of which are not JSON; delivered as gzip, a record a line. */
async function deliverWithFailures(): Promise<Scenario> {
  const stream = await createDeliveryStream({
    Prefix: PREFIX,
    ErrorOutputPrefix: ERROR_PREFIX,
    CompressionFormat: "GZIP",
    BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
    ProcessingConfiguration: {
      Enabled: true,
      Processors: [
        { Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: `jsonata:${EXPRESSION}` }] },
        // One JSON document a line in the delivered objects.
        { Type: "AppendDelimiterToRecord", Parameters: [] },
      ],
    },
  });
  const good = ["alice", "bob", "carol", "dave"].map((user, clicks) => JSON.stringify({ user, clicks }));
  const bad = ["not json <b>bold</b>", new Uint8Array([0xff, 0x00, 0xfe, 0x41])];
  const arrival = clock.now();
  await putBatch(stream, [good[0] ?? "", good[1] ?? "", bad[0] ?? "", good[2] ?? "", good[3] ?? "", bad[1] ?? ""]);
  await deliverAll(stream);

  const delivered = (await objects("")).filter((object) => object.key.includes(`${stream.name}-`));
  const data = delivered.filter((object) => object.key.startsWith(PREFIX));
  const errors = delivered.filter((object) => object.key.startsWith("console-fh-errors/processing-failed/"));
  expect(data).toHaveLength(1);
  expect(errors).toHaveLength(1);
  const dataLines = decode(await gunzip(data[0]?.body ?? new Uint8Array())).split("\n").filter(Boolean);
  const errorLines = decode(await gunzip(errors[0]?.body ?? new Uint8Array())).split("\n").filter(Boolean);
  // Nothing lost: 4 delivered + 2 in the error output = 6 put.
  expect(dataLines.length + errorLines.length).toBe(good.length + bad.length);
  expect(dataLines).toHaveLength(good.length);
  return { stream, good, bad, dataKey: data[0]?.key ?? "", errorKey: errors[0]?.key ?? "", arrival };
}

describe("the Firehose pages", () => {
  it("need a session", async () => {
    const page = await get("/console/firehose");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/console/sign-in?next=%2Fconsole%2Ffirehose");
    expect((await get("/console/firehose/anything/object?bucket=rivulet-deliveries&key=x")).status).toBe(302);
  });

  it("list delivery streams with their source, destination, transform, partitioning and incoming records", async () => {
    const { stream } = await deliverWithFailures();
    const cookie = await signIn();
    const page = await get("/console/firehose", cookie);
    expect(page.status).toBe(200);
    const nav = await select(page.text, "nav.sections a.current");
    expect(nav.map((link) => link.text)).toEqual(["Firehose"]);

    const row = `[data-testid="firehose-row-${stream.name}"]`;
    expect(await textOf(page.text, `${row} [data-testid="firehose-status"]`)).toBe("ACTIVE");
    expect(await textOf(page.text, `${row} [data-testid="firehose-source"]`)).toBe("Direct PUT");
    expect(await textOf(page.text, `${row} [data-testid="firehose-destination"]`)).toBe(`S3 · ${BUCKET}`);
    expect((await one(page.text, `${row} [data-testid="firehose-transforms"]`)).attributes["data-value"]).toBe("yes");
    expect((await one(page.text, `${row} [data-testid="firehose-partitioning"]`)).attributes["data-value"]).toBe("no");
    expect((await one(page.text, `${row} [data-testid="sparkline-IncomingRecords"]`)).attributes["data-total"]).toBe("6");
    expect((await one(page.text, `${row} a[data-testid="firehose-link"]`)).attributes.href).toBe(`/console/firehose/${stream.name}`);
  });

  it("show a stream's configuration, buffer, recent deliveries with record counts, and its failed records", async () => {
    const { stream, dataKey, errorKey, arrival } = await deliverWithFailures();
    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    expect(page.status).toBe(200);

    // Configuration, readable.
    expect(await textOf(page.text, '[data-testid="source-kind"]')).toContain("Direct PUT");
    expect(await textOf(page.text, '[data-testid="jsonata-expression"]')).toBe(EXPRESSION);
    expect(await textOf(page.text, '[data-testid="destination-bucket"] [data-testid="prefix"]')).toBe(PREFIX);
    expect(await textOf(page.text, '[data-testid="destination-bucket"] [data-testid="error-prefix"]')).toBe(ERROR_PREFIX);
    expect(await textOf(page.text, '[data-testid="destination-bucket"] [data-testid="compression"]')).toBe("GZIP");
    expect(await textOf(page.text, '[data-testid="destination-bucket"] [data-testid="buffering"]')).toBe("5 MiB or 0 s, whichever comes first");
    expect(await textOf(page.text, '[data-testid="partitioning-enabled"]')).toBe("Disabled");

    // Everything delivered: the buffer is empty.
    expect((await one(page.text, '[data-testid="buffer-state"]')).attributes["data-records"]).toBe("0");

    // Recent deliveries: the data object with 4 records and the error output with 2, newest first.
    const rows = await select(page.text, '[data-testid="delivery-row"]');
    expect(rows.map((row) => [row.attributes["data-kind"], row.attributes["data-key"], row.attributes["data-records"]])).toEqual(
      expect.arrayContaining([
        ["data", dataKey, "4"],
        ["error", errorKey, "2"],
      ]),
    );
    expect(rows).toHaveLength(2);

    // Charts of the five metrics, IncomingRecords counting all six.
    const charts = await select(page.text, '[data-testid="firehose-charts"] figure.chart');
    expect(charts.map((chart) => chart.attributes["data-metric"])).toEqual([
      "IncomingRecords",
      "DeliveryToS3.Records",
      "DeliveryToS3.Success",
      "DeliveryToS3.DataFreshness",
      "ExecuteProcessing.Success",
    ]);
    expect(charts[0]?.attributes["data-total"]).toBe("6");
    expect(charts[1]?.attributes["data-total"]).toBe("4");

    // Failed records: newest first (the last put first), with error code, message, attempts, arrival and raw data.
    const failed = await select(page.text, '[data-testid="failed-record"]');
    expect(failed.map((record) => record.attributes["data-error-code"])).toEqual(["Jsonata.InvalidInput", "Jsonata.InvalidInput"]);
    const codes = await select(page.text, '[data-testid="failed-error-code"]');
    expect(codes.map((code) => code.text.trim())).toEqual(["Jsonata.InvalidInput", "Jsonata.InvalidInput"]);
    const messages = await select(page.text, '[data-testid="failed-error-message"]');
    expect(messages[0]?.text.trim()).toBe("The record is not valid JSON, so the JSONata expression cannot be applied to it.");
    const attempts = await select(page.text, '[data-testid="failed-attempts"]');
    expect(attempts.map((item) => item.text.trim())).toEqual(["1", "1"]);
    const arrivals = await select(page.text, '[data-testid="failed-arrival"]');
    expect(arrivals[0]?.text.trim()).toBe(new Date(arrival).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC"));
    const raw = await select(page.text, '[data-testid="failed-raw-data"]');
    // Not UTF-8: a hex dump; UTF-8: the text itself, escaped in the page.
    expect(raw.map((item) => item.attributes["data-format"])).toEqual(["hex", "text"]);
    expect(raw[0]?.text).toBe(`00000000  ${"ff 00 fe 41".padEnd(47)}  ...A`);
    expect(raw[1]?.text).toBe("not json <b>bold</b>");
    expect(page.text).not.toContain("<b>bold</b>");
    expect(page.text).toContain("not json &lt;b&gt;bold&lt;/b&gt;");
  });

  it("link each delivered object to its content, decompressed, with its key encoded in the URL", async () => {
    const { stream, good, dataKey, errorKey } = await deliverWithFailures();
    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    const links = await select(page.text, '[data-testid="delivery-row"] a[data-testid="delivery-link"]');
    const dataLink = links.find((link) => link.text.trim() === dataKey)?.attributes.href ?? "";
    expect(new URL(dataLink, ORIGIN).searchParams.get("key")).toBe(dataKey);
    expect(new URL(dataLink, ORIGIN).searchParams.get("bucket")).toBe(BUCKET);

    const object = await get(dataLink, cookie);
    expect(object.status).toBe(200);
    expect(await textOf(object.text, '[data-testid="object-key"]')).toBe(dataKey);
    expect(await textOf(object.text, '[data-testid="object-encoding"]')).toBe("gzip (shown decompressed)");
    const content = await one(object.text, '[data-testid="object-content"]');
    expect(content.attributes["data-format"]).toBe("text");
    expect(content.attributes["data-truncated"]).toBe("false");
    // The JSONata expression's output, one JSON document a line: every good record, once.
    const lines = content.text.split("\n").filter(Boolean);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(
      good.map((text) => {
        const { user, clicks } = JSON.parse(text) as { user: string; clicks: number };
        return { user, clicks: clicks + 1 };
      }),
    );

    // The error output object reads as AWS's JSON lines.
    const errorLink = links.find((link) => link.text.trim() === errorKey)?.attributes.href ?? "";
    const errors = await get(errorLink, cookie);
    const errorLines = (await one(errors.text, '[data-testid="object-content"]')).text.split("\n").filter(Boolean);
    expect(errorLines.map((line) => (JSON.parse(line) as { errorCode: string }).errorCode)).toEqual(["Jsonata.InvalidInput", "Jsonata.InvalidInput"]);
  });

  it("preview the first 64 KiB of a large object, as text even where the cut splits a character", async () => {
    const stream = await createDeliveryStream({ Prefix: "console-fh-large/", BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 } });
    // Two-byte characters: 40,001 bytes a record, so 64 KiB ends inside the second record, mid-character.
    const record = `${"é".repeat(20_000)}\n`;
    await putBatch(stream, [record, record]);
    await deliverAll(stream);
    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    const [row, ...others] = await select(page.text, '[data-testid="delivery-row"]');
    expect(others).toEqual([]);
    expect(row?.attributes["data-records"]).toBe("2");

    const object = await get(`/console/firehose/${stream.name}/object?${new URLSearchParams({ bucket: BUCKET, key: row?.attributes["data-key"] ?? "" }).toString()}`, cookie);
    const content = await one(object.text, '[data-testid="object-content"]');
    expect(content.attributes["data-format"]).toBe("text");
    expect(content.attributes["data-truncated"]).toBe("true");
    expect(new TextEncoder().encode(content.text).byteLength).toBe(64 * 1024 - 1);
    expect(content.text.startsWith(record)).toBe(true);
    expect(await select(object.text, '[data-testid="object-truncated"]')).toHaveLength(1);
  });

  it("show an object that starts like gzip and is not gzip as it is stored, in hex", async () => {
    const { stream } = await deliverWithFailures();
    const key = `${PREFIX}not-really.gz`;
    await env.RIVULET_DELIVERIES.put(key, new Uint8Array([0x1f, 0x8b, 0x00, 0x01, 0x02, 0x03]));
    const cookie = await signIn();
    const object = await get(`/console/firehose/${stream.name}/object?${new URLSearchParams({ bucket: BUCKET, key }).toString()}`, cookie);
    expect(object.status).toBe(200);
    const content = await one(object.text, '[data-testid="object-content"]');
    expect(content.attributes["data-format"]).toBe("hex");
    expect(content.text).toBe(`00000000  ${"1f 8b 00 01 02 03".padEnd(47)}  ......`);
  });

  it("answer S3's NoSuchKey and NoSuchBucket for objects that are not there, and Firehose's error for a missing stream", async () => {
    const { stream } = await deliverWithFailures();
    const cookie = await signIn();
    const query = (bucket: string, key: string) => new URLSearchParams({ bucket, key }).toString();

    const missingKey = await get(`/console/firehose/${stream.name}/object?${query(BUCKET, `${PREFIX}no-such-object`)}`, cookie);
    expect(missingKey.status).toBe(404);
    expect(await textOf(missingKey.text, '[data-testid="error-message"]')).toBe("The specified key does not exist.");

    const missingBucket = await get(`/console/firehose/${stream.name}/object?${query("no-such-bucket", "x")}`, cookie);
    expect(missingBucket.status).toBe(404);
    expect(await textOf(missingBucket.text, '[data-testid="error-message"]')).toBe("The specified bucket does not exist");

    const missingStream = await get("/console/firehose/no-such-hose-in-console", cookie);
    expect(missingStream.status).toBe(404);
    expect(await textOf(missingStream.text, '[data-testid="error-message"]')).toBe("Firehose no-such-hose-in-console under account 000000000000 not found.");
  });

  it("renders the refreshable panels alone", async () => {
    const { stream, errorKey } = await deliverWithFailures();
    const cookie = await signIn();
    const activity = await get(`/console/firehose/${stream.name}/activity`, cookie);
    expect(activity.status).toBe(200);
    expect(activity.text.startsWith("<div")).toBe(true);
    expect((await select(activity.text, '[data-testid="delivery-row"][data-kind="error"]')).map((row) => row.attributes["data-key"])).toEqual([errorKey]);

    const failed = await get(`/console/firehose/${stream.name}/failed`, cookie);
    expect((await one(failed.text, '[data-testid="failed-records"]')).attributes["data-count"]).toBe("2");

    const charts = await get(`/console/firehose/${stream.name}/charts?range=24h`, cookie);
    expect((await one(charts.text, '[data-testid="firehose-charts"]')).attributes["data-range"]).toBe("24h");

    const table = await get("/console/firehose?part=table", cookie);
    expect(table.text).toContain(`data-testid="firehose-row-${stream.name}"`);
  });
});

describe("the Firehose pages of OpenSearch, Splunk and Iceberg destinations", () => {
  it("show the cluster and index, what it indexed per index, the failed documents, and the delivery charts", async () => {
    const cluster = newCluster();
    const prefix = `${uniqueName("console-search")}/`;
    const stream = await createDeliveryStream(
      {
        RoleARN: ROLE_ARN,
        ClusterEndpoint: cluster.url,
        IndexName: "clicks",
        IndexRotationPeriod: "NoRotation",
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: 0 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
      },
      { destinationKey: "AmazonopensearchserviceDestinationConfiguration" },
    );
    await putBatch(stream, ['{"user":"alice"}', '{"user":"bob"}', '{"poison":true}']);
    await deliverAll(stream);
    expect((await clusterState(cluster.name)).documents).toHaveLength(2);

    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    expect(page.status).toBe(200);
    expect((await one(page.text, '[data-testid="destination"]')).attributes["data-type"]).toBe("OpenSearch");
    expect(await textOf(page.text, '[data-testid="opensearch-cluster"]')).toBe(cluster.url);
    expect(await textOf(page.text, '[data-testid="opensearch-index"]')).toBe("clicks");
    expect(await textOf(page.text, '[data-testid="backup-mode"]')).toBe("FailedDocumentsOnly");
    const rows = await select(page.text, '[data-testid="delivery-row"]');
    expect(rows.map((row) => [row.attributes["data-kind"], row.attributes["data-records"]])).toEqual([
      ["error", "1"],
      ["destination", "2"],
    ]);
    expect(rows[1]?.attributes["data-key"]).toBe("clicks");
    expect(rows[1]?.attributes["data-bucket"]).toBe("opensearch.test");
    expect((await select(page.text, '[data-testid="failed-record"]')).map((record) => record.attributes["data-error-code"])).toEqual(["400"]);
    expect((await one(page.text, '[data-testid="chart-DeliveryToAmazonOpenSearchService.Records"]')).attributes["data-testid"]).toBeDefined();

    const list = await get("/console/firehose", cookie);
    expect(await textOf(list.text, `[data-testid="firehose-row-${stream.name}"] [data-testid="firehose-destination"]`)).toBe(`OpenSearch · ${cluster.url} · clicks`);
  });

  it("show a Splunk destination's collector and what it acknowledged", async () => {
    const collector = newCollector();
    const stream = await createDeliveryStream(
      {
        HECEndpoint: collector.url,
        HECEndpointType: "Raw",
        HECToken: HEC_TOKEN,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: `${uniqueName("console-splunk")}/` },
      },
      { destinationKey: "SplunkDestinationConfiguration" },
    );
    await putBatch(stream, ["one\n", "two\n", "three\n"]);
    await deliverAll(stream);
    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    expect((await one(page.text, '[data-testid="destination"]')).attributes["data-type"]).toBe("Splunk");
    expect(await textOf(page.text, '[data-testid="splunk-endpoint"]')).toBe(collector.url);
    expect(await textOf(page.text, '[data-testid="splunk-endpoint-type"]')).toBe("Raw");
    const [row] = await select(page.text, '[data-testid="delivery-row"]');
    expect([row?.attributes["data-kind"], row?.attributes["data-key"], row?.attributes["data-records"]]).toEqual(["destination", "/services/collector/raw", "3"]);
    await one(page.text, '[data-testid="chart-DeliveryToSplunk.DataAckLatency"]');
  });

  it("show an Iceberg destination's warehouse, catalog and tables, in the list too", async () => {
    const warehouse = `s3://${BUCKET}/${uniqueName("console-iceberg")}/`;
    const catalog = "arn:aws:glue:us-east-1:000000000000:catalog";
    const tables = [
      { DestinationDatabaseName: "analytics", DestinationTableName: "events", S3ErrorOutputPrefix: "events-errors/" },
      { DestinationDatabaseName: "analytics", DestinationTableName: "clicks", PartitionSpec: { Identity: [{ SourceName: "day" }] } },
    ];
    const stream = await createDeliveryStream(
      {
        RoleARN: ROLE_ARN,
        CatalogConfiguration: { CatalogARN: catalog, WarehouseLocation: warehouse },
        DestinationTableConfigurationList: tables,
        TableCreationConfiguration: { Enabled: true },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, ErrorOutputPrefix: "iceberg-errors/" },
      },
      { destinationKey: "IcebergDestinationConfiguration" },
    );
    const cookie = await signIn();
    const page = await get(`/console/firehose/${stream.name}`, cookie);
    expect(page.status).toBe(200);
    expect((await one(page.text, '[data-testid="destination"]')).attributes["data-type"]).toBe("Iceberg");
    expect(await textOf(page.text, '[data-testid="iceberg-warehouse"]')).toBe(warehouse);
    expect(await textOf(page.text, '[data-testid="iceberg-catalog"]')).toBe(catalog);
    expect(await textOf(page.text, '[data-testid="iceberg-table-creation"]')).toMatch(/^Enabled/);
    expect(await textOf(page.text, '[data-testid="iceberg-schema-evolution"]')).toBe("Disabled");
    const rows = await select(page.text, '[data-testid="iceberg-table"]');
    expect(rows.map((row) => `${row.attributes["data-database"]}.${row.attributes["data-table"]}`)).toEqual(tables.map((table) => `${table.DestinationDatabaseName}.${table.DestinationTableName}`));
    expect(rows[0]?.text).toContain("events-errors/");
    expect(rows[1]?.text).toContain("day");
    expect(await textOf(page.text, '[data-testid="destination-bucket"] [data-testid="error-prefix"]')).toBe("iceberg-errors/");

    const list = await get("/console/firehose", cookie);
    expect(await textOf(list.text, `[data-testid="firehose-row-${stream.name}"] [data-testid="firehose-destination"]`)).toBe(
      `Iceberg · ${warehouse} · analytics.events, analytics.clicks`,
    );
  });
});
