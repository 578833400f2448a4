/**
 * The application lifecycle through v1: StartApplication (READY, STARTING, RUNNING), StopApplication
 * (STOPPING, READY), UpdateApplication on READY and RUNNING applications (UPDATING), what the
 * application object does with what it is given at each step (its state(), the spec it holds, and
 * the rows its live view shows from the records a test puts), code checked when it runs, and the
 * operations each status refuses.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe as group, expect, it } from "vitest";
import { ANALYTICS_API } from "../../../src/analytics/api-limits";
import type { AnalyticsRegistry } from "../../../src/analytics/registry";
import {
  clock,
  registryStub,
  createV1Application,
  describeV1,
  expectV1Error,
  FILTER_CODE,
  liveRows,
  okV1,
  putTicks,
  runnerSpec,
  runnerState,
  settle,
  startV1,
  stepApplication,
  streamArn,
  tickerRows,
  ROLE_ARN,
} from "./helpers";

const BROKEN_CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001" WHERE;
`;

group("StartApplication", () => {
  it("goes READY, STARTING, RUNNING and gives the application object the spec and starting positions", async () => {
    const { name, stream } = await createV1Application();
    // Put before the start: TRIM_HORIZON reads them (FILTER_CODE keeps prices above 50).
    await putTicks(stream, [
      { TICKER_SYMBOL: "AMZN", PRICE: 84.5 },
      { TICKER_SYMBOL: "INTC", PRICE: 21 },
    ]);
    await okV1("StartApplication", {
      ApplicationName: name,
      InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "TRIM_HORIZON" } }],
    });
    const starting = await describeV1(name);
    expect(starting.ApplicationStatus).toBe("STARTING");
    expect(starting.ApplicationVersionId).toBe(1);
    expect(starting.InputDescriptions?.[0]?.InputStartingPositionConfiguration).toEqual({ InputStartingPosition: "TRIM_HORIZON" });
    settle();
    expect((await describeV1(name)).ApplicationStatus).toBe("RUNNING");
    expect(await runnerState(name)).toEqual({ running: true, versionId: 1 });
    expect(await runnerSpec(name)).toMatchObject({
      applicationName: name,
      versionId: 1,
      code: FILTER_CODE,
      inputs: [{ InputId: "1.1", InAppStreamNames: ["SOURCE_SQL_STREAM_001"], KinesisStreamsInputDescription: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN } }],
      outputs: [],
      referenceDataSources: [],
    });
    expect(await liveRows(name)).toEqual([]);
    await stepApplication(name);
    expect(tickerRows(await liveRows(name))).toEqual([["AMZN", 84.5]]);
  });

  it("starts an input not named in InputConfigurations from NOW", async () => {
    const { name, stream } = await createV1Application();
    await putTicks(stream, [{ TICKER_SYMBOL: "AMZN", PRICE: 84.5 }]);
    await okV1("StartApplication", { ApplicationName: name, InputConfigurations: [] });
    expect(await liveRows(name)).toEqual([]);
    await putTicks(stream, [{ TICKER_SYMBOL: "MSFT", PRICE: 92 }]);
    await stepApplication(name);
    expect(tickerRows(await liveRows(name))).toEqual([["MSFT", 92]]);
  });

  it("refuses input ids the application does not have", async () => {
    const { name } = await createV1Application();
    await expectV1Error(
      "StartApplication",
      { ApplicationName: name, InputConfigurations: [{ Id: "7.1", InputStartingPositionConfiguration: { InputStartingPosition: "NOW" } }] },
      "InvalidArgumentException",
      `Input id 7.1 not found in application ${name}.`,
    );
  });

  it("refuses code that cannot run with the engine's line and column, and stays READY", async () => {
    const { name } = await createV1Application({ ApplicationCode: BROKEN_CODE });
    await expectV1Error("StartApplication", { ApplicationName: name, InputConfigurations: [] }, "CodeValidationException", /line 3, column \d+/);
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");
    expect(await runnerState(name)).toEqual({ running: false, versionId: null, failure: { type: "CodeValidationException", message: expect.stringMatching(/line 3, column \d+/) } });
  });

  it("starts only a READY application", async () => {
    const { name } = await createV1Application();
    await okV1("StartApplication", { ApplicationName: name, InputConfigurations: [] });
    await expectV1Error("StartApplication", { ApplicationName: name, InputConfigurations: [] }, "ResourceInUseException", `Application ${name} is in STARTING status and cannot be started.`);
    settle();
    await expectV1Error("StartApplication", { ApplicationName: name, InputConfigurations: [] }, "ResourceInUseException", `Application ${name} is in RUNNING status and cannot be started.`);
  });

  it("refuses changes while STARTING", async () => {
    const { name } = await createV1Application();
    await okV1("StartApplication", { ApplicationName: name, InputConfigurations: [] });
    await expectV1Error(
      "UpdateApplication",
      { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: FILTER_CODE } },
      "ResourceInUseException",
      `Application ${name} is in STARTING status and cannot be updated.`,
    );
  });
});

group("StopApplication", () => {
  it("goes RUNNING, STOPPING, READY and tells the application object", async () => {
    const { name } = await createV1Application();
    await startV1(name);
    expect(await runnerState(name)).toEqual({ running: true, versionId: 1 });
    await okV1("StopApplication", { ApplicationName: name });
    expect((await describeV1(name)).ApplicationStatus).toBe("STOPPING");
    await expectV1Error("StopApplication", { ApplicationName: name }, "ResourceInUseException", `Application ${name} is in STOPPING status and cannot be stopped.`);
    settle();
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");
    expect(await runnerState(name)).toEqual({ running: false, versionId: 1 });
  });

  it("stops only a RUNNING application", async () => {
    const { name } = await createV1Application();
    await expectV1Error("StopApplication", { ApplicationName: name }, "ResourceInUseException", `Application ${name} is in READY status and cannot be stopped.`);
  });

  it("starts again after a stop, from LAST_STOPPED_POINT", async () => {
    const { name, stream } = await createV1Application();
    await startV1(name);
    expect(await liveRows(name)).toEqual([]);
    await putTicks(stream, [{ TICKER_SYMBOL: "AMZN", PRICE: 84.5 }]);
    await stepApplication(name);
    const before = await liveRows(name);
    expect(tickerRows(before)).toEqual([["AMZN", 84.5]]);
    await okV1("StopApplication", { ApplicationName: name });
    settle();
    // Put while stopped: read after the start from where the stop left off, and nothing read before it again.
    await putTicks(stream, [{ TICKER_SYMBOL: "MSFT", PRICE: 92 }]);
    await startV1(name, "LAST_STOPPED_POINT");
    await liveRows(name);
    await stepApplication(name);
    expect(tickerRows(await liveRows(name, before.at(-1)?.position))).toEqual([["MSFT", 92]]);
  });
});

group("UpdateApplication", () => {
  it("changes a READY application at once: a new version, no call to its object", async () => {
    const { name } = await createV1Application({ ApplicationCode: "testCode" });
    await okV1("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: "SELECT 1;" } });
    const detail = await describeV1(name);
    expect(detail).toMatchObject({ ApplicationStatus: "READY", ApplicationVersionId: 2, ApplicationCode: "SELECT 1;" });
    expect(detail.LastUpdateTimestamp).toBeGreaterThanOrEqual(detail.CreateTimestamp ?? 0);
    // Its object was given nothing: it has no version.
    expect(await runnerState(name)).toEqual({ running: false, versionId: null });
  });

  it("refuses a stale CurrentApplicationVersionId with ConcurrentModificationException", async () => {
    const { name } = await createV1Application();
    await okV1("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: FILTER_CODE } });
    await expectV1Error(
      "UpdateApplication",
      { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: FILTER_CODE } },
      "ConcurrentModificationException",
      `Provided application version id 1 does not match the current application version id 2 of application ${name}.`,
    );
  });

  it("takes a RUNNING application through UPDATING back to RUNNING with the new version", async () => {
    const { name, stream } = await createV1Application();
    await startV1(name);
    const code = FILTER_CODE.replace("price > 50", "price > 60");
    await okV1("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: code } });
    expect(await describeV1(name)).toMatchObject({ ApplicationStatus: "UPDATING", ApplicationVersionId: 2 });
    settle();
    expect(await describeV1(name)).toMatchObject({ ApplicationStatus: "RUNNING", ApplicationVersionId: 2, ApplicationCode: code });
    expect(await runnerState(name)).toEqual({ running: true, versionId: 2 });
    // It runs the new code: 55 passed the old filter, not this one.
    expect(await liveRows(name)).toEqual([]);
    await putTicks(stream, [
      { TICKER_SYMBOL: "AMZN", PRICE: 55 },
      { TICKER_SYMBOL: "MSFT", PRICE: 65 },
    ]);
    await stepApplication(name);
    expect(tickerRows(await liveRows(name))).toEqual([["MSFT", 65]]);
  });

  it("refuses code a RUNNING application cannot run, keeping it RUNNING at its version", async () => {
    const { name } = await createV1Application();
    await startV1(name);
    await expectV1Error(
      "UpdateApplication",
      { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: BROKEN_CODE } },
      "CodeValidationException",
      /line 3, column \d+/,
    );
    expect(await describeV1(name)).toMatchObject({ ApplicationStatus: "RUNNING", ApplicationVersionId: 1, ApplicationCode: FILTER_CODE });
    expect(await runnerState(name)).toMatchObject({ running: true, versionId: 1 });
  });

  it("refuses an update naming an input the application does not have", async () => {
    const { name } = await createV1Application();
    await expectV1Error(
      "UpdateApplication",
      { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { InputUpdates: [{ InputId: "3.1", NamePrefixUpdate: "X" }] } },
      "InvalidArgumentException",
      "Input id 3.1 not found.",
    );
  });
});

group("DeleteApplication of a running application", () => {
  it("halts it: DELETING, and its object is destroyed", async () => {
    const { name } = await createV1Application();
    await startV1(name);
    const created = (await describeV1(name)).CreateTimestamp;
    expect(await runnerState(name)).toEqual({ running: true, versionId: 1 });
    await okV1("DeleteApplication", { ApplicationName: name, CreateTimestamp: created });
    expect((await describeV1(name)).ApplicationStatus).toBe("DELETING");
    // Destroyed: it forgot everything, the version it ran included.
    expect(await runnerState(name)).toEqual({ running: false, versionId: null });
  });
});

group("a call to the application object that never answers", () => {
  it("leaves the application STARTING no longer than the call's allowance", async () => {
    const { name } = await createV1Application();
    // What StartApplication writes before its call goes out, as if the Worker stopped during the call.
    await runInDurableObject(registryStub(), (_instance: AnalyticsRegistry, state) => {
      state.storage.sql.exec("UPDATE applications SET status = 'STARTING', status_until_ms = ? WHERE name = ?", clock.now() + ANALYTICS_API.callTimeoutMs, name);
    });
    settle();
    expect((await describeV1(name)).ApplicationStatus).toBe("STARTING");
    clock.advance(ANALYTICS_API.callTimeoutMs);
    expect((await describeV1(name)).ApplicationStatus).toBe("RUNNING");
  });
});
