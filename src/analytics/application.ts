/**
 * Analytics' application object: one per application (named by the application's id), running it
 * as ./runner-contract.ts describes. Its alarm steps the application about every RUNNER.busyStepMs
 * while there is work and every RUNNER.idleStepMs otherwise. A step:
 *   1. reads each input after its checkpoint (runner/inputs.ts) and preprocesses the records
 *      (runner/preprocess.ts) — nothing is stored yet, so a failure here retries the same records;
 *   2. feeds the rows to the engine at the step's ROWTIME and moves the engine's time to it, so
 *      windows close without new rows (runner/session.ts);
 *   3. stores, in one transaction, the inputs' new checkpoints, the engine's state (the pumps that
 *      changed) and the rows the outputs produced (the outbox) (application-store.ts);
 *   4. writes the outbox to the outputs, at least once (runner/delivery.ts).
 * Steps 2 and 3 run without an await in between, so the stored state is always a step boundary: an
 * eviction or restart continues exactly from it, neither losing nor counting a row twice.
 *
 * RPC calls and steps run one at a time. Deliberate differences from AWS: stop() and start() keep
 * rows waiting for an output and write them after the next start; the in-application state (open
 * windows, models) starts empty at each start, as AWS's, but survives evictions and restarts of the
 * object, which AWS's does not promise.
 */
import { DurableObject } from "cloudflare:workers";
import { AwsError, capture } from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { ApplicationStore, type StoredInput } from "./application-store";
import { Deliveries } from "./runner/delivery";
import { AnalyticsRunnerError } from "./runner/errors";
import { inputSource, type InputSource, type SourceRead } from "./runner/inputs";
import { RUNNER, retryDelayMs } from "./runner/limits";
import { compileSpec, planSpec, type ApplicationPlan, type InputPlan } from "./runner/plan";
import { preprocess, type Preprocessed } from "./runner/preprocess";
import { loadReferenceObject, referenceRows } from "./runner/reference-data";
import { Session } from "./runner/session";
import { LiveTail } from "./runner/tail";
import type { ApplicationSpec, RunnerState, StartingPositions, StreamRow } from "./runner-contract";

/** A running application in memory, rebuilt from storage after an eviction. */
interface Run {
  readonly spec: ApplicationSpec;
  readonly plan: ApplicationPlan;
  readonly session: Session;
  readonly sources: ReadonlyMap<string, InputSource>;
  /** The inputs' stored checkpoints. */
  readonly inputs: Map<string, StoredInput>;
  readonly deliveries: Deliveries;
}

interface InputRead {
  readonly input: InputPlan;
  readonly read: SourceRead;
  readonly outcomes: Preprocessed[] | undefined;
}

export class AnalyticsApplication extends DurableObject<Env> {
  /** Tests replace the clock to move time. */
  clock: Clock = systemClock;
  private readonly store: ApplicationStore;
  private readonly live = new LiveTail();
  private run: Run | undefined;
  /** RPC calls and steps, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Steps that failed in a row (sources or functions unreachable): the next waits longer. */
  private stepFailures = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ApplicationStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => {
      if (this.store.exists()) this.store.migrate();
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async start(spec: ApplicationSpec, positions: StartingPositions) {
    return capture(() => this.serial(() => this.begin(spec, positions)));
  }

  async update(spec: ApplicationSpec) {
    return capture(() => this.serial(() => this.change(spec)));
  }

  async stop() {
    return capture(() =>
      this.serial(async () => {
        if (!this.store.exists()) return;
        // The checkpoints stay (LAST_STOPPED_POINT); the in-application state does not (AWS's neither).
        this.store.setRunning(false);
        this.store.clearEngine();
        this.halt();
        this.stepFailures = 0;
        await this.ctx.storage.deleteAlarm();
      }),
    );
  }

  async destroy() {
    return capture(() =>
      this.serial(async () => {
        const spec = this.store.exists() ? this.store.spec() : undefined;
        if (spec) await this.closeSources(spec, []);
        this.halt();
        await this.ctx.storage.deleteAlarm();
        await this.ctx.storage.deleteAll();
      }),
    );
  }

  async state() {
    return capture((): RunnerState => {
      if (!this.store.exists()) return { running: false, versionId: null };
      const failure = this.store.failure();
      return { running: this.store.running(), versionId: this.store.spec()?.versionId ?? null, ...(failure && { failure }) };
    });
  }

  async liveRows(stream: string, afterPosition: number, limit: number) {
    return capture(() =>
      this.serial(async (): Promise<StreamRow[]> => {
        if (this.store.exists() && this.store.running()) await this.ensureRun();
        return this.live.read(stream, afterPosition, limit, this.clock.now());
      }),
    );
  }

  override async alarm(): Promise<void> {
    await this.serial(async () => {
      if (!this.store.exists() || !this.store.running()) return;
      let delay: number;
      try {
        delay = await this.step();
        this.stepFailures = 0;
      } catch (error) {
        this.stepFailures++;
        console.error(`analytics application ${this.store.spec()?.applicationName ?? this.ctx.id.toString()}: step failed, retrying`, error);
        delay = retryDelayMs(this.stepFailures);
      }
      await this.ctx.storage.setAlarm(this.clock.now() + delay);
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private async begin(spec: ApplicationSpec, positions: StartingPositions): Promise<void> {
    if (!this.store.exists()) this.store.migrate();
    try {
      const plan = planSpec(spec);
      compileSpec(spec.code, plan);
      const objects = await this.loadReferences(plan);
      const stored = this.store.inputs();
      const inputs = new Map<string, StoredInput>();
      for (const input of plan.inputs) {
        const from = positions[input.id] ?? "NOW";
        const previous = stored.get(input.id);
        const position =
          from === "LAST_STOPPED_POINT" && previous?.sourceArn === input.source.arn
            ? previous.position
            : await this.source(input).place(from === "TRIM_HORIZON" ? "TRIM_HORIZON" : "NOW");
        inputs.set(input.id, { sourceArn: input.source.arn, position });
      }
      this.store.startRun(spec, inputs, objects, { keepEngine: false, outputIds: plan.outputs.map((output) => output.id) });
    } catch (error) {
      this.fail(error);
      this.store.setRunning(false);
      this.halt();
      throw error;
    }
    this.halt();
    await this.ensureRun();
    await this.ctx.storage.setAlarm(this.clock.now());
  }

  private async change(spec: ApplicationSpec): Promise<void> {
    if (!this.store.exists()) this.store.migrate();
    if (!this.store.running()) {
      // A stopped application only keeps the new version; the next start runs it.
      this.store.keepSpec(spec);
      return;
    }
    const old = await this.ensureRun();
    try {
      const plan = planSpec(spec);
      const app = compileSpec(spec.code, plan);
      const objects = await this.loadReferences(plan);
      const inputs = new Map<string, StoredInput>();
      for (const input of plan.inputs) {
        const previous = old.inputs.get(input.id);
        // An input that still reads the same source goes on from its checkpoint; a new one starts at NOW.
        const position = previous?.sourceArn === input.source.arn ? previous.position : await this.source(input).place("NOW");
        inputs.set(input.id, { sourceArn: input.source.arn, position });
      }
      await this.closeSources(old.spec, plan.inputs);
      // New code or schema starts the SQL afresh (as AWS restarts it); otherwise the windows go on.
      this.store.startRun(spec, inputs, objects, { keepEngine: app.fingerprint === old.session.app.fingerprint, outputIds: plan.outputs.map((output) => output.id) });
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.halt();
    await this.ensureRun();
    await this.ctx.storage.setAlarm(this.clock.now());
  }

  private fail(error: unknown): void {
    if (error instanceof AwsError) this.store.setFailure({ type: error.type, message: error.awsMessage ?? error.message });
    else this.store.setFailure({ type: "InternalFailure", message: error instanceof Error ? error.message : String(error) });
  }

  /** Forgets the running application in memory. */
  private halt(): void {
    this.run = undefined;
    this.live.attach(undefined, () => []);
  }

  /** Stops holding records for the inputs of `spec` that `keep` does not read any more. */
  private async closeSources(spec: ApplicationSpec, keep: readonly InputPlan[]): Promise<void> {
    let plan: ApplicationPlan;
    try {
      plan = planSpec(spec);
    } catch {
      return;
    }
    for (const input of plan.inputs) {
      if (keep.some((kept) => kept.id === input.id && kept.source.arn === input.source.arn)) continue;
      try {
        await this.source(input).close();
      } catch (error) {
        console.error(`analytics application ${spec.applicationName}: could not close input ${input.id}`, error);
      }
    }
  }

  private source(input: InputPlan): InputSource {
    // The tap subscription is this object's, per input: unique whatever the application's name.
    return inputSource(this.env, input.source, `${this.ctx.id.toString()}/${input.id}`);
  }

  private async loadReferences(plan: ApplicationPlan): Promise<Map<string, Uint8Array>> {
    const objects = new Map<string, Uint8Array>();
    for (const ref of plan.references) {
      const data = await loadReferenceObject(this.env, ref);
      referenceRows(ref, data);
      objects.set(ref.id, data);
    }
    return objects;
  }

  /** The running application, rebuilt from storage when this instance has not got it. */
  private async ensureRun(): Promise<Run> {
    if (this.run) return this.run;
    const spec = this.store.spec();
    if (!spec) throw new AnalyticsRunnerError("the application has no specification to run");
    const plan = planSpec(spec);
    const app = compileSpec(spec.code, plan);
    const referenceData: Record<string, unknown[][]> = {};
    for (const ref of plan.references) {
      const data = this.store.referenceData(ref.id);
      referenceData[ref.table] = data === undefined ? [] : referenceRows(ref, data);
    }
    const session = new Session(app, plan, referenceData);
    const stored = this.store.engine();
    if (stored && !session.restore(stored)) this.store.clearEngine();
    const stepContext = { env: this.env, applicationArn: spec.applicationArn, clock: this.clock };
    const run: Run = {
      spec,
      plan,
      session,
      sources: new Map(plan.inputs.map((input) => [input.id, this.source(input)])),
      inputs: this.store.inputs(),
      deliveries: new Deliveries(this.store, plan.outputs, stepContext),
    };
    this.run = run;
    this.live.attach(
      (stream, listener) => session.subscribe(stream, listener),
      (stream) => app.streams.find((s) => s.name === stream)?.columns.map((c) => c.name) ?? [],
    );
    return run;
  }

  // ---- a step ----------------------------------------------------------------------------------

  /** One step; answers how long until the next. */
  private async step(): Promise<number> {
    const run = await this.ensureRun();
    const reads: InputRead[] = [];
    if (!run.deliveries.backpressured()) {
      for (const input of run.plan.inputs) {
        const source = run.sources.get(input.id);
        const stored = run.inputs.get(input.id);
        if (!source || !stored) continue;
        const read = await source.read(stored.position);
        const outcomes =
          input.processorArn !== undefined && read.records.length > 0
            ? await preprocess(this.env, input.processorArn, { applicationArn: run.spec.applicationArn, streamArn: input.source.arn }, read.records)
            : undefined;
        reads.push({ input, read, outcomes });
      }
    }
    this.commit(run, reads);
    await run.deliveries.deliver(this.clock.now());
    // Records came (more may be waiting, or more will come soon): step at the busy pace, so that a
    // window closes within about busyStepMs of its end while its input flows.
    const reading = reads.some((entry) => entry.read.more || entry.read.records.length > 0);
    if (reading || run.deliveries.pending()) {
      const retry = run.deliveries.nextRetryMs();
      const busy = this.clock.now() + RUNNER.busyStepMs;
      // Only outputs that wait for a retry: step at the idle pace until then (windows still close).
      return reading || retry === undefined || retry <= busy ? RUNNER.busyStepMs : RUNNER.idleStepMs;
    }
    return RUNNER.idleStepMs;
  }

  /** Feeds the step's rows and stores everything it changed, with no await in between. */
  private commit(run: Run, reads: readonly InputRead[]): void {
    const session = run.session;
    const rowtime = Math.max(this.clock.now(), session.engine.time ?? -Infinity);
    try {
      for (const { input, read, outcomes } of reads) session.feed(input, read.records, outcomes, rowtime);
      session.engine.advanceTo(rowtime);
      const snapshot = session.snapshot();
      const outbox = session.takePending();
      const inputs = new Map<string, StoredInput>();
      for (const { input, read } of reads) {
        if (JSON.stringify(read.position) !== JSON.stringify(run.inputs.get(input.id)?.position)) inputs.set(input.id, { sourceArn: input.source.arn, position: read.position });
      }
      // An idle step (no record, no closed window, no row) changes nothing worth a write: the engine's
      // time alone is not needed to continue, since every row takes a ROWTIME no earlier than now.
      if (inputs.size === 0 && snapshot.changed.size === 0 && outbox.size === 0) return;
      this.store.commitStep({ inputs, snapshot, outbox });
      session.markStored(snapshot);
      for (const [id, input] of inputs) run.inputs.set(id, input);
      run.deliveries.added(outbox);
    } catch (error) {
      // The engine in memory went past what is stored: start again from what is.
      this.halt();
      throw error;
    }
  }
}
