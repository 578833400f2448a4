/** JSON values as JSON.parse produces them, and the names jq gives their types. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The record's data as one JSON value, or undefined when it is not UTF-8 JSON. */
export function parseJson(data: Uint8Array): Json | undefined {
  try {
    return JSON.parse(decoder.decode(data)) as Json;
  } catch {
    return undefined;
  }
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jqType(value: Json): "null" | "boolean" | "number" | "string" | "array" | "object" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value as "boolean" | "number" | "string";
}
