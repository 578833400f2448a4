/**
 * From an S3 BucketARN to the R2 bucket bound to this Worker.
 *
 * `arn:aws:s3:::<bucket>` names the binding given for exactly `<bucket>` in the `RIVULET_BUCKETS`
 * variable (a JSON object, bucket name to binding name) when it has one; otherwise, for a name of
 * lower-case letters, digits and hyphens, the binding whose name is the bucket name upper-cased with
 * `-` turned into `_` (`rivulet-deliveries` → `RIVULET_DELIVERIES`). That is one binding per name and
 * one name per binding: `RIVULET-DELIVERIES`, `rivulet.deliveries` or `rivulet_deliveries` are other
 * buckets, and name no binding unless RIVULET_BUCKETS maps them. A bucket that names no R2 binding is
 * one Firehose cannot reach (and S3 answers NoSuchBucket).
 */
import { nameMap } from "./name-map";

/** A bucket name that names its binding by itself (S3 allows dots too; those need RIVULET_BUCKETS). */
const PLAIN_BUCKET_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export function bucketNameOf(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(":::") + 3);
}

function bindingNameOf(env: Env, bucketName: string): string | undefined {
  const map = bucketMap(env);
  if (Object.hasOwn(map, bucketName)) return map[bucketName];
  return PLAIN_BUCKET_NAME.test(bucketName) ? bucketName.toUpperCase().replace(/-/g, "_") : undefined;
}

function bucketMap(env: Env): Record<string, string> {
  return nameMap(env.RIVULET_BUCKETS, "RIVULET_BUCKETS");
}

function isR2Bucket(value: unknown): value is R2Bucket {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  // Service bindings answer every property as an RPC method, but only they have fetch.
  if (typeof candidate.fetch === "function") return false;
  return typeof candidate.put === "function" && typeof candidate.get === "function" && typeof candidate.list === "function";
}

/** The R2 bucket a BucketARN names, or undefined when this Worker has no such binding. */
export function resolveBucket(env: Env, bucketArn: string): R2Bucket | undefined {
  const name = bindingNameOf(env, bucketNameOf(bucketArn));
  const bindings = env as unknown as Record<string, unknown>;
  const binding = name !== undefined && Object.hasOwn(bindings, name) ? bindings[name] : undefined;
  return isR2Bucket(binding) ? binding : undefined;
}

/**
 * The names of the buckets this Worker can reach, for S3's ListBuckets: those of RIVULET_BUCKETS,
 * and each other R2 binding under the name that maps back to it (lower-case, `-` for `_`; a binding
 * whose bucket is spelled otherwise is still reachable by that name, just not listed).
 */
export function boundBucketNames(env: Env): string[] {
  const names = new Set(Object.keys(bucketMap(env)));
  for (const [binding, value] of Object.entries(env as unknown as Record<string, unknown>)) {
    if (isR2Bucket(value)) names.add(binding.toLowerCase().replace(/_/g, "-"));
  }
  return [...names].filter((name) => resolveBucket(env, `arn:aws:s3:::${name}`) !== undefined).sort();
}
