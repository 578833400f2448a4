/**
 * Image generation's destination: `s3://<bucket>[/<prefix>]` (DestinationConfig.Uri), the bucket resolved to
 * this Worker's R2 binding as Firehose resolves a BucketARN (firehose/buckets.ts). Objects are named as AWS
 * names them: `<prefix><ImagePrefix>_<AccountID>_<StreamName>_<ImageTimecode>_<RandomID>.<jpg|png>`, where the
 * Uri's prefix is followed by `/` when it has none of its own.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { resolveBucket } from "../../firehose/buckets";

export interface ImageDestination {
  bucket: R2Bucket;
  bucketName: string;
  /** The key prefix from the Uri's path ("" or ending in "/"). */
  prefix: string;
}

const S3_URI = /^s3:\/\/([^/]+)(?:\/(.*))?$/;

export function imageDestination(uri: string, env: Env): ImageDestination {
  const match = S3_URI.exec(uri);
  const bucketName = match?.[1];
  if (!match || bucketName === undefined) throw new InvalidArgumentException(`DestinationConfig.Uri ${uri} must be an S3 URI: s3://<bucket>[/<prefix>].`);
  const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
  if (!bucket) throw new InvalidArgumentException(`The bucket ${bucketName} cannot be reached: it is not an R2 bucket bound to this deployment (README: Destinations: S3 on R2).`);
  const path = match[2] ?? "";
  return { bucket, bucketName, prefix: path === "" || path.endsWith("/") ? path : `${path}/` };
}
