/**
 * Sending S3 requests to the Worker as the S3 clients send them: signed by @smithy/signature-v4
 * configured as @aws-sdk/client-s3 is (path encoded once, x-amz-content-sha256 signed), through the
 * Worker's fetch handler, or straight to serveS3 with access keys configured (the test Worker runs
 * without keys, which accepts any signature). Also builds aws-chunked bodies, signed or not, as the
 * SDKs frame them.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import { systemClock } from "../../../src/clock";
import { serveS3 } from "../../../src/s3/api";
import { env } from "../client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
export const BUCKET = "rivulet-deliveries";
const HOST = "127.0.0.1:4567";
export const REGION = "eu-west-1";
export const credentials = { accessKeyId: "AKIDS3TEST", secretAccessKey: "s3-test-secret" };

export interface S3Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Sign this as the payload hash instead of the body's (UNSIGNED-PAYLOAD, STREAMING-...). */
  payloadHash?: string;
  /** Through serveS3 with this key configured, so that signatures are checked. */
  withKeys?: boolean;
}

export interface Signed {
  response: Response;
  /** The request's signature (the seed of chunk signatures). */
  signature: string;
  date: Date;
}

/** Signs and sends; answers the response. */
export async function s3(call: S3Call): Promise<Response> {
  return (await s3Signed(call)).response;
}

export async function s3Signed(call: S3Call, bodyAfterSigning?: (signature: string, date: Date) => Promise<Uint8Array>): Promise<Signed> {
  const date = new Date();
  const signer = new SignatureV4({ service: "s3", region: REGION, credentials, sha256: Sha256Js, uriEscapePath: false });
  const body = typeof call.body === "string" ? new TextEncoder().encode(call.body) : call.body;
  const headers: Record<string, string> = { host: HOST, ...call.headers };
  headers["x-amz-content-sha256"] ??= call.payloadHash ?? (await sha256Hex(body ?? new Uint8Array()));
  const request = new HttpRequest({ method: call.method ?? "GET", protocol: "http:", hostname: "127.0.0.1", port: 4567, path: call.path, query: call.query ?? {}, headers, body });
  const signed = await signer.sign(request, { signingDate: date });
  const signature = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  const url = new URL(`http://${HOST}${signed.path}`);
  const search = Object.entries(signed.query as Record<string, string>)
    .map(([k, v]) => (v === null || v === "" ? encode(k) : `${encode(k)}=${encode(v)}`))
    .join("&");
  if (search) url.search = `?${search}`;
  const sent = bodyAfterSigning ? await bodyAfterSigning(signature, date) : body;
  const init = { method: signed.method, headers: signed.headers as Record<string, string>, body: sent };
  const response = call.withKeys
    ? await serveS3(new Request(url, init), { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: `${credentials.accessKeyId}:${credentials.secretAccessKey}` }, systemClock)
    : await worker.fetch(url.toString(), init);
  return { response, signature, date };
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A key's path as the S3 clients spell it: each segment RFC 3986-encoded once. */
export function keyPath(key: string, bucket = BUCKET): string {
  return `/${bucket}/${key.split("/").map(encode).join("/")}`;
}

export function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1] ?? "");
}

/** The error code of an S3 error response. */
export async function errorCode(response: Response): Promise<string | undefined> {
  return tags(await response.text(), "Code")[0];
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function md5Base64(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return new Uint8Array(await crypto.subtle.digest("MD5", data)).toBase64();
}

export function bytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

const encoder = new TextEncoder();

/** An unsigned aws-chunked body with trailers (STREAMING-UNSIGNED-PAYLOAD-TRAILER), as @aws-sdk/client-s3 frames it. */
export function unsignedChunked(data: Uint8Array, chunkSize: number, trailers: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += chunkSize) {
    const chunk = data.subarray(at, at + chunkSize);
    parts.push(encoder.encode(`${chunk.length.toString(16)}\r\n`), chunk, encoder.encode("\r\n"));
  }
  parts.push(encoder.encode("0\r\n"));
  for (const [name, value] of Object.entries(trailers)) parts.push(encoder.encode(`${name}:${value}\r\n`));
  parts.push(encoder.encode("\r\n"));
  return concat(parts);
}

/**
 * A signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or -TRAILER with trailers), each
 * chunk's signature chained from `seed`. `tamper` changes a byte of the data after signing.
 */
export async function signedChunked(
  data: Uint8Array,
  chunkSize: number,
  seed: string,
  date: Date,
  trailers?: Record<string, string>,
  tamper = false,
): Promise<Uint8Array> {
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const scope = `${stamp.slice(0, 8)}/${REGION}/s3/aws4_request`;
  const key = await signingKey(stamp.slice(0, 8));
  const parts: Uint8Array[] = [];
  let previous = seed;
  const sign = async (text: string) => hex(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text))));
  const emptyHash = await sha256Hex(new Uint8Array());
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += chunkSize) chunks.push(data.subarray(at, at + chunkSize));
  chunks.push(new Uint8Array());
  for (const chunk of chunks) {
    previous = await sign(["AWS4-HMAC-SHA256-PAYLOAD", stamp, scope, previous, emptyHash, await sha256Hex(chunk)].join("\n"));
    const sent = tamper && chunk.length > 0 ? chunk.map((byte, i) => (i === 0 ? byte ^ 1 : byte)) : chunk;
    parts.push(encoder.encode(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), sent);
    if (chunk.length > 0 || !trailers) parts.push(encoder.encode("\r\n"));
  }
  if (trailers) {
    const text = Object.entries(trailers)
      .map(([name, value]) => `${name}:${value}\n`)
      .join("");
    const signature = await sign(["AWS4-HMAC-SHA256-TRAILER", stamp, scope, previous, await sha256Hex(encoder.encode(text))].join("\n"));
    for (const [name, value] of Object.entries(trailers)) parts.push(encoder.encode(`${name}:${value}\r\n`));
    parts.push(encoder.encode(`x-amz-trailer-signature:${signature}\r\n\r\n`));
  }
  return concat(parts);
}

async function signingKey(day: string): Promise<CryptoKey> {
  let key: ArrayBuffer | Uint8Array = encoder.encode(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, REGION, "s3", "aws4_request"]) {
    const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    key = await crypto.subtle.sign("HMAC", imported, encoder.encode(part));
  }
  return crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
