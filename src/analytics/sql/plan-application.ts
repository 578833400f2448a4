/**
 * Plans a whole application: reads the statements in order (a name must be created before it is used,
 * CREATE OR REPLACE replaces an earlier definition), checks each pump's INSERT against its target
 * stream, and orders the pumps so that a pump writing a stream comes before the pumps reading it (time
 * then reaches them in that order). Refused: writing to an input stream or error_stream, replacing a
 * stream a pump already uses, pumps that feed themselves through a cycle of streams.
 */
import type { ColumnDefinition, CreatePump, CreateStream, FromItem, Query, Statement } from "./ast";
import { ERROR_STREAM, ERROR_STREAM_COLUMNS, inputStreamDefinition, type ApplicationSchema, type PlanEnv, type StreamDefinition, type TableDefinition } from "./catalog";
import { converter } from "./coerce";
import { typeFromSpec } from "./compile-expression";
import type { EvalContext } from "./compiled";
import { SqlValidationError } from "./errors";
import { insertInto, type TargetColumn } from "./operators/insert";
import type { Push, PumpRuntime } from "./operators/runtime";
import { planQuery } from "./plan-query";
import type { FunctionRegistry } from "./plugins";
import { isAssignable, typeToString } from "./types";

export interface PlannedPump {
  readonly name: string;
  readonly target: string;
  /** The streams its query reads. */
  readonly sources: readonly string[];
  /** Builds the pump's operators for one engine; `publish` inserts a row into the target stream. */
  build(rt: PumpRuntime, publish: Push): void;
}

export interface PlannedApplication {
  readonly streams: ReadonlyMap<string, StreamDefinition>;
  readonly tables: ReadonlyMap<string, TableDefinition>;
  /** In an order where every pump comes after the pumps writing the streams it reads. */
  readonly pumps: readonly PlannedPump[];
}

export function planApplication(statements: readonly Statement[], schema: ApplicationSchema, functions: FunctionRegistry, evalContext: EvalContext): PlannedApplication {
  const streams = new Map<string, StreamDefinition>();
  const tables = new Map<string, TableDefinition>();
  for (const input of schema.inputs) streams.set(input.name, inputStreamDefinition(input.name, input.columns));
  for (const t of schema.referenceTables ?? []) tables.set(t.name, t);
  streams.set(ERROR_STREAM, { name: ERROR_STREAM, kind: "error", columns: ERROR_STREAM_COLUMNS });

  const pumps = new Map<string, PlannedPump & { statement: CreatePump }>();
  const env: PlanEnv = { streams, tables, functions, eval: evalContext };
  for (const s of statements) {
    if (s.kind === "createStream") defineStream(s, streams, tables, [...pumps.values()]);
    else {
      const existing = pumps.get(s.name.name);
      if (existing !== undefined && !s.orReplace) throw new SqlValidationError(`Pump '${s.name.name}' already exists`, s.name.span);
      pumps.delete(s.name.name);
      pumps.set(s.name.name, { ...planPump(s, env), statement: s });
    }
  }
  return { streams, tables, pumps: order([...pumps.values()]) };
}

function defineStream(s: CreateStream, streams: Map<string, StreamDefinition>, tables: ReadonlyMap<string, TableDefinition>, pumps: readonly (PlannedPump & { statement: CreatePump })[]): void {
  const name = s.name.name;
  const existing = streams.get(name);
  if (existing?.kind === "input") throw new SqlValidationError(`Stream '${name}' is an input stream of the application; choose another name`, s.name.span);
  if (existing?.kind === "error" || tables.has(name)) throw new SqlValidationError(`Object '${name}' already exists`, s.name.span);
  if (existing !== undefined) {
    if (!s.orReplace) throw new SqlValidationError(`Stream '${name}' already exists`, s.name.span);
    const user = pumps.find((p) => p.target === name || p.sources.includes(name));
    if (user !== undefined) throw new SqlValidationError(`Cannot replace stream '${name}': pump '${user.name}' uses it`, s.name.span);
  }
  const seen = new Set<string>();
  const columns = s.columns.map((c: ColumnDefinition) => {
    if (seen.has(c.name.name)) throw new SqlValidationError(`Duplicate column name '${c.name.name}'`, c.name.span);
    seen.add(c.name.name);
    if (c.name.name === "ROWTIME") throw new SqlValidationError(`ROWTIME is a system column; a stream cannot declare it`, c.name.span);
    return { name: c.name.name, type: typeFromSpec(c.type), notNull: c.notNull, hidden: false };
  });
  streams.set(name, { name, kind: "stream", columns });
}

function planPump(s: CreatePump, env: PlanEnv): PlannedPump {
  const targetName = s.target.name;
  const target = env.streams.get(targetName);
  if (target === undefined) {
    const table = env.tables.get(targetName);
    throw new SqlValidationError(table ? `Cannot insert into reference table '${targetName}'` : `Object '${targetName}' not found`, s.target.span);
  }
  if (target.kind === "input") throw new SqlValidationError(`Cannot insert into input stream '${targetName}'; its rows come from the application's input`, s.target.span);
  if (target.kind === "error") throw new SqlValidationError(`Cannot insert into '${targetName}'; it is written by the system`, s.target.span);
  const query = planQuery(s.query, env);

  // Which target columns the query's columns fill, in order.
  let listed: number[];
  if (s.targetColumns === undefined) {
    listed = target.columns.map((_c, i) => i);
  } else {
    listed = s.targetColumns.map((id) => {
      const i = target.columns.findIndex((c) => c.name === id.name);
      if (i < 0) throw new SqlValidationError(`Unknown target column '${id.name}'`, id.span);
      return i;
    });
    const dup = listed.find((i, k) => listed.indexOf(i) !== k);
    if (dup !== undefined) throw new SqlValidationError(`Target column '${target.columns[dup]?.name ?? ""}' is assigned more than once`, s.target.span);
  }
  if (listed.length !== query.columns.length) {
    throw new SqlValidationError(`Number of INSERT target columns (${listed.length}) does not equal number of source items (${query.columns.length})`, s.query.span);
  }
  const columns: TargetColumn[] = target.columns.map((c, i) => {
    const position = listed.indexOf(i);
    const source = query.columns[position];
    if (source === undefined) return { source: undefined, convert: (v) => v, name: c.name, notNull: c.notNull };
    if (!isAssignable(c.type, source.type)) {
      throw new SqlValidationError(`Cannot assign to target field '${c.name}' of type ${typeToString(c.type)} from source field '${source.name}' of type ${typeToString(source.type)}`, s.query.span);
    }
    return { source: 1 + position, convert: converter(source.type, c.type, "store"), name: c.name, notNull: c.notNull };
  });
  const sourceNames = ["ROWTIME", ...query.columns.map((c) => c.name)];
  return {
    name: s.name.name,
    target: targetName,
    sources: streamsRead(s.query, env),
    build: (rt, publish) => query.build(rt, insertInto(rt, columns, sourceNames, publish)),
  };
}

/** The in-application streams a query reads, however deep (subqueries, joins, cursors). */
function streamsRead(q: Query, env: PlanEnv): string[] {
  if (q.kind === "union") return [...streamsRead(q.left, env), ...streamsRead(q.right, env)];
  const fromItem = (f: FromItem): string[] => {
    switch (f.kind) {
      case "ref":
        return env.streams.has(f.name.name) ? [f.name.name] : [];
      case "subquery":
        return streamsRead(f.query, env);
      case "tableFunction":
        return f.args.flatMap((a) => (a.kind === "cursor" ? streamsRead(a.query, env) : []));
      case "join":
        return [...fromItem(f.left), ...fromItem(f.right)];
    }
  };
  return fromItem(q.from);
}

/** Pumps in dependency order (statement order among equals); refuses cycles. */
function order(pumps: readonly (PlannedPump & { statement: CreatePump })[]): PlannedPump[] {
  const done: PlannedPump[] = [];
  const remaining = [...pumps];
  while (remaining.length > 0) {
    const ready = remaining.findIndex((p) => !remaining.some((q) => p.sources.includes(q.target)));
    if (ready < 0) {
      const p = remaining.find((x) => remaining.some((q) => x.sources.includes(q.target))) ?? remaining[0];
      if (p === undefined) break;
      const via = p.sources.find((src) => remaining.some((q) => q.target === src)) ?? "";
      throw new SqlValidationError(`Pump '${p.name}' reads stream '${via}', which it feeds itself (through a cycle of pumps); streams cannot feed themselves`, p.statement.span);
    }
    const [p] = remaining.splice(ready, 1);
    if (p !== undefined) done.push(p);
  }
  return done;
}
