/**
 * Shared pieces of the OpenSearch and Splunk destination tests: talking to the fake cluster and
 * collector (search-endpoints.ts) and reading the error records of the S3 backup.
 */
import { expect } from "vitest";
import { decode, objects, uniqueName } from "./helpers";
import { OPENSEARCH_HOST, SPLUNK_HOST, type ClusterScript, type ClusterState, type CollectorScript, type CollectorState } from "./search-endpoints";

async function control<T>(host: string, path: string, name: string, body?: unknown): Promise<T> {
  const response = await fetch(`https://${host}/_control/${path}?name=${encodeURIComponent(name)}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** A cluster of its own: its name, and the URL a ClusterEndpoint gives for it. */
export function newCluster(): { name: string; url: string } {
  const name = uniqueName("cluster");
  return { name, url: `https://${OPENSEARCH_HOST}/${name}` };
}

export const scriptCluster = (name: string, script: ClusterScript) => control<unknown>(OPENSEARCH_HOST, "script", name, script);
export const clusterState = (name: string) => control<ClusterState>(OPENSEARCH_HOST, "state", name);

export function newCollector(): { name: string; url: string } {
  const name = uniqueName("collector");
  return { name, url: `https://${SPLUNK_HOST}/${name}` };
}

export const scriptCollector = (name: string, script: CollectorScript) => control<unknown>(SPLUNK_HOST, "script", name, script);
export const collectorState = (name: string) => control<CollectorState>(SPLUNK_HOST, "state", name);

/** An error record of the S3 backup, with every member AWS writes for OpenSearch and Splunk. */
export interface ErrorRecord {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: string;
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  esDocumentId?: string | null;
  esIndexName?: string;
  esTypeName?: string | null;
  osDocumentId?: string | null;
  osIndexName?: string;
  EventId?: string;
}

/** Every error record under `prefix`, with the key of the object holding it. */
export async function errorRecords(prefix: string): Promise<(ErrorRecord & { key: string; raw: string })[]> {
  return (await objects(prefix)).flatMap((object) =>
    decode(object.body)
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const record = JSON.parse(line) as ErrorRecord;
        return { ...record, key: object.key, raw: decode(Uint8Array.fromBase64(record.rawData)) };
      }),
  );
}

/** `count` JSON records `{"tag", "i"}` (and `extra(i)`), newline-terminated as producers often send them. */
export const numbered = (tag: string, count: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: count }, (_, i) => `${JSON.stringify({ tag, i, ...extra(i) })}\n`);
