/**
 * Schema versions of Durable Objects' SQLite storage. Each object keeps its version in its own
 * synchronous KV, so waking up costs one read, and migrations run once, in one transaction.
 */
const VERSION_KEY = "schema_version";

/** Whether this object's storage was ever set up. */
export function hasSchema(storage: DurableObjectStorage): boolean {
  return storage.kv.get(VERSION_KEY) !== undefined;
}

/**
 * Brings the schema to the last version. `migrations[i]` holds the statements that take version i
 * to version i + 1; entries are only ever appended.
 */
export function migrate(storage: DurableObjectStorage, migrations: readonly (readonly string[])[]): void {
  const version = Number(storage.kv.get(VERSION_KEY) ?? 0);
  if (version >= migrations.length) return;
  storage.transactionSync(() => {
    for (const statement of migrations.slice(version).flat()) storage.sql.exec(statement);
    storage.kv.put(VERSION_KEY, migrations.length);
  });
}
