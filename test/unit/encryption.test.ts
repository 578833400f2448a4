/** Server-side encryption's pieces: the master key, KMS's not-found messages, sealing and opening records. */
import { describe, expect, it } from "vitest";
import { keyNotFound, masterKey, RecordCipher } from "../../src/streams/encryption";

const env = (vars: Partial<Env>) => vars as Env;
const WHERE = { account: "111122223333", region: "eu-west-1" };

describe("server-side encryption", () => {
  it("uses the configured master key, the development key only locally, and none otherwise", () => {
    const secret = new Uint8Array(32).fill(7);
    expect(masterKey(env({ RIVULET_ENCRYPTION_KEY: secret.toBase64() }))).toEqual(secret);
    expect(masterKey(env({ RIVULET_LOCAL: "1" }))?.byteLength).toBe(32);
    expect(masterKey(env({}))).toBeUndefined();
    expect(() => masterKey(env({ RIVULET_ENCRYPTION_KEY: new Uint8Array(16).toBase64() }))).toThrow(/32 bytes/);
  });

  it("says what KMS says about keys it does not hold", () => {
    expect(keyNotFound("alias/aws/kinesis", WHERE).body()).toEqual({
      __type: "KMSNotFoundException",
      message: "Alias arn:aws:kms:eu-west-1:111122223333:alias/aws/kinesis is not found.",
    });
    expect(keyNotFound("1234abcd-12ab-34cd-56ef-1234567890ab", WHERE).awsMessage).toBe(
      "Key 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist",
    );
    expect(keyNotFound("arn:aws:kms:us-east-1:444455556666:key/k", WHERE).awsMessage).toBe("Key 'arn:aws:kms:us-east-1:444455556666:key/k' does not exist");
  });

  it("seals records so that only the same key of the same shard opens them", async () => {
    const master = new Uint8Array(32).fill(1);
    const cipher = new RecordCipher(master, "stream/0");
    const data = new TextEncoder().encode("hello");
    const [sealed] = await cipher.seal("alias/a", [{ partitionKey: "κλειδί", data }]);
    if (!sealed) throw new Error("nothing sealed");
    expect(new TextDecoder().decode(sealed)).not.toContain("hello");
    expect(await cipher.open("alias/a", sealed)).toEqual({ partitionKey: "κλειδί", data });
    await expect(cipher.open("alias/b", sealed)).rejects.toThrow();
    await expect(new RecordCipher(master, "stream/1").open("alias/a", sealed)).rejects.toThrow();
    // A fresh nonce each time: the same record never seals the same way twice.
    const [again] = await cipher.seal("alias/a", [{ partitionKey: "κλειδί", data }]);
    expect(again).not.toEqual(sealed);
  });
});
