-- The example table of the seeds: user activity events, loaded by a Firehose Redshift destination
-- (CopyCommand {"DataTableName": "user_activity", "DataTableColumns": "user_id,event,occurred_at,page,duration_ms",
-- "CopyOptions": "json 'auto'"}) from JSON records such as
-- {"user_id": "u-1", "event": "page_view", "occurred_at": "2026-11-27T10:00:00Z", "page": "/home", "duration_ms": 1200}.
CREATE TABLE IF NOT EXISTS user_activity (
  user_id TEXT NOT NULL,
  event TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  page TEXT,
  duration_ms INTEGER
);

CREATE INDEX IF NOT EXISTS user_activity_by_user ON user_activity (user_id, occurred_at);

-- Firehose's load log: one row per delivered batch, written in the same D1 batch as its rows, so a
-- batch delivered again inserts nothing (src/firehose/d1-load.ts creates it too, for other databases).
CREATE TABLE IF NOT EXISTS firehose_load_log (
  batch_id TEXT PRIMARY KEY,
  delivery_stream TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  loaded_at TEXT NOT NULL
);
