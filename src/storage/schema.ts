/**
 * Schema versions of Durable Objects' SQLite storage. Each object keeps its version in its own
 * synchronous KV, so waking up costs one read, and migrations run once, in one transaction.
 *
 * A module that several objects share (src/metrics/) keeps its tables under its own version key,
 * so its migrations never interleave with those of the object that hosts it.
 */
const VERSION_KEY = "schema_version";

/** Whether this object's storage was ever set up. */
export function hasSchema(storage: DurableObjectStorage, key = VERSION_KEY): boolean {
  return storage.kv.get(key) !== undefined;
}

/**
 * Brings the schema to the last version. `migrations[i]` holds the statements that take version i
 * to version i + 1; entries are only ever appended.
 */
export function migrate(storage: DurableObjectStorage, migrations: readonly (readonly string[])[], key = VERSION_KEY): void {
  const version = Number(storage.kv.get(key) ?? 0);
  if (version >= migrations.length) return;
  storage.transactionSync(() => {
    for (const statement of migrations.slice(version).flat()) storage.sql.exec(statement);
    storage.kv.put(key, migrations.length);
  });
}
