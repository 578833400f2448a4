/**
 * compileApplication: application code plus the schema of its inputs and reference tables in, a
 * checked application out (or a SqlError naming the line and column). The result describes every
 * in-application stream, so outputs and live views know the columns; engines run it.
 */
import type { Statement } from "./ast";
import { ERROR_STREAM_COLUMNS, type ApplicationSchema } from "./catalog";
import { typeFromSpec } from "./compile-expression";
import { parseApplicationCode, parseSqlTypeText } from "./parser";
import { planApplication } from "./plan-application";
import { emptyRegistry, type FunctionRegistry } from "./plugins";
import type { ColumnDescriptor, SqlType } from "./types";

export interface StreamDescription {
  readonly name: string;
  /** input: fed by the application's input; stream: created by its code; error: error_stream. */
  readonly kind: "input" | "stream" | "error";
  /** The stream's columns after ROWTIME, as rows read from it give them. */
  readonly columns: readonly ColumnDescriptor[];
}

export interface CompiledApplication {
  readonly code: string;
  readonly schema: ApplicationSchema;
  readonly functions: FunctionRegistry;
  readonly statements: readonly Statement[];
  readonly streams: readonly StreamDescription[];
  readonly pumps: readonly { readonly name: string; readonly target: string; readonly sources: readonly string[] }[];
  /** Identifies code and schema, so a snapshot is only restored into the application that took it. */
  readonly fingerprint: string;
}

/** Parses and checks application code against its inputs' schema; throws SqlError when it cannot run. */
export function compileApplication(code: string, schema: ApplicationSchema, options: { functions?: FunctionRegistry } = {}): CompiledApplication {
  checkSchema(schema);
  const functions = options.functions ?? emptyRegistry;
  const statements = parseApplicationCode(code);
  // Planning with a clock that is never read proves every pump can be built.
  const planned = planApplication(statements, schema, functions, { now: () => 0 });
  const streams = [...planned.streams.values()].map((s) => ({
    name: s.name,
    kind: s.kind,
    columns: (s.kind === "error" ? ERROR_STREAM_COLUMNS : s.columns.filter((c) => !c.hidden)).map((c) => ({ name: c.name, type: c.type })),
  }));
  const pumps = planned.pumps.map((p) => ({ name: p.name, target: p.target, sources: p.sources }));
  return { code, schema, functions, statements, streams, pumps, fingerprint: fingerprint(code, schema) };
}

/** A type as an input schema's RecordColumn.SqlType writes it ("VARCHAR(4)", "DECIMAL(5,2)"). */
export function parseColumnType(text: string): SqlType {
  return typeFromSpec(parseSqlTypeText(text));
}

function checkSchema(schema: ApplicationSchema): void {
  const names = new Set<string>();
  for (const s of [...schema.inputs, ...(schema.referenceTables ?? [])]) {
    if (names.has(s.name)) throw new Error(`Input stream or reference table '${s.name}' is defined twice`);
    names.add(s.name);
    const columns = new Set<string>();
    for (const c of s.columns) {
      if (columns.has(c.name)) throw new Error(`Column '${c.name}' of '${s.name}' is defined twice`);
      columns.add(c.name);
      if (c.type.name === "ROW" || c.type.name === "INTERVAL" || c.type.name === "NULL") throw new Error(`Column '${c.name}' of '${s.name}' cannot have type ${c.type.name}`);
    }
  }
}

/** FNV-1a over the code and the schema: cheap, stable, enough to tell applications apart. */
function fingerprint(code: string, schema: ApplicationSchema): string {
  const text = `${code}\u0000${JSON.stringify(schema)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
