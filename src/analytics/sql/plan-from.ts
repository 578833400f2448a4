/**
 * Plans a FROM clause: streams, subqueries, table functions and joins become a source of rows with a
 * known layout (its relations and their positions) and a builder that wires it to a running pump.
 * Joins: a stream with a reference table (INNER, LEFT with the stream on the left, RIGHT with it on the
 * right), or two streams over windows (inline, or named in the SELECT's WINDOW clause). Gaps: FULL
 * joins, a reference table alone in FROM (AWS reads tables only through joins too), joins of two
 * tables, USING and NATURAL.
 */
import type { Expression, FromItem, Join, Query, StreamRef, TableFunctionRef, WindowRef, WindowSpec } from "./ast";
import type { PlanEnv, StreamDefinition } from "./catalog";
import { compileExpression, visit, type CompileOptions } from "./compile-expression";
import type { Compiled, Evaluator } from "./compiled";
import { SqlArgumentError, SqlValidationError, type SourceSpan } from "./errors";
import { referenceJoin } from "./operators/reference-join";
import type { Push, PumpRuntime } from "./operators/runtime";
import { StreamJoin, type JoinWindow } from "./operators/stream-join";
import { TableFunctionNode } from "./operators/table-function";
import type { TableArgument } from "./plugins";
import { Scope, type ScopeRelation } from "./scope";
import { isCharacter, isDatetime, isNumeric, typeToString, type SqlType } from "./types";

export interface PlannedSource {
  readonly kind: "stream" | "table";
  /** The relations of this source's rows, positioned in them (index 0 is the row's ROWTIME). */
  readonly relations: readonly ScopeRelation[];
  readonly width: number;
  /** Column names by row position, for error_stream's DATA_ROW. */
  readonly names: readonly string[];
  /** A stream's OVER clause in a windowed join. */
  readonly window: WindowRef | undefined;
  readonly tableName: string | undefined;
  readonly span: SourceSpan;
  /** Wires the source into a running pump: its rows go to `push`. */
  build(rt: PumpRuntime, push: Push): void;
}

/** How queries are planned; plan-from needs it for subqueries and cursors, plan-query provides it. */
export type QueryPlanner = (query: Query, env: PlanEnv) => PlannedQueryShape;

export interface PlannedQueryShape {
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  build(rt: PumpRuntime, out: Push): void;
}

export function scopeOf(source: PlannedSource): Scope {
  return new Scope(source.relations, 0);
}

function shift(relations: readonly ScopeRelation[], offset: number): ScopeRelation[] {
  return relations.map((r) => ({
    name: r.name,
    columns: r.columns.map((c) => ({ ...c, index: c.index + offset })),
    rowtimeIndex: r.rowtimeIndex === undefined ? undefined : r.rowtimeIndex + offset,
  }));
}

function relationOf(name: string, columns: readonly { name: string; type: SqlType; hidden?: boolean }[], hasRowtime: boolean): ScopeRelation {
  return {
    name,
    columns: columns.map((c, i) => ({ name: c.name, type: c.type, index: 1 + i, hidden: c.hidden ?? false })),
    rowtimeIndex: hasRowtime ? 0 : undefined,
  };
}

/** The SELECT's named windows (WINDOW w AS (...)), which a windowed join may refer to: JOIN s OVER w. */
export type NamedWindows = ReadonlyMap<string, WindowSpec>;

export function planFrom(from: FromItem, env: PlanEnv, planQuery: QueryPlanner, windows: NamedWindows = new Map()): PlannedSource {
  switch (from.kind) {
    case "ref":
      return planRef(from, env);
    case "subquery": {
      const inner = planQuery(from.query, env);
      const aliasColumns = from.alias?.columns;
      if (aliasColumns !== undefined && aliasColumns.length !== inner.columns.length) {
        throw new SqlValidationError(`List of column aliases must have same degree as table; table has ${inner.columns.length} columns ('${inner.columns.map((c) => c.name).join("', '")}'), whereas alias list has ${aliasColumns.length} columns`, from.span);
      }
      const columns = inner.columns.map((c, i) => ({ name: aliasColumns?.[i]?.name ?? c.name, type: c.type }));
      const name = from.alias?.name.name ?? `EXPR$SUBQUERY`;
      return {
        kind: "stream",
        relations: [relationOf(name, columns, true)],
        width: 1 + columns.length,
        names: ["ROWTIME", ...columns.map((c) => c.name)],
        window: undefined,
        tableName: undefined,
        span: from.span,
        build: (rt, push) => inner.build(rt, push),
      };
    }
    case "tableFunction":
      return planTableFunction(from, env, planQuery);
    case "join":
      return planJoin(from, env, planQuery, windows);
  }
}

function planRef(from: StreamRef, env: PlanEnv): PlannedSource {
  const name = from.name.name;
  const alias = from.alias;
  const stream: StreamDefinition | undefined = env.streams.get(name);
  const table = stream === undefined ? env.tables.get(name) : undefined;
  if (stream === undefined && table === undefined) {
    const near = [...env.streams.keys(), ...env.tables.keys()].find((n) => n.toUpperCase() === name.toUpperCase());
    throw new SqlValidationError(`Object '${name}' not found${near !== undefined ? ` (did you mean "${near}"? Quoted names are case-sensitive)` : ""}`, from.name.span);
  }
  if (stream?.kind === "error") throw new SqlValidationError(`Object '${name}' cannot be read by application code; it is written by the system`, from.name.span);
  const columns = stream !== undefined ? stream.columns : (table?.columns ?? []).map((c) => ({ ...c, hidden: false }));
  const renamed = alias?.columns;
  if (renamed !== undefined && renamed.length !== columns.filter((c) => !c.hidden).length) {
    throw new SqlValidationError(`List of column aliases must have same degree as table`, from.span);
  }
  let visible = 0;
  const named = columns.map((c) => (c.hidden ? c : { ...c, name: renamed?.[visible++]?.name ?? c.name }));
  const relationName = alias?.name.name ?? name;
  if (table !== undefined && from.window !== undefined) {
    throw new SqlValidationError(`A reference table cannot have a window (OVER)`, from.window.span);
  }
  return {
    kind: stream !== undefined ? "stream" : "table",
    relations: [relationOf(relationName, named, stream !== undefined)],
    width: 1 + named.length,
    names: ["ROWTIME", ...named.map((c) => c.name)],
    window: from.window,
    tableName: table?.name,
    span: from.span,
    build: (rt, push) => rt.subscribe(name, push),
  };
}

function planTableFunction(from: TableFunctionRef, env: PlanEnv, planQuery: QueryPlanner): PlannedSource {
  const name = from.name.name;
  const fn = env.functions.table.get(name.toUpperCase());
  if (fn === undefined) throw new SqlValidationError(`No match found for function signature ${name}`, from.name.span);
  const [cursor, ...rest] = from.args;
  if (cursor === undefined || cursor.kind !== "cursor") {
    throw new SqlValidationError(`The first argument of ${name} must be a CURSOR(SELECT STREAM ...)`, cursor?.span ?? from.span);
  }
  const inner = planQuery(cursor.query, env);
  const noScope = new Scope([], undefined);
  const options: CompileOptions = { scope: noScope, eval: env.eval, functions: env.functions, clause: "table function argument" };
  const args: TableArgument[] = rest.map((a) => {
    if (a.kind === "cursor") throw new SqlValidationError(`${name} takes one CURSOR`, a.span);
    let compiled: Compiled;
    try {
      compiled = compileExpression(a.expr, options);
    } catch (e) {
      if (e instanceof SqlValidationError) throw new SqlValidationError(`Arguments of ${name} after the CURSOR must be constants`, a.span);
      throw e;
    }
    if (!compiled.constant) throw new SqlValidationError(`Arguments of ${name} after the CURSOR must be constants`, a.span);
    return { type: compiled.type, value: compiled.evaluate([]) };
  });
  let bound;
  try {
    bound = fn.bind(inner.columns, args);
  } catch (e) {
    if (e instanceof SqlArgumentError) throw new SqlValidationError(e.message, from.span);
    throw e;
  }
  const aliasColumns = from.alias?.columns;
  const columns = bound.columns.map((c, i) => ({ name: aliasColumns?.[i]?.name ?? c.name, type: c.type }));
  const inputNames = inner.columns.map((c) => c.name);
  const b = bound;
  return {
    kind: "stream",
    relations: [relationOf(from.alias?.name.name ?? name, columns, true)],
    width: 1 + columns.length,
    names: ["ROWTIME", ...columns.map((c) => c.name)],
    window: undefined,
    tableName: undefined,
    span: from.span,
    build: (rt, push) => {
      const node = new TableFunctionNode(rt, (emit) => b.create(emit), push, inputNames);
      rt.register(node);
      inner.build(rt, node.push);
    },
  };
}

// --- joins ---------------------------------------------------------------------------------------------

function conjuncts(e: Expression): Expression[] {
  return e.kind === "binary" && e.op === "AND" ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

function hashable(a: SqlType, b: SqlType): boolean {
  return (isNumeric(a) && isNumeric(b)) || (isCharacter(a) && isCharacter(b)) || (isDatetime(a) && a.name === b.name) || (a.name === "BOOLEAN" && b.name === "BOOLEAN");
}

/** Whether every identifier in e resolves in `scope` (so e can be evaluated on that side's row alone). */
function resolvesIn(e: Expression, scope: Scope): boolean {
  let ok = true;
  visit(e, (node) => {
    if (node.kind === "identifier") {
      try {
        scope.resolve(node);
      } catch {
        ok = false;
      }
    }
  });
  return ok;
}

/** The equalities of ON whose two sides each read one input only: [left side's keys, right side's]. */
function equiKeys(on: Expression | undefined, left: Scope, right: Scope, options: Omit<CompileOptions, "scope">): [Evaluator[], Evaluator[]] | undefined {
  if (on === undefined) return undefined;
  const l: Evaluator[] = [];
  const r: Evaluator[] = [];
  for (const c of conjuncts(on)) {
    if (c.kind !== "binary" || c.op !== "=") continue;
    for (const [a, b] of [[c.left, c.right], [c.right, c.left]] as const) {
      if (!resolvesIn(a, left) || !resolvesIn(b, right) || resolvesIn(a, right) || resolvesIn(b, left)) continue;
      const ca = compileExpression(a, { ...options, scope: left });
      const cb = compileExpression(b, { ...options, scope: right });
      if (ca.constant || cb.constant || !hashable(ca.type, cb.type)) continue;
      l.push(ca.evaluate);
      r.push(cb.evaluate);
      break;
    }
  }
  return l.length === 0 ? undefined : [l, r];
}

function joinWindow(ref: WindowRef | undefined, env: PlanEnv, windows: NamedWindows): JoinWindow {
  if (ref === undefined) return { kind: "current" };
  if (ref.kind === "named") {
    const spec = windows.get(ref.name.name);
    if (spec === undefined) throw new SqlValidationError(`Window '${ref.name.name}' not found`, ref.span);
    if (spec.base !== undefined) throw new SqlValidationError(`A join's window cannot be built on another window`, spec.span);
    return joinFrame(spec, env);
  }
  return joinFrame(ref.spec, env);
}

function joinFrame(spec: WindowSpec, env: PlanEnv): JoinWindow {
  if (spec.partitionBy.length > 0) throw new SqlValidationError(`A windowed join cannot partition its window (AWS does not allow PARTITION BY there)`, spec.span);
  const frame = spec.frame;
  if (frame === undefined) return { kind: "current" };
  if (frame.end.kind !== "currentRow") throw new SqlValidationError(`A window must end at the current row`, frame.end.span);
  const start = frame.start;
  if (start.kind === "currentRow") return frame.unit === "ROWS" ? { kind: "rows", count: 0 } : { kind: "current" };
  if (start.kind !== "preceding") throw new SqlValidationError(`Infinite windows (UNBOUNDED) are not supported`, start.span);
  const options: CompileOptions = { scope: new Scope([], undefined), eval: env.eval, functions: env.functions, clause: "OVER" };
  const offset = compileExpression(start.offset, options);
  const v = offset.constant ? offset.evaluate([]) : null;
  if (frame.unit === "RANGE") {
    if (offset.type.name !== "INTERVAL" || typeof v !== "number" || v <= 0) throw new SqlValidationError(`RANGE needs a positive interval: RANGE INTERVAL '1' MINUTE PRECEDING`, start.offset.span);
    return { kind: "range", millis: v };
  }
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new SqlValidationError(`ROWS needs a non-negative integer: ROWS 10 PRECEDING`, start.offset.span);
  return { kind: "rows", count: v };
}

function planJoin(join: Join, env: PlanEnv, planQuery: QueryPlanner, named: NamedWindows): PlannedSource {
  if (join.joinType === "full") throw new SqlValidationError(`FULL OUTER JOIN is not supported on streams`, join.span);
  if (join.joinType === "cross") throw new SqlValidationError(`A join of streams needs an ON condition (CROSS JOIN and comma joins are not supported)`, join.span);
  const left = planFrom(join.left, env, planQuery, named);
  const right = planFrom(join.right, env, planQuery, named);
  const relations = [...shift(left.relations, 1), ...shift(right.relations, 1 + left.width)];
  for (const r of relations) {
    if (relations.filter((x) => x.name === r.name).length > 1) {
      throw new SqlValidationError(`Duplicate relation name '${r.name}' in FROM clause; give one an alias`, join.span);
    }
  }
  const combined = new Scope(relations, 0);
  const options = { eval: env.eval, functions: env.functions, clause: "ON" };
  const on = join.on === undefined ? undefined : compileExpression(join.on, { ...options, scope: combined });
  if (on !== undefined && on.type.name !== "BOOLEAN" && on.type.name !== "NULL") {
    throw new SqlValidationError(`ON clause must be a condition; its type is ${typeToString(on.type)}`, join.on?.span ?? join.span);
  }
  const names = ["ROWTIME", ...left.names, ...right.names];
  const width = 1 + left.width + right.width;
  const keys = equiKeys(join.on, scopeOf(left), scopeOf(right), options);
  const base = { relations, width, names, window: undefined, tableName: undefined, span: join.span };

  if (left.kind === "table" && right.kind === "table") throw new SqlValidationError(`A join of two reference tables is not a stream`, join.span);
  if (left.kind === "table" || right.kind === "table") {
    const streamIsLeft = right.kind === "table";
    const stream = streamIsLeft ? left : right;
    const table = streamIsLeft ? right : left;
    if ((join.joinType === "left" && !streamIsLeft) || (join.joinType === "right" && streamIsLeft)) {
      throw new SqlValidationError(`An outer join must keep the stream's rows: put the stream on the ${join.joinType === "left" ? "left of LEFT JOIN" : "right of RIGHT JOIN"}`, join.span);
    }
    if (stream.window !== undefined) throw new SqlValidationError(`A stream joined with a reference table needs no window (OVER)`, stream.window.span);
    const spec = {
      tableName: table.tableName ?? "",
      streamIsLeft,
      streamWidth: stream.width,
      tableWidth: table.width,
      on: on?.evaluate,
      keys: keys === undefined ? undefined : streamIsLeft ? { stream: keys[0], other: keys[1] } : { stream: keys[1], other: keys[0] },
      outer: join.joinType !== "inner",
      inputColumns: stream.names,
    };
    return {
      kind: "stream",
      ...base,
      build: (rt, push) => stream.build(rt, referenceJoin(rt, spec, push)),
    };
  }
  if (join.joinType === "right") throw new SqlValidationError(`RIGHT JOIN of two streams is not supported; swap the sides and use LEFT JOIN`, join.span);
  const windows: [JoinWindow, JoinWindow] = [joinWindow(left.window, env, named), joinWindow(right.window, env, named)];
  const spec = {
    windows,
    widths: [left.width, right.width] as const,
    on: on?.evaluate,
    keys,
    leftOuter: join.joinType === "left",
    inputColumns: [left.names, right.names] as const,
  };
  return {
    kind: "stream",
    ...base,
    build: (rt, push) => {
      const node = new StreamJoin(rt, spec, push);
      rt.register(node);
      left.build(rt, node.pushLeft);
      right.build(rt, node.pushRight);
    },
  };
}
