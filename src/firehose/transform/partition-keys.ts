/**
 * MetadataExtraction: the partition keys of a record by inline parsing (partitionKeyFromQuery), with
 * AWS's jq (JsonParsingEngine JQ-1.6) or, as a Rivulet extension, JSONata (JSONATA), whose
 * expression must evaluate to an object of keys.
 *
 * A partition key is a string. A string value is used as it is; numbers and booleans are written as
 * jq writes them (1565382027, 1.5, true); null (the key is missing) and objects or arrays fail the
 * record, as does a record that is not JSON. (AWS documents only that such records go to the error
 * output; the conversions are jq's.)
 */
import { EXTRACTION_FAILURES, type Failure } from "./failures";
import type { JqQuery } from "./jq";
import { JqError } from "./jq";
import { type Json, isObject, jqType, parseJson } from "./json";
import { evaluateJsonata } from "./jsonata";

export type Extraction = { engine: "JQ-1.6"; query: JqQuery } | { engine: "JSONATA"; expression: string };

export type KeysOrFailure = { keys: Record<string, string> } | { failure: Failure };

function keyText(key: string, value: Json | undefined): string | Failure {
  if (value === undefined || value === null) return EXTRACTION_FAILURES.missingKey(key);
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : EXTRACTION_FAILURES.badValue(key, "not a finite number");
  if (typeof value === "boolean") return String(value);
  return EXTRACTION_FAILURES.badValue(key, `${jqType(value) === "array" ? "an array" : "an object"}`);
}

/** Converts extracted values to partition keys, or the failure of the first that cannot be one. */
export function partitionKeys(values: Record<string, Json | undefined>): KeysOrFailure {
  const keys: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const text = keyText(key, value);
    if (typeof text !== "string") return { failure: text };
    keys[key] = text;
  }
  return { keys };
}

export async function extractKeys(extraction: Extraction, data: Uint8Array, now: () => number): Promise<KeysOrFailure> {
  const record = parseJson(data);
  if (record === undefined) return { failure: EXTRACTION_FAILURES.notJson };
  if (extraction.engine === "JQ-1.6") {
    try {
      return partitionKeys(extraction.query.evaluate(record));
    } catch (error) {
      if (error instanceof JqError) return { failure: EXTRACTION_FAILURES.query(error.message) };
      throw error;
    }
  }
  let result: unknown;
  try {
    result = await evaluateJsonata(extraction.expression, record, now);
  } catch (error) {
    return { failure: EXTRACTION_FAILURES.query(error instanceof Error ? error.message : String(error)) };
  }
  // JSONata results are plain JSON values (or undefined); a sequence is an array with extra fields.
  const value = result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as Json);
  if (!isObject(value)) return { failure: EXTRACTION_FAILURES.notObject };
  return partitionKeys(value);
}
