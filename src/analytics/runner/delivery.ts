/**
 * Writing the outbox out: after each step, every output's pending records go to its destination
 * (outputs.ts), oldest first; those written leave the outbox. An output that fails waits
 * (RUNNER.retryBaseMs doubling to RUNNER.retryMaxMs) and is tried again with the same records, for
 * as long as it takes, as AWS retries "indefinitely". Counts of pending records are kept in memory
 * (from the store at start) for back pressure.
 */
import type { ApplicationStore } from "../application-store";
import { RUNNER, retryDelayMs } from "./limits";
import { outputWriter, type OutputWriter, type WriterContext } from "./outputs";
import type { OutputPlan } from "./plan";

interface OutputState {
  readonly writer: OutputWriter;
  failures: number;
  retryAtMs: number;
}

/** Records one write pass takes from the outbox per output. */
const PASS_RECORDS = 2000;
/** Passes per output per step: a long backlog yields to the next step. */
const PASSES = 10;

export class Deliveries {
  private readonly outputs = new Map<string, OutputState>();
  private readonly counts: Map<string, number>;

  constructor(
    private readonly store: ApplicationStore,
    plans: readonly OutputPlan[],
    context: WriterContext,
  ) {
    for (const plan of plans) this.outputs.set(plan.id, { writer: outputWriter(plan.destination, context), failures: 0, retryAtMs: 0 });
    this.counts = store.pendingCounts();
  }

  /** A step stored these records. */
  added(records: ReadonlyMap<string, readonly unknown[]>): void {
    for (const [id, list] of records) this.counts.set(id, (this.counts.get(id) ?? 0) + list.length);
  }

  /** Whether an output has so much waiting that inputs should not be read. */
  backpressured(): boolean {
    for (const count of this.counts.values()) if (count >= RUNNER.maxPendingOutputRows) return true;
    return false;
  }

  /** Whether records wait for an output that can be written now or soon. */
  pending(): boolean {
    for (const [id, count] of this.counts) if (count > 0 && this.outputs.has(id)) return true;
    return false;
  }

  /** The soonest time a failed output may be tried again, if one waits. */
  nextRetryMs(): number | undefined {
    let next: number | undefined;
    for (const [id, state] of this.outputs) {
      if ((this.counts.get(id) ?? 0) > 0 && state.failures > 0) next = Math.min(next ?? Infinity, state.retryAtMs);
    }
    return next;
  }

  async deliver(now: number): Promise<void> {
    await Promise.all([...this.outputs].map(([id, state]) => this.deliverOne(id, state, now)));
  }

  private async deliverOne(id: string, state: OutputState, now: number): Promise<void> {
    if (now < state.retryAtMs) return;
    for (let pass = 0; pass < PASSES && (this.counts.get(id) ?? 0) > 0; pass++) {
      const records = this.store.pending(id, PASS_RECORDS);
      if (records.length === 0) {
        this.counts.set(id, 0);
        return;
      }
      const outcome = await state.writer.write(records, state.failures);
      this.store.written(id, records, outcome.written);
      this.counts.set(id, Math.max(0, (this.counts.get(id) ?? 0) - outcome.written.length));
      if (outcome.failure !== undefined) {
        state.failures++;
        // Logged once per failure streak's first try and then at the longest backoff, not every retry.
        if (state.failures === 1 || retryDelayMs(state.failures) === RUNNER.retryMaxMs) console.error(`analytics output ${id}: ${outcome.failure}; retrying`);
        state.retryAtMs = now + retryDelayMs(state.failures);
        return;
      }
      state.failures = 0;
      state.retryAtMs = 0;
    }
  }
}
