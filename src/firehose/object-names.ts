/**
 * Names of delivered objects: `<evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`
 * (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html), where version is the
 * delivery stream's version (1, then one more per configuration change) and the time is in the
 * destination's CustomTimeZone.
 *
 * Everything random in a name (the UUID, `!{firehose:random-string}`) is derived from the batch id
 * and what the object holds, and the time is the batch's flush time, so delivering a batch again
 * writes the same keys: a retry overwrites instead of duplicating.
 */
import { compilePattern, zonedTime } from "./time-format";

const SUFFIX_TIME = compilePattern("yyyy-MM-dd-HH-mm-ss");
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

async function digest(parts: readonly string[]): Promise<Uint8Array> {
  const text = new TextEncoder().encode(parts.join("\u0000"));
  return new Uint8Array(await crypto.subtle.digest("SHA-256", text));
}

/** A version 4 UUID whose bits come from `parts` instead of a random source. */
export async function derivedUuid(parts: readonly string[]): Promise<string> {
  const bytes = (await digest(parts)).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `length` alphanumeric characters derived from `parts`. */
export async function derivedString(parts: readonly string[], length: number): Promise<string> {
  const bytes = await digest(parts);
  return Array.from(bytes.slice(0, length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

export interface ObjectNameParts {
  prefix: string;
  streamName: string;
  version: string;
  timeMs: number;
  timeZone?: string;
  uuid: string;
  extension: string;
}

export function objectKey(parts: ObjectNameParts): string {
  const time = SUFFIX_TIME(zonedTime(parts.timeMs, parts.timeZone));
  return `${parts.prefix}${parts.streamName}-${parts.version}-${time}-${parts.uuid}${parts.extension}`;
}
