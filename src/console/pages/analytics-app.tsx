/**
 * One Analytics application: its status and version, the last failure its object reported, start
 * (with a starting position for each input), stop and delete; its SQL with line numbers and an editor
 * (UpdateApplication); its inputs, outputs and reference data (./analytics-config.tsx); and a live view
 * of the rows of any of its in-application streams (client/live-rows.js, reading ../live-rows.ts).
 *
 * Every change is an operation of the API version that manages the application (loaders/analytics.ts
 * says why), run through the console API as the signed-in user. The summary is rendered again every
 * second while the application moves between statuses, and every five seconds otherwise, so a
 * failure of the running application shows without a reload.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { RunnerState } from "../../analytics/runner-contract";
import type { ConsoleContext, ConsoleEnv } from "../auth";
import { formatTime } from "../format";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderFragment, renderPage } from "../layout";
import {
  applicationPath,
  codeOf,
  inAppStreams,
  inputsOf,
  loadApplication,
  outputsOf,
  runnerState,
  type InAppStream,
  type LoadedApplication,
} from "../loaders/analytics";
import { CodeLines, Inputs, Outputs, References } from "./analytics-config";

const LIST_PATH = "/console/analytics";

const POSITIONS = [
  { value: "NOW", label: "Now (new records)" },
  { value: "TRIM_HORIZON", label: "Trim horizon (oldest records)" },
  { value: "LAST_STOPPED_POINT", label: "Last stopped point" },
] as const;

const STREAM_GROUPS: readonly { kind: InAppStream["kind"]; label: string }[] = [
  { kind: "stream", label: "Created by the SQL" },
  { kind: "input", label: "Inputs" },
  { kind: "error", label: "Errors" },
];

const TRANSITIONAL = new Set(["STARTING", "STOPPING", "UPDATING", "DELETING"]);

/** StartApplication's input, as v1 or v2 spells it: one starting position per input. */
const StartForm: FC<{ application: LoadedApplication }> = ({ application }) => {
  const { detail, service } = application;
  const inputs = inputsOf(detail);
  const v1 = service === "kinesisanalytics";
  return (
    <ApiForm action={`${service}/StartApplication`} testId="start-form" class="api-form row compact">
      <Hidden name="ApplicationName" value={detail.ApplicationName} />
      {inputs.map((input, index) => {
        const base = v1 ? `InputConfigurations.${index}` : `RunConfiguration.SqlRunConfigurations.${index}`;
        return (
          <>
            <Hidden name={v1 ? `${base}.Id` : `${base}.InputId`} value={input.InputId ?? ""} />
            <label>
              {inputs.length === 1 ? "Start reading from" : `Start ${input.NamePrefix ?? ""} from`}
              <select name={`${base}.InputStartingPositionConfiguration.InputStartingPosition`} data-testid="start-position">
                {POSITIONS.map((position) => (
                  <option value={position.value}>{position.label}</option>
                ))}
              </select>
            </label>
          </>
        );
      })}
      <button type="submit" data-testid="start-submit" disabled={detail.ApplicationStatus !== "READY"}>
        Start
      </button>
    </ApiForm>
  );
};

const Actions: FC<{ application: LoadedApplication }> = ({ application }) => {
  const { detail, service } = application;
  const status = detail.ApplicationStatus;
  return (
    <div class="actions-bar">
      <StartForm application={application} />
      <ApiForm action={`${service}/StopApplication`} testId="stop-form" class="api-form row compact">
        <Hidden name="ApplicationName" value={detail.ApplicationName} />
        <button type="submit" class="quiet" data-testid="stop-submit" disabled={status !== "RUNNING"}>
          Stop
        </button>
      </ApiForm>
      <ApiForm
        action={`${service}/DeleteApplication`}
        testId="delete-application"
        confirm={`Delete the application ${detail.ApplicationName}?`}
        then={{ navigate: LIST_PATH }}
        class="api-form row compact"
      >
        <Hidden name="ApplicationName" value={detail.ApplicationName} />
        <Hidden name="CreateTimestamp" value={String(detail.CreateTimestamp ?? "")} type="number" />
        <button type="submit" class="danger quiet" data-testid="delete-application-submit" disabled={status !== "READY" && status !== "RUNNING"}>
          Delete application
        </button>
      </ApiForm>
    </div>
  );
};

const Summary: FC<{ application: LoadedApplication; state: RunnerState }> = ({ application, state }) => {
  const { detail, service } = application;
  const status = detail.ApplicationStatus;
  return (
    <section
      class="card"
      data-testid="application-summary"
      data-status={status}
      data-refresh={`${applicationPath(detail.ApplicationName)}/summary`}
      data-refresh-ms={TRANSITIONAL.has(status) ? "1000" : "5000"}
    >
      <dl class="facts" data-testid="application-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span class={`status status-${status.toLowerCase()}`} data-testid="application-status">
              {status}
            </span>
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd data-testid="application-version">{detail.ApplicationVersionId}</dd>
        </div>
        <div>
          <dt>Runtime</dt>
          <dd>{detail.RuntimeEnvironment}</dd>
        </div>
        <div>
          <dt>Managed through</dt>
          <dd data-testid="application-api" title="The console changes the application through the API version that made or last changed it.">
            {service === "kinesisanalytics" ? "v1 API (kinesisanalytics)" : "v2 API (kinesisanalyticsv2)"}
          </dd>
        </div>
        {detail.CreateTimestamp !== undefined ? (
          <div>
            <dt>Created</dt>
            <dd>{formatTime(detail.CreateTimestamp * 1000)}</dd>
          </div>
        ) : null}
        {detail.LastUpdateTimestamp !== undefined ? (
          <div>
            <dt>Updated</dt>
            <dd>{formatTime(detail.LastUpdateTimestamp * 1000)}</dd>
          </div>
        ) : null}
        {detail.ApplicationDescription ? (
          <div class="wide">
            <dt>Description</dt>
            <dd>{detail.ApplicationDescription}</dd>
          </div>
        ) : null}
        <div class="wide">
          <dt>ARN</dt>
          <dd>
            <code>{detail.ApplicationARN}</code>
          </dd>
        </div>
      </dl>
      {state.failure ? (
        <p class="error" role="alert" data-testid="application-failure">
          Last failure: {state.failure.type}: {state.failure.message}
        </p>
      ) : null}
      <Actions application={application} />
    </section>
  );
};

/** UpdateApplication with new code, as v1 or v2 spells it; the version is the one this page shows. */
const EditCode: FC<{ application: LoadedApplication; code: string }> = ({ application, code }) => {
  const { detail, service } = application;
  const v1 = service === "kinesisanalytics";
  return (
    <details class="editor" data-testid="edit-code">
      <summary>Edit SQL</summary>
      <ApiForm action={`${service}/UpdateApplication`} testId="edit-code-form" class="api-form stack">
        <Hidden name="ApplicationName" value={detail.ApplicationName} />
        <Hidden name="CurrentApplicationVersionId" value={String(detail.ApplicationVersionId)} type="number" />
        {v1 ? null : <Hidden name="ApplicationConfigurationUpdate.ApplicationCodeConfigurationUpdate.CodeContentTypeUpdate" value="PLAINTEXT" />}
        <label>
          SQL
          <textarea
            name={v1 ? "ApplicationUpdate.ApplicationCodeUpdate" : "ApplicationConfigurationUpdate.ApplicationCodeConfigurationUpdate.CodeContentUpdate.TextContentUpdate"}
            rows={Math.min(30, Math.max(8, code.split("\n").length + 2))}
            spellcheck={false}
            data-testid="edit-code-text"
          >
            {code}
          </textarea>
        </label>
        <button type="submit" data-testid="edit-code-submit">
          Save SQL
        </button>
      </ApiForm>
    </details>
  );
};

const LiveView: FC<{ name: string; streams: InAppStream[] }> = ({ name, streams }) => {
  const chosen = streams.find((stream) => stream.kind === "stream") ?? streams[0];
  return (
    <section class="card" data-live-rows data-application={name} data-testid="live-view">
      <div class="section-head">
        <h2>
          Rows <span class="count" data-live-count data-testid="live-count">0</span>
        </h2>
        <form class="row compact" data-live-controls>
          <label>
            <span class="visually-hidden">In-application stream</span>
            <select name="stream" data-testid="live-stream">
              {STREAM_GROUPS.map((group) => {
                const members = streams.filter((stream) => stream.kind === group.kind);
                return members.length === 0 ? null : (
                  <optgroup label={group.label}>
                    {members.map((stream) => (
                      <option value={stream.name} selected={stream.name === chosen?.name}>
                        {stream.name}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </label>
          <label class="toggle">
            <input type="checkbox" name="live" checked data-testid="live-toggle" />
            Live
          </label>
        </form>
      </div>
      <p class="muted small" data-live-status role="status" data-testid="live-status">
        Waiting for rows…
      </p>
      <p class="error" data-live-error role="alert" data-testid="live-error" hidden />
      <div class="table-wrap">
        <table class="live-rows" data-testid="live-rows">
          <thead>
            <tr data-live-head />
          </thead>
          <tbody data-live-body />
        </table>
      </div>
    </section>
  );
};

async function loadPage(c: ConsoleContext, name: string): Promise<{ application: LoadedApplication; state: RunnerState }> {
  const application = await loadApplication(c, name);
  return { application, state: await runnerState(c, application) };
}

export const analyticsAppPages = new Hono<ConsoleEnv>();

analyticsAppPages.get("/:name", async (c) => {
  const { application, state } = await loadPage(c, c.req.param("name"));
  const { detail } = application;
  const name = detail.ApplicationName;
  const code = codeOf(detail);
  const references = detail.ApplicationConfigurationDescription?.SqlApplicationConfigurationDescription?.ReferenceDataSourceDescriptions ?? [];
  return renderPage(
    c,
    <Layout title={name} session={c.get("session")} path={new URL(c.req.url).pathname} crumbs={[{ label: "Analytics", href: LIST_PATH }, { label: name }]}>
      <div class="page-head">
        <h1 data-testid="application-name">{name}</h1>
      </div>
      <Summary application={application} state={state} />
      <section class="card" data-testid="code-card">
        <h2>SQL</h2>
        <CodeLines code={code} />
        <EditCode application={application} code={code} />
      </section>
      <LiveView name={name} streams={inAppStreams(application.spec)} />
      <section class="card" data-testid="inputs-card">
        <h2>Source</h2>
        <Inputs inputs={inputsOf(detail)} />
      </section>
      <section class="card" data-testid="outputs-card">
        <h2>Destinations</h2>
        <Outputs outputs={outputsOf(detail)} />
      </section>
      <section class="card" data-testid="references-card">
        <h2>Reference data</h2>
        <References references={references} />
      </section>
    </Layout>,
  );
});

/** The summary alone, for the client script's refresh. */
analyticsAppPages.get("/:name/summary", async (c) => {
  const { application, state } = await loadPage(c, c.req.param("name"));
  return renderFragment(c, <Summary application={application} state={state} />);
});
