/**
 * What every stream operation does first: the stream its input names (StreamName or StreamARN),
 * with ARNs of another account or region refused before the registry is asked, and the views the
 * operations answer with.
 */
import { InvalidArgumentException, NotAuthorizedException } from "../../aws/errors";
import type { Scope } from "../../aws/scope";
import { parseVideoArn } from "../ids";
import { streamNotFound, type StreamRef, type VideoStreamView } from "../registry";
import type { StreamInfo } from "../shapes.generated";

/** The stream named by `StreamName` and/or `StreamARN`. */
export function streamRef(input: { StreamName?: string | undefined; StreamARN?: string | undefined }, scope: Scope): StreamRef {
  if (input.StreamARN !== undefined) checkStreamArn(input.StreamARN, scope);
  return { name: input.StreamName, arn: input.StreamARN };
}

/**
 * An ARN this account and region could hold a stream under: another account's is not the caller's
 * to use (NotAuthorizedException); another region's, or a channel's, names no stream here.
 */
export function checkStreamArn(arn: string, scope: Scope): void {
  const parsed = parseVideoArn(arn);
  if (!parsed) throw new InvalidArgumentException(`${arn} is not a Kinesis Video Streams ARN.`);
  if (parsed.account !== scope.account) throw new NotAuthorizedException("The caller is not authorized to perform this operation.");
  if (parsed.region !== scope.region || parsed.type !== "stream") throw streamNotFound();
}

export function streamInfo(stream: VideoStreamView): StreamInfo {
  return {
    ...(stream.deviceName !== null && { DeviceName: stream.deviceName }),
    StreamName: stream.name,
    StreamARN: stream.arn,
    ...(stream.mediaType !== null && { MediaType: stream.mediaType }),
    KmsKeyId: stream.kmsKeyId,
    Version: stream.version,
    Status: stream.status,
    CreationTime: new Date(stream.createdMs),
    DataRetentionInHours: stream.retentionHours,
  };
}

/** Tag keys AWS keeps for itself. */
export function checkTagKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    if (key.toLowerCase().startsWith("aws:")) {
      throw new InvalidArgumentException(`The tag key ${key} begins with aws:, which is reserved for AWS's own tags.`);
    }
  }
}
