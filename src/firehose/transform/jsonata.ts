/**
 * JSONata, for the two places Rivulet lets it stand in for code: a `jsonata:<expression>` LambdaArn
 * (rewrite each record, no function to deploy) and MetadataExtraction with JsonParsingEngine JSONATA.
 *
 * Compiling costs about ten evaluations, so each expression is compiled once and kept, keyed by its
 * text, in a module-level map that every delivery of the isolate shares (bounded; the oldest entry
 * goes first). The jsonata package evaluates by walking its AST, with no eval or `new Function`, so
 * it runs in Workers as it is.
 *
 * JSONata's `$now()` and `$millis()` read the clock when evaluation starts; here they are bound to
 * the injected clock instead, per evaluation (binding them per call also keeps concurrent
 * evaluations of one cached expression from sharing a timestamp).
 */
import jsonata from "jsonata";
import { PROCESSING } from "./limits";

type Expression = ReturnType<typeof jsonata>;

const cache = new Map<string, Expression>();
let compilations = 0;

/** Thrown for an expression JSONata cannot parse. */
export class JsonataSyntaxError extends Error {}

function detail(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** The compiled expression, from the cache when it has been compiled before. */
export function compileJsonata(expression: string): Expression {
  const cached = cache.get(expression);
  if (cached) return cached;
  let compiled: Expression;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    throw new JsonataSyntaxError(detail(error));
  }
  compilations++;
  if (cache.size >= PROCESSING.jsonataCacheSize) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(expression, compiled);
  return compiled;
}

/** How many expressions have been compiled since the isolate started (for tests and metrics). */
export function jsonataCompilations(): number {
  return compilations;
}

// Formats the injected time for `$now(picture, timezone)` (not counted among the compilations).
const fromMillis = jsonata("$fromMillis($t, $p, $z)");

/** Evaluates `expression` against `input`; throws with JSONata's message when evaluation fails. */
export async function evaluateJsonata(expression: string, input: unknown, now: () => number): Promise<unknown> {
  const compiled = compileJsonata(expression);
  const at = now();
  const bindings = {
    millis: () => at,
    now: (picture?: string, timezone?: string) => fromMillis.evaluate(null, { t: at, p: picture, z: timezone }),
  };
  try {
    return await compiled.evaluate(input, bindings);
  } catch (error) {
    throw new Error(detail(error));
  }
}
