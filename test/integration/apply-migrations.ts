/**
 * Applies migrations/ and the tests' example tables, test/d1-tables/ (both read by vitest.config.ts), to
 * the D1 database before each test file; applying twice is a no-op.
 */
import { applyD1Migrations, env, type D1Migration } from "cloudflare:test";

const bindings = env as unknown as { RIVULET_ANALYTICS: D1Database; TEST_MIGRATIONS: D1Migration[] };
await applyD1Migrations(bindings.RIVULET_ANALYTICS, bindings.TEST_MIGRATIONS);
