/**
 * Firehose: the delivery streams of the region (one ListDeliveryStreams page, then
 * DescribeDeliveryStream for each, as the signed-in user) with their status, source, destination,
 * whether records are transformed and dynamically partitioned, and the last hour's IncomingRecords
 * as a sparkline; refreshed every five seconds. Creating delivery streams is left to the API, the
 * SDKs and the CLI: their configuration does not fit a short form.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { AwsError } from "../../aws/errors";
import { readDeliveryStreamMetrics, type MetricsAnswer } from "../../metrics/query";
import { scopeOf } from "../api";
import type { ConsoleContext, ConsoleEnv } from "../auth";
import { Sparkline } from "../charts";
import { activeProcessors, deliveryStreamPath, describeDeliveryStream, destinationOf, LISTED_DELIVERY_STREAMS, listDeliveryStreams, sourceOf } from "../loaders/firehose";
import type { JsonWire } from "../../aws/protocol";
import type { DeliveryStreamDescription } from "../../firehose/shapes.generated";
import { Layout, renderFragment, renderPage } from "../layout";
import { streamPath } from "../loaders/kinesis";

interface Row {
  description: JsonWire<DeliveryStreamDescription>;
  /** The last hour's metrics; none while the delivery stream is being created or deleted. */
  metrics?: MetricsAnswer;
}

async function loadRows(c: ConsoleContext): Promise<{ rows: Row[]; more: boolean }> {
  const { names, more } = await listDeliveryStreams(c);
  const now = c.get("clock").now();
  const rows = await Promise.all(
    names.map(async (name): Promise<Row | undefined> => {
      let description: JsonWire<DeliveryStreamDescription>;
      try {
        description = await describeDeliveryStream(c, name);
      } catch (error) {
        // Deleted since it was listed.
        if (error instanceof AwsError && error.type === "ResourceNotFoundException") return undefined;
        throw error;
      }
      if (description.DeliveryStreamStatus === "CREATING" || description.DeliveryStreamStatus === "DELETING") return { description };
      // DescribeDeliveryStream above, as the caller, is what allows reading them.
      const metrics = await readDeliveryStreamMetrics(c.env, scopeOf(c), { deliveryStreamName: name, range: "1h", now });
      return { description, metrics };
    }),
  );
  return { rows: rows.filter((row) => row !== undefined), more };
}

const YesNo: FC<{ value: boolean; testId: string; detail?: string }> = ({ value, testId, detail }) => (
  <span data-testid={testId} data-value={value ? "yes" : "no"} title={detail}>
    {value ? "Yes" : "No"}
    {value && detail ? <span class="muted small"> ({detail})</span> : null}
  </span>
);

const DeliveryStreamsTable: FC<{ rows: Row[]; more: boolean; now: number }> = ({ rows, more, now }) => (
  <div class="table-wrap" data-testid="firehose-table" data-refresh="/console/firehose?part=table" data-refresh-ms="5000">
    {rows.length === 0 ? (
      <p class="muted" data-testid="no-delivery-streams">
        No Firehose streams in this region yet. Create one with CreateDeliveryStream (the SDKs, or <code>aws firehose create-delivery-stream</code>).
      </p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Source</th>
            <th>Destination</th>
            <th>Transform</th>
            <th>Dynamic partitioning</th>
            <th>Incoming records, 1 h</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ description, metrics }) => {
            const name = description.DeliveryStreamName;
            const source = sourceOf(description);
            const destination = destinationOf(description);
            const processors = activeProcessors(destination.processing);
            return (
              <tr data-testid={`firehose-row-${name}`}>
                <td data-label="Name">
                  <a href={deliveryStreamPath(name)} data-testid="firehose-link">
                    {name}
                  </a>
                </td>
                <td data-label="Status">
                  <span class={`status status-${description.DeliveryStreamStatus.toLowerCase()}`} data-testid="firehose-status">
                    {description.DeliveryStreamStatus}
                  </span>
                </td>
                <td data-label="Source" data-testid="firehose-source">
                  {source.kind === "DirectPut" ? "Direct PUT" : <a href={streamPath(source.streamName)}>{source.streamName}</a>}
                </td>
                <td data-label="Destination" data-testid="firehose-destination">
                  {destination.type}
                  {destination.target ? (
                    <>
                      {" · "}
                      <span class="mono small">{destination.target}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Transform">
                  <YesNo value={processors.length > 0} testId="firehose-transforms" detail={processors.map((processor) => processor.Type).join(", ")} />
                </td>
                <td data-label="Dynamic partitioning">
                  <YesNo value={destination.dynamicPartitioning} testId="firehose-partitioning" />
                </td>
                <td data-label="Incoming records, 1 h">
                  <Sparkline
                    series={metrics?.series.find((series) => series.name === "IncomingRecords")}
                    periodSeconds={metrics?.periodSeconds ?? 60}
                    now={now}
                    testId="sparkline-IncomingRecords"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
    {more ? <p class="muted">Showing the first {LISTED_DELIVERY_STREAMS} delivery streams.</p> : null}
  </div>
);

export const firehoseListPages = new Hono<ConsoleEnv>();

firehoseListPages.get("/", async (c) => {
  const { rows, more } = await loadRows(c);
  const now = c.get("clock").now();
  // The table alone, for the client script's refresh (a query, since any path segment could be a delivery stream's name).
  if (c.req.query("part") === "table") return renderFragment(c, <DeliveryStreamsTable rows={rows} more={more} now={now} />);
  return renderPage(
    c,
    <Layout title="Firehose" session={c.get("session")} path={new URL(c.req.url).pathname}>
      <div class="page-head">
        <h1>Firehose streams</h1>
        <span class="muted">{c.get("session").region}</span>
      </div>
      <section class="card">
        <DeliveryStreamsTable rows={rows} more={more} now={now} />
      </section>
    </Layout>,
  );
});
