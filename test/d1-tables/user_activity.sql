-- The example table the tests of the Redshift destination load into: user activity events, from
-- CopyCommand {"DataTableName": "user_activity", "DataTableColumns": "user_id,event,occurred_at,page,duration_ms",
-- "CopyOptions": "json 'auto'"} and JSON records such as
-- {"user_id": "u-1", "event": "page_view", "occurred_at": "2026-11-27T10:00:00Z", "page": "/home", "duration_ms": 1200}.
-- The integration tests apply it with migrations/ (vitest.config.ts); the end-to-end test creates it
-- with `wrangler d1 execute --file`, as a user would.
CREATE TABLE IF NOT EXISTS user_activity (
  user_id TEXT NOT NULL,
  event TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  page TEXT,
  duration_ms INTEGER
);

CREATE INDEX IF NOT EXISTS user_activity_by_user ON user_activity (user_id, occurred_at);
