/**
 * TagResource, UntagResource and ListTagsForResource, through both API versions: tags are by
 * application ARN, never change the application's version, replace values by key, and are limited
 * to 50; a tag list naming a key twice is refused (how-tagging.md).
 */
import { describe as group, expect, it } from "vitest";
import { ACCOUNT, createV1Application, describeV1, expectV1Error, expectV2Error, expectValidation, okV1, okV2, REGION } from "./helpers";
import { violation } from "../client";

const appArn = (name: string) => `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`;

group("tags", () => {
  it("adds, replaces, lists and removes tags without a new version", async () => {
    const { name } = await createV1Application({ Tags: [{ Key: "team", Value: "data" }] });
    await okV1("TagResource", { ResourceARN: appArn(name), Tags: [{ Key: "team", Value: "streams" }, { Key: "env" }] });
    expect(await okV1("ListTagsForResource", { ResourceARN: appArn(name) })).toEqual({
      Tags: [
        { Key: "env", Value: "" },
        { Key: "team", Value: "streams" },
      ],
    });
    await okV2("UntagResource", { ResourceARN: appArn(name), TagKeys: ["env", "absent"] });
    expect(await okV2("ListTagsForResource", { ResourceARN: appArn(name) })).toEqual({ Tags: [{ Key: "team", Value: "streams" }] });
    expect((await describeV1(name)).ApplicationVersionId).toBe(1);
  });

  it("allows 50 tags", async () => {
    const { name } = await createV1Application();
    const tags = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
    await okV1("TagResource", { ResourceARN: appArn(name), Tags: tags(0, 50) });
    await expectV1Error("TagResource", { ResourceARN: appArn(name), Tags: tags(50, 1) }, "TooManyTagsException", `Application ${name} can have at most 50 tags.`);
    // v2's model spells this one error's message `message`.
    await expectV2Error("TagResource", { ResourceARN: appArn(name), Tags: tags(50, 1) }, "TooManyTagsException", `Application ${name} can have at most 50 tags.`);
  });

  it("refuses a key given twice", async () => {
    const { name } = await createV1Application();
    await expectV1Error("TagResource", { ResourceARN: appArn(name), Tags: [{ Key: "a" }, { Key: "a", Value: "b" }] }, "InvalidArgumentException", "The tag key a is given more than once.");
  });

  it("answers ResourceNotFoundException for an application that does not exist, here or elsewhere", async () => {
    await expectV1Error("ListTagsForResource", { ResourceARN: appArn("nothing") }, "ResourceNotFoundException", `Application nothing under account ${ACCOUNT} not found.`);
    await expectV2Error("ListTagsForResource", { ResourceARN: `arn:aws:kinesisanalytics:eu-west-1:${ACCOUNT}:application/x` }, "ResourceNotFoundException");
  });

  it("validates the ARN: v1's model by pattern, v2's beyond it", async () => {
    await expectValidation(
      "v1",
      "ListTagsForResource",
      { ResourceARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s" },
      violation(
        "arn:aws:kinesis:us-east-1:000000000000:stream/s",
        "resourceARN",
        "Member must satisfy regular expression pattern: arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}+:\\d{12}+:application/[a-zA-Z0-9_.-]{1,128}",
      ),
    );
    await expectV2Error("ListTagsForResource", { ResourceARN: "arn:aws:kinesis:us-east-1:000000000000:stream/s" }, "InvalidArgumentException", "arn:aws:kinesis:us-east-1:000000000000:stream/s is not a valid application ARN.");
  });
});
