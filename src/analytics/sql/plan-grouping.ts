/**
 * Plans GROUP BY (tumbling windows) and WINDOWED BY STAGGER. The select list, HAVING and ORDER BY are
 * compiled against the group's row [ROWTIME, ...keys, ...aggregates]: an expression equal to a key
 * reads the key (whatever its spelling), an aggregate reads its result, ROWTIME reads the window's end,
 * and a column that is neither a key nor inside an aggregate is refused as AWS refuses it
 * ("Expression 'X' is not being grouped").
 */
import { aggregateFunction, type AggregateFunction } from "./aggregates";
import type { Call, Expression, Select } from "./ast";
import type { PlanEnv } from "./catalog";
import { compileExpression, containsAggregate, isAggregateCall, type CompileOptions } from "./compile-expression";
import type { Compiled, Evaluator } from "./compiled";
import { SqlValidationError } from "./errors";
import { filter } from "./operators/project";
import type { GroupingSpec } from "./operators/groups";
import { StaggerWindows } from "./operators/stagger";
import { TumblingWindows, type TimeKey } from "./operators/tumbling";
import { scopeOf, type PlannedSource } from "./plan-from";
import { condition, withOrder, type OrderPlan, type PlannedQuery, type SelectColumn } from "./plan-shared";
import { recognizeTimeBucket } from "./time-buckets";
import { SqlTypes } from "./types";

function describe(e: Expression): string {
  if (e.kind === "identifier") return e.parts.map((p) => (p.quoted ? `"${p.name}"` : p.name)).join(".");
  return "expression";
}

export function planGrouped(select: Select, source: PlannedSource, columns: readonly SelectColumn[], where: Compiled | undefined, order: OrderPlan | undefined, env: PlanEnv): PlannedQuery {
  const scope = scopeOf(source);
  const base: CompileOptions = { scope, eval: env.eval, functions: env.functions, clause: "GROUP BY" };
  const stagger = select.stagger;
  const keyAsts = stagger?.partitionBy ?? select.groupBy ?? [];
  for (const k of keyAsts) {
    if (containsAggregate(k)) throw new SqlValidationError(`Aggregate expression is illegal in ${stagger ? "PARTITION BY" : "GROUP BY"} clause`, k.span);
  }
  const keys = keyAsts.map((k) => compileExpression(k, base));

  const aggregates: { arg: Evaluator | undefined; fn: AggregateFunction; key: string }[] = [];
  const groupWidth = (): number => 1 + keys.length;
  const intercept = (node: Expression): Compiled | undefined => {
    if (isAggregateCall(node)) {
      const call: Call = node;
      if (call.over !== undefined) throw new SqlValidationError(`Windowed aggregates (OVER) cannot be combined with GROUP BY or WINDOWED BY`, call.span);
      const argAst = call.args[0];
      const arg = call.star || argAst === undefined ? undefined : compileExpression(argAst, { ...base, clause: "aggregate argument" });
      const fn = aggregateFunction(call, arg);
      const key = `${call.name.name}(${call.star ? "*" : (arg?.key ?? "")})`;
      let index = aggregates.findIndex((a) => a.key === key);
      if (index < 0) {
        index = aggregates.length;
        aggregates.push({ arg: arg?.evaluate, fn, key });
      }
      const slot = groupWidth() + index;
      return { type: fn.type, evaluate: (row) => row[slot] ?? null, constant: false, key: `AGG${slot}` };
    }
    if (containsAggregate(node)) return undefined;
    const c = compileExpression(node, base);
    if (c.constant) return c;
    const k = keys.findIndex((key) => key.key === c.key);
    const keyType = keys[k]?.type;
    if (keyType !== undefined) {
      const slot = 1 + k;
      return { type: keyType, evaluate: (row) => row[slot] ?? null, constant: false, key: `KEY${slot}` };
    }
    if (node.kind === "identifier") {
      if (scope.resolve(node).isRowtime) return { type: SqlTypes.timestamp, evaluate: (row) => row[0] ?? null, constant: false, key: "ROWTIME" };
      throw new SqlValidationError(`Expression '${describe(node)}' is not being grouped`, node.span);
    }
    return undefined;
  };
  const groupOptions: CompileOptions = { ...base, clause: "SELECT", intercept };
  const outputs = columns.map((c) => compileExpression(c.expr, groupOptions));
  const having = select.having === undefined ? undefined : condition(select.having, { ...groupOptions, clause: "HAVING" });
  const sortKeys = order?.keys.map((k) => compileExpression(k, { ...groupOptions, clause: "ORDER BY" })) ?? [];

  const spec: GroupingSpec = {
    keys: keys.map((k) => k.evaluate),
    aggregates,
    having: having?.evaluate,
    outputs: [...outputs, ...sortKeys].map((c) => c.evaluate),
    inputColumns: source.names,
    groupColumns: ["ROWTIME", ...keyAsts.map((k, i) => (k.kind === "identifier" ? describe(k) : `KEY${i + 1}`)), ...aggregates.map((a) => a.key)],
  };
  const planned = { columns: columns.map((c, i) => ({ name: c.name, type: outputs[i]?.type ?? SqlTypes.null })) };

  if (stagger !== undefined) {
    const range = compileExpression(stagger.range, { ...base, clause: "WINDOWED BY" });
    const length = range.constant ? range.evaluate([]) : null;
    if (range.type.name !== "INTERVAL" || typeof length !== "number" || length <= 0) {
      throw new SqlValidationError(`WINDOWED BY STAGGER needs a positive interval: RANGE INTERVAL '1' MINUTE`, stagger.range.span);
    }
    return {
      ...planned,
      build: (rt, out) => {
        const node = new StaggerWindows(rt, spec, length, withOrder(rt, order, columns.length, out));
        rt.register(node);
        source.build(rt, filter(rt, where?.evaluate, node.push, source.names));
      },
    };
  }

  const timeKeys: TimeKey[] = [];
  keyAsts.forEach((k, index) => {
    const bucket = recognizeTimeBucket(k, scope, base);
    if (bucket !== undefined) timeKeys.push({ index, bucket });
  });
  if (timeKeys.length === 0) {
    const groupBy = select.groupBy ?? [];
    const first = groupBy[0];
    const last = groupBy[groupBy.length - 1];
    throw new SqlValidationError(
      `Streaming GROUP BY needs a monotonic expression based on ROWTIME among its keys, such as STEP(ROWTIME BY INTERVAL '60' SECOND) or FLOOR(ROWTIME TO MINUTE)`,
      first !== undefined && last !== undefined ? { start: first.span.start, end: last.span.end } : select.span,
    );
  }
  return {
    ...planned,
    build: (rt, out) => {
      const node = new TumblingWindows(rt, spec, timeKeys, withOrder(rt, order, columns.length, out));
      rt.register(node);
      source.build(rt, filter(rt, where?.evaluate, node.push, source.names));
    },
  };
}
