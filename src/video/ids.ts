/**
 * Video Streams' identifiers: stream ARNs (`arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<creation
 * time in ms>`, as AWS writes them), versions, the default KMS key and list tokens.
 */
import type { Scope } from "../aws/scope";

export interface ResourceArn {
  partition: string;
  region: string;
  account: string;
  /** `stream` or `channel`. */
  type: string;
  name: string;
  /** The creation time in milliseconds that ends every Video ARN. */
  stamp: string;
}

const ARN = /^arn:([a-z\d-]+):kinesisvideo:([a-z0-9-]+):([0-9]+):([a-z]+)\/([a-zA-Z0-9_.-]+)\/([0-9]+)$/;

export function videoStreamArn(scope: Scope, name: string, createdMs: number): string {
  return `arn:aws:kinesisvideo:${scope.region}:${scope.account}:stream/${name}/${createdMs}`;
}

/** The parts of a Video ARN (the model's ResourceARN pattern), or undefined. */
export function parseVideoArn(arn: string): ResourceArn | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, partition = "", region = "", account = "", type = "", name = "", stamp = ""] = match;
  return { partition, region, account, type, name, stamp };
}

const VERSION_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A new stream version: 20 letters and digits (the model's Version is `[a-zA-Z0-9]+`, up to 64). */
export function newVersion(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(20)), (byte) => VERSION_ALPHABET.charAt(byte % VERSION_ALPHABET.length)).join("");
}

/** "If no key ID is specified, the default, Kinesis Video-managed key (aws/kinesisvideo) is used." */
export function defaultKmsKeyId(scope: Scope): string {
  return `arn:aws:kms:${scope.region}:${scope.account}:alias/aws/kinesisvideo`;
}

/** ListStreams' NextToken: the last stream name of the page, base64 (the model's NextToken is `[a-zA-Z0-9+/=]*`). */
export function listToken(lastName: string): string {
  return new TextEncoder().encode(lastName).toBase64();
}

/** The name a NextToken continues after, or undefined when it is not one of ours. */
export function readListToken(token: string): string | undefined {
  try {
    const name = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.fromBase64(token));
    return /^[a-zA-Z0-9_.-]+$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
