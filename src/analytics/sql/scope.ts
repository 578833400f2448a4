/**
 * Name resolution: which position of the row a column reference reads. A query's row holds the current
 * ROWTIME at index 0, then the columns of its FROM relations (a join's row holds both sides' rows, each
 * with its own ROWTIME). Rules, as AWS's: unquoted names were folded to upper case by the lexer, quoted
 * ones match exactly; `ROWTIME` alone is the current row's time, `s.ROWTIME` that relation's; a column
 * name must be unambiguous; `l.r.COLUMN1` reads field COLUMN1 of the ROW-typed column r of relation l.
 * Hidden columns (ROWTIME, APPROXIMATE_ARRIVAL_TIME) are not expanded by `*`.
 */
import type { Identifier, IdentifierChain } from "./ast";
import { SqlValidationError } from "./errors";
import { SqlTypes, type SqlType } from "./types";

export interface ScopeColumn {
  readonly name: string;
  readonly type: SqlType;
  /** The column's position in the query's row. */
  readonly index: number;
  readonly hidden: boolean;
}

export interface ScopeRelation {
  /** What may qualify its columns: its alias, or else its stream's or table's name. */
  readonly name: string;
  readonly columns: readonly ScopeColumn[];
  /** Where this relation's ROWTIME is in the row; undefined for reference tables. */
  readonly rowtimeIndex: number | undefined;
}

export interface Resolved {
  readonly type: SqlType;
  readonly index: number;
  /** Field positions inside a ROW value, outermost first. */
  readonly path: readonly number[];
  readonly key: string;
  /** Whether the reference is the query's own (monotonic) ROWTIME. */
  readonly isRowtime: boolean;
}

export class Scope {
  constructor(
    readonly relations: readonly ScopeRelation[],
    /** Where the current ROWTIME is (0), or undefined when nothing here has one. */
    readonly rowtimeIndex: number | undefined,
  ) {}

  resolve(chain: IdentifierChain): Resolved {
    const [first, second] = chain.parts;
    if (first === undefined) throw new SqlValidationError("Empty identifier", chain.span);
    if (chain.parts.length === 1) return this.resolveUnqualified(first, chain);
    const relation = this.relations.find((r) => r.name === first.name);
    if (relation !== undefined && second !== undefined) {
      if (second.name === "ROWTIME" && relation.rowtimeIndex !== undefined && !relation.columns.some((c) => c.name === "ROWTIME" && !c.hidden)) {
        if (chain.parts.length > 2) throw notRow(chain, "ROWTIME", SqlTypes.timestamp);
        const isRowtime = relation.rowtimeIndex === this.rowtimeIndex;
        return { type: SqlTypes.timestamp, index: relation.rowtimeIndex, path: [], key: `$${relation.rowtimeIndex}`, isRowtime };
      }
      const column = relation.columns.find((c) => c.name === second.name);
      if (column === undefined) {
        throw new SqlValidationError(`Column '${second.name}' not found in table '${relation.name}'`, second.span);
      }
      return this.fields(chain, 2, { type: column.type, index: column.index, path: [], key: `$${column.index}`, isRowtime: false });
    }
    // Not a relation: a ROW-typed column followed by field names.
    const column = this.findColumn(first);
    if (column === undefined) throw new SqlValidationError(`Table '${first.name}' not found`, first.span);
    return this.fields(chain, 1, { type: column.type, index: column.index, path: [], key: `$${column.index}`, isRowtime: false });
  }

  private resolveUnqualified(id: Identifier, chain: IdentifierChain): Resolved {
    const column = this.findColumn(id);
    if (column !== undefined) return { type: column.type, index: column.index, path: [], key: `$${column.index}`, isRowtime: false };
    if (id.name === "ROWTIME" && this.rowtimeIndex !== undefined) {
      return { type: SqlTypes.timestamp, index: this.rowtimeIndex, path: [], key: `$${this.rowtimeIndex}`, isRowtime: true };
    }
    throw new SqlValidationError(`Column '${id.name}' not found in any table`, chain.span);
  }

  private findColumn(id: Identifier): ScopeColumn | undefined {
    const matches: ScopeColumn[] = [];
    for (const r of this.relations) for (const c of r.columns) if (c.name === id.name) matches.push(c);
    if (matches.length > 1) throw new SqlValidationError(`Column '${id.name}' is ambiguous`, id.span);
    return matches[0];
  }

  private fields(chain: IdentifierChain, from: number, base: Resolved): Resolved {
    let type = base.type;
    const path: number[] = [];
    let key = base.key;
    for (let i = from; i < chain.parts.length; i++) {
      const part = chain.parts[i];
      if (part === undefined) break;
      const fields = type.fields;
      if (type.name !== "ROW" || fields === undefined) throw notRow(chain, chain.parts[i - 1]?.name ?? "", type);
      const index = fields.findIndex((f) => f.name === part.name);
      const field = fields[index];
      if (field === undefined) {
        throw new SqlValidationError(`Unknown field '${part.name}'`, part.span);
      }
      path.push(index);
      key += `.${index}`;
      type = field.type;
    }
    return { type, index: base.index, path, key, isRowtime: base.isRowtime && path.length === 0 };
  }

  /** The columns `*` or `q.*` stands for. */
  star(qualifier: Identifier | undefined): ScopeColumn[] {
    if (qualifier === undefined) return this.relations.flatMap((r) => r.columns.filter((c) => !c.hidden));
    const relation = this.relations.find((r) => r.name === qualifier.name);
    if (relation === undefined) throw new SqlValidationError(`Table '${qualifier.name}' not found`, qualifier.span);
    return relation.columns.filter((c) => !c.hidden);
  }
}

function notRow(chain: IdentifierChain, name: string, type: SqlType): SqlValidationError {
  return new SqlValidationError(`'${name}' is not a row (its type is ${type.name}), so it has no fields`, chain.span);
}

/**
 * The scope of one relation whose row is [ROWTIME, ...columns] (a stream or a subquery's output), with
 * `hiddenTail` columns at the end that `*` does not expand (APPROXIMATE_ARRIVAL_TIME of input streams).
 */
export function singleRelationScope(name: string, columns: readonly { name: string; type: SqlType; hidden?: boolean }[]): Scope {
  return new Scope([relationAt(name, columns, 0)], 0);
}

/** A relation whose row starts at `offset` in the query's row: its ROWTIME there, its columns after. */
export function relationAt(name: string, columns: readonly { name: string; type: SqlType; hidden?: boolean }[], offset: number, hasRowtime = true): ScopeRelation {
  return {
    name,
    columns: columns.map((c, i) => ({ name: c.name, type: c.type, index: offset + 1 + i, hidden: c.hidden ?? false })),
    rowtimeIndex: hasRowtime ? offset : undefined,
  };
}
