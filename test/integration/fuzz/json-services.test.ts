/**
 * The fuzz suite of the AWS JSON services: every operation of Kinesis and Firehose, with inputs
 * derived from its model shape (arbitraries.ts), valid and broken, sent signed through the Worker's
 * fetch. Each answer must be a success or an AWS-shaped 4xx (harness.ts), and a refused request of
 * an operation that changes things must leave the account as it was (fixtures.ts' snapshot).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FIREHOSE_SHAPES } from "../../../src/firehose/shapes.generated";
import { KINESIS_SHAPES } from "../../../src/streams/shapes.generated";
import type { StructureShape } from "../../../src/aws/validate";
import { AMZ_JSON, describeBody, fuzzBody, type FuzzBody } from "./arbitraries";
import { ensureFixtures, hintsFor, holdClocks, snapshot, type Fixtures } from "./fixtures";
import { expectAwsJsonAnswer, fuzz, SEED, sendRequest, timeoutFor, type Answer } from "./harness";

/** Runs per operation: about a minute for the whole suite on a loaded two-core machine. */
const RUNS = 20;

/** Operations that only read: no snapshot around them. */
const READS = /^(Describe|List|Get)|^SubscribeToShard$/;

interface Service {
  name: string;
  signingName: string;
  targetPrefix: string;
  operations: Readonly<Record<string, StructureShape>>;
}

const SERVICES: Service[] = [
  { name: "Kinesis", signingName: "kinesis", targetPrefix: KINESIS_SHAPES.targetPrefix, operations: KINESIS_SHAPES.operations },
  { name: "Firehose", signingName: "firehose", targetPrefix: FIREHOSE_SHAPES.targetPrefix, operations: FIREHOSE_SHAPES.operations },
];

let fixtures: Fixtures;
/** A request changed the fixtures (it succeeded): they are brought back before the next operation's runs. */
let dirty = false;

beforeAll(async () => {
  console.info(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  fixtures = await ensureFixtures();
});

for (const service of SERVICES) {
  describe(`${service.name}: every operation, valid and broken inputs`, () => {
    for (const [operation, shape] of Object.entries(service.operations)) {
      it(operation, async () => {
        if (dirty) fixtures = await ensureFixtures();
        dirty = false;
        const mutating = !READS.test(operation);
        const state = service.signingName === "firehose" ? "firehose" : "kinesis";
        /** What the account held before the request; unknown again after one that succeeded. */
        let before: unknown;
        await fuzz(fuzzBody(shape, hintsFor(fixtures)), RUNS, async (body: FuzzBody) => {
          const context = `${service.name}.${operation}: ${describeBody(body)}`;
          if (mutating) await holdClocks();
          if (mutating && before === undefined) before = await snapshot(fixtures, state);
          const answer = await sendRequest({ target: `${service.targetPrefix}.${operation}`, service: service.signingName, body });
          const outcome = expectAwsJsonAnswer(answer, context);
          if (operation === "GetShardIterator" && outcome === "success") await readWith(answer, context);
          if (!mutating) return;
          if (outcome === "success") {
            dirty = true;
            before = undefined;
            return;
          }
          const after = await snapshot(fixtures, state);
          expect(after, `${context}\nwas refused, and changed what the account holds`).toEqual(before);
          before = after;
        });
      }, timeoutFor(RUNS));
    }
  });
}

/** An iterator handed out for any input (AT_TIMESTAMP of the year 3 billion, ...) must read, or be refused as AWS refuses. */
async function readWith(answer: Answer, context: string): Promise<void> {
  const { ShardIterator } = JSON.parse(new TextDecoder().decode(answer.bytes)) as { ShardIterator?: string };
  if (ShardIterator === undefined) return;
  const body: FuzzBody = { mutation: "the iterator answered", contentType: AMZ_JSON, body: JSON.stringify({ ShardIterator }) };
  const read = await sendRequest({ target: `${KINESIS_SHAPES.targetPrefix}.GetRecords`, service: "kinesis", body });
  expectAwsJsonAnswer(read, `GetRecords with the iterator of ${context}`);
}

describe("the protocol around the operations", () => {
  const targets = fc.constantFrom(
    "Kinesis_20131202.ListStreams",
    "Kinesis_20131202.listStreams",
    "Kinesis_20131202.ListStreams.Extra",
    "Kinesis_20131202.",
    "Kinesis_20131202",
    "Firehose_20150804.ListDeliveryStreams",
    "Firehose_20150804.ListStreams",
    "Kinesis_20131202.__proto__",
    "Kinesis_20131202.constructor",
    "Kinesis_20131202.hasOwnProperty",
    ".",
    "",
    "Kinesis_20131202.List%53treams",
  );
  const contentTypes = fc.constantFrom(AMZ_JSON, "application/x-amz-cbor-1.1", "application/json", "text/plain", "", "application/x-amz-json-1.0", "application/x-amz-json-1.1; charset=utf-8");
  const request = fc.record({
    method: fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE", "PATCH"),
    target: fc.option(targets, { nil: null }),
    contentType: contentTypes,
    body: fc.constantFrom("{}", "", "[]", '{"Limit":1}', "{"),
    service: fc.constantFrom("kinesis", "firehose", "s3x", "lambda"),
    sign: fc.boolean(),
    path: fc.constantFrom("/", "/x/y", "/?Action=ListStreams", "/%2e%2e/"),
  });

  it("answers any target, content type, method, path and signature as AWS would, never a 5xx", async () => {
    await fuzz(request, RUNS * 10, async (input) => {
      const body: FuzzBody = { mutation: "protocol", contentType: input.contentType, body: input.body };
      const answer = await sendRequest({ ...input, body });
      expectAwsJsonAnswer(answer, JSON.stringify(input));
    });
  }, timeoutFor(RUNS));
});
