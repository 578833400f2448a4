/**
 * Data Streams: the list (status, mode, open shards, retention, the last hour's IncomingRecords and
 * IncomingBytes as sparklines; refreshed every ten seconds), creating a stream and deleting one.
 * Shows the first 100 streams of the region (one ListStreams page).
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { AwsError } from "../../aws/errors";
import { readStreamMetrics, type MetricsAnswer } from "../../metrics/query";
import { callAws, scopeOf } from "../api";
import type { ConsoleContext, ConsoleEnv } from "../auth";
import { Sparkline } from "../charts";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderFragment, renderPage } from "../layout";
import { streamMode, streamPath, streamSummary } from "../loaders/kinesis";
import type { JsonWire } from "../../aws/protocol";
import type { ListStreamsOutput, StreamDescriptionSummary } from "../../streams/shapes.generated";

interface StreamRow {
  summary: JsonWire<StreamDescriptionSummary>;
  /** The last hour's stream-level metrics; none while the stream is being created or deleted. */
  metrics?: MetricsAnswer;
}

async function loadRows(c: ConsoleContext): Promise<{ rows: StreamRow[]; more: boolean }> {
  const list = await callAws<JsonWire<ListStreamsOutput>>(c, "kinesis", "ListStreams", {});
  const now = c.get("clock").now();
  const rows = await Promise.all(
    (list.StreamSummaries ?? []).map(async (stream): Promise<StreamRow | undefined> => {
      let summary: JsonWire<StreamDescriptionSummary>;
      try {
        summary = await streamSummary(c, stream.StreamName);
      } catch (error) {
        // Deleted since it was listed.
        if (error instanceof AwsError && error.type === "ResourceNotFoundException") return undefined;
        throw error;
      }
      if (summary.StreamStatus !== "ACTIVE" && summary.StreamStatus !== "UPDATING") return { summary };
      // DescribeStreamSummary above, as the caller, is what allows reading them.
      const metrics = await readStreamMetrics(c.env, scopeOf(c), { streamName: stream.StreamName, range: "1h", now });
      return { summary, metrics };
    }),
  );
  return { rows: rows.filter((row) => row !== undefined), more: list.HasMoreStreams };
}

const StreamsTable: FC<{ rows: StreamRow[]; more: boolean; now: number }> = ({ rows, more, now }) => (
  <div class="table-wrap" data-testid="streams-table" data-refresh="/console/streams?part=table">
    {rows.length === 0 ? (
      <p class="muted" data-testid="no-streams">
        No data streams in this region yet.
      </p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Mode</th>
            <th class="num">Open shards</th>
            <th class="num">Retention</th>
            <th>Incoming records, 1 h</th>
            <th>Incoming bytes, 1 h</th>
            <th>
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ summary, metrics }) => (
            <tr data-testid={`stream-row-${summary.StreamName}`}>
              <td data-label="Name">
                <a href={streamPath(summary.StreamName)} data-testid="stream-link">
                  {summary.StreamName}
                </a>
              </td>
              <td data-label="Status">
                <span class={`status status-${summary.StreamStatus.toLowerCase()}`} data-testid="stream-status">
                  {summary.StreamStatus}
                </span>
              </td>
              <td data-label="Mode">{streamMode(summary)}</td>
              <td data-label="Open shards" class="num" data-testid="open-shards">
                {summary.OpenShardCount}
              </td>
              <td data-label="Retention" class="num">
                {summary.RetentionPeriodHours} h
              </td>
              <td data-label="Incoming records, 1 h">
                <Sparkline
                  series={metrics?.series.find((series) => series.name === "IncomingRecords")}
                  periodSeconds={metrics?.periodSeconds ?? 60}
                  now={now}
                  testId="sparkline-IncomingRecords"
                />
              </td>
              <td data-label="Incoming bytes, 1 h">
                <Sparkline
                  series={metrics?.series.find((series) => series.name === "IncomingBytes")}
                  periodSeconds={metrics?.periodSeconds ?? 60}
                  now={now}
                  testId="sparkline-IncomingBytes"
                />
              </td>
              <td class="actions">
                <ApiForm
                  action="kinesis/DeleteStream"
                  testId="delete-stream"
                  confirm={`Delete the stream ${summary.StreamName} and every record in it?`}
                  class="inline-form"
                >
                  <Hidden name="StreamName" value={summary.StreamName} />
                  <Hidden name="EnforceConsumerDeletion" value="true" type="boolean" />
                  <button type="submit" class="danger quiet" disabled={summary.StreamStatus === "DELETING"}>
                    Delete
                  </button>
                </ApiForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {more ? <p class="muted">Showing the first 100 streams.</p> : null}
  </div>
);

const CreateStreamForm: FC = () => (
  <details class="card" data-testid="create-stream">
    <summary>Create data stream</summary>
    <ApiForm action="kinesis/CreateStream" testId="create-stream-form" then={{ navigate: "/console/streams/{StreamName}" }} class="api-form row">
      <label>
        Name
        <input name="StreamName" required maxlength={128} pattern="[a-zA-Z0-9_.\-]+" data-testid="new-stream-name" />
      </label>
      <label>
        Capacity mode
        <select name="StreamModeDetails.StreamMode" data-testid="new-stream-mode">
          <option value="PROVISIONED">Provisioned</option>
          <option value="ON_DEMAND">On-demand</option>
        </select>
      </label>
      <label>
        Shards
        <input
          name="ShardCount"
          type="number"
          min={1}
          value="1"
          data-type="number"
          data-disabled-when="StreamModeDetails.StreamMode=ON_DEMAND"
          data-testid="new-stream-shards"
        />
      </label>
      <button type="submit" data-testid="create-stream-submit">
        Create
      </button>
    </ApiForm>
  </details>
);

export const streamsPages = new Hono<ConsoleEnv>();

streamsPages.get("/", async (c) => {
  const { rows, more } = await loadRows(c);
  const now = c.get("clock").now();
  // The table alone, for the client script's refresh (a query, since any path segment could be a stream's name).
  if (c.req.query("part") === "table") return renderFragment(c, <StreamsTable rows={rows} more={more} now={now} />);
  const path = new URL(c.req.url).pathname;
  return renderPage(
    c,
    <Layout title="Data Streams" session={c.get("session")} path={path}>
      <div class="page-head">
        <h1>Data Streams</h1>
        <span class="muted">{c.get("session").region}</span>
      </div>
      <CreateStreamForm />
      <section class="card">
        <StreamsTable rows={rows} more={more} now={now} />
      </section>
    </Layout>,
  );
});
