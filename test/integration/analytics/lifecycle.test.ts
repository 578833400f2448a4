/**
 * The application lifecycle through v1: StartApplication (READY, STARTING, RUNNING), StopApplication
 * (STOPPING, READY), UpdateApplication on READY and RUNNING applications (UPDATING), what the
 * application object is given at each step, code checked when it runs, and the operations each
 * status refuses.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe as group, expect, it } from "vitest";
import { ANALYTICS_API } from "../../../src/analytics/api-limits";
import type { AnalyticsRegistry } from "../../../src/analytics/registry";
import {
  clock,
  registryStub,
  applicationCalls,
  createV1Application,
  describeV1,
  expectV1Error,
  FILTER_CODE,
  okV1,
  settle,
  startV1,
  streamArn,
  ROLE_ARN,
} from "./helpers";

const BROKEN_CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol FROM "SOURCE_SQL_STREAM_001" WHERE;
`;

group("StartApplication", () => {
  it("goes READY, STARTING, RUNNING and gives the application object the spec and starting positions", async () => {
    const { name, stream } = await createV1Application();
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
    const calls = await applicationCalls(name);
    expect(calls).toHaveLength(1);
    const call = calls[0];
    if (call?.method !== "start") throw new Error(`expected a start, got ${JSON.stringify(call)}`);
    expect(call.positions).toEqual({ "1.1": "TRIM_HORIZON" });
    expect(call.spec).toMatchObject({
      applicationName: name,
      versionId: 1,
      code: FILTER_CODE,
      inputs: [{ InputId: "1.1", InAppStreamNames: ["SOURCE_SQL_STREAM_001"], KinesisStreamsInputDescription: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN } }],
      outputs: [],
      referenceDataSources: [],
    });
  });

  it("starts an input not named in InputConfigurations from NOW", async () => {
    const { name } = await createV1Application();
    await okV1("StartApplication", { ApplicationName: name, InputConfigurations: [] });
    const [call] = await applicationCalls(name);
    expect(call?.method === "start" && call.positions).toEqual({ "1.1": "NOW" });
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
    expect(await applicationCalls(name)).toEqual([]);
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
    await okV1("StopApplication", { ApplicationName: name });
    expect((await describeV1(name)).ApplicationStatus).toBe("STOPPING");
    await expectV1Error("StopApplication", { ApplicationName: name }, "ResourceInUseException", `Application ${name} is in STOPPING status and cannot be stopped.`);
    settle();
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");
    expect((await applicationCalls(name)).map((call) => call.method)).toEqual(["start", "stop"]);
  });

  it("stops only a RUNNING application", async () => {
    const { name } = await createV1Application();
    await expectV1Error("StopApplication", { ApplicationName: name }, "ResourceInUseException", `Application ${name} is in READY status and cannot be stopped.`);
  });

  it("starts again after a stop, from LAST_STOPPED_POINT", async () => {
    const { name } = await createV1Application();
    await startV1(name);
    await okV1("StopApplication", { ApplicationName: name });
    settle();
    await startV1(name, "LAST_STOPPED_POINT");
    const calls = await applicationCalls(name);
    expect(calls.map((call) => call.method)).toEqual(["start", "stop", "start"]);
    expect(calls[2]?.method === "start" && calls[2].positions).toEqual({ "1.1": "LAST_STOPPED_POINT" });
  });
});

group("UpdateApplication", () => {
  it("changes a READY application at once: a new version, no call to its object", async () => {
    const { name } = await createV1Application({ ApplicationCode: "testCode" });
    await okV1("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: "SELECT 1;" } });
    const detail = await describeV1(name);
    expect(detail).toMatchObject({ ApplicationStatus: "READY", ApplicationVersionId: 2, ApplicationCode: "SELECT 1;" });
    expect(detail.LastUpdateTimestamp).toBeGreaterThanOrEqual(detail.CreateTimestamp ?? 0);
    expect(await applicationCalls(name)).toEqual([]);
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
    const { name } = await createV1Application();
    await startV1(name);
    const code = FILTER_CODE.replace("price > 50", "price > 60");
    await okV1("UpdateApplication", { ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: code } });
    expect(await describeV1(name)).toMatchObject({ ApplicationStatus: "UPDATING", ApplicationVersionId: 2 });
    settle();
    expect(await describeV1(name)).toMatchObject({ ApplicationStatus: "RUNNING", ApplicationVersionId: 2, ApplicationCode: code });
    const calls = await applicationCalls(name);
    expect(calls.map((call) => call.method)).toEqual(["start", "update"]);
    expect(calls[1]?.method === "update" && calls[1].spec).toMatchObject({ versionId: 2, code });
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
    await okV1("DeleteApplication", { ApplicationName: name, CreateTimestamp: created });
    expect((await describeV1(name)).ApplicationStatus).toBe("DELETING");
    expect((await applicationCalls(name)).map((call) => call.method)).toEqual(["start", "destroy"]);
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
