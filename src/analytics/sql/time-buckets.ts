/**
 * Recognises the ROWTIME-based monotonic expressions that streaming GROUP BY and ORDER BY need, and
 * says when the bucket a value names is complete: ROWTIME itself, FLOOR(ROWTIME TO unit),
 * CEIL(ROWTIME TO unit) and STEP(ROWTIME BY INTERVAL ...). AWS accepts other monotonic expressions
 * (MONOTONIC(x), columns it knows ascend); this engine knows only ROWTIME's, and says so when refusing.
 */
import type { Expression } from "./ast";
import { compileExpression, type CompileOptions } from "./compile-expression";
import { nextBoundary } from "./datetime";
import type { Scope } from "./scope";

export interface TimeBucket {
  /** The time at which no more rows can have this key value. */
  closeAt(key: number): number;
  /** The ROWTIME of what the bucket emits (a tumbling window's end). */
  emitAt(key: number): number;
}

function isRowtimeRef(e: Expression, scope: Scope): boolean {
  if (e.kind !== "identifier") return false;
  try {
    return scope.resolve(e).isRowtime;
  } catch {
    return false;
  }
}

export function recognizeTimeBucket(e: Expression, scope: Scope, options: CompileOptions): TimeBucket | undefined {
  if (isRowtimeRef(e, scope)) return { closeAt: (k) => k + 1, emitAt: (k) => k };
  if (e.kind !== "call" || e.name.quoted) return undefined;
  const [arg, by] = e.args;
  if (arg === undefined || !isRowtimeRef(arg, scope)) return undefined;
  const unit = e.unit;
  switch (e.name.name) {
    case "FLOOR":
      if (unit === undefined) return undefined;
      return { closeAt: (k) => nextBoundary(k, unit), emitAt: (k) => nextBoundary(k, unit) };
    case "CEIL":
      if (unit === undefined) return undefined;
      return { closeAt: (k) => k + 1, emitAt: (k) => k };
    case "STEP": {
      if (by === undefined) return undefined;
      const width = compileExpression(by, options);
      const w = width.constant ? width.evaluate([]) : null;
      if (typeof w !== "number" || w <= 0 || width.type.name !== "INTERVAL") return undefined;
      return { closeAt: (k) => k + w, emitAt: (k) => k + w };
    }
    default:
      return undefined;
  }
}
