/**
 * The data viewer of a stream: pick a shard and a starting position, read its records (partition
 * key, sequence number, arrival time, data as JSON, text or hex), tail it live, and put a test
 * record. The page only lays out the controls; client/viewer.js reads through the console API
 * (GetShardIterator, GetRecords, PutRecord), so reading here is exactly reading with the API.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { ConsoleEnv } from "../auth";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderPage } from "../layout";
import { allShards, isOpen, streamPath, streamSummary } from "../loaders/kinesis";
import type { JsonWire } from "../../aws/protocol";
import type { Shard, StreamDescriptionSummary } from "../../streams/shapes.generated";

const POSITIONS = [
  { value: "TRIM_HORIZON", label: "Trim horizon (oldest)" },
  { value: "LATEST", label: "Latest (new records only)" },
  { value: "AT_SEQUENCE_NUMBER", label: "At sequence number" },
  { value: "AFTER_SEQUENCE_NUMBER", label: "After sequence number" },
  { value: "AT_TIMESTAMP", label: "At timestamp" },
] as const;

const Controls: FC<{ shards: Shard[]; chosen: string | undefined }> = ({ shards, chosen }) => (
  <form class="viewer-controls" data-viewer-controls data-testid="viewer-controls">
    <label>
      Shard
      <select name="shard" data-testid="viewer-shard">
        {shards.map((shard) => (
          <option value={shard.ShardId} selected={shard.ShardId === chosen}>
            {shard.ShardId}
            {isOpen(shard) ? "" : " (closed)"}
          </option>
        ))}
      </select>
    </label>
    <label>
      Starting position
      <select name="position" data-testid="viewer-position">
        {POSITIONS.map((position) => (
          <option value={position.value}>{position.label}</option>
        ))}
      </select>
    </label>
    <label data-needs="AT_SEQUENCE_NUMBER AFTER_SEQUENCE_NUMBER" hidden>
      Sequence number
      <input name="sequenceNumber" inputmode="numeric" pattern="0|([1-9]\d{0,128})" data-testid="viewer-sequence-number" />
    </label>
    <label data-needs="AT_TIMESTAMP" hidden>
      Timestamp (UTC)
      <input name="timestamp" type="datetime-local" step="1" data-testid="viewer-timestamp" />
    </label>
    <div class="row compact">
      <button type="submit" data-testid="viewer-read">
        Read
      </button>
      <label class="toggle">
        <input type="checkbox" name="tail" data-testid="viewer-tail" />
        Live tail
      </label>
    </div>
    <fieldset class="formats">
      <legend>Show data as</legend>
      <label>
        <input type="radio" name="format" value="json" checked data-testid="format-json" /> JSON
      </label>
      <label>
        <input type="radio" name="format" value="text" data-testid="format-text" /> Text
      </label>
      <label>
        <input type="radio" name="format" value="hex" data-testid="format-hex" /> Hex
      </label>
    </fieldset>
  </form>
);

const Records: FC = () => (
  <section class="card" data-testid="viewer-records">
    <div class="section-head">
      <h2>
        Records <span class="count" data-record-count data-testid="record-count">0</span>
      </h2>
      <p class="muted small" data-viewer-status role="status" data-testid="viewer-status">
        Choose a shard and a starting position, then Read.
      </p>
    </div>
    <p class="error" data-viewer-error role="alert" data-testid="viewer-error" hidden />
    <ol class="records" data-records data-testid="records" />
    <button type="button" class="quiet" data-more hidden data-testid="viewer-more">
      Read more
    </button>
  </section>
);

const PutRecordForm: FC<{ summary: JsonWire<StreamDescriptionSummary> }> = ({ summary }) => (
  <section class="card">
    <h2>Put a test record</h2>
    <ApiForm action="kinesis/PutRecord" testId="put-record-form" then={{ result: "Stored in {ShardId} as sequence number {SequenceNumber}." }} class="api-form stack">
      <Hidden name="StreamName" value={summary.StreamName} />
      <label>
        Partition key
        <input name="PartitionKey" required maxlength={256} value="console" data-testid="put-partition-key" />
      </label>
      <label>
        Data (UTF-8 text)
        <textarea name="Data" rows={4} data-type="base64" data-testid="put-data">
          {'{"hello": "from the console"}'}
        </textarea>
      </label>
      <button type="submit" data-testid="put-record-submit">
        Put record
      </button>
    </ApiForm>
  </section>
);

export const viewerPages = new Hono<ConsoleEnv>();

viewerPages.get("/:name/data", async (c) => {
  const name = c.req.param("name");
  const summary = await streamSummary(c, name);
  const shards = await allShards(c, name);
  const chosen = shards.find((shard) => shard.ShardId === c.req.query("shard"))?.ShardId ?? shards.find(isOpen)?.ShardId;
  const path = new URL(c.req.url).pathname;
  return renderPage(
    c,
    <Layout
      title={`${name}: data viewer`}
      session={c.get("session")}
      path={path}
      crumbs={[{ label: "Data Streams", href: "/console/streams" }, { label: name, href: streamPath(name) }, { label: "Data viewer" }]}
    >
      <div class="page-head">
        <h1>Data viewer</h1>
        <span class="muted">{name}</span>
      </div>
      <div class="viewer" data-viewer data-stream-name={name} data-testid="viewer">
        <section class="card">
          <Controls shards={shards} chosen={chosen} />
        </section>
        <Records />
      </div>
      <PutRecordForm summary={summary} />
    </Layout>,
  );
});
