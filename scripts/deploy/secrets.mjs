import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The Worker's secrets as a deployment takes them: `wrangler deploy --secrets-file`, a private
// temporary JSON file (JSON, not dotenv: dotenv would expand `$` in a secret), removed right after.
// The secrets travel with the version, so a first deployment is never up without its keys.

/** Secrets this script sets when they are in its environment. */
export const SECRET_NAMES = /** @type {const} */ (["RIVULET_ACCESS_KEYS", "RIVULET_ENCRYPTION_KEY"]);

/**
 * Checks RIVULET_ACCESS_KEYS' form here, where the mistake is easy to see, rather than as a
 * deployment that refuses everyone (the Worker's parseAccessKeys throws on it).
 * @param {string} value
 */
export function checkAccessKeys(value) {
  const entries = value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (entries.length === 0) throw new Error("RIVULET_ACCESS_KEYS is empty");
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(":");
    if (colon <= 0 || colon === entry.length - 1) {
      throw new Error(`RIVULET_ACCESS_KEYS: entry ${i + 1} is not of the form KEYID:SECRET`);
    }
  });
}

/** @param {string} value */
export function checkEncryptionKey(value) {
  if (Buffer.from(value.trim(), "base64").length !== 32) {
    throw new Error("RIVULET_ENCRYPTION_KEY must be base64 of 32 bytes (openssl rand -base64 32)");
  }
}

/**
 * A new access key in AWS's shapes: a 20-character id and a 40-character secret.
 * @returns {{ id: string, secret: string }}
 */
export function generateAccessKey() {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const id = `AKRV${[...randomBytes(16)].map((byte) => alphabet[byte % 32]).join("")}`;
  const secret = randomBytes(30).toString("base64");
  return { id, secret };
}

/**
 * @param {Record<string, string>} secrets
 * @returns {{ path: string, remove(): void }}
 */
export function writeSecretsFile(secrets) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rivulet-deploy-"));
  const file = path.join(dir, "secrets.json");
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  return { path: file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
