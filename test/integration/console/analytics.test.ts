/**
 * The console's Analytics pages, through the Worker as `npm start` serves it (open console:
 * RIVULET_LOCAL=1, no keys): the list and an application's page show what the API describes; the
 * console's actions are the API's operations, of the API version that manages the application, and
 * answer its errors byte for byte; changes from another site are refused; the live rows of an
 * in-application stream come from the application's object (a test double stands in for the running
 * engine here: the object's own tests cover what it produces).
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { RunnerState, StreamRow } from "../../../src/analytics/runner-contract";
import { capture } from "../../../src/aws/errors";
import { createConsole } from "../../../src/console/app";
import { applicationObjects, type ApplicationObject } from "../../../src/console/application-objects";
import type { LiveRowsAnswer } from "../../../src/console/live-rows";
import {
  applicationId,
  callV1,
  callV2,
  clock,
  createActiveStream,
  createV1Application,
  describeV1,
  describeV2,
  env,
  FILTER_CODE,
  okV2,
  ROLE_ARN,
  settle,
  streamArn,
  streamOutput,
  tickerSchema,
  uniqueName,
  useRegistryClock,
} from "../analytics/helpers";

const ORIGIN = "https://rivulet.example";

/** Stand-ins for application objects, by application id; the others are the objects themselves. */
const standIns = new Map<string, ApplicationObject>();
const site = new Hono<{ Bindings: Env }>().route("/console", createConsole(clock, (bindings, id) => standIns.get(id) ?? applicationObjects(bindings, id)));

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await site.request(`${ORIGIN}${path}`, { redirect: "manual" }, env);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** What the page's forms send: AWS JSON to /console/api/<service>/<Operation>, from the console's own origin. */
async function consoleCall(service: string, operation: string, input: unknown, origin = ORIGIN): Promise<{ status: number; text: string }> {
  const response = await site.request(
    `${ORIGIN}/console/api/${service}/${operation}`,
    { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify(input) },
    env,
  );
  return { status: response.status, text: await response.text() };
}

/** The element whose data-testid is `testId`, up to the end of its first closing tag of that name. */
function element(html: string, tag: string, testId: string): string {
  return new RegExp(`<${tag}[^>]*data-testid="${testId}"[\\s\\S]*?</${tag}>`).exec(html)?.[0] ?? "";
}

/** A v1 application reading a new stream and writing DESTINATION_SQL_STREAM to another. */
async function createWithOutput(): Promise<{ name: string; input: string; output: string }> {
  const output = await createActiveStream();
  const { name, stream } = await createV1Application({ Outputs: [streamOutput(output.name)] });
  return { name, input: stream, output: output.name };
}

/** Stands in for the application's object: it reports `state` and answers liveRows with `rows`, noting what it was asked. */
async function standIn(name: string, state: RunnerState, rows: StreamRow[]): Promise<{ stream: string; after: number; limit: number }[]> {
  const asked: { stream: string; after: number; limit: number }[] = [];
  standIns.set(await applicationId(name), {
    state: async () => capture(() => state),
    liveRows: async (stream, after, limit) =>
      capture(() => {
        asked.push({ stream, after, limit });
        return rows;
      }),
  });
  return asked;
}

describe("Analytics pages", () => {
  it("list applications with status, version, source and destinations, linked to their pages", async () => {
    const { name, input, output } = await createWithOutput();
    const page = await get("/console/analytics");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/console/analytics" class="current">Analytics</a>');
    const row = element(page.text, "tr", `application-row-${name}`);
    expect(row).toContain(`href="/console/analytics/${name}"`);
    expect(row).toContain('data-testid="application-status">READY<');
    expect(row).toContain('data-testid="application-version">1<');
    expect(row).toContain(`<a href="/console/streams/${input}">${input}</a>`);
    expect(row).toContain(`<a href="/console/streams/${output}">${output}</a>`);
    expect(row).toContain("DESTINATION_SQL_STREAM");

    // The create form offers the region's streams as sources and destinations.
    expect(element(page.text, "select", "new-application-source")).toContain(`value="${streamArn(input)}" data-kind="kinesis"`);

    // The table alone, as the page's script fetches it every few seconds.
    const table = await get("/console/analytics?part=table");
    expect(table.text.startsWith('<div class="table-wrap" data-testid="applications-table"')).toBe(true);
    expect(table.text).toContain(`application-row-${name}`);
  });

  it("show an application's SQL with line numbers, its input, its outputs and its in-application streams", async () => {
    const { name, input, output } = await createWithOutput();
    const page = await get(`/console/analytics/${name}`);
    expect(page.status).toBe(200);
    const code = element(page.text, "ol", "application-code");
    const lines = FILTER_CODE.split("\n");
    expect(code.match(/<li id="line-\d+"/g)?.length).toBe(lines.length);
    // Escaped as text: the quotes of identifiers, the > of the filter.
    expect(code).toContain('<li id="line-3" data-line="3"><code>  SELECT STREAM ticker_symbol, price FROM &quot;SOURCE_SQL_STREAM_001&quot; WHERE price &gt; 50;</code></li>');

    expect(page.text).toContain('data-testid="application-status">READY<');
    expect(element(page.text, "dd", "application-api")).toContain(">v1 API (kinesisanalytics)<");
    const source = element(page.text, "dd", "input-source");
    expect(source).toContain(`<a href="/console/streams/${input}">${input}</a>`);
    expect(element(page.text, "dd", "input-streams")).toContain("SOURCE_SQL_STREAM_001");
    const schema = element(page.text, "div", "input-schema");
    for (const column of tickerSchema().RecordColumns) expect(schema).toContain(`>${column.Name}<`);
    expect(element(page.text, "table", "outputs-table")).toContain(`<a href="/console/streams/${output}">${output}</a>`);

    // The live view offers the stream the code creates, the input's and error_stream, the first selected.
    const streams = element(page.text, "select", "live-stream");
    expect([...streams.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1])).toEqual(["DESTINATION_SQL_STREAM", "SOURCE_SQL_STREAM_001", "error_stream"]);
    expect(streams).toContain('<option value="DESTINATION_SQL_STREAM" selected="">');

    // v1 made it, so the console changes it through v1, with the version it shows.
    expect(page.text).toContain('data-api="kinesisanalytics/UpdateApplication"');
    expect(page.text).toContain('name="CurrentApplicationVersionId" value="1" data-type="number"');
    expect(page.text).toContain('name="InputConfigurations.0.Id" value="1.1"');
    expect(page.text).toContain('name="InputConfigurations.0.InputStartingPositionConfiguration.InputStartingPosition"');
  });

  it("change an application made by v2 through v2", async () => {
    await useRegistryClock();
    const stream = await createActiveStream();
    const name = uniqueName("app");
    await okV2("CreateApplication", {
      ApplicationName: name,
      RuntimeEnvironment: "SQL-1_0",
      ServiceExecutionRole: ROLE_ARN,
      ApplicationConfiguration: {
        ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: FILTER_CODE } },
        SqlApplicationConfiguration: { Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(stream.name) }, InputSchema: tickerSchema() }] },
      },
    });
    const page = await get(`/console/analytics/${name}`);
    expect(element(page.text, "dd", "application-api")).toContain(">v2 API (kinesisanalyticsv2)<");
    expect(page.text).toContain('data-api="kinesisanalyticsv2/StartApplication"');
    expect(page.text).toContain('name="RunConfiguration.SqlRunConfigurations.0.InputId" value="1.1"');

    // What the edit form sends.
    const updated = await consoleCall("kinesisanalyticsv2", "UpdateApplication", {
      ApplicationName: name,
      CurrentApplicationVersionId: 1,
      ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentTypeUpdate: "PLAINTEXT", CodeContentUpdate: { TextContentUpdate: `${FILTER_CODE}-- edited\n` } } },
    });
    expect(updated.status, updated.text).toBe(200);
    const detail = await describeV2(name);
    expect(detail.ApplicationVersionId).toBe(2);
    expect(detail.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.TextContent).toBe(`${FILTER_CODE}-- edited\n`);
  });

  it("edit the SQL, start and stop through the API, and answer its errors byte for byte", async () => {
    const { name } = await createWithOutput();
    const edit = (version: number, code: string) => ({ ApplicationName: name, CurrentApplicationVersionId: version, ApplicationUpdate: { ApplicationCodeUpdate: code } });

    // A stale version: the same answer as the API's.
    const stale = await consoleCall("kinesisanalytics", "UpdateApplication", edit(7, FILTER_CODE));
    const api = await callV1("UpdateApplication", edit(7, FILTER_CODE));
    expect(stale.status).toBe(400);
    expect(stale).toEqual({ status: api.status, text: api.text });
    expect(JSON.parse(stale.text)).toMatchObject({ __type: "ConcurrentModificationException" });

    // Code that cannot run is refused when the application starts, with the line and the column.
    const bad = "CREATE OR REPLACE STREAM \"OUT\" (a INTEGER);\nCREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"OUT\"\n  SELEC a FROM \"SOURCE_SQL_STREAM_001\";\n";
    expect((await consoleCall("kinesisanalytics", "UpdateApplication", edit(1, bad))).status).toBe(200);
    const start = { ApplicationName: name, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "NOW" } }] };
    const refused = await consoleCall("kinesisanalytics", "StartApplication", start);
    const apiRefused = await callV1("StartApplication", start);
    expect(refused).toEqual({ status: apiRefused.status, text: apiRefused.text });
    expect(JSON.parse(refused.text)).toMatchObject({ __type: "CodeValidationException", message: expect.stringMatching(/line 3/) });
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");

    // Fixed, started from the trim horizon, stopped.
    expect((await consoleCall("kinesisanalytics", "UpdateApplication", edit(2, FILTER_CODE))).status).toBe(200);
    const trimHorizon = { ...start, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }] };
    expect((await consoleCall("kinesisanalytics", "StartApplication", trimHorizon)).status).toBe(200);
    const starting = await get(`/console/analytics/${name}/summary`);
    expect(starting.text).toContain('data-testid="application-status">STARTING<');
    expect(starting.text).toContain('data-refresh-ms="1000"');
    settle();
    const running = await get(`/console/analytics/${name}`);
    expect(running.text).toContain('data-testid="application-status">RUNNING<');
    expect(running.text).toContain('data-testid="application-version">3<');
    expect(element(running.text, "dd", "input-starting-position")).toContain("TRIM_HORIZON");
    expect(element(running.text, "button", "stop-submit")).not.toContain("disabled");

    expect((await consoleCall("kinesisanalytics", "StopApplication", { ApplicationName: name })).status).toBe(200);
    settle();
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");

    // A missing application: the page says so, the API's answer comes back as it is.
    const missing = { ApplicationName: uniqueName("missing") };
    expect((await get(`/console/analytics/${missing.ApplicationName}`)).status).toBe(404);
    const describeMissing = await consoleCall("kinesisanalyticsv2", "DescribeApplication", missing);
    const apiMissing = await callV2("DescribeApplication", missing);
    expect(describeMissing).toEqual({ status: apiMissing.status, text: apiMissing.text });
  });

  it("refuse changes that do not come from the console's own pages", async () => {
    const { name } = await createWithOutput();
    const update = { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: "-- replaced\n" } };
    const crossSite = await consoleCall("kinesisanalytics", "UpdateApplication", update, "https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text)).toMatchObject({ __type: "AccessDeniedException" });
    const detail = await describeV1(name);
    expect(detail.ApplicationVersionId).toBe(1);
    expect(detail.ApplicationCode).toBe(FILTER_CODE);
  });

  it("serve the live rows of an in-application stream from the application's object, as text in the columns' order", async () => {
    const { name } = await createWithOutput();
    const rowtime = Date.UTC(2025, 0, 31, 12, 34, 56, 789);
    const asked = await standIn(name, { running: true, versionId: 1 }, [
      { position: 41, rowtime, values: { PRICE: 51.5, TICKER_SYMBOL: "AMZN" } },
      { position: 42, rowtime: rowtime + 1000, values: { TICKER_SYMBOL: "QXZ", PRICE: null } },
    ]);
    const response = await get(`/console/api/analytics/${name}/rows?stream=DESTINATION_SQL_STREAM&after=40`);
    expect(response.status, response.text).toBe(200);
    const answer = JSON.parse(response.text) as LiveRowsAnswer;
    expect(answer).toEqual({
      stream: "DESTINATION_SQL_STREAM",
      running: true,
      columns: ["TICKER_SYMBOL", "PRICE"],
      rows: [
        { position: 41, rowtime: "2025-01-31 12:34:56.789", values: ["AMZN", "51.5"] },
        { position: 42, rowtime: "2025-01-31 12:34:57.789", values: ["QXZ", null] },
      ],
    });
    expect(asked).toEqual([{ stream: "DESTINATION_SQL_STREAM", after: 40, limit: 100 }]);

    // From the latest rows when no position is given; error_stream has AWS's columns.
    await get(`/console/api/analytics/${name}/rows?stream=error_stream`);
    expect(asked.at(-1)).toEqual({ stream: "error_stream", after: -1, limit: 100 });
    const errors = JSON.parse((await get(`/console/api/analytics/${name}/rows?stream=error_stream`)).text) as LiveRowsAnswer;
    expect(errors.columns).toEqual(["ERROR_TIME", "ERROR_LEVEL", "ERROR_NAME", "MESSAGE", "DATA_ROWTIME", "DATA_ROW", "PUMP_NAME"]);

    // A stream the application does not have, a position that is not one.
    const unknown = await get(`/console/api/analytics/${name}/rows?stream=NOPE`);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: "InvalidArgumentException" });
    expect((await get(`/console/api/analytics/${name}/rows?stream=DESTINATION_SQL_STREAM&after=x`)).status).toBe(400);

    // A missing application answers as DescribeApplication does.
    const missing = uniqueName("missing");
    const gone = await get(`/console/api/analytics/${missing}/rows?stream=error_stream`);
    const api = await callV2("DescribeApplication", { ApplicationName: missing });
    expect({ status: gone.status, text: gone.text }).toEqual({ status: api.status, text: api.text });
  });

  it("do not ask a stopped application for rows, and show the last failure its object reports", async () => {
    const { name } = await createWithOutput();
    const asked = await standIn(name, { running: false, versionId: 1, failure: { type: "ResourceNotFoundException", message: "Stream gone-away not found." } }, []);
    const answer = JSON.parse((await get(`/console/api/analytics/${name}/rows?stream=DESTINATION_SQL_STREAM`)).text) as LiveRowsAnswer;
    expect(answer).toEqual({ stream: "DESTINATION_SQL_STREAM", running: false, columns: ["TICKER_SYMBOL", "PRICE"], rows: [] });
    expect(asked).toEqual([]);
    const page = await get(`/console/analytics/${name}`);
    expect(element(page.text, "p", "application-failure")).toContain("Last failure: ResourceNotFoundException: Stream gone-away not found.");
  });
});
