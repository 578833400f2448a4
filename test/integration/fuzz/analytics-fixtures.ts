/**
 * The Analytics resources the fuzz suite aims at: a v1 application reading a stream of ticks (which
 * DiscoverInputSchema can sample) and writing to another, and a v2 SQL application; the registry's
 * clock frozen, so that no status moves by itself between two looks. ensureAnalyticsFixtures()
 * brings back whatever a successful request deleted or left in transition.
 *
 * analyticsSnapshot() is what the account holds of Analytics, as both APIs report it (ListApplications,
 * DescribeApplication, ListTagsForResource): a refused request must change none of it.
 */
import fc from "fast-check";
import { call } from "../client";
import {
  ACCOUNT,
  callV1,
  callV2,
  clock,
  createActiveStream,
  FILTER_CODE,
  holdSteps,
  LOG_STREAM_ARN,
  putTicks,
  REGION,
  ROLE_ARN,
  runRegistryAlarm,
  settle,
  streamArn,
  streamInput,
  streamOutput,
  tickerSchema,
  useRegistryClock,
} from "../analytics/helpers";
import type { Hints } from "./arbitraries";

export const APP_V1 = "fuzz-app-v1";
export const APP_V2 = "fuzz-app-v2";
const INPUT_STREAM = "fuzz-analytics-in";
const OUTPUT_STREAM = "fuzz-analytics-out";
const MISSING = "fuzz-missing-app";

export interface AnalyticsFixtures {
  /** Each fixture application's ARN, CreateTimestamp (epoch seconds, as DeleteApplication takes it) and version. */
  applications: { name: string; arn: string; created: number; version: number }[];
}

interface Described {
  ApplicationDetail: { ApplicationARN: string; CreateTimestamp: number; ApplicationStatus: string; ApplicationVersionId: number };
}

async function ensureStream(name: string): Promise<void> {
  const described = await call("DescribeStreamSummary", { StreamName: name });
  if (described.status !== 200) await createActiveStream(1, {}, name);
}

/** Moves the frozen clock past every transition (start, stop, update, delete) and lets the registry finish them. */
async function settleAll(): Promise<void> {
  await useRegistryClock();
  clock.freeze();
  settle();
  await runRegistryAlarm();
}

/**
 * Gives the registry the frozen clock again: an object idle for seconds (a run of DiscoverInputSchema,
 * which does not call it) is evicted, and the next one built starts on the system's clock.
 */
export async function holdAnalyticsClock(): Promise<void> {
  await useRegistryClock();
}

/** The fixtures, created or brought back; the registry's clock frozen. */
export async function ensureAnalyticsFixtures(): Promise<AnalyticsFixtures> {
  await settleAll();
  await ensureStream(INPUT_STREAM);
  await ensureStream(OUTPUT_STREAM);
  let v1 = await callV1<Described>("DescribeApplication", { ApplicationName: APP_V1 });
  if (v1.status !== 200) {
    // A v2 request that changed the v1 application made it v2's (as AWS does): it is made again.
    const taken = await callV2<Described>("DescribeApplication", { ApplicationName: APP_V1 });
    if (taken.status === 200) {
      await created(callV2("DeleteApplication", { ApplicationName: APP_V1, CreateTimestamp: taken.body.ApplicationDetail.CreateTimestamp }));
      await settleAll();
    }
    await putTicks(INPUT_STREAM, [
      { TICKER_SYMBOL: "AMZN", PRICE: 84.5 },
      { TICKER_SYMBOL: "NFLX", PRICE: 12.25 },
      { TICKER_SYMBOL: "ABC", PRICE: 51 },
    ]);
    await created(
      callV1("CreateApplication", {
        ApplicationName: APP_V1,
        Inputs: [streamInput(INPUT_STREAM)],
        Outputs: [streamOutput(OUTPUT_STREAM)],
        ApplicationCode: FILTER_CODE,
        CloudWatchLoggingOptions: [{ LogStreamARN: LOG_STREAM_ARN, RoleARN: ROLE_ARN }],
        Tags: [{ Key: "owner", Value: "fuzz" }],
      }),
    );
    v1 = await callV1<Described>("DescribeApplication", { ApplicationName: APP_V1 });
  }
  let v2 = await callV2<Described>("DescribeApplication", { ApplicationName: APP_V2 });
  if (v2.status !== 200) {
    await created(
      callV2("CreateApplication", {
        ApplicationName: APP_V2,
        RuntimeEnvironment: "SQL-1_0",
        ServiceExecutionRole: ROLE_ARN,
        ApplicationConfiguration: {
          SqlApplicationConfiguration: { Inputs: [{ ...streamInput(INPUT_STREAM), KinesisStreamsInput: { ResourceARN: streamArn(INPUT_STREAM) } }] },
          ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: FILTER_CODE } },
        },
      }),
    );
    v2 = await callV2<Described>("DescribeApplication", { ApplicationName: APP_V2 });
  }
  // Their objects step only when told: a running fixture reads nothing by itself during a run.
  await holdSteps(APP_V1);
  await holdSteps(APP_V2);
  return {
    applications: [
      fixture(APP_V1, v1.body.ApplicationDetail),
      fixture(APP_V2, v2.body.ApplicationDetail),
    ],
  };
}

function fixture(name: string, detail: Described["ApplicationDetail"]): AnalyticsFixtures["applications"][number] {
  return { name, arn: detail.ApplicationARN, created: detail.CreateTimestamp, version: detail.ApplicationVersionId };
}

async function created(answer: Promise<{ status: number; text: string }>): Promise<void> {
  const { status, text } = await answer;
  if (status !== 200) throw new Error(`a fuzz fixture could not be created: ${status} ${text}`);
}

// ---------------------------------------------------------------------------------------------
// Hints: the values members take to reach the fixtures

/** Hints for one API: its own fixture application most of the time, the other API's or a missing one sometimes. */
export function analyticsHints(fixtures: AnalyticsFixtures, api: "v1" | "v2"): Hints {
  const own = api === "v1" ? APP_V1 : APP_V2;
  const appArns = fixtures.applications.map((app) => app.arn);
  const streams = [streamArn(INPUT_STREAM), streamArn(OUTPUT_STREAM), streamArn("fuzz-missing-stream")];
  const ids = fc.constantFrom("1.1", "1.2", "2.1", "0.1");
  return {
    ApplicationName: fc.oneof({ arbitrary: fc.constant(own), weight: 6 }, fc.constantFrom(APP_V1, APP_V2, MISSING)),
    // Applications' (tags), streams' (inputs, outputs) and functions' (processors, outputs).
    ResourceARN: fc.constantFrom(
      ...appArns,
      ...streams,
      `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${MISSING}`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:KDA_PREPROCESS`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:KDA_OUTPUT:1`,
    ),
    ResourceARNUpdate: fc.constantFrom(...streams),
    RoleARN: fc.constant(ROLE_ARN),
    RoleARNUpdate: fc.constant(ROLE_ARN),
    ServiceExecutionRole: fc.constant(ROLE_ARN),
    LogStreamARN: fc.constant(LOG_STREAM_ARN),
    CreateTimestamp: fc.constantFrom(...fixtures.applications.map((app) => app.created)),
    CurrentApplicationVersionId: fc.oneof({ arbitrary: fc.constantFrom(...fixtures.applications.map((app) => app.version)), weight: 4 }, fc.integer({ min: 1, max: 4 })),
    ApplicationVersionId: fc.integer({ min: 1, max: 4 }),
    InputId: ids,
    OutputId: ids,
    ReferenceId: ids,
    CloudWatchLoggingOptionId: ids,
    ApplicationCode: fc.constantFrom(FILTER_CODE, "SELECT 1", ""),
    TextContent: fc.constantFrom(FILTER_CODE, "CREATE STREAM"),
    ApplicationCodeUpdate: fc.constant(FILTER_CODE),
    RuntimeEnvironment: fc.constantFrom("SQL-1_0", "FLINK-1_20"),
    NamePrefix: fc.constantFrom("SOURCE_SQL_STREAM", "sql"),
    Name: fc.constantFrom("DESTINATION_SQL_STREAM", "OTHER"),
    InputSchema: fc.constant(tickerSchema()),
    SqlType: fc.constantFrom("VARCHAR(4)", "REAL", "INTEGER", "TIMESTAMP", "DECIMAL(3,1)", "VARCHAR(x)"),
  };
}

// ---------------------------------------------------------------------------------------------
// What the account holds

async function bodyOf(answer: Promise<{ status: number; body: unknown }>): Promise<unknown> {
  const { status, body } = await answer;
  return { status, body };
}

export async function analyticsSnapshot(fixtures: AnalyticsFixtures): Promise<unknown> {
  return Promise.all([
    bodyOf(callV1("ListApplications", { Limit: 50 })),
    bodyOf(callV2("ListApplications", { Limit: 50 })),
    ...fixtures.applications.flatMap((app) => [
      bodyOf(callV1("DescribeApplication", { ApplicationName: app.name })),
      bodyOf(callV2("DescribeApplication", { ApplicationName: app.name })),
      bodyOf(callV2("ListTagsForResource", { ResourceARN: app.arn })),
    ]),
  ]);
}
