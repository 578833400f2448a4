-- Firehose's load log: one row per delivered batch, written in the same D1 batch as its rows, so a
-- batch delivered again inserts nothing (src/firehose/d1-load.ts creates it too, for other databases).
-- The tables a Redshift destination loads into are the deployment's own: a numbered file here each.
CREATE TABLE IF NOT EXISTS firehose_load_log (
  batch_id TEXT PRIMARY KEY,
  delivery_stream TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  loaded_at TEXT NOT NULL
);
