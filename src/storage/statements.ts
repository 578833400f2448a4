/**
 * Named SQL statements typed by their parameters and the rows they answer, and the two ways a store
 * runs them, so that a Durable Object's store keeps its SQL in one place and its calls checked.
 */

/** A statement, typed by its parameters and the rows it answers. */
export interface Statement<Params extends SqlStorageValue[], Row> {
  readonly sql: string;
  /** Never set: carries the types. */
  readonly types?: { params: Params; row: Row };
}

export function statement<Params extends SqlStorageValue[], Row = never>(sql: string): Statement<Params, Row> {
  return { sql };
}

/** The rows a statement answers. */
export function queryRows<Params extends SqlStorageValue[], Row extends Record<string, SqlStorageValue>>(
  sql: SqlStorage,
  query: Statement<Params, Row>,
  ...params: Params
): Row[] {
  return sql.exec<Row>(query.sql, ...params).toArray();
}

/** Runs a statement that answers no rows. */
export function runStatement<Params extends SqlStorageValue[]>(sql: SqlStorage, command: Statement<Params, never>, ...params: Params): void {
  sql.exec(command.sql, ...params);
}
