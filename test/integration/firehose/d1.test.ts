/**
 * A Redshift destination loaded into D1: user activity events, into the example table of
 * test/d1-tables/user_activity.sql. JSON records become rows of user_activity's columns, staged in R2
 * first; a retried delivery inserts nothing twice; records that are not rows, and batches D1 refuses
 * past RetryOptions, go to the error output (errors/).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BUCKET_ARN,

  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  describe as describeStream,

  env,
  expectFailure,
  objects,

  putBatch,
  ROLE_ARN,
  runQueue,
  uniqueName,
  type TestDeliveryStream,
} from "./helpers";

const JDBC_URL = "jdbc:redshift://rivulet-analytics.redshift.local:5439/dev";
const COLUMNS = "user_id,event,occurred_at,page,duration_ms";

function redshift(prefix: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    RoleARN: ROLE_ARN,
    ClusterJDBCURL: JDBC_URL,
    CopyCommand: { DataTableName: "user_activity", DataTableColumns: COLUMNS, CopyOptions: "json 'auto'" },
    Username: "firehose",
    Password: "not-used-by-d1",
    RetryOptions: { DurationInSeconds: 0 },
    S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
    ...overrides,
  };
}

async function createRedshiftStream(overrides: Record<string, unknown> = {}): Promise<{ stream: TestDeliveryStream; prefix: string }> {
  const prefix = `${uniqueName("d1")}/`;
  const stream = await createDeliveryStream(redshift(prefix, overrides), { destinationKey: "RedshiftDestinationConfiguration" });
  return { stream, prefix };
}

interface ActivityRow {
  user_id: string;
  event: string;
  occurred_at: string;
  page: string | null;
  duration_ms: number | null;
}

async function rowsOf(users: string): Promise<ActivityRow[]> {
  const result = await env.RIVULET_ANALYTICS.prepare("SELECT * FROM user_activity WHERE user_id LIKE ? ORDER BY user_id, occurred_at")
    .bind(`${users}%`)
    .all<ActivityRow>();
  return result.results;
}

const activity = (user: string, i: number) =>
  JSON.stringify({ user_id: `${user}-${i}`, event: "page_view", occurred_at: `2026-11-27T10:00:0${i}Z`, page: `/p/${i}`, duration_ms: 100 * i, extra: true });

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("Redshift destination into D1", () => {
  it("is described as AWS describes it, without the password", async () => {
    const { stream, prefix } = await createRedshiftStream();
    const description = await describeStream(stream.name);
    const destination = description.Destinations[0] as unknown as Record<string, Record<string, unknown>>;
    expect(destination.RedshiftDestinationDescription).toMatchObject({
      RoleARN: ROLE_ARN,
      ClusterJDBCURL: JDBC_URL,
      CopyCommand: { DataTableName: "user_activity", DataTableColumns: COLUMNS, CopyOptions: "json 'auto'" },
      Username: "firehose",
      RetryOptions: { DurationInSeconds: 0 },
      S3BackupMode: "Disabled",
      S3DestinationDescription: { BucketARN: BUCKET_ARN, Prefix: prefix },
    });
    expect(JSON.stringify(description)).not.toContain("not-used-by-d1");
    expect(destination.ExtendedS3DestinationDescription).toBeUndefined();
  });

  it("refuses a database this Worker has no binding for, and ZIP staging", async () => {
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: uniqueName("d1"), RedshiftDestinationConfiguration: redshift("x/", { ClusterJDBCURL: "jdbc:redshift://nowhere.redshift.local:5439/dev" }) },
      "InvalidArgumentException",
      /^Could not connect to jdbc:redshift:\/\/nowhere/,
    );
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: uniqueName("d1"),
        RedshiftDestinationConfiguration: redshift("x/", { S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, CompressionFormat: "ZIP" } }),
      },
      "InvalidArgumentException",
      "Compression format ZIP is not supported for Redshift destination",
    );
  });

  it("loads JSON rows by column name, stages them in R2, and sends bad records to errors/", async () => {
    const { stream, prefix } = await createRedshiftStream();
    const user = uniqueName("user");
    const records = [activity(user, 1), activity(user, 2), `${activity(user, 3)}\n${activity(user, 4)}\n`, "not json at all", activity(user, 5)];
    const put = await putBatch(stream, records);
    expect(put.FailedPutCount).toBe(0);
    await stream.buffer.flushNow();
    await deliverAll(stream);

    const rows = await rowsOf(user);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ user_id: `${user}-1`, event: "page_view", occurred_at: "2026-11-27T10:00:01Z", page: "/p/1", duration_ms: 100 });

    const staged = (await objects(prefix)).filter((object) => !object.key.startsWith(`${prefix}errors/`));
    expect(staged).toHaveLength(1);
    expect(decode(staged[0]?.body ?? new Uint8Array())).toBe(records.join(""));

    const errors = await objects(`${prefix}errors/`);
    expect(errors).toHaveLength(1);
    const lines = decode(errors[0]?.body ?? new Uint8Array())
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { errorCode: string; rawData: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.errorCode).toBe("Redshift.InvalidRecord");
    expect(decode(Uint8Array.fromBase64(lines[0]?.rawData ?? ""))).toBe("not json at all");
    // Every record put is loaded or in the error output.
    expect(4 + lines.length).toBe(records.length);
  });

  it("does not duplicate rows when a delivery is retried after the load", async () => {
    const { stream } = await createRedshiftStream();
    const user = uniqueName("retry");
    await putBatch(stream, [activity(user, 1), activity(user, 2), activity(user, 3)]);
    await stream.buffer.flushNow();
    const messages = stream.outbox.splice(0);
    // R2 refuses the staging objects: the rows are in D1, the delivery fails and is retried.
    const bucket = env.RIVULET_DELIVERIES;
    const broken = new Proxy(bucket, {
      get(target, property) {
        if (property === "put") return async () => Promise.reject(new Error("R2 is down"));
        const value = Reflect.get(target, property) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const first = await runQueue(messages, { env: { ...env, RIVULET_DELIVERIES: broken } });
    expect(first.retryMessages).toHaveLength(1);
    expect(await rowsOf(user)).toHaveLength(3);
    const second = await runQueue(messages, { attempts: 2 });
    expect(second.retryMessages).toEqual([]);
    expect(await rowsOf(user)).toHaveLength(3);
    const log = await env.RIVULET_ANALYTICS.prepare("SELECT row_count FROM firehose_load_log WHERE delivery_stream = ?").bind(stream.name).all<{ row_count: number }>();
    expect(log.results).toEqual([{ row_count: 3 }]);
  });

  it("sends a batch D1 refuses to errors/ once RetryOptions run out, keeping none of it", async () => {
    const { stream, prefix } = await createRedshiftStream();
    const user = uniqueName("refused");
    // occurred_at is NOT NULL: the second row makes D1 refuse the whole batch.
    await putBatch(stream, [activity(user, 1), JSON.stringify({ user_id: `${user}-2`, event: "click" })]);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(await rowsOf(user)).toEqual([]);
    const errors = await objects(`${prefix}errors/`);
    const lines = errors.flatMap((object) => decode(object.body).split("\n").filter((line) => line !== ""));
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => (JSON.parse(line) as { errorCode: string }).errorCode)).toEqual(["Redshift.LoadFailed", "Redshift.LoadFailed"]);
  });

  it("retries a refused batch within RetryOptions.DurationInSeconds", async () => {
    const { stream } = await createRedshiftStream({ RetryOptions: { DurationInSeconds: 3600 } });
    await putBatch(stream, [JSON.stringify({ user_id: "x" })]);
    await stream.buffer.flushNow();
    const result = await runQueue(stream.outbox.splice(0));
    expect(result.retryMessages).toHaveLength(1);
  });

  it("reads CSV with CopyOptions csv", async () => {
    const { stream } = await createRedshiftStream({ CopyCommand: { DataTableName: "public.user_activity", DataTableColumns: COLUMNS, CopyOptions: "csv" } });
    const user = uniqueName("csv");
    await putBatch(stream, [`${user}-1,login,2026-11-27T09:00:00Z,"/a,b",5\n`, `${user}-2,logout,2026-11-27T09:01:00Z,,\n`]);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(await rowsOf(user)).toEqual([
      { user_id: `${user}-1`, event: "login", occurred_at: "2026-11-27T09:00:00Z", page: "/a,b", duration_ms: 5 },
      { user_id: `${user}-2`, event: "logout", occurred_at: "2026-11-27T09:01:00Z", page: null, duration_ms: null },
    ]);
  });
});

