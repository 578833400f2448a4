/**
 * Analytics' registry Durable Object: one per account and region, holding every application's
 * definition, status, version and tags, for both API versions. One object means one writer, so
 * names stay unique and version checks need no locks.
 *
 * Statuses move as AWS's do: an application is READY once created; StartApplication makes it
 * STARTING, then RUNNING; StopApplication STOPPING, then READY; a change to a RUNNING application
 * makes it UPDATING, then RUNNING again (a READY one takes changes at once); DeleteApplication makes
 * it DELETING, then it is gone. A transitional status lasts while the application object carries out
 * the call (start, stop, update, destroy; see runner-contract.ts) and a short time after
 * (api-limits.ts), read from the injected clock; the alarm forgets deleted applications. Anything
 * but READY and RUNNING refuses changes with ResourceInUseException; a stale
 * CurrentApplicationVersionId (or v2's ConditionalToken) is refused with
 * ConcurrentModificationException.
 *
 * The status is the registry's alone; it does not ask the object for its state(). A start or
 * update the object refuses is answered as that error (the application stays as it was); a failure
 * at run time (a source or function unreachable) the object retries while the application stays
 * RUNNING, falling behind, as AWS's does.
 *
 * v1 may read and list what v2 made, but not change it: AWS answers v1's other operations on such
 * an application with UnsupportedOperationException (messages.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { AwsError, capture, ConcurrentModificationException, InvalidArgumentException, LimitExceededException, TooManyTagsException, unwrap } from "../aws/errors";
import type { Scope } from "../aws/scope";
import { systemClock, type Clock } from "../clock";
import { applicationStub } from "../objects";
import { ANALYTICS_API } from "./api-limits";
import { applyChange, type Change } from "./changes";
import type { ApiVersion, ApplicationDefinition } from "./definition";
import { conditionalToken } from "./ids";
import { applicationExists, applicationNotFound, managedByV2, staleToken, staleVersion, wrongStatus } from "./messages";
import { AnalyticsRegistryStore, type ApplicationRow } from "./registry-store";
import type { StartingPositions } from "./runner-contract";
import type { ApplicationStatus, InputStartingPosition } from "./shapes-v1.generated";
import { applicationSpec } from "./spec";
import type { ApplicationState } from "./views";

/** What a change must find: the version (and, from v2, the ConditionalToken) the caller last saw. */
export interface Expected {
  version?: number;
  token?: string;
}

/** What each transitional status settles to once its time is up. */
const SETTLES_TO: Partial<Record<ApplicationStatus, ApplicationStatus>> = { STARTING: "RUNNING", STOPPING: "READY", UPDATING: "RUNNING" };

export class AnalyticsRegistry extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: AnalyticsRegistryStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new AnalyticsRegistryStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /** Adds a checked definition (definition.ts newDefinition) as a READY application; its times are the registry's. */
  async create(scope: Scope, definition: ApplicationDefinition, tags: [string, string][]) {
    return capture(async () => {
      const now = this.clock.now();
      if (this.live(definition.name, now)) throw applicationExists(scope, definition.name);
      const count = this.store.allApplications().filter((row) => this.effective(row, now)).length;
      if (count >= ANALYTICS_API.maxApplications) {
        throw new LimitExceededException(`You have reached the limit of ${ANALYTICS_API.maxApplications} applications in ${scope.region}.`);
      }
      if (tags.length > ANALYTICS_API.maxTags) throw tooManyTags(definition.name);
      // An application that finished deleting keeps its row until the alarm; it goes now.
      if (this.store.application(definition.name)) this.store.delete(definition.name);
      const row: ApplicationRow = { definition: { ...definition, createdMs: now, updatedMs: now }, status: "READY", statusUntilMs: null };
      this.store.insert(row, new Map(tags));
      return stateOf(row);
    });
  }

  async describe(scope: Scope, name: string, api: ApiVersion) {
    return capture(() => stateOf(this.existing(scope, name, api, this.clock.now())));
  }

  /** Applications in name order after `afterName`, with whether more follow. */
  async list(afterName: string, limit: number) {
    return capture(() => {
      const now = this.clock.now();
      const applications: ApplicationState[] = [];
      let after = afterName;
      for (;;) {
        const batch = this.store.applications(after, limit + 1);
        for (const row of batch) {
          const live = this.effective(row, now);
          if (live) applications.push(stateOf(live));
        }
        const last = batch.at(-1);
        if (applications.length > limit || batch.length < limit + 1 || !last) break;
        after = last.definition.name;
      }
      return { applications: applications.slice(0, limit), hasMore: applications.length > limit };
    });
  }

  /** Makes the next version of an application; a running one takes it through its object (UPDATING meanwhile). */
  async change(scope: Scope, name: string, api: ApiVersion, expected: Expected, change: Change) {
    return capture(async () => {
      const now = this.clock.now();
      const row = this.existing(scope, name, api, now);
      if (row.status !== "READY" && row.status !== "RUNNING") throw wrongStatus(name, row.status, "updated");
      checkExpected(row.definition, expected);
      const next = applyChange(row.definition, change, api, now);
      if (row.status === "READY") {
        const updated: ApplicationRow = { definition: next, status: "READY", statusUntilMs: null };
        this.store.put(updated);
        return stateOf(updated);
      }
      await this.carryOut(row, { definition: next, status: "UPDATING" }, async (stub) => unwrap(await stub.update(applicationSpec(scope, next))));
      return stateOf(this.settle(name, "UPDATING", ANALYTICS_API.updateMs));
    });
  }

  /** StartApplication: READY only; each input starts where `positions` says (NOW where it says nothing). */
  async start(scope: Scope, name: string, api: ApiVersion, positions: Record<string, InputStartingPosition>) {
    return capture(async () => {
      const row = this.existing(scope, name, api, this.clock.now());
      if (row.status !== "READY") throw wrongStatus(name, row.status, "started");
      const ids = new Set(row.definition.inputs.map((input) => input.InputId));
      for (const id of Object.keys(positions)) {
        if (!ids.has(id)) throw new InvalidArgumentException(`Input id ${id} not found in application ${name}.`);
      }
      const starting: Record<string, InputStartingPosition> = {};
      const definition = structuredClone(row.definition);
      for (const input of definition.inputs) {
        const position = positions[input.InputId] ?? "NOW";
        starting[input.InputId] = position;
        input.InputStartingPositionConfiguration = { InputStartingPosition: position };
      }
      const spec = applicationSpec(scope, definition);
      const startingPositions: StartingPositions = starting;
      await this.carryOut(row, { definition, status: "STARTING" }, async (stub) => unwrap(await stub.start(spec, startingPositions)));
      this.settle(name, "STARTING", ANALYTICS_API.startMs);
    });
  }

  /** StopApplication: RUNNING only. */
  async stop(scope: Scope, name: string, api: ApiVersion) {
    return capture(async () => {
      const row = this.existing(scope, name, api, this.clock.now());
      if (row.status !== "RUNNING") throw wrongStatus(name, row.status, "stopped");
      await this.carryOut(row, { definition: row.definition, status: "STOPPING" }, async (stub) => unwrap(await stub.stop()));
      this.settle(name, "STOPPING", ANALYTICS_API.stopMs);
    });
  }

  /**
   * DeleteApplication, of a READY or RUNNING application (AWS "halts application execution and
   * deletes the application"). CreateTimestamp must be the application's, to the second: clients
   * such as Terraform keep it as RFC 3339 text, without milliseconds.
   */
  async delete(scope: Scope, name: string, api: ApiVersion, createTimestampMs: number) {
    return capture(async () => {
      const row = this.existing(scope, name, api, this.clock.now());
      if (row.status !== "READY" && row.status !== "RUNNING") throw wrongStatus(name, row.status, "deleted");
      if (Math.floor(createTimestampMs / 1000) !== Math.floor(row.definition.createdMs / 1000)) {
        // A timestamp past what a date holds (1e20 seconds) matches nothing, and has no ISO form to show.
        const provided = Number.isNaN(createTimestampMs) ? "" : ` ${new Date(createTimestampMs).toISOString()}`;
        throw new ConcurrentModificationException(`Provided CreateTimestamp${provided} does not match the create timestamp of application ${name}.`);
      }
      await this.carryOut(row, { definition: row.definition, status: "DELETING" }, async (stub) => unwrap(await stub.destroy()));
      this.settle(name, "DELETING", ANALYTICS_API.deleteMs);
      await this.scheduleAlarm();
    });
  }

  async tags(scope: Scope, name: string) {
    return capture(() => {
      this.live(name, this.clock.now()) ?? raise(applicationNotFound(scope, name));
      return [...this.store.tags(name)].map(([Key, Value]) => ({ Key, Value }));
    });
  }

  async addTags(scope: Scope, name: string, tags: [string, string][]) {
    return capture(() => {
      this.live(name, this.clock.now()) ?? raise(applicationNotFound(scope, name));
      const merged = this.store.tags(name);
      for (const [key, value] of tags) merged.set(key, value);
      if (merged.size > ANALYTICS_API.maxTags) throw tooManyTags(name);
      this.store.putTags(name, new Map(tags));
    });
  }

  async removeTags(scope: Scope, name: string, keys: string[]) {
    return capture(() => {
      this.live(name, this.clock.now()) ?? raise(applicationNotFound(scope, name));
      this.store.removeTags(name, keys);
    });
  }

  /** Forgets applications that finished deleting (their objects were destroyed by DeleteApplication). */
  override async alarm(): Promise<void> {
    const now = this.clock.now();
    for (const row of this.store.allApplications()) {
      if (row.status === "DELETING" && row.statusUntilMs !== null && row.statusUntilMs <= now) this.store.delete(row.definition.name);
    }
    await this.scheduleAlarm();
  }

  /**
   * Writes `during` (a transitional status, ending only after the call's time allowance), has the
   * application object carry out the call, and puts the application back as it was when the call
   * fails. While the call is out, other requests see the transitional status and are refused changes.
   */
  private async carryOut(
    before: ApplicationRow,
    during: { definition: ApplicationDefinition; status: ApplicationStatus },
    call: (stub: ReturnType<typeof applicationStub>) => Promise<void>,
  ): Promise<void> {
    this.store.put({ ...during, statusUntilMs: this.clock.now() + ANALYTICS_API.callTimeoutMs });
    try {
      await call(applicationStub(this.env, before.definition.id));
    } catch (error) {
      this.store.put(before);
      throw error;
    }
  }

  /** Gives a transitional status its end, `durationMs` from now. */
  private settle(name: string, status: ApplicationStatus, durationMs: number): ApplicationRow {
    this.store.setStatus(name, status, this.clock.now() + durationMs);
    const row = this.store.application(name);
    if (!row) throw new Error(`application ${name} vanished while ${status}`);
    return row;
  }

  private async scheduleAlarm(): Promise<void> {
    const due = this.store
      .allApplications()
      .filter((row) => row.status === "DELETING" && row.statusUntilMs !== null)
      .map((row) => row.statusUntilMs as number);
    if (due.length > 0) await this.ctx.storage.setAlarm(Math.min(...due));
  }

  /** The application as it stands, for an operation of `api`; ResourceNotFoundException, or v1's refusal of v2's applications. */
  private existing(scope: Scope, name: string, api: ApiVersion, now: number): ApplicationRow {
    const row = this.live(name, now) ?? raise(applicationNotFound(scope, name));
    if (api === "v1" && row.definition.managedBy === "v2") throw managedByV2(name);
    return row;
  }

  /** The application as it stands at `now`, or undefined when it does not exist (or finished deleting). */
  private live(name: string, now: number): ApplicationRow | undefined {
    const row = this.store.application(name);
    return row && this.effective(row, now);
  }

  private effective(row: ApplicationRow, now: number): ApplicationRow | undefined {
    const due = row.statusUntilMs !== null && row.statusUntilMs <= now;
    if (!due) return row;
    if (row.status === "DELETING") return undefined;
    const settled = SETTLES_TO[row.status];
    return settled ? { ...row, status: settled, statusUntilMs: null } : row;
  }
}

function stateOf(row: ApplicationRow): ApplicationState {
  return { definition: row.definition, status: row.status };
}

function checkExpected(definition: ApplicationDefinition, expected: Expected): void {
  if (expected.version !== undefined && expected.version !== definition.version) {
    throw staleVersion(definition.name, expected.version, definition.version);
  }
  if (expected.token !== undefined && expected.token !== conditionalToken(definition.id, definition.version)) {
    throw staleToken(definition.name);
  }
}

function tooManyTags(name: string): AwsError {
  return new TooManyTagsException(`Application ${name} can have at most ${ANALYTICS_API.maxTags} tags.`);
}

function raise(error: Error): never {
  throw error;
}
