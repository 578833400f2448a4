/**
 * One delivery stream: what its buffer holds, the objects it delivered lately (each linked to its
 * content, ./firehose-object.tsx), the failed records of its error output (newest first), its
 * charts over 1 h / 24 h / 7 d, and its configuration in readable form (./firehose-config.tsx). The
 * buffer, the deliveries, the failed records and the charts are panels the client script renders
 * again every few seconds (data-refresh).
 *
 * Every read is made as the signed-in user: DescribeDeliveryStream first (a missing stream answers
 * Firehose's ResourceNotFoundException), then the delivery stream's own metrics, log and buffer, and
 * the error objects through S3's read path (../loaders/firehose-objects.ts).
 *
 * The deliveries are the delivery stream's log of its last objects (METRICS.recentDeliveries), not
 * a listing of the bucket: objects deleted since still appear, and link to S3's NoSuchKey. For an
 * OpenSearch or Splunk destination the log also holds what the cluster indexed (per index) or Splunk
 * acknowledged, with no object to link to.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { bufferState, recentDeliveries, type BufferState, type DeliveryLogEntry, type MetricRange } from "../../metrics/query";
import { deliveryStreamMetrics, metricRange, scopeOf } from "../api";
import type { ConsoleContext, ConsoleEnv } from "../auth";
import { MetricsPanel, RangeTabs } from "../charts";
import { formatBytes, formatCount, formatTime } from "../format";
import { deliveryStreamPath, describeDeliveryStream, destinationOf, sourceOf } from "../loaders/firehose";
import { failedRecords, FAILED_OBJECTS_READ, show, type FailedRecord, type FailedRecords } from "../loaders/firehose-objects";
import type { JsonWire } from "../../aws/protocol";
import type { DeliveryStreamDescription } from "../../firehose/shapes.generated";
import { Layout, renderFragment, renderPage } from "../layout";
import { DestinationFacts, PartitioningFacts, ProcessingChain, SourceFacts } from "./firehose-config";

/** The charts the page shows, of the metrics a delivery stream keeps (src/metrics/names.ts). */
const CHARTS = ["IncomingRecords", "DeliveryToS3.Records", "DeliveryToS3.Success", "DeliveryToS3.DataFreshness", "ExecuteProcessing.Success"];
/** A Redshift destination's load into D1 is counted on its own, and so are OpenSearch's and Splunk's deliveries. */
const DESTINATION_CHARTS: Readonly<Record<string, string[]>> = {
  Redshift: [...CHARTS, "DeliveryToRedshift.Records"],
  "Amazon OpenSearch Service": ["IncomingRecords", "DeliveryToAmazonOpenSearchService.Records", "DeliveryToAmazonOpenSearchService.Success", "ExecuteProcessing.Success"],
  Elasticsearch: ["IncomingRecords", "DeliveryToAmazonOpenSearchService.Records", "DeliveryToAmazonOpenSearchService.Success", "ExecuteProcessing.Success"],
  "Amazon OpenSearch Serverless": ["IncomingRecords", "DeliveryToAmazonOpenSearchServerless.Records", "DeliveryToAmazonOpenSearchServerless.Success", "ExecuteProcessing.Success"],
  Splunk: ["IncomingRecords", "DeliveryToSplunk.Records", "DeliveryToSplunk.Success", "DeliveryToSplunk.DataAckLatency", "ExecuteProcessing.Success"],
};

const KIND_LABEL: Readonly<Record<DeliveryLogEntry["kind"], string>> = { data: "Data", error: "Error output", backup: "Backup", destination: "Delivered" };

function chartsUrl(name: string, range: MetricRange): string {
  return `${deliveryStreamPath(name)}/charts?${new URLSearchParams({ range }).toString()}`;
}

/** The page of one delivered object; bucket and key travel as query parameters, so any key is one URL. */
function objectUrl(name: string, bucket: string, key: string): string {
  return `${deliveryStreamPath(name)}/object?${new URLSearchParams({ bucket, key }).toString()}`;
}

function chartNames(description: JsonWire<DeliveryStreamDescription>): string[] {
  const destination = destinationOf(description);
  const key = destination.type === "OpenSearch" ? destination.search.service : destination.type;
  return DESTINATION_CHARTS[key] ?? CHARTS;
}

/** A duration as people read it: seconds, minutes, hours. */
function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const Overview: FC<{ description: JsonWire<DeliveryStreamDescription> }> = ({ description }) => {
  const encryption = description.DeliveryStreamEncryptionConfiguration;
  return (
    <dl class="facts" data-testid="firehose-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <span class={`status status-${description.DeliveryStreamStatus.toLowerCase()}`} data-testid="firehose-status">
            {description.DeliveryStreamStatus}
          </span>
        </dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd data-testid="firehose-type">{description.DeliveryStreamType}</dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>{description.VersionId}</dd>
      </div>
      <div>
        <dt>Encryption</dt>
        <dd>{encryption ? `${encryption.Status}${encryption.KeyType ? ` (${encryption.KeyType})` : ""}` : "DISABLED"}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{description.CreateTimestamp === undefined ? "" : formatTime(description.CreateTimestamp * 1000)}</dd>
      </div>
      {description.LastUpdateTimestamp !== undefined ? (
        <div>
          <dt>Updated</dt>
          <dd>{formatTime(description.LastUpdateTimestamp * 1000)}</dd>
        </div>
      ) : null}
      <div class="wide">
        <dt>ARN</dt>
        <dd>
          <code>{description.DeliveryStreamARN}</code>
        </dd>
      </div>
    </dl>
  );
};

const BufferPanel: FC<{ state: BufferState }> = ({ state }) => (
  <dl class="facts" data-testid="buffer-state" data-records={String(state.records)} data-batches={String(state.batchesAwaitingDelivery)}>
    <div>
      <dt>Records held</dt>
      <dd data-testid="buffer-records">{formatCount(state.records)}</dd>
    </div>
    <div>
      <dt>Bytes held</dt>
      <dd data-testid="buffer-bytes">{formatBytes(state.bytes)}</dd>
    </div>
    <div>
      <dt>Batches awaiting delivery</dt>
      <dd data-testid="buffer-batches">{formatCount(state.batchesAwaitingDelivery)}</dd>
    </div>
    <div>
      <dt>Oldest record</dt>
      <dd data-testid="buffer-oldest">{state.oldestRecordAgeMs === null ? "—" : `${formatAge(state.oldestRecordAgeMs)} old`}</dd>
    </div>
  </dl>
);

const DeliveriesTable: FC<{ name: string; log: DeliveryLogEntry[] }> = ({ name, log }) =>
  log.length === 0 ? (
    <p class="muted" data-testid="no-deliveries">
      Nothing delivered yet.
    </p>
  ) : (
    <div class="table-wrap">
      <table data-testid="deliveries-table">
        <thead>
          <tr>
            <th>Delivered</th>
            <th>Kind</th>
            <th>Object</th>
            <th class="num">Size</th>
            <th class="num">Records</th>
          </tr>
        </thead>
        <tbody>
          {log.map((entry) => (
            <tr data-testid="delivery-row" data-kind={entry.kind} data-key={entry.key} data-bucket={entry.bucket} data-records={String(entry.records)}>
              <td data-label="Delivered" class="small">
                {formatTime(entry.deliveredAt)}
              </td>
              <td data-label="Kind" data-testid="delivery-kind">
                <span class={entry.kind === "error" ? "status status-deleting" : undefined}>{KIND_LABEL[entry.kind]}</span>
              </td>
              {entry.kind === "destination" ? (
                <td data-label="Object">
                  <span class="mono small" data-testid="delivery-target">
                    {entry.key}
                  </span>
                  <span class="muted small"> at {entry.bucket}</span>
                </td>
              ) : (
                <td data-label="Object">
                  <a href={objectUrl(name, entry.bucket, entry.key)} class="mono small" data-testid="delivery-link">
                    {entry.key}
                  </a>
                  <span class="muted small"> in {entry.bucket}</span>
                </td>
              )}
              <td data-label="Size" class="num" data-testid="delivery-size">
                {formatBytes(entry.bytes)}
              </td>
              <td data-label="Records" class="num" data-testid="delivery-records">
                {formatCount(entry.records)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** The panel of buffer and deliveries: both change with every flush, so they are refreshed together. */
const ActivityPanel: FC<{ name: string; state: BufferState; log: DeliveryLogEntry[] }> = ({ name, state, log }) => (
  <div data-testid="firehose-activity" data-refresh={`${deliveryStreamPath(name)}/activity`} data-refresh-ms="5000">
    <section class="card">
      <h2>Buffer</h2>
      <BufferPanel state={state} />
    </section>
    <section class="card">
      <h2>Recent deliveries</h2>
      <DeliveriesTable name={name} log={log} />
    </section>
  </div>
);

const RawData: FC<{ raw: Uint8Array | undefined }> = ({ raw }) => {
  if (raw === undefined) return <p class="muted small">No raw data in this line.</p>;
  const shown = show(raw);
  return (
    <pre class="record-data" data-testid="failed-raw-data" data-format={shown.as}>
      {shown.text}
    </pre>
  );
};

const FailedRecordItem: FC<{ name: string; record: FailedRecord }> = ({ name, record }) => (
  <li class="record" data-testid="failed-record" data-error-code={record.errorCode}>
    <div class="record-meta">
      <span>
        <span class="muted">Error </span>
        <span class="mono status status-deleting" data-testid="failed-error-code">
          {record.errorCode}
        </span>
      </span>
      <span>
        <span class="muted">Attempts </span>
        <span class="mono" data-testid="failed-attempts">
          {record.attemptsMade === undefined ? "—" : String(record.attemptsMade)}
        </span>
      </span>
      <span>
        <span class="muted">Arrived </span>
        <span class="mono" data-testid="failed-arrival">
          {record.arrivalTimestamp === undefined ? "—" : formatTime(record.arrivalTimestamp)}
        </span>
      </span>
      {record.raw !== undefined ? (
        <span>
          <span class="muted">Size </span>
          <span class="mono">{record.raw.byteLength} B</span>
        </span>
      ) : null}
    </div>
    <p class="small" data-testid="failed-error-message">
      {record.errorMessage}
    </p>
    {record.lambdaArn !== undefined ? (
      <p class="muted small">
        Function <code data-testid="failed-lambda-arn">{record.lambdaArn}</code>
      </p>
    ) : null}
    <RawData raw={record.raw} />
    <p class="muted small">
      From{" "}
      <a href={objectUrl(name, record.bucket, record.key)} class="mono">
        {record.key}
      </a>
    </p>
  </li>
);

const FailedPanel: FC<{ name: string; failed: FailedRecords }> = ({ name, failed }) => (
  <div data-testid="failed-records" data-refresh={`${deliveryStreamPath(name)}/failed`} data-count={String(failed.records.length)}>
    {failed.records.length === 0 ? (
      <p class="muted" data-testid="no-failed-records">
        No failed records in the recent error output.
      </p>
    ) : (
      <ol class="records">
        {failed.records.map((record) => (
          <FailedRecordItem name={name} record={record} />
        ))}
      </ol>
    )}
    {failed.more ? (
      <p class="muted small" data-testid="failed-more">
        Showing the newest {failed.records.length} failed records, from the newest {FAILED_OBJECTS_READ} error objects; the rest are in the error output objects listed above.
      </p>
    ) : null}
    {failed.unreadable.length > 0 ? (
      <p class="error small" data-testid="failed-unreadable">
        Could not read as error output: {failed.unreadable.join(", ")}
      </p>
    ) : null}
  </div>
);

async function activity(c: ConsoleContext, name: string): Promise<{ state: BufferState; log: DeliveryLogEntry[] }> {
  const [state, log] = await Promise.all([bufferState(c.env, scopeOf(c), name, c.get("clock").now()), recentDeliveries(c.env, scopeOf(c), name)]);
  return { state, log };
}

export const firehoseStreamPages = new Hono<ConsoleEnv>();

firehoseStreamPages.get("/:name", async (c) => {
  const name = c.req.param("name");
  const range = metricRange(c.req.query("range"));
  const description = await describeDeliveryStream(c, name);
  const now = c.get("clock").now();
  const active = description.DeliveryStreamStatus !== "CREATING" && description.DeliveryStreamStatus !== "DELETING";
  const destination = destinationOf(description);
  const [metrics, current] = active ? await Promise.all([deliveryStreamMetrics(c, name, range), activity(c, name)]) : [undefined, undefined];
  const failed = current ? await failedRecords(c.env, current.log) : undefined;
  return renderPage(
    c,
    <Layout title={name} session={c.get("session")} path={new URL(c.req.url).pathname} crumbs={[{ label: "Firehose", href: "/console/firehose" }, { label: name }]}>
      <div class="page-head">
        <h1 data-testid="firehose-name">{name}</h1>
      </div>
      <section class="card">
        <Overview description={description} />
      </section>
      {/* What is flowing, what is stuck and what failed come first; the configuration that explains them follows. */}
      {current ? <ActivityPanel name={name} state={current.state} log={current.log} /> : <p class="muted">Deliveries appear once the stream is ACTIVE.</p>}
      <section class="card">
        <h2>Failed records</h2>
        {failed ? <FailedPanel name={name} failed={failed} /> : <p class="muted">Nothing yet.</p>}
      </section>
      <section class="card">
        <div class="section-head">
          <h2>Metrics</h2>
          <RangeTabs current={range} baseUrl={deliveryStreamPath(name)} />
        </div>
        {metrics ? (
          <MetricsPanel answer={metrics} now={now} refreshUrl={chartsUrl(name, range)} testId="firehose-charts" names={chartNames(description)} />
        ) : (
          <p class="muted">Metrics appear once the stream is ACTIVE.</p>
        )}
      </section>
      <section class="card">
        <h2>Source</h2>
        <SourceFacts source={sourceOf(description)} />
      </section>
      <section class="card">
        <h2>Processing</h2>
        <ProcessingChain processing={destination.processing} />
        <h3>Partitioning</h3>
        <PartitioningFacts destination={destination} />
      </section>
      <section class="card">
        <h2>Destination</h2>
        <DestinationFacts destination={destination} />
      </section>
    </Layout>,
  );
});

/** The charts panel alone, for the client script's refresh. */
firehoseStreamPages.get("/:name/charts", async (c) => {
  const name = c.req.param("name");
  const range = metricRange(c.req.query("range"));
  const description = await describeDeliveryStream(c, name);
  const answer = await deliveryStreamMetrics(c, name, range);
  return renderFragment(
    c,
    <MetricsPanel answer={answer} now={c.get("clock").now()} refreshUrl={chartsUrl(name, range)} testId="firehose-charts" names={chartNames(description)} />,
  );
});

/** Buffer and deliveries alone, for the client script's refresh. */
firehoseStreamPages.get("/:name/activity", async (c) => {
  const name = c.req.param("name");
  await describeDeliveryStream(c, name);
  const { state, log } = await activity(c, name);
  return renderFragment(c, <ActivityPanel name={name} state={state} log={log} />);
});

/** The failed records alone, for the client script's refresh. */
firehoseStreamPages.get("/:name/failed", async (c) => {
  const name = c.req.param("name");
  await describeDeliveryStream(c, name);
  const failed = await failedRecords(c.env, await recentDeliveries(c.env, scopeOf(c), name));
  return renderFragment(c, <FailedPanel name={name} failed={failed} />);
});
