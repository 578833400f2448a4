/** Identifiers as AWS spells them. */

/** `shardId-000000000007`; a negative index (only ever read from a foreign sequence number) as AWS writes it, `shardId--00000000007`. */
export function shardIdOf(index: number): string {
  return index < 0 ? `shardId--${String(-index).padStart(11, "0")}` : `shardId-${String(index).padStart(12, "0")}`;
}

/** The largest shard index AWS reads from a ShardId: a signed 32-bit integer's. */
const MAX_SHARD_INDEX = 2_147_483_647;

/**
 * The index a ShardId names, read as AWS reads one (kinesalite's tests against AWS): the digits
 * between its first and second `-`, or the whole id when nothing follows a `-`. So
 * `shardId-000000000005`, `shardId-5`, `5` and `anything-5` all name shard 5. Undefined when that
 * is not a number of at most 2^31 - 1: AWS then answers that it could not find the shard.
 */
export function shardIndexOf(shardId: string): number | undefined {
  // An empty second part (`5-`, or no `-` at all) means the whole id.
  const digits = shardId.split("-")[1] || shardId;
  if (!/^\d+$/.test(digits)) return undefined;
  const index = Number(digits);
  return index <= MAX_SHARD_INDEX ? index : undefined;
}

export function streamArn(region: string, account: string, name: string): string {
  return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
}

/** Splits a stream ARN into its parts; undefined when it is not a Kinesis stream ARN. */
export function parseStreamArn(arn: string): { region: string; account: string; name: string } | undefined {
  const match = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([^/]+)$/.exec(arn);
  if (!match) return undefined;
  const [, region = "", account = "", name = ""] = match;
  return { region, account, name };
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A StreamId in the model's shape `[a-z0-9]{20}-[a-z0-9]{3}`; it names the stream's shard objects. */
export function newStreamId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(23));
  const chars = Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
  return `${chars.slice(0, 20)}-${chars.slice(20)}`;
}
