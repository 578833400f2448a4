/**
 * Analytics' application object: one per application, running it.
 *
 * A STAND-IN, kept minimal on purpose: the "analytics-runner" work builds the real object (inputs,
 * the SQL engine, outputs, checkpoints) in this file, and its version replaces this one. This one
 * implements the ApplicationRunner methods of runner-contract.ts just far enough for the registry's
 * tests: it compiles the code where the real object would (so invalid code is refused as the API
 * answers it) and records each call it was given, in order, for the tests to read (`calls`).
 */
import { DurableObject } from "cloudflare:workers";
import { capture } from "../aws/errors";
import { compileSpec } from "./code";
import type { ApplicationSpec, RunnerState, StartingPositions, StreamRow } from "./runner-contract";

/** One call the stand-in was given. */
export type RecordedCall =
  | { method: "start"; spec: ApplicationSpec; positions: StartingPositions }
  | { method: "update"; spec: ApplicationSpec }
  | { method: "stop" }
  | { method: "destroy" };

const CALLS = "calls";

export class AnalyticsApplication extends DurableObject<Env> {
  async start(spec: ApplicationSpec, positions: StartingPositions) {
    return capture(() => {
      compileSpec(spec);
      this.record({ method: "start", spec, positions });
    });
  }

  async update(spec: ApplicationSpec) {
    return capture(() => {
      compileSpec(spec);
      this.record({ method: "update", spec });
    });
  }

  async stop() {
    return capture(() => this.record({ method: "stop" }));
  }

  async destroy() {
    return capture(() => this.record({ method: "destroy" }));
  }

  async state() {
    return capture((): RunnerState => {
      const calls = this.calls();
      const last = calls.at(-1);
      const running = last?.method === "start" || last?.method === "update";
      const versions = calls.flatMap((call) => ("spec" in call ? [call.spec.versionId] : []));
      return { running, versionId: versions.at(-1) ?? null };
    });
  }

  async liveRows(_stream: string, _afterPosition: number, _limit: number) {
    return capture((): StreamRow[] => []);
  }

  /** The calls recorded so far (tests). */
  calls(): RecordedCall[] {
    return (this.ctx.storage.kv.get<RecordedCall[]>(CALLS) ?? []);
  }

  private record(call: RecordedCall): void {
    this.ctx.storage.kv.put(CALLS, [...this.calls(), call]);
  }
}
