/**
 * Reference data (ReferenceDataSource): the S3 object, read from the R2 bucket its BucketARN names
 * (resolved as Firehose resolves BucketARNs, firehose/buckets.ts) when the application starts and
 * whenever it is updated, never in between (AWS: "does not refresh the in-application reference
 * table automatically"). The whole object is one record for the source's ReferenceSchema: a CSV
 * object's lines are the table's rows, a JSON object's documents (one per line, or one after another)
 * are. A row whose values do not convert goes to error_stream.
 *
 * Deliberate difference: AWS starts the application with an empty table when it cannot read the
 * object; ours refuses to start (or update), saying why, so a typo is not silently an empty join.
 */
import { InvalidArgumentException, ResourceNotFoundException } from "../../aws/errors";
import { resolveBucket } from "../../firehose/buckets";
import { RUNNER } from "./limits";
import type { ReferencePlan } from "./plan";

export async function loadReferenceObject(env: Env, ref: ReferencePlan): Promise<Uint8Array> {
  const bucket = resolveBucket(env, ref.bucketArn);
  if (!bucket) throw new InvalidArgumentException(`Reference data source ${ref.table}: no R2 bucket is bound for ${ref.bucketArn}`);
  const object = await bucket.get(ref.fileKey);
  if (!object) throw new ResourceNotFoundException(`Reference data source ${ref.table}: the object ${ref.fileKey} does not exist in ${ref.bucketArn}`);
  if (object.size > RUNNER.maxReferenceBytes) {
    throw new InvalidArgumentException(`Reference data source ${ref.table}: the object ${ref.fileKey} is larger than ${RUNNER.maxReferenceBytes} bytes`);
  }
  return new Uint8Array(await object.arrayBuffer());
}

/** The table's rows from the object (raw values, which the engine converts), or why they could not be read. */
export function referenceRows(ref: ReferencePlan, data: Uint8Array): unknown[][] {
  const result = ref.reader.read(data);
  if (!result.ok) throw new InvalidArgumentException(`Reference data source ${ref.table}: ${result.error}`);
  return result.rows;
}
