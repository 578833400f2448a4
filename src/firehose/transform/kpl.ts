/**
 * KPL aggregated records (https://github.com/awslabs/amazon-kinesis-producer/blob/master/aggregation-format.md):
 *
 *   0xF3 0x89 0x9A 0xC2 | protobuf AggregatedRecord | MD5 of the protobuf bytes (16 bytes)
 *
 *   message AggregatedRecord { repeated string partition_key_table = 1;
 *                              repeated string explicit_hash_key_table = 2;
 *                              repeated Record records = 3; }
 *   message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *                    required bytes data = 3; repeated Tag tags = 4; }
 *
 * Firehose de-aggregates KPL records read from a Kinesis stream before anything else sees them
 * (basic-deliver.html). Data without the magic number is not aggregated and passes as it is; data
 * with it whose checksum or message is wrong is corrupt (the KCL would hand it on unread; Firehose's
 * handling is not documented, and Rivulet fails the record so the damage is visible).
 */
import { ProtobufError, ProtobufReader } from "./protobuf";

const KPL_MAGIC = new Uint8Array([0xf3, 0x89, 0x9a, 0xc2]);
const CHECKSUM_BYTES = 16;

export class KplError extends Error {}

export interface KplUserRecord {
  partitionKey: string;
  explicitHashKey?: string;
  data: Uint8Array;
}

export function isKplAggregated(data: Uint8Array): boolean {
  return data.length >= KPL_MAGIC.length && KPL_MAGIC.every((byte, i) => data[i] === byte);
}

const text = new TextDecoder();

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function index(value: bigint | undefined, table: string[], name: string): string | undefined {
  if (value === undefined) return undefined;
  const key = value < BigInt(table.length) ? table[Number(value)] : undefined;
  if (key === undefined) throw new KplError(`${name} index ${value} is outside its table of ${table.length}`);
  return key;
}

function readRecord(bytes: Uint8Array, partitionKeys: string[], hashKeys: string[]): KplUserRecord {
  const reader = new ProtobufReader(bytes);
  let partitionKeyIndex: bigint | undefined;
  let hashKeyIndex: bigint | undefined;
  let data: Uint8Array | undefined;
  while (!reader.done) {
    const field = reader.next();
    if (field.number === 1 && field.wireType === 0) partitionKeyIndex = field.value;
    else if (field.number === 2 && field.wireType === 0) hashKeyIndex = field.value;
    else if (field.number === 3 && field.wireType === 2) data = field.bytes;
    else if (field.number <= 3) throw new KplError(`field ${field.number} of a record has wire type ${field.wireType}`);
    // Tags (4) and unknown fields are skipped.
  }
  if (partitionKeyIndex === undefined) throw new KplError("a record has no partition_key_index");
  if (data === undefined) throw new KplError("a record has no data");
  const partitionKey = index(partitionKeyIndex, partitionKeys, "partition_key") ?? "";
  const explicitHashKey = index(hashKeyIndex, hashKeys, "explicit_hash_key");
  return explicitHashKey === undefined ? { partitionKey, data: data.slice() } : { partitionKey, explicitHashKey, data: data.slice() };
}

/** The user records of a KPL aggregated record; throws KplError when it is corrupt. */
export async function deaggregateKpl(data: Uint8Array): Promise<KplUserRecord[]> {
  if (data.length < KPL_MAGIC.length + CHECKSUM_BYTES) throw new KplError("too short for a checksum");
  const message = data.subarray(KPL_MAGIC.length, data.length - CHECKSUM_BYTES);
  const checksum = data.subarray(data.length - CHECKSUM_BYTES);
  const digest = new Uint8Array(await crypto.subtle.digest("MD5", message));
  if (!equal(digest, checksum)) throw new KplError("the MD5 checksum does not match");
  const partitionKeys: string[] = [];
  const hashKeys: string[] = [];
  const records: Uint8Array[] = [];
  try {
    const reader = new ProtobufReader(message);
    while (!reader.done) {
      const field = reader.next();
      if (field.number >= 1 && field.number <= 3 && field.wireType !== 2) {
        throw new KplError(`field ${field.number} of the aggregated record has wire type ${field.wireType}`);
      }
      if (field.number === 1) partitionKeys.push(text.decode(field.bytes));
      else if (field.number === 2) hashKeys.push(text.decode(field.bytes));
      else if (field.number === 3) records.push(field.bytes);
    }
    return records.map((bytes) => readRecord(bytes, partitionKeys, hashKeys));
  } catch (error) {
    if (error instanceof ProtobufError) throw new KplError(error.message);
    throw error;
  }
}
