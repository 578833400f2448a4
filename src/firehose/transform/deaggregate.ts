/**
 * RecordDeAggregation of JSON and DELIMITED records
 * (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-multirecord-deaggergation.html):
 * - JSON: consecutive JSON objects, on one line with nothing between them or newline-delimited
 *   (`{"a":1}{"a":2}`, `{"a":1}\n{"a":2}`); an array of objects is not valid input. Each object
 *   becomes a record of its own, its bytes as they were (without the newlines around it).
 * - DELIMITED: the data split on the delimiter; empty pieces (a trailing delimiter) are left out.
 * At most 500 records come out of one record; a record holding more is passed on whole.
 */
import { PROCESSING } from "./limits";

export class DeaggregationError extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

/** The end (exclusive) of the JSON object starting at `start`, found by matching brackets outside strings. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new DeaggregationError(`the object starting at ${start} is not closed`);
}

/** The JSON objects in `data`, or `undefined` when there are more than 500 (pass the record whole). */
export function splitJson(data: Uint8Array): Uint8Array[] | undefined {
  let text: string;
  try {
    text = decoder.decode(data);
  } catch {
    throw new DeaggregationError("the data is not UTF-8");
  }
  const objects: Uint8Array[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    if (text[i] !== "{") throw new DeaggregationError(`expected a JSON object at ${i}`);
    const end = objectEnd(text, i);
    const slice = text.slice(i, end);
    try {
      JSON.parse(slice);
    } catch (error) {
      throw new DeaggregationError(`the object at ${i} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    objects.push(encoder.encode(slice));
    i = end;
  }
  if (objects.length === 0) throw new DeaggregationError("no JSON object found");
  return objects.length > PROCESSING.maxSubRecords ? undefined : objects;
}

function startsAt(data: Uint8Array, delimiter: Uint8Array, at: number): boolean {
  for (let j = 0; j < delimiter.length; j++) if (data[at + j] !== delimiter[j]) return false;
  return true;
}

/** The pieces of `data` between delimiters, or `undefined` when there are more than 500. */
export function splitDelimited(data: Uint8Array, delimiter: Uint8Array): Uint8Array[] | undefined {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= data.length - delimiter.length; ) {
    if (startsAt(data, delimiter, i)) {
      if (i > start) pieces.push(data.slice(start, i));
      i += delimiter.length;
      start = i;
    } else {
      i++;
    }
  }
  if (start < data.length) pieces.push(data.slice(start));
  return pieces.length > PROCESSING.maxSubRecords ? undefined : pieces;
}
