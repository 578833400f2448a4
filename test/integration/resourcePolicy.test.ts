/** PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy, and the policies' explicit Deny enforced on the calls they name. */
import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  ACCESS_KEY_ID,
  ACCOUNT,
  base64,
  call,
  callAs,
  createActiveStream,
  expectError,
  expectFailure,
  expectValidation,
  getIterator,
  ok,
  registryClock,
  shardId,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  NOT_NULL,
  type TestStream,
} from "./client";

const OTHER_KEY_ID = "AKIDSOMEONEELSE";
const user = (keyId: string) => `arn:aws:iam::${ACCOUNT}:user/${keyId}`;

function denied(keyId: string, action: string, resource: string): string {
  return `User: ${user(keyId)} is not authorized to perform: kinesis:${action} on resource: ${resource} with an explicit deny in a resource-based policy`;
}

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

async function attach(arn: string, document: string): Promise<void> {
  await ok("PutResourcePolicy", { ResourceARN: arn, Policy: document });
}

function record(stream: TestStream, data = "x") {
  return { StreamName: stream.name, PartitionKey: "k", Data: base64(data) };
}

async function activeConsumer(stream: TestStream, name = "reader"): Promise<string> {
  const { Consumer } = await ok<{ Consumer: { ConsumerARN: string } }>("RegisterStreamConsumer", { StreamARN: stream.arn, ConsumerName: name });
  await useRegistryClock();
  registryClock.advance(KINESIS.createConsumerMs);
  return Consumer.ConsumerARN;
}

describe("resource policies", () => {
  describe("validations", () => {
    it("requires ResourceARN and Policy", async () => {
      await expectValidation(
        "PutResourcePolicy",
        {},
        violation(null, "resourceARN", NOT_NULL),
        violation(null, "policy", NOT_NULL),
      );
      await expectValidation("GetResourcePolicy", {}, violation(null, "resourceARN", NOT_NULL));
    });

    it("refuses documents that are not policies with InvalidArgumentException", async () => {
      const stream = await createActiveStream(1);
      const cases: [string, string][] = [
        ["{not json", "Policy is not valid JSON."],
        ["[]", "Policy is not a JSON object."],
        [JSON.stringify({ Version: "2012-10-17" }), "Missing required field Statement."],
        [policy({ Effect: "Maybe", Principal: "*", Action: "kinesis:*" }), "Policy has an invalid Effect: it must be Allow or Deny."],
        [policy({ Effect: "Deny", Action: "kinesis:*" }), "Missing required field Principal."],
        [policy({ Effect: "Deny", Principal: "*" }), "Missing required field Action."],
        [policy({ Effect: "Deny", Principal: { AWS: "somebody" }, Action: "kinesis:*" }), "Invalid principal in policy."],
        [policy({ Effect: "Deny", Principal: "*", Action: "s3:GetObject" }), "Policy has invalid action."],
        [policy({ Effect: "Deny", Principal: "*", Action: "kinesis:*", Resource: "stream/x" }), "Policy has invalid resource."],
        [
          policy({ Effect: "Deny", Principal: "*", Action: "kinesis:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          "Condition blocks in Deny statements are not supported by Rivulet: it cannot evaluate them.",
        ],
      ];
      for (const [document, message] of cases) {
        await expectFailure("PutResourcePolicy", { ResourceARN: stream.arn, Policy: document }, "InvalidArgumentException", message);
      }
      // None of them was attached.
      expect(await ok("GetResourcePolicy", { ResourceARN: stream.arn })).toEqual({ Policy: "{}" });
    });

    it("answers ResourceNotFoundException for a stream or consumer that does not exist", async () => {
      const name = uniqueName();
      const arn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
      await expectFailure("GetResourcePolicy", { ResourceARN: arn }, "ResourceNotFoundException", streamNotFound(name));
      await expectFailure(
        "PutResourcePolicy",
        { ResourceARN: arn, Policy: policy({ Effect: "Allow", Principal: "*", Action: "kinesis:*" }) },
        "ResourceNotFoundException",
        streamNotFound(name),
      );
      const stream = await createActiveStream(1);
      await expectFailure(
        "GetResourcePolicy",
        { ResourceARN: `${stream.arn}/consumer/nobody:1700000000` },
        "ResourceNotFoundException",
        `Consumer nobody under stream ${stream.name} under account ${ACCOUNT} not found.`,
      );
    });
  });

  describe("functionality", () => {
    it("keeps, answers and deletes a stream's policy", async () => {
      const stream = await createActiveStream(1);
      expect(await ok("GetResourcePolicy", { ResourceARN: stream.arn })).toEqual({ Policy: "{}" });
      const document = policy({ Sid: "readers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kinesis:Get*" });
      await attach(stream.arn, document);
      expect(await ok("GetResourcePolicy", { ResourceARN: stream.arn })).toEqual({ Policy: document });
      // An operation without output: an empty body.
      expect(await ok("DeleteResourcePolicy", { ResourceARN: stream.arn })).toBeUndefined();
      expect(await ok("GetResourcePolicy", { ResourceARN: stream.arn })).toEqual({ Policy: "{}" });
      // Deleting again is harmless.
      await ok("DeleteResourcePolicy", { ResourceARN: stream.arn });
    });

    it("refuses PutRecord to the key a Deny names, and not to another; removing the policy restores access", async () => {
      const stream = await createActiveStream(1);
      await attach(
        stream.arn,
        policy({ Effect: "Deny", Principal: { AWS: user(OTHER_KEY_ID) }, Action: ["kinesis:PutRecord", "kinesis:PutRecords"], Resource: stream.arn }),
      );
      expectError(await callAs(OTHER_KEY_ID, "PutRecord", record(stream)), "AccessDeniedException", denied(OTHER_KEY_ID, "PutRecord", stream.arn));
      expectError(
        await callAs(OTHER_KEY_ID, "PutRecords", { StreamName: stream.name, Records: [{ PartitionKey: "k", Data: base64("y") }] }),
        "AccessDeniedException",
        denied(OTHER_KEY_ID, "PutRecords", stream.arn),
      );
      // The test's own key is not named: it writes, and the other key may still read.
      await ok("PutRecord", record(stream, "allowed"));
      const iterator = await callAs<{ ShardIterator: string }>(OTHER_KEY_ID, "GetShardIterator", {
        StreamName: stream.name,
        ShardId: shardId(0),
        ShardIteratorType: "TRIM_HORIZON",
      });
      expect(iterator.status).toBe(200);

      await ok("DeleteResourcePolicy", { ResourceARN: stream.arn });
      expect((await callAs(OTHER_KEY_ID, "PutRecord", record(stream))).status).toBe(200);
    });

    it("matches actions and resources by wildcard, and principals by account", async () => {
      const stream = await createActiveStream(1);
      await attach(
        stream.arn,
        policy({ Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "kinesis:Describe*", Resource: "arn:aws:kinesis:*:*:stream/*" }),
      );
      await expectFailure("DescribeStream", { StreamName: stream.name }, "AccessDeniedException", denied(ACCESS_KEY_ID, "DescribeStream", stream.arn));
      expectError(
        await callAs(OTHER_KEY_ID, "DescribeStreamSummary", { StreamARN: stream.arn }),
        "AccessDeniedException",
        denied(OTHER_KEY_ID, "DescribeStreamSummary", stream.arn),
      );
      // Other actions, and other streams, are untouched.
      await ok("ListShards", { StreamName: stream.name });
      await ok("PutRecord", record(stream));
      const other = await createActiveStream(1);
      await ok("DescribeStream", { StreamName: other.name });
      await ok("DeleteResourcePolicy", { ResourceARN: stream.arn });
      await ok("DescribeStream", { StreamName: stream.name });
    });

    it("refuses GetShardIterator when GetRecords is denied, since GetRecords names only its iterator", async () => {
      const stream = await createActiveStream(1);
      await ok("PutRecord", record(stream));
      const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
      await attach(stream.arn, policy({ Effect: "Deny", Principal: "*", Action: "kinesis:GetRecords" }));
      await expectFailure(
        "GetShardIterator",
        { StreamName: stream.name, ShardId: shardId(0), ShardIteratorType: "TRIM_HORIZON" },
        "AccessDeniedException",
        denied(ACCESS_KEY_ID, "GetRecords", stream.arn),
      );
      // An iterator handed out before the policy still reads (checked when it was asked for).
      expect((await call("GetRecords", { ShardIterator: iterator })).status).toBe(200);
    });

    it("honours NotPrincipal and NotAction", async () => {
      const stream = await createActiveStream(1);
      await attach(stream.arn, policy({ Effect: "Deny", NotPrincipal: { AWS: user(ACCESS_KEY_ID) }, NotAction: "kinesis:List*" }));
      await ok("PutRecord", record(stream));
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: { team: "a" } });
      expect((await callAs(OTHER_KEY_ID, "ListShards", { StreamName: stream.name })).status).toBe(200);
      expectError(await callAs(OTHER_KEY_ID, "AddTagsToStream", { StreamName: stream.name, Tags: { team: "b" } }), "AccessDeniedException", denied(OTHER_KEY_ID, "AddTagsToStream", stream.arn));
      // Policy operations are never refused: a policy cannot lock its stream for good.
      expect((await callAs(OTHER_KEY_ID, "DeleteResourcePolicy", { ResourceARN: stream.arn })).status).toBe(200);
      expect((await callAs(OTHER_KEY_ID, "AddTagsToStream", { StreamName: stream.name, Tags: { team: "b" } })).status).toBe(200);
    });

    it("keeps a consumer's policy, and enforces it on the consumer's operations", async () => {
      const stream = await createActiveStream(1);
      const consumerArn = await activeConsumer(stream);
      const document = policy({ Effect: "Deny", Principal: "*", Action: "kinesis:DescribeStreamConsumer", Resource: `${stream.arn}/consumer/*` });
      await attach(consumerArn, document);
      expect(await ok("GetResourcePolicy", { ResourceARN: consumerArn })).toEqual({ Policy: document });
      // The stream itself has no policy.
      expect(await ok("GetResourcePolicy", { ResourceARN: stream.arn })).toEqual({ Policy: "{}" });
      await expectFailure(
        "DescribeStreamConsumer",
        { ConsumerARN: consumerArn },
        "AccessDeniedException",
        denied(ACCESS_KEY_ID, "DescribeStreamConsumer", consumerArn),
      );
      await expectFailure(
        "DescribeStreamConsumer",
        { StreamARN: stream.arn, ConsumerName: "reader" },
        "AccessDeniedException",
        denied(ACCESS_KEY_ID, "DescribeStreamConsumer", consumerArn),
      );
      await ok("DescribeStream", { StreamName: stream.name });
      await ok("DeleteResourcePolicy", { ResourceARN: consumerArn });
      await ok("DescribeStreamConsumer", { ConsumerARN: consumerArn });
    });

    it("governs RegisterStreamConsumer by the stream's policy", async () => {
      const stream = await createActiveStream(1);
      await attach(stream.arn, policy({ Effect: "Deny", Principal: "*", Action: "kinesis:RegisterStreamConsumer" }));
      await expectFailure(
        "RegisterStreamConsumer",
        { StreamARN: stream.arn, ConsumerName: "blocked" },
        "AccessDeniedException",
        denied(ACCESS_KEY_ID, "RegisterStreamConsumer", stream.arn),
      );
      await ok("ListStreamConsumers", { StreamARN: stream.arn });
    });

    it("refuses a policy on a consumer that is not ACTIVE yet", async () => {
      const stream = await createActiveStream(1);
      const { Consumer } = await ok<{ Consumer: { ConsumerARN: string; ConsumerCreationTimestamp: number } }>("RegisterStreamConsumer", {
        StreamARN: stream.arn,
        ConsumerName: "early",
      });
      await expectFailure(
        "PutResourcePolicy",
        { ResourceARN: Consumer.ConsumerARN, Policy: policy({ Effect: "Allow", Principal: "*", Action: "kinesis:*" }) },
        "ResourceInUseException",
        `Consumer early with creation timestamp ${Math.floor(Consumer.ConsumerCreationTimestamp)} under stream ${stream.name} and account ${ACCOUNT} is not in ACTIVE status.`,
      );
    });

    it("does not carry a stream's policy over to a stream created again with its name", async () => {
      const stream = await createActiveStream(1);
      await attach(stream.arn, policy({ Effect: "Deny", Principal: "*", Action: "kinesis:*" }));
      await expectFailure("DeleteStream", { StreamName: stream.name }, "AccessDeniedException", denied(ACCESS_KEY_ID, "DeleteStream", stream.arn));
      await ok("DeleteResourcePolicy", { ResourceARN: stream.arn });
      await ok("DeleteStream", { StreamName: stream.name });
      await useRegistryClock();
      registryClock.advance(KINESIS.deleteStreamMs);
      const again = await createActiveStream(1, {}, stream.name);
      expect(await ok("GetResourcePolicy", { ResourceARN: again.arn })).toEqual({ Policy: "{}" });
    });
  });
});
