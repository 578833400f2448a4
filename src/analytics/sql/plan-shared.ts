/**
 * What the query planners (projection, grouping, sliding windows, unions) share: the planned query's
 * shape, select columns after `*` is expanded, a resolved ORDER BY, and the clause checks.
 */
import type { Expression } from "./ast";
import { compileExpression, type CompileOptions } from "./compile-expression";
import type { Compiled } from "./compiled";
import { SqlValidationError } from "./errors";
import { OrderBy } from "./operators/order-by";
import type { Push, PumpRuntime } from "./operators/runtime";
import type { TimeBucket } from "./time-buckets";
import { typeToString, type SqlType } from "./types";

export interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface PlannedQuery {
  /** The columns of the rows the query emits, after their ROWTIME: [ROWTIME, ...columns]. */
  readonly columns: readonly OutputColumn[];
  build(rt: PumpRuntime, out: Push): void;
}

/** One select item after `*` is expanded: the expression to compile and the column's name. */
export interface SelectColumn {
  readonly expr: Expression;
  readonly name: string;
}

/** ORDER BY, resolved: the expressions to compile in the select list's scope, and the leading bucket. */
export interface OrderPlan {
  readonly keys: readonly Expression[];
  readonly descending: readonly boolean[];
  readonly bucket: TimeBucket;
}

export function condition(e: Expression, options: CompileOptions): Compiled {
  const c = compileExpression(e, options);
  if (c.type.name !== "BOOLEAN" && c.type.name !== "NULL") {
    throw new SqlValidationError(`${options.clause} clause must be a condition; its type is ${typeToString(c.type)}`, e.span);
  }
  return c;
}

/** Adds the ORDER BY operator after a query's last stage: it takes rows [ROWTIME, ...items, ...keys]. */
export function withOrder(rt: PumpRuntime, order: OrderPlan | undefined, width: number, out: Push): Push {
  if (order === undefined) return out;
  const node = new OrderBy(width, order.descending, order.bucket, out);
  rt.register(node);
  return node.push;
}
