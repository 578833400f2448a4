/**
 * Analytics: the SQL applications of the region (one ListApplications page, then DescribeApplication
 * for each, through v2 as the signed-in user) with their status, version, source and destinations;
 * refreshed every five seconds. And a form that creates an application as AWS's console did: a name,
 * a streaming source whose schema DiscoverInputSchema infers from its records, the SQL, and one
 * destination (client/applications.js builds v2's CreateApplication from it).
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { AwsError } from "../../aws/errors";
import type { JsonWire } from "../../aws/protocol";
import type { ListStreamsOutput } from "../../streams/shapes.generated";
import { callAws, scopeOf } from "../api";
import type { ConsoleContext, ConsoleEnv } from "../auth";
import { Layout, renderFragment, renderPage } from "../layout";
import { applicationPath, describeApplication, inputSource, inputsOf, LISTED_APPLICATIONS, listApplications, outputDestination, outputsOf, type Detail } from "../loaders/analytics";
import { listDeliveryStreams } from "../loaders/firehose";
import { ResourceLink } from "./analytics-config";

async function loadRows(c: ConsoleContext): Promise<{ rows: Detail[]; more: boolean }> {
  const { names, more } = await listApplications(c);
  const rows = await Promise.all(
    names.map(async (name): Promise<Detail | undefined> => {
      try {
        return await describeApplication(c, name);
      } catch (error) {
        // Deleted since it was listed.
        if (error instanceof AwsError && error.type === "ResourceNotFoundException") return undefined;
        throw error;
      }
    }),
  );
  return { rows: rows.filter((row) => row !== undefined), more };
}

const ApplicationsTable: FC<{ rows: Detail[]; more: boolean }> = ({ rows, more }) => (
  <div class="table-wrap" data-testid="applications-table" data-refresh="/console/analytics?part=table" data-refresh-ms="5000">
    {rows.length === 0 ? (
      <p class="muted" data-testid="no-applications">
        No Analytics applications in this region yet.
      </p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th class="num">Version</th>
            <th>Source</th>
            <th>Destinations</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((detail) => {
            const name = detail.ApplicationName;
            const inputs = inputsOf(detail);
            const outputs = outputsOf(detail);
            return (
              <tr data-testid={`application-row-${name}`}>
                <td data-label="Name">
                  <a href={applicationPath(name)} data-testid="application-link">
                    {name}
                  </a>
                </td>
                <td data-label="Status">
                  <span class={`status status-${detail.ApplicationStatus.toLowerCase()}`} data-testid="application-status">
                    {detail.ApplicationStatus}
                  </span>
                </td>
                <td data-label="Version" class="num" data-testid="application-version">
                  {detail.ApplicationVersionId}
                </td>
                <td data-label="Source" data-testid="application-inputs">
                  {inputs.length === 0 ? <span class="muted">None</span> : inputs.map((input) => <ResourceLink resource={inputSource(input)} testId="application-input" />)}
                </td>
                <td data-label="Destinations" data-testid="application-outputs">
                  {outputs.length === 0 ? (
                    <span class="muted">None</span>
                  ) : (
                    <ul class="plain-list">
                      {outputs.map((output) => (
                        <li>
                          <span class="mono small">{output.Name}</span> → <ResourceLink resource={outputDestination(output)} testId="application-output" />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
    {more ? <p class="muted">Showing the first {LISTED_APPLICATIONS} applications.</p> : null}
  </div>
);

/** A source or destination to choose: a data stream or a Firehose stream of this region, by ARN. */
interface StreamChoice {
  arn: string;
  name: string;
}

/** The streams and delivery streams a new application could read or write (first pages only). */
async function loadChoices(c: ConsoleContext): Promise<{ streams: StreamChoice[]; deliveryStreams: StreamChoice[] }> {
  const { account, region } = scopeOf(c);
  const [streams, deliveryStreams] = await Promise.all([
    callAws<JsonWire<ListStreamsOutput>>(c, "kinesis", "ListStreams", {}),
    listDeliveryStreams(c),
  ]);
  return {
    streams: (streams.StreamSummaries ?? []).map((stream) => ({ arn: stream.StreamARN, name: stream.StreamName })),
    deliveryStreams: deliveryStreams.names.map((name) => ({ arn: `arn:aws:firehose:${region}:${account}:deliverystream/${name}`, name })),
  };
}

const StreamOptions: FC<{ streams: StreamChoice[]; deliveryStreams: StreamChoice[] }> = ({ streams, deliveryStreams }) => (
  <>
    {streams.length > 0 ? (
      <optgroup label="Kinesis data streams">
        {streams.map((stream) => (
          <option value={stream.arn} data-kind="kinesis">
            {stream.name}
          </option>
        ))}
      </optgroup>
    ) : null}
    {deliveryStreams.length > 0 ? (
      <optgroup label="Firehose streams">
        {deliveryStreams.map((stream) => (
          <option value={stream.arn} data-kind="firehose">
            {stream.name}
          </option>
        ))}
      </optgroup>
    ) : null}
  </>
);

const CreateApplicationForm: FC<{ streams: StreamChoice[]; deliveryStreams: StreamChoice[]; account: string }> = ({ streams, deliveryStreams, account }) => (
  <details class="card" data-testid="create-application">
    <summary>Create application</summary>
    <form class="api-form stack" data-create-application data-testid="create-application-form">
      <div class="row">
        <label>
          Name
          <input name="name" required maxlength={128} pattern="[a-zA-Z0-9_.\-]+" data-testid="new-application-name" />
        </label>
        <label class="grow">
          Description
          <input name="description" maxlength={1024} />
        </label>
      </div>
      <fieldset class="group">
        <legend>Source</legend>
        <div class="row">
          <label>
            Streaming source
            <select name="source" data-testid="new-application-source">
              <option value="">None (add one later)</option>
              <StreamOptions streams={streams} deliveryStreams={deliveryStreams} />
            </select>
          </label>
          <label>
            In-application stream prefix
            <input name="prefix" value="SOURCE_SQL_STREAM" required maxlength={32} data-testid="new-application-prefix" />
          </label>
          <label>
            Sample records from
            <select name="position">
              <option value="TRIM_HORIZON">The oldest</option>
              <option value="NOW">New ones (2 s)</option>
            </select>
          </label>
          <button type="button" class="quiet" data-discover data-testid="discover-schema">
            Discover schema
          </button>
        </div>
        <p class="muted small" data-schema-status data-testid="schema-status">
          Choose a source, then discover its schema from its records.
        </p>
        <div class="table-wrap" data-schema data-testid="discovered-schema" hidden />
      </fieldset>
      <label>
        SQL
        <textarea name="code" rows={10} spellcheck={false} data-testid="new-application-code" />
      </label>
      <fieldset class="group">
        <legend>Destination</legend>
        <div class="row">
          <label>
            In-application stream
            <input name="output" value="DESTINATION_SQL_STREAM" maxlength={32} data-testid="new-application-output" />
          </label>
          <label>
            Destination
            <select name="destination" data-testid="new-application-destination">
              <option value="">None (add one later)</option>
              <StreamOptions streams={streams} deliveryStreams={deliveryStreams} />
            </select>
          </label>
          <label>
            Format
            <select name="format">
              <option value="JSON">JSON</option>
              <option value="CSV">CSV</option>
            </select>
          </label>
        </div>
      </fieldset>
      <label>
        Service execution role (kept, not assumed: Rivulet has no IAM)
        <input name="role" required value={`arn:aws:iam::${account}:role/kinesis-analytics-console`} data-testid="new-application-role" />
      </label>
      <button type="submit" data-testid="create-application-submit">
        Create application
      </button>
      <p class="form-error" data-form-error role="alert" data-testid="create-application-error" hidden />
    </form>
  </details>
);

export const analyticsListPages = new Hono<ConsoleEnv>();

analyticsListPages.get("/", async (c) => {
  const { rows, more } = await loadRows(c);
  // The table alone, for the client script's refresh (a query, since any path segment could be an application's name).
  if (c.req.query("part") === "table") return renderFragment(c, <ApplicationsTable rows={rows} more={more} />);
  const choices = await loadChoices(c);
  return renderPage(
    c,
    <Layout title="Analytics" session={c.get("session")} path={new URL(c.req.url).pathname}>
      <div class="page-head">
        <h1>Analytics applications</h1>
        <span class="muted">{c.get("session").region}</span>
      </div>
      <CreateApplicationForm streams={choices.streams} deliveryStreams={choices.deliveryStreams} account={scopeOf(c).account} />
      <section class="card">
        <ApplicationsTable rows={rows} more={more} />
      </section>
    </Layout>,
  );
});
