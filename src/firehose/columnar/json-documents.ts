/**
 * A record's JSON documents. Firehose's conversion reads a record as one or more JSON objects one
 * after the other (`{"a":1}{"a":2}`, with or without whitespace between them); an array of objects
 * is not valid input (record-format-conversion.html, "Record Format Conversion Requirements").
 *
 * Numbers keep their source text (JsonNumber), so a bigint or decimal column gets every digit
 * rather than what a double keeps of it.
 */

export class JsonNumber {
  constructor(readonly source: string) {}
  get value(): number {
    return Number(this.source);
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** The record is not JSON objects: DataFormatConversion.ParseError. */
export class JsonParseError extends Error {}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepNumberSource: Reviver = (_key, value, context) =>
  typeof value === "number" ? new JsonNumber(context?.source ?? String(value)) : value;

function parseOne(text: string): JsonValue {
  try {
    return (JSON.parse as (text: string, reviver: Reviver) => JsonValue)(text, keepNumberSource);
  } catch (error) {
    throw new JsonParseError(`Encountered malformed JSON. ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The JSON objects of a record's text, in order. Throws JsonParseError. */
export function jsonDocuments(text: string): { [key: string]: JsonValue }[] {
  const documents: { [key: string]: JsonValue }[] = [];
  for (const piece of splitDocuments(text)) {
    const value = parseOne(piece);
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof JsonNumber) {
      throw new JsonParseError("Encountered malformed JSON. Each record must hold JSON objects, not arrays or scalars.");
    }
    documents.push(value);
  }
  if (documents.length === 0) throw new JsonParseError("Encountered malformed JSON. The record holds no JSON object.");
  return documents;
}

/** Cuts `text` after each top-level value closed by `}` or `]` (strings and escapes skipped). */
function splitDocuments(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09) continue;
    if (start === -1) start = i;
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) depth += 1;
    else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
      if (depth === 0) {
        pieces.push(text.slice(start, i + 1));
        start = -1;
      } else if (depth < 0) throw new JsonParseError("Encountered malformed JSON. Unexpected closing bracket.");
    } else if (depth === 0) {
      // A scalar at the top level: let JSON.parse report it with the rest of the text.
      pieces.push(text.slice(start));
      return pieces;
    }
  }
  if (start !== -1) pieces.push(text.slice(start));
  return pieces;
}
