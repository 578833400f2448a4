/**
 * Server-side encryption of records at rest (StartStreamEncryption). Rivulet has no KMS: the
 * deployment holds one master secret, RIVULET_ENCRYPTION_KEY, and every KMS KeyId names the key
 * HKDF-SHA256 derives from it. A shard seals each record (partition key and data together, as AWS's
 * server-side encryption covers both) with AES-256-GCM under the key for its stream's KeyId and for
 * that shard, so no two shards ever share a key and each key's random nonces stay far from GCM's limits.
 *
 * Stored form of a sealed record: `nonce (12 bytes) || AES-GCM(u16 partition key length || partition
 * key || data)`, with the partition key column left empty.
 */
import { KMSNotFoundException, type AwsError } from "../aws/errors";
import type { Scope } from "../aws/scope";
import { isLocal } from "../local";

/**
 * The master key local mode (`npm start`, `wrangler dev`) uses when RIVULET_ENCRYPTION_KEY is not set. It is in the source code,
 * so it keeps nothing secret: it only lets encryption be tried out locally. Deployed Workers never use it.
 */
const DEVELOPMENT_MASTER_KEY = new TextEncoder().encode("rivulet-DEVELOPMENT-ONLY-key-32b");

const MASTER_KEY_BYTES = 32;
const NONCE_BYTES = 12;
/** Binds derived keys to this use, so the master secret could serve other purposes without overlap. */
const HKDF_SALT = new TextEncoder().encode("rivulet/kinesis/server-side-encryption/v1");

/**
 * The master key, or undefined when this deployment has none (encryption then cannot be started).
 * A secret that is set but malformed is a deployment mistake, reported as such rather than ignored.
 */
export function masterKey(env: Env): Uint8Array | undefined {
  const secret = env.RIVULET_ENCRYPTION_KEY;
  if (secret === undefined || secret === "") return isLocal(env) ? DEVELOPMENT_MASTER_KEY : undefined;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(secret.trim());
  } catch {
    throw new Error("RIVULET_ENCRYPTION_KEY is not base64");
  }
  if (bytes.byteLength !== MASTER_KEY_BYTES) {
    throw new Error(`RIVULET_ENCRYPTION_KEY must be ${MASTER_KEY_BYTES} bytes, not ${bytes.byteLength}`);
  }
  return bytes;
}

/**
 * What KMS says about a key it does not hold (a deployment without a master secret holds none):
 * `NotFoundException: Key '<key ARN>' does not exist`, or for aliases `Alias <alias ARN> is not found.`,
 * surfaced by Kinesis as KMSNotFoundException.
 */
export function keyNotFound(keyId: string, where: Scope): AwsError {
  const prefix = `arn:aws:kms:${where.region}:${where.account}:`;
  if (keyId.startsWith("alias/")) return new KMSNotFoundException(`Alias ${prefix}${keyId} is not found.`);
  if (/^arn:aws[^:]*:kms:[^:]*:\d{12}:alias\//.test(keyId)) return new KMSNotFoundException(`Alias ${keyId} is not found.`);
  const arn = keyId.startsWith("arn:") ? keyId : `${prefix}key/${keyId}`;
  return new KMSNotFoundException(`Key '${arn}' does not exist`);
}

export interface PlainRecord {
  partitionKey: string;
  data: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals and opens one shard's records; derived keys are kept for the life of the object. */
export class RecordCipher {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  /** `scope` names the shard (its Durable Object name): each shard derives keys of its own. */
  constructor(
    private readonly master: Uint8Array,
    private readonly scope: string,
  ) {}

  /** Seals a batch at once: the records' encryptions run side by side. */
  async seal(keyId: string, records: readonly PlainRecord[]): Promise<Uint8Array[]> {
    const key = await this.key(keyId);
    return Promise.all(records.map((record) => sealOne(key, record)));
  }

  async open(keyId: string, sealed: Uint8Array): Promise<PlainRecord> {
    const key = await this.key(keyId);
    const nonce = sealed.subarray(0, NONCE_BYTES);
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, key, sealed.subarray(NONCE_BYTES)));
    const keyLength = (plain[0] ?? 0) * 256 + (plain[1] ?? 0);
    return {
      partitionKey: decoder.decode(plain.subarray(2, 2 + keyLength)),
      data: plain.subarray(2 + keyLength),
    };
  }

  private key(keyId: string): Promise<CryptoKey> {
    let key = this.keys.get(keyId);
    if (!key) {
      key = deriveKey(this.master, `${keyId}\n${this.scope}`);
      this.keys.set(keyId, key);
    }
    return key;
  }
}

async function deriveKey(master: Uint8Array, info: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", master, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: encoder.encode(info) },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

async function sealOne(key: CryptoKey, record: PlainRecord): Promise<Uint8Array> {
  const partitionKey = encoder.encode(record.partitionKey);
  const plain = new Uint8Array(2 + partitionKey.byteLength + record.data.byteLength);
  plain[0] = partitionKey.byteLength >> 8;
  plain[1] = partitionKey.byteLength & 0xff;
  plain.set(partitionKey, 2);
  plain.set(record.data, 2 + partitionKey.byteLength);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, key, plain));
  const stored = new Uint8Array(NONCE_BYTES + sealed.byteLength);
  stored.set(nonce);
  stored.set(sealed, NONCE_BYTES);
  return stored;
}
