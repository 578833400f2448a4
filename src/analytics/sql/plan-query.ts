/**
 * Plans a query (SELECT or UNION ALL) into operators. A SELECT is one of four shapes:
 * - a filter/projection (one row out per row in that passes WHERE);
 * - a tumbling aggregation (GROUP BY with a ROWTIME-based key);
 * - a stagger aggregation (WINDOWED BY STAGGER);
 * - a sliding-window query (aggregates with OVER, one row out per row in);
 * optionally followed by a streaming ORDER BY. A select item named ROWTIME sets nothing: it must be
 * ROWTIME itself (the output's ROWTIME is always the one the shape gives).
 * SELECT DISTINCT works on filters and projections that select ROWTIME or a ROWTIME-based column.
 * Gaps: DISTINCT with aggregation, UNION without ALL, ORDER BY keys that are not ROWTIME-based first.
 */
import type { Expression, OrderItem, Query, Select, Union } from "./ast";
import type { PlanEnv } from "./catalog";
import { compileExpression, containsAggregate, isAggregateCall, type CompileOptions } from "./compile-expression";
import type { Compiled, Evaluator } from "./compiled";
import { SqlValidationError } from "./errors";
import { Distinct } from "./operators/distinct";
import { filterProject } from "./operators/project";
import { planFrom, scopeOf, type PlannedSource } from "./plan-from";
import { planGrouped } from "./plan-grouping";
import { condition, withOrder, type OrderPlan, type PlannedQuery, type SelectColumn } from "./plan-shared";
import { planSliding } from "./plan-sliding";
import { Scope, singleRelationScope } from "./scope";
import { recognizeTimeBucket } from "./time-buckets";
import { commonType, typeToString } from "./types";

export type { PlannedQuery } from "./plan-shared";

export function planQuery(query: Query, env: PlanEnv): PlannedQuery {
  return query.kind === "union" ? planUnion(query, env) : planSelect(query, env);
}

function planSelect(select: Select, env: PlanEnv): PlannedQuery {
  const source = planFrom(select.from, env, planQuery, new Map(select.windows.map((w) => [w.name.name, w.spec])));
  if (source.kind === "table") {
    throw new SqlValidationError(`A pump's query must read a stream; a reference table can only be joined with a stream`, source.span);
  }
  const scope = scopeOf(source);
  const base: CompileOptions = { scope, eval: env.eval, functions: env.functions, clause: "SELECT" };
  const where = select.where === undefined ? undefined : condition(select.where, { ...base, clause: "WHERE" });
  const { columns, selectsRowtime } = expandItems(select, scope);
  const order = select.orderBy === undefined ? undefined : resolveOrder(select.orderBy, columns, base);

  const grouped = select.groupBy !== undefined || select.stagger !== undefined;
  const windowed = columns.some((c) => containsAggregate(c.expr, true));
  if (select.distinct && (grouped || windowed)) {
    throw new SqlValidationError(`SELECT DISTINCT is supported on filters and projections only, not with GROUP BY, WINDOWED BY or OVER`, select.span);
  }
  if (grouped) {
    if (windowed) throw new SqlValidationError(`Windowed aggregates (OVER) cannot be combined with GROUP BY or WINDOWED BY`, select.span);
    return planGrouped(select, source, columns, where, order, env);
  }
  const plain = [...columns.map((c) => c.expr), ...(select.having ? [select.having] : [])].find((e) => containsAggregate(e, false));
  if (plain !== undefined) {
    let call: Expression = plain;
    if (!isAggregateCall(plain)) {
      const found = findAggregate(plain);
      if (found !== undefined) call = found;
    }
    throw new SqlValidationError(
      `A streaming aggregation needs GROUP BY with a ROWTIME-based key (STEP(ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(ROWTIME TO MINUTE)), WINDOWED BY STAGGER, or OVER (a sliding window)`,
      call.span,
    );
  }
  if (select.having !== undefined) throw new SqlValidationError(`HAVING requires GROUP BY or WINDOWED BY`, select.having.span);
  if (windowed) return planSliding(select, source, columns, where, order, env);
  const distinct = select.distinct ? distinctBucket(select, columns, selectsRowtime, base) : undefined;
  return planProjection(source, columns, where, order, base, distinct);
}

function findAggregate(e: Expression): Expression | undefined {
  let found: Expression | undefined;
  const stack: Expression[] = [e];
  while (stack.length > 0 && found === undefined) {
    const node = stack.pop();
    if (node === undefined) break;
    if (isAggregateCall(node) && node.over === undefined) found = node;
    else if (node.kind === "call") stack.push(...node.args);
    else if (node.kind === "binary") stack.push(node.left, node.right);
    else if (node.kind === "unary" || node.kind === "cast") stack.push(node.operand);
  }
  return found;
}

function identifierName(e: Expression): string | undefined {
  return e.kind === "identifier" ? e.parts[e.parts.length - 1]?.name : undefined;
}

/**
 * Expands `*` and names each item as AWS (Calcite) does: its alias, its column's name, or EXPR$n. Items
 * named ROWTIME are the row's own time, not columns: they are left out, and `selectsRowtime` says so.
 */
function expandItems(select: Select, scope: Scope): { columns: SelectColumn[]; selectsRowtime: boolean } {
  const out: SelectColumn[] = [];
  let selectsRowtime = false;
  select.items.forEach((item, position) => {
    if (item.kind === "star") {
      for (const c of scope.star(item.qualifier)) {
        // A synthetic reference that resolves to exactly this column.
        const relation = scope.relations.find((r) => r.columns.includes(c));
        out.push({
          name: c.name,
          expr: {
            kind: "identifier",
            parts: [
              { name: relation?.name ?? "", quoted: true, span: item.span },
              { name: c.name, quoted: true, span: item.span },
            ],
            span: item.span,
          },
        });
      }
      return;
    }
    const name = item.alias?.name ?? identifierName(item.expr) ?? `EXPR$${position}`;
    if (name === "ROWTIME") {
      const isRowtime = item.expr.kind === "identifier" && (() => {
        try {
          return scope.resolve(item.expr).isRowtime;
        } catch {
          return false;
        }
      })();
      if (!isRowtime) {
        throw new SqlValidationError(`Cannot assign to ROWTIME: a select item named ROWTIME must be ROWTIME itself (each row's ROWTIME is set by the engine)`, item.span);
      }
      selectsRowtime = true;
      return;
    }
    out.push({ name, expr: item.expr });
  });
  if (out.length === 0) throw new SqlValidationError(`A query must select at least one column besides ROWTIME`, select.span);
  return { columns: out, selectsRowtime };
}

/** Where a DISTINCT query's time span is in its output rows: ROWTIME (0), or a ROWTIME-based column. */
function distinctBucket(select: Select, columns: readonly SelectColumn[], selectsRowtime: boolean, options: CompileOptions): number {
  if (selectsRowtime) return 0;
  const index = columns.findIndex((c) => recognizeTimeBucket(c.expr, options.scope, options) !== undefined);
  if (index < 0) {
    throw new SqlValidationError(`SELECT DISTINCT on a stream needs ROWTIME or a ROWTIME-based expression (such as FLOOR(ROWTIME TO MINUTE)) among the selected columns`, select.span);
  }
  return 1 + index;
}

/** Resolves ORDER BY items (ordinals, select aliases, expressions) and checks the leading key. */
function resolveOrder(items: readonly OrderItem[], columns: readonly SelectColumn[], options: CompileOptions): OrderPlan {
  const keys = items.map((item) => {
    const e = item.expr;
    if (e.kind === "literal" && e.literalType === "integer") {
      const column = columns[Number(e.text) - 1];
      if (column === undefined) throw new SqlValidationError(`Ordinal out of range: ${e.text}`, e.span);
      return column.expr;
    }
    if (e.kind === "identifier" && e.parts.length === 1) {
      const byAlias = columns.find((c) => c.name === e.parts[0]?.name);
      if (byAlias !== undefined) return byAlias.expr;
    }
    return e;
  });
  const leading = keys[0];
  const bucket = leading === undefined ? undefined : recognizeTimeBucket(leading, options.scope, options);
  if (bucket === undefined) {
    throw new SqlValidationError(`Streaming ORDER BY must start with a monotonic expression based on ROWTIME, such as ROWTIME or FLOOR(ROWTIME TO SECOND)`, items[0]?.span ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
  }
  return { keys, descending: items.map((i) => i.descending), bucket };
}

function planProjection(source: PlannedSource, columns: readonly SelectColumn[], where: Compiled | undefined, order: OrderPlan | undefined, options: CompileOptions, distinctBy?: number): PlannedQuery {
  const compiled = columns.map((c) => compileExpression(c.expr, options));
  const keys = order?.keys.map((k) => compileExpression(k, { ...options, clause: "ORDER BY" })) ?? [];
  const evaluators: Evaluator[] = [...compiled, ...keys].map((c) => c.evaluate);
  return {
    columns: columns.map((c, i) => ({ name: c.name, type: compiled[i]?.type ?? { name: "NULL" } })),
    build: (rt, out) => {
      let next = withOrder(rt, order, columns.length, out);
      if (distinctBy !== undefined) {
        const distinct = new Distinct(distinctBy, columns.length, next);
        rt.register(distinct);
        next = distinct.push;
      }
      source.build(rt, filterProject(rt, where?.evaluate, evaluators, next, source.names));
    },
  };
}

function planUnion(union: Union, env: PlanEnv): PlannedQuery {
  if (!union.all) throw new SqlValidationError(`UNION without ALL is not supported on streams; use UNION ALL`, union.span);
  const left = planQuery(union.left, env);
  const right = planQuery(union.right, env);
  if (left.columns.length !== right.columns.length) {
    throw new SqlValidationError(`Column count mismatch in UNION ALL: ${left.columns.length} and ${right.columns.length} columns`, union.span);
  }
  const columns = left.columns.map((c, i) => {
    const other = right.columns[i];
    const type = other === undefined ? undefined : commonType(c.type, other.type);
    if (type === undefined) {
      throw new SqlValidationError(`Type mismatch in column ${i + 1} of UNION ALL: ${typeToString(c.type)} and ${other ? typeToString(other.type) : "nothing"}`, union.span);
    }
    return { name: c.name, type };
  });
  const orderBy = union.orderBy;
  if (orderBy === undefined) {
    return { columns, build: (rt, out) => (left.build(rt, out), right.build(rt, out)) };
  }
  const scope = singleRelationScope("", columns);
  const options: CompileOptions = { scope, eval: env.eval, functions: env.functions, clause: "ORDER BY" };
  const selectColumns = columns.map((c) => ({ name: c.name, expr: { kind: "identifier" as const, parts: [{ name: c.name, quoted: true, span: union.span }], span: union.span } }));
  const order = resolveOrder(orderBy, selectColumns, options);
  const keys = order.keys.map((k) => compileExpression(k, options).evaluate);
  const passthrough = columns.map((_c, i): Evaluator => (row) => row[i + 1] ?? null);
  return {
    columns,
    build: (rt, out) => {
      const sorted = withOrder(rt, order, columns.length, out);
      const project = filterProject(rt, undefined, [...passthrough, ...keys], sorted, ["ROWTIME", ...columns.map((c) => c.name)]);
      left.build(rt, project);
      right.build(rt, project);
    },
  };
}
