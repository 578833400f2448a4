/**
 * CreateStream, DescribeStream, ListStreams and DeleteStream. A new stream is CREATING, then ACTIVE
 * (registry.ts moves it by the clock); a deleted one is DELETING, then gone, its media destroyed.
 */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { VIDEO_CONTROL } from "../../limits";
import { videoRegistryFor } from "../../objects";
import { defaultKmsKeyId, listToken, readListToken } from "../ids";
import type {
  CreateStreamInput,
  CreateStreamOutput,
  DeleteStreamInput,
  DeleteStreamOutput,
  DescribeStreamInput,
  DescribeStreamOutput,
  ListStreamsInput,
  ListStreamsOutput,
} from "../shapes.generated";
import { checkStreamArn, checkTagKeys, streamInfo, streamRef } from "./refs";

export async function createStream(input: CreateStreamInput, context: RequestContext): Promise<CreateStreamOutput> {
  const { scope } = context;
  const tags = Object.entries(input.Tags ?? {});
  checkTagKeys(tags.map(([key]) => key));
  const retentionHours = input.DataRetentionInHours ?? 0;
  if (retentionHours > VIDEO_CONTROL.maxRetentionHours) {
    throw new InvalidArgumentException(
      `DataRetentionInHours ${retentionHours} is more than the maximum of ${VIDEO_CONTROL.maxRetentionHours} hours.`,
    );
  }
  const arn = unwrap(
    await videoRegistryFor(context.env, scope).create(scope, {
      name: input.StreamName,
      deviceName: input.DeviceName,
      mediaType: input.MediaType,
      kmsKeyId: input.KmsKeyId ?? defaultKmsKeyId(scope),
      retentionHours,
      storageTier: input.StreamStorageConfiguration?.DefaultStorageTier ?? "HOT",
      tags,
    }),
  );
  return { StreamARN: arn };
}

export async function describeStream(input: DescribeStreamInput, context: RequestContext): Promise<DescribeStreamOutput> {
  const stream = unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
  return { StreamInfo: streamInfo(stream) };
}

export async function listStreams(input: ListStreamsInput, context: RequestContext): Promise<ListStreamsOutput> {
  let after = "";
  if (input.NextToken !== undefined && input.NextToken !== "") {
    after = readListToken(input.NextToken) ?? invalidToken(input.NextToken);
  }
  const prefix = input.StreamNameCondition?.ComparisonValue ?? "";
  const limit = input.MaxResults ?? VIDEO_CONTROL.defaultListStreamsMaxResults;
  const page = unwrap(await videoRegistryFor(context.env, context.scope).list(after, prefix, limit));
  const last = page.streams.at(-1);
  return {
    StreamInfoList: page.streams.map(streamInfo),
    ...(page.more && last && { NextToken: listToken(last.name) }),
  };
}

export async function deleteStream(input: DeleteStreamInput, context: RequestContext): Promise<DeleteStreamOutput> {
  checkStreamArn(input.StreamARN, context.scope);
  unwrap(await videoRegistryFor(context.env, context.scope).delete(input.StreamARN, input.CurrentVersion));
  return {};
}

function invalidToken(token: string): never {
  throw new InvalidArgumentException(`NextToken ${token} is not a token ListStreams answered.`);
}
