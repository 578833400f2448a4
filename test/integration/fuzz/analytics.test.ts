/**
 * The fuzz suite of Kinesis Data Analytics: every operation of v1 (`KinesisAnalytics_20150814`) and
 * v2 (`KinesisAnalytics_20180523`), with inputs derived from its model shape (arbitraries.ts), valid
 * and broken, steered at two fixture applications (analytics-fixtures.ts), sent signed for
 * `kinesisanalytics` through the Worker's fetch. Each answer must be a success or an AWS-shaped 4xx
 * (harness.ts), and a refused request of an operation that changes things must leave every
 * application as it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { KINESIS_ANALYTICS_SHAPES } from "../../../src/analytics/shapes-v1.generated";
import { KINESIS_ANALYTICS_V2_SHAPES } from "../../../src/analytics/shapes-v2.generated";
import type { StructureShape } from "../../../src/aws/validate";
import { describeBody, fuzzBody, type FuzzBody } from "./arbitraries";
import { analyticsHints, analyticsSnapshot, ensureAnalyticsFixtures, holdAnalyticsClock, type AnalyticsFixtures } from "./analytics-fixtures";
import { expectAwsJsonAnswer, fuzz, SEED, sendRequest, timeoutFor } from "./harness";

/** Runs per operation: 53 operations, kept to about a minute on a loaded two-core machine. */
const RUNS = 10;

/** Operations that only read: no snapshot around them. */
const READS = /^(Describe|List|Discover)/;

const VERSIONS: { name: string; api: "v1" | "v2"; targetPrefix: string; operations: Readonly<Record<string, StructureShape>> }[] = [
  { name: "Analytics v1", api: "v1", targetPrefix: KINESIS_ANALYTICS_SHAPES.targetPrefix, operations: KINESIS_ANALYTICS_SHAPES.operations },
  { name: "Analytics v2", api: "v2", targetPrefix: KINESIS_ANALYTICS_V2_SHAPES.targetPrefix, operations: KINESIS_ANALYTICS_V2_SHAPES.operations },
];

let fixtures: AnalyticsFixtures;
/** A request changed the fixtures (it succeeded): they are brought back before the next operation's runs. */
let dirty = false;

beforeAll(async () => {
  console.info(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  fixtures = await ensureAnalyticsFixtures();
});

for (const version of VERSIONS) {
  describe(`${version.name}: every operation, valid and broken inputs`, () => {
    for (const [operation, shape] of Object.entries(version.operations)) {
      it(operation, async () => {
        if (dirty) fixtures = await ensureAnalyticsFixtures();
        dirty = false;
        const mutating = !READS.test(operation);
        let before: unknown;
        await fuzz(fuzzBody(shape, analyticsHints(fixtures, version.api)), RUNS, async (body: FuzzBody) => {
          const context = `${version.name}.${operation}: ${describeBody(body)}`;
          await holdAnalyticsClock();
          if (mutating && before === undefined) before = await analyticsSnapshot(fixtures);
          const answer = await sendRequest({ target: `${version.targetPrefix}.${operation}`, service: "kinesisanalytics", body });
          const outcome = expectAwsJsonAnswer(answer, context);
          if (!mutating) return;
          if (outcome === "success") {
            dirty = true;
            before = undefined;
            return;
          }
          const after = await analyticsSnapshot(fixtures);
          expect(after, `${context}\nwas refused, and changed an application`).toEqual(before);
          before = after;
        });
      }, timeoutFor(RUNS));
    }
  });
}
