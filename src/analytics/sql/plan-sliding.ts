/**
 * Plans sliding-window queries: aggregates with OVER a named (WINDOW w AS (...)) or inline window.
 * Windows follow AWS's rules: they end at the current row (RANGE INTERVAL ... PRECEDING, ROWS n
 * PRECEDING, or CURRENT ROW), may be partitioned, and have no ORDER BY other than ROWTIME's. Infinite
 * (UNBOUNDED) and offset windows are refused, as AWS refuses them; so is "0 PRECEDING" (AWS wants
 * CURRENT ROW). Aggregates over the same window share its buffer.
 */
import { aggregateFunction, type AggregateFunction } from "./aggregates";
import type { Expression, Select, WindowSpec } from "./ast";
import type { PlanEnv } from "./catalog";
import { compileExpression, isAggregateCall, type CompileOptions } from "./compile-expression";
import type { Compiled, Evaluator } from "./compiled";
import { SqlValidationError } from "./errors";
import { filter } from "./operators/project";
import { SlidingWindows, type SlidingWindowSpec } from "./operators/sliding";
import { scopeOf, type PlannedSource } from "./plan-from";
import { withOrder, type OrderPlan, type PlannedQuery, type SelectColumn } from "./plan-shared";
import { Scope } from "./scope";
import { SqlTypes } from "./types";

type Frame = SlidingWindowSpec["frame"];

export function planSliding(select: Select, source: PlannedSource, columns: readonly SelectColumn[], where: Compiled | undefined, order: OrderPlan | undefined, env: PlanEnv): PlannedQuery {
  const scope = scopeOf(source);
  const base: CompileOptions = { scope, eval: env.eval, functions: env.functions, clause: "SELECT" };
  const named = new Map<string, WindowSpec>();
  for (const w of select.windows) {
    if (named.has(w.name.name)) throw new SqlValidationError(`Duplicate window name '${w.name.name}'`, w.name.span);
    named.set(w.name.name, w.spec);
  }

  const windows: { key: string; partitionBy: Evaluator[]; frame: Frame; aggregates: number[] }[] = [];
  const aggregates: { arg: Evaluator | undefined; fn: AggregateFunction; key: string }[] = [];

  const resolveSpec = (spec: WindowSpec, seen: Set<string>): WindowSpec => {
    if (spec.base === undefined) return spec;
    const baseName = spec.base.name;
    const parent = named.get(baseName);
    if (parent === undefined) throw new SqlValidationError(`Window '${baseName}' not found`, spec.base.span);
    if (seen.has(baseName)) throw new SqlValidationError(`Window '${baseName}' is defined in terms of itself`, spec.base.span);
    const resolved = resolveSpec(parent, new Set([...seen, baseName]));
    return { base: undefined, partitionBy: spec.partitionBy.length > 0 ? spec.partitionBy : resolved.partitionBy, orderBy: spec.orderBy ?? resolved.orderBy, frame: spec.frame ?? resolved.frame, span: spec.span };
  };

  const windowFor = (spec: WindowSpec): number => {
    const partition = spec.partitionBy.map((p) => compileExpression(p, { ...base, clause: "PARTITION BY" }));
    const frame = frameOf(spec, env);
    for (const o of spec.orderBy ?? []) {
      const isRowtime = o.expr.kind === "identifier" && scope.resolve(o.expr).isRowtime;
      if (!isRowtime || o.descending) throw new SqlValidationError(`A windowed aggregation's window cannot have ORDER BY; its rows are in ROWTIME order`, o.span);
    }
    const key = `${partition.map((p) => p.key).join(",")}|${frame.kind}:${frame.kind === "range" ? frame.millis : frame.count}`;
    let index = windows.findIndex((w) => w.key === key);
    if (index < 0) {
      index = windows.length;
      windows.push({ key, partitionBy: partition.map((p) => p.evaluate), frame, aggregates: [] });
    }
    return index;
  };

  const intercept = (node: Expression): Compiled | undefined => {
    if (!isAggregateCall(node)) return undefined;
    const over = node.over;
    if (over === undefined) {
      throw new SqlValidationError(`Aggregate ${node.name.name} needs OVER (a window) in a query with windowed aggregates`, node.span);
    }
    let spec: WindowSpec;
    if (over.kind === "named") {
      const found = named.get(over.name.name);
      if (found === undefined) throw new SqlValidationError(`Window '${over.name.name}' not found`, over.name.span);
      spec = resolveSpec(found, new Set([over.name.name]));
    } else {
      spec = resolveSpec(over.spec, new Set());
    }
    const w = windowFor(spec);
    const argAst = node.args[0];
    const arg = node.star || argAst === undefined ? undefined : compileExpression(argAst, { ...base, clause: "aggregate argument" });
    const fn = aggregateFunction(node, arg);
    const key = `${node.name.name}(${node.star ? "*" : (arg?.key ?? "")})@${w}`;
    let index = aggregates.findIndex((a) => a.key === key);
    if (index < 0) {
      index = aggregates.length;
      aggregates.push({ arg: arg?.evaluate, fn, key });
      windows[w]?.aggregates.push(index);
    }
    const slot = source.width + index;
    return { type: fn.type, evaluate: (row) => row[slot] ?? null, constant: false, key: `WAGG${slot}` };
  };

  const options: CompileOptions = { ...base, intercept };
  const outputs = columns.map((c) => compileExpression(c.expr, options));
  const sortKeys = order?.keys.map((k) => compileExpression(k, { ...options, clause: "ORDER BY" })) ?? [];
  // Named windows nobody uses are still checked, as AWS checks them.
  for (const spec of named.values()) frameOf(resolveSpec(spec, new Set()), env);

  const spec = {
    windows: windows.map((w) => ({ partitionBy: w.partitionBy, frame: w.frame, aggregates: w.aggregates })),
    aggregates: aggregates.map((a) => ({ arg: a.arg, fn: a.fn })),
    outputs: [...outputs, ...sortKeys].map((c) => c.evaluate),
    inputColumns: source.names,
  };
  return {
    columns: columns.map((c, i) => ({ name: c.name, type: outputs[i]?.type ?? SqlTypes.null })),
    build: (rt, out) => {
      const node = new SlidingWindows(rt, spec, withOrder(rt, order, columns.length, out));
      rt.register(node);
      source.build(rt, filter(rt, where?.evaluate, node.push, source.names));
    },
  };
}

function frameOf(spec: WindowSpec, env: PlanEnv): Frame {
  const frame = spec.frame;
  if (frame === undefined) {
    throw new SqlValidationError(`A sliding window needs a frame ending at the current row: RANGE INTERVAL '1' MINUTE PRECEDING or ROWS 10 PRECEDING`, spec.span);
  }
  if (frame.end.kind !== "currentRow") {
    throw new SqlValidationError(
      frame.end.kind === "unboundedFollowing" ? `UNBOUNDED FOLLOWING is not allowed: a window over a stream must end at the current row` : `Offset windows are not supported: a window must end at CURRENT ROW`,
      frame.end.span,
    );
  }
  const start = frame.start;
  // RANGE CURRENT ROW holds the rows of the current ROWTIME: those after (time - 1 ms).
  if (start.kind === "currentRow") return frame.unit === "ROWS" ? { kind: "rows", count: 0 } : { kind: "range", millis: 1 };
  if (start.kind === "unboundedPreceding") throw new SqlValidationError(`Infinite windows (UNBOUNDED PRECEDING) are not supported; give the window a size`, start.span);
  if (start.kind !== "preceding") throw new SqlValidationError(`A window must start before the current row (PRECEDING)`, start.span);
  const offset = compileExpression(start.offset, { scope: new Scope([], undefined), eval: env.eval, functions: env.functions, clause: "window" });
  const v = offset.constant ? offset.evaluate([]) : null;
  if (frame.unit === "RANGE") {
    if (offset.type.name !== "INTERVAL" || typeof v !== "number") {
      throw new SqlValidationError(`RANGE needs an interval: RANGE INTERVAL '1' MINUTE PRECEDING`, start.offset.span);
    }
    if (v <= 0) throw new SqlValidationError(v === 0 ? `0 PRECEDING cannot be used for a windowed aggregation; use CURRENT ROW` : `A window cannot have a negative size`, start.offset.span);
    return { kind: "range", millis: v };
  }
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new SqlValidationError(`ROWS needs a non-negative integer: ROWS 10 PRECEDING`, start.offset.span);
  if (v === 0) throw new SqlValidationError(`0 PRECEDING cannot be used for a windowed aggregation; use CURRENT ROW`, start.offset.span);
  return { kind: "rows", count: v };
}
