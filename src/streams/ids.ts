/** Identifiers as AWS spells them. */

/** `shardId-000000000007`; a negative index (only ever read from a foreign sequence number) as AWS writes it, `shardId--00000000007`. */
export function shardIdOf(index: number): string {
  return index < 0 ? `shardId--${String(-index).padStart(11, "0")}` : `shardId-${String(index).padStart(12, "0")}`;
}

/** The index of a `shardId-000000000007`-style id, or undefined for anything else. */
export function shardIndexOf(shardId: string): number | undefined {
  const match = /^shardId-(\d{1,12})$/.exec(shardId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
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
