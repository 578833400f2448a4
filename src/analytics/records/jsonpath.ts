/**
 * The JSONPath of Kinesis Data Analytics' input schemas (RecordColumn.Mapping, RecordRowPath), as
 * the Developer Guide's "Working with JSONPath" describes it: `$` the record, `.name` and `['name']`
 * members (case-sensitive), `[n]` an element, and `[0:]` (or `[*]`, `[a:b]`) all elements of an
 * array. A path that reaches nothing gives undefined (the column is NULL).
 *
 * An "all elements" step is special: at the end of a path it gives the array itself (a column then
 * holds its JSON text); followed by more steps it flattens the array, one row per element (see
 * ./reader.ts). Gaps: filters (`?()`), recursive descent (`..`) and unions are refused.
 */

export type PathStep =
  | { readonly kind: "member"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "all"; readonly start: number; readonly end: number | undefined };

export class JsonPathError extends Error {}

/** Parses a path; throws JsonPathError saying what is wrong. */
export function parseJsonPath(text: string): PathStep[] {
  const path = text.trim();
  if (!path.startsWith("$")) throw new JsonPathError(`JSONPath '${text}' must start with $`);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      if (path[i + 1] === ".") throw new JsonPathError(`JSONPath '${text}': recursive descent (..) is not supported`);
      let j = i + 1;
      while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
      const name = path.slice(i + 1, j);
      if (name === "") throw new JsonPathError(`JSONPath '${text}': a member name is missing after '.'`);
      steps.push(name === "*" ? { kind: "all", start: 0, end: undefined } : { kind: "member", name });
      i = j;
    } else if (c === "[") {
      const close = bracketEnd(path, i, text);
      steps.push(bracketStep(path.slice(i + 1, close).trim(), text));
      i = close + 1;
    } else {
      throw new JsonPathError(`JSONPath '${text}': unexpected '${c}' at position ${i}`);
    }
  }
  return steps;
}

function bracketEnd(path: string, open: number, text: string): number {
  const quote = path[open + 1];
  if (quote === "'" || quote === '"') {
    const end = path.indexOf(quote, open + 2);
    if (end < 0 || path[end + 1] !== "]") throw new JsonPathError(`JSONPath '${text}': unterminated [${quote}...${quote}]`);
    return end + 1;
  }
  const close = path.indexOf("]", open);
  if (close < 0) throw new JsonPathError(`JSONPath '${text}': '[' without ']'`);
  return close;
}

function bracketStep(inside: string, text: string): PathStep {
  const quoted = /^'(.*)'$|^"(.*)"$/s.exec(inside);
  if (quoted) return { kind: "member", name: quoted[1] ?? quoted[2] ?? "" };
  if (inside === "*") return { kind: "all", start: 0, end: undefined };
  const slice = /^(\d*):(\d*)$/.exec(inside);
  if (slice) {
    const [, start = "", end = ""] = slice;
    return { kind: "all", start: start === "" ? 0 : Number(start), end: end === "" ? undefined : Number(end) };
  }
  if (/^\d+$/.test(inside)) return { kind: "index", index: Number(inside) };
  throw new JsonPathError(`JSONPath '${text}': [${inside}] is not supported (use a member name, an index, [0:] or [*])`);
}

/** Follows `steps` from `node`; an "all" step yields the selected elements as an array. */
export function evaluate(node: unknown, steps: readonly PathStep[], from = 0, to = steps.length): unknown {
  let current = node;
  for (let i = from; i < to; i++) {
    const step = steps[i];
    if (step === undefined || current === null || typeof current !== "object") return undefined;
    if (step.kind === "member") {
      if (Array.isArray(current) || !Object.hasOwn(current, step.name)) return undefined;
      current = (current as Record<string, unknown>)[step.name];
    } else if (step.kind === "index") {
      if (!Array.isArray(current)) return undefined;
      current = current[step.index];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current.slice(step.start, step.end);
    }
  }
  return current;
}

/** Where a path flattens an array (an "all" step with steps after it), or -1. */
export function flatteningStep(steps: readonly PathStep[]): number {
  const index = steps.findIndex((step) => step.kind === "all");
  return index >= 0 && index < steps.length - 1 ? index : -1;
}

export function samePrefix(a: readonly PathStep[], b: readonly PathStep[], length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  }
  return true;
}
