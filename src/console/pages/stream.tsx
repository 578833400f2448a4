/**
 * One data stream: its settings, actions (reshard with UpdateShardCount, capacity mode, enhanced
 * monitoring, delete), its charts over 1 h / 24 h / 7 d (refreshed every ten seconds), the
 * shard-level charts of one shard when enhanced monitoring is on, its shards with their hash key
 * ranges and lineage, and its consumers.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { metricRange, streamMetrics } from "../api";
import type { ConsoleEnv } from "../auth";
import { MetricsPanel, RangeTabs } from "../charts";
import { formatTime, hashKeyShare } from "../format";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderFragment, renderPage } from "../layout";
import type { MetricRange } from "../../metrics/query";
import { allConsumers, allShards, isOpen, streamMode, streamPath, streamSummary } from "../loaders/kinesis";
import type { JsonWire } from "../../aws/protocol";
import type { Consumer, Shard, StreamDescriptionSummary } from "../../streams/shapes.generated";

function chartsUrl(streamName: string, range: MetricRange, shardId?: string): string {
  const query = new URLSearchParams({ range, ...(shardId !== undefined && { shard: shardId }) });
  return `${streamPath(streamName)}/charts?${query.toString()}`;
}

/** The shard-level metrics enabled on the stream (EnableEnhancedMonitoring), none when it is off. */
function shardLevelMetrics(summary: JsonWire<StreamDescriptionSummary>): string[] {
  return summary.EnhancedMonitoring.flatMap((monitoring) => monitoring.ShardLevelMetrics ?? []);
}

const Settings: FC<{ summary: JsonWire<StreamDescriptionSummary> }> = ({ summary }) => (
  <dl class="facts" data-testid="stream-facts">
    <div>
      <dt>Status</dt>
      <dd>
        <span class={`status status-${summary.StreamStatus.toLowerCase()}`} data-testid="stream-status">
          {summary.StreamStatus}
        </span>
      </dd>
    </div>
    <div>
      <dt>Capacity mode</dt>
      <dd data-testid="stream-mode">{streamMode(summary)}</dd>
    </div>
    <div>
      <dt>Open shards</dt>
      <dd data-testid="open-shards">{summary.OpenShardCount}</dd>
    </div>
    <div>
      <dt>Retention</dt>
      <dd>{summary.RetentionPeriodHours} hours</dd>
    </div>
    <div>
      <dt>Consumers</dt>
      <dd>{summary.ConsumerCount}</dd>
    </div>
    <div>
      <dt>Encryption</dt>
      <dd>{summary.EncryptionType === "KMS" ? `KMS (${summary.KeyId ?? ""})` : "None"}</dd>
    </div>
    <div>
      <dt>Enhanced monitoring</dt>
      <dd data-testid="enhanced-monitoring">{shardLevelMetrics(summary).join(", ") || "Off"}</dd>
    </div>
    <div>
      <dt>Created</dt>
      <dd>{formatTime(summary.StreamCreationTimestamp * 1000)}</dd>
    </div>
    <div class="wide">
      <dt>ARN</dt>
      <dd>
        <code>{summary.StreamARN}</code>
      </dd>
    </div>
  </dl>
);

const Actions: FC<{ summary: JsonWire<StreamDescriptionSummary> }> = ({ summary }) => {
  const name = summary.StreamName;
  const provisioned = streamMode(summary) === "PROVISIONED";
  const monitoring = shardLevelMetrics(summary).length > 0;
  return (
    <div class="actions-bar">
      <a class="button" href={`${streamPath(name)}/data`} data-testid="open-viewer">
        Data viewer
      </a>
      {provisioned ? (
        <ApiForm action="kinesis/UpdateShardCount" testId="reshard-form" class="api-form row compact">
          <Hidden name="StreamName" value={name} />
          <Hidden name="ScalingType" value="UNIFORM_SCALING" />
          <label>
            Shards
            <input name="TargetShardCount" type="number" min={1} value={String(summary.OpenShardCount)} data-type="number" data-testid="target-shards" />
          </label>
          <button type="submit" data-testid="reshard-submit">
            Reshard
          </button>
        </ApiForm>
      ) : null}
      <ApiForm action="kinesis/UpdateStreamMode" testId="mode-form" class="api-form row compact">
        <Hidden name="StreamARN" value={summary.StreamARN} />
        <Hidden name="StreamModeDetails.StreamMode" value={provisioned ? "ON_DEMAND" : "PROVISIONED"} />
        <button type="submit" class="quiet">
          Switch to {provisioned ? "on-demand" : "provisioned"}
        </button>
      </ApiForm>
      <ApiForm
        action={monitoring ? "kinesis/DisableEnhancedMonitoring" : "kinesis/EnableEnhancedMonitoring"}
        testId="monitoring-form"
        class="api-form row compact"
      >
        <Hidden name="StreamName" value={name} />
        <Hidden name="ShardLevelMetrics" value="ALL" type="list" />
        <button type="submit" class="quiet" data-testid="monitoring-submit">
          {monitoring ? "Disable shard-level metrics" : "Enable shard-level metrics"}
        </button>
      </ApiForm>
      <ApiForm
        action="kinesis/DeleteStream"
        testId="delete-stream"
        confirm={`Delete the stream ${name} and every record in it?`}
        then={{ navigate: "/console/streams" }}
        class="api-form row compact"
      >
        <Hidden name="StreamName" value={name} />
        <Hidden name="EnforceConsumerDeletion" value="true" type="boolean" />
        <button type="submit" class="danger" data-testid="delete-stream-submit">
          Delete stream
        </button>
      </ApiForm>
    </div>
  );
};

/**
 * The stream's settings and actions. While the stream is changing (CREATING, UPDATING, DELETING) it
 * is rendered again every two seconds until it settles.
 */
const SummaryCard: FC<{ summary: JsonWire<StreamDescriptionSummary> }> = ({ summary }) => (
  <section
    class="card"
    data-testid="stream-summary"
    data-refresh={summary.StreamStatus === "ACTIVE" ? undefined : `${streamPath(summary.StreamName)}/summary`}
    data-refresh-ms="2000"
  >
    <Settings summary={summary} />
    <Actions summary={summary} />
  </section>
);

/** Where a shard's hash key range lies in the key space, drawn to scale. */
const HashRangeBar: FC<{ shard: Shard }> = ({ shard }) => {
  const start = hashKeyShare(shard.HashKeyRange.StartingHashKey);
  const end = hashKeyShare(shard.HashKeyRange.EndingHashKey);
  return (
    <svg class="hash-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label={`${(start * 100).toFixed(1)}% to ${(end * 100).toFixed(1)}% of the hash key space`}>
      <rect class="track" x="0" y="0" width="100" height="6" />
      <rect class="range" x={String(start * 100)} y="0" width={String(Math.max(0.5, (end - start) * 100))} height="6" />
    </svg>
  );
};

const ShardsTable: FC<{ streamName: string; shards: Shard[] }> = ({ streamName, shards }) => {
  const children = new Map<string, string[]>();
  for (const shard of shards) {
    for (const parent of [shard.ParentShardId, shard.AdjacentParentShardId]) {
      if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), shard.ShardId]);
    }
  }
  return (
    <div class="table-wrap">
      <table data-testid="shards-table">
        <thead>
          <tr>
            <th>Shard</th>
            <th>State</th>
            <th>Parents</th>
            <th>Children</th>
            <th>Hash key range</th>
            <th>Sequence numbers</th>
            <th>
              <span class="visually-hidden">Records</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shards.map((shard) => (
            <tr data-testid={`shard-row-${shard.ShardId}`} class={isOpen(shard) ? undefined : "closed"}>
              <td data-label="Shard">
                <code>{shard.ShardId}</code>
              </td>
              <td data-label="State" data-testid="shard-state">
                {isOpen(shard) ? "Open" : "Closed"}
              </td>
              <td data-label="Parents" data-testid="shard-parents">
                {[shard.ParentShardId, shard.AdjacentParentShardId].filter((id) => id !== undefined).join(", ") || "—"}
              </td>
              <td data-label="Children" data-testid="shard-children">
                {(children.get(shard.ShardId) ?? []).join(", ") || "—"}
              </td>
              <td data-label="Hash key range" class="hash">
                <HashRangeBar shard={shard} />
                <span class="mono small">
                  {shard.HashKeyRange.StartingHashKey} – {shard.HashKeyRange.EndingHashKey}
                </span>
              </td>
              <td data-label="Sequence numbers" class="mono small">
                {shard.SequenceNumberRange.StartingSequenceNumber} – {shard.SequenceNumberRange.EndingSequenceNumber ?? "open"}
              </td>
              <td>
                <a href={`${streamPath(streamName)}/data?shard=${encodeURIComponent(shard.ShardId)}`}>Records</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const ConsumersTable: FC<{ consumers: JsonWire<Consumer>[] }> = ({ consumers }) =>
  consumers.length === 0 ? (
    <p class="muted" data-testid="no-consumers">
      No enhanced fan-out consumers (RegisterStreamConsumer).
    </p>
  ) : (
    <div class="table-wrap">
      <table data-testid="consumers-table">
        <thead>
          <tr>
            <th>Consumer</th>
            <th>Status</th>
            <th>Registered</th>
            <th>ARN</th>
          </tr>
        </thead>
        <tbody>
          {consumers.map((consumer) => (
            <tr>
              <td data-label="Consumer">{consumer.ConsumerName}</td>
              <td data-label="Status">{consumer.ConsumerStatus}</td>
              <td data-label="Registered">{formatTime(consumer.ConsumerCreationTimestamp * 1000)}</td>
              <td data-label="ARN" class="mono small">
                {consumer.ConsumerARN}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** Which shard's shard-level charts to show: the one asked for, else the first open one. */
function chosenShard(shards: Shard[], asked: string | undefined): Shard | undefined {
  return shards.find((shard) => shard.ShardId === asked) ?? shards.find(isOpen) ?? shards[0];
}

const ShardCharts: FC<{ summary: JsonWire<StreamDescriptionSummary>; shards: Shard[]; shard: Shard; range: MetricRange; children?: unknown }> = ({
  summary,
  shards,
  shard,
  range,
  children,
}) => (
  <section class="card" data-testid="shard-charts">
    <div class="section-head">
      <h2>Shard-level metrics</h2>
      <form method="get" class="row compact">
        <input type="hidden" name="range" value={range} />
        <label>
          <span class="visually-hidden">Shard</span>
          <select name="shard" data-testid="shard-chart-select" data-submit-on-change>
            {shards.map((candidate) => (
              <option value={candidate.ShardId} selected={candidate.ShardId === shard.ShardId}>
                {candidate.ShardId}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="quiet">
          Show
        </button>
      </form>
    </div>
    <p class="muted small">Enabled: {shardLevelMetrics(summary).join(", ")}</p>
    {children}
  </section>
);

export const streamPages = new Hono<ConsoleEnv>();

streamPages.get("/:name", async (c) => {
  const name = c.req.param("name");
  const range = metricRange(c.req.query("range"));
  const summary = await streamSummary(c, name);
  const [shards, consumers] = await Promise.all([allShards(c, name), allConsumers(c, summary.StreamARN)]);
  const now = c.get("clock").now();
  const active = summary.StreamStatus !== "CREATING" && summary.StreamStatus !== "DELETING";
  const metrics = active ? await streamMetrics(c, name, range) : undefined;
  const shard = shardLevelMetrics(summary).length > 0 ? chosenShard(shards, c.req.query("shard")) : undefined;
  const shardMetrics = active && shard ? await streamMetrics(c, name, range, shard.ShardId) : undefined;
  const path = new URL(c.req.url).pathname;
  return renderPage(
    c,
    <Layout
      title={name}
      session={c.get("session")}
      path={path}
      crumbs={[{ label: "Data Streams", href: "/console/streams" }, { label: name }]}
    >
      <div class="page-head">
        <h1 data-testid="stream-name">{name}</h1>
      </div>
      <SummaryCard summary={summary} />
      <section class="card">
        <div class="section-head">
          <h2>Metrics</h2>
          <RangeTabs current={range} baseUrl={streamPath(name)} params={shard ? { shard: shard.ShardId } : {}} />
        </div>
        {metrics ? (
          <MetricsPanel answer={metrics} now={now} refreshUrl={chartsUrl(name, range)} testId="stream-charts" />
        ) : (
          <p class="muted">Metrics appear once the stream is ACTIVE.</p>
        )}
      </section>
      {shard && shardMetrics ? (
        <ShardCharts summary={summary} shards={shards} shard={shard} range={range}>
          <MetricsPanel answer={shardMetrics} now={now} refreshUrl={chartsUrl(name, range, shard.ShardId)} testId="shard-chart-grid" />
        </ShardCharts>
      ) : null}
      <section class="card">
        <h2>Shards</h2>
        <ShardsTable streamName={name} shards={shards} />
      </section>
      <section class="card">
        <h2>Consumers</h2>
        <ConsumersTable consumers={consumers} />
      </section>
    </Layout>,
  );
});

/** The settings and actions alone, for the client script's refresh. */
streamPages.get("/:name/summary", async (c) => renderFragment(c, <SummaryCard summary={await streamSummary(c, c.req.param("name"))} />));

/** The charts panel alone, for the client script's refresh. */
streamPages.get("/:name/charts", async (c) => {
  const name = c.req.param("name");
  const range = metricRange(c.req.query("range"));
  const shardId = c.req.query("shard");
  const answer = await streamMetrics(c, name, range, shardId);
  return renderFragment(
    c,
    <MetricsPanel
      answer={answer}
      now={c.get("clock").now()}
      refreshUrl={chartsUrl(name, range, shardId)}
      testId={shardId === undefined ? "stream-charts" : "shard-chart-grid"}
    />,
  );
});
