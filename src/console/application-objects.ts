/**
 * How the console reaches an Analytics application's object (src/analytics/runner-contract.ts): what
 * it reports of itself, and the live rows of its in-application streams. The console app takes this
 * as a parameter (createConsole), so tests can stand something in for the running engine.
 */
import type { Outcome } from "../aws/errors";
import type { RunnerState } from "../analytics/runner-contract";
import { applicationStub } from "../objects";

export interface ApplicationObject {
  state(): Promise<Outcome<RunnerState>>;
  /**
   * An Outcome of StreamRow[]; typed `unknown` because RPC's types drop an answer that holds `unknown`
   * (a row's values are whatever the engine holds), so the console checks what arrives (../live-rows.ts).
   */
  liveRows(stream: string, afterPosition: number, limit: number): Promise<unknown>;
}

export type ApplicationObjects = (env: Env, applicationId: string) => ApplicationObject;

/** The application objects themselves, by the application's id. */
export const applicationObjects: ApplicationObjects = (env, applicationId) => applicationStub(env, applicationId);
