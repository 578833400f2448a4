/**
 * The contract between Analytics' two Durable Objects:
 * - the registry (one per account and region) owns every application's definition, status and
 *   version, and serves the v1 and v2 APIs;
 * - the application object (one per application) runs it: reads its inputs, runs the SQL engine
 *   (./sql), keeps window state, analytic models and input checkpoints together in its SQLite, and
 *   writes the outputs.
 * The registry hands the application object an ApplicationSpec (the definition as v1 describes it,
 * whichever API version made it) whenever the application starts or a running application changes.
 */
import type {
  InputDescription,
  InputStartingPosition,
  OutputDescription,
  ReferenceDataSourceDescription,
} from "./shapes-v1.generated";

/** One version of an application's definition, as the application object runs it. */
export interface ApplicationSpec {
  applicationName: string;
  applicationArn: string;
  /** The ApplicationVersionId this spec is; an object never goes back to an older one. */
  versionId: number;
  /** The SQL (ApplicationCode, or v2's TextContent); empty when the application has none yet. */
  code: string;
  /** With InputId, InAppStreamNames and the source's ARN filled in, as DescribeApplication shows them. */
  inputs: InputDescription[];
  outputs: OutputDescription[];
  referenceDataSources: ReferenceDataSourceDescription[];
}

/** Where each input starts reading, by InputId, as StartApplication's InputConfigurations say. */
export type StartingPositions = Readonly<Record<string, InputStartingPosition>>;

/** What the application object reports of itself (the registry maps it onto ApplicationStatus). */
export interface RunnerState {
  running: boolean;
  /** The version it runs (or last ran). */
  versionId: number | null;
  /** Why the last start or update failed, when it did (the application then stays stopped). */
  failure?: { type: string; message: string };
}

/** A row of an in-application stream, for the console's live view. */
export interface StreamRow {
  /** Position in that stream since the application started: the live view asks for rows after it. */
  position: number;
  /** ROWTIME, epoch milliseconds. */
  rowtime: number;
  /** Column name -> value as the engine holds it (numbers, strings, booleans, epoch-ms timestamps, null). */
  values: Record<string, unknown>;
}

/**
 * The application object's RPC methods (each answers an Outcome, see aws/errors.ts capture/unwrap):
 * - start(spec, positions): compiles the code against the inputs' schemas and reference tables, loads
 *   reference data, places each input's checkpoint (NOW, TRIM_HORIZON, or LAST_STOPPED_POINT: where
 *   the last stop left it) and starts reading. Invalid code throws the AWS error the API answers.
 * - update(spec): a running application takes a new version (new code, inputs, outputs, references).
 * - stop(): stops reading and writing, keeping the checkpoints for LAST_STOPPED_POINT.
 * - destroy(): forgets everything (the application was deleted).
 * - state(): RunnerState.
 * - liveRows(stream, afterPosition, limit): the latest rows of an in-application stream. (Not `tail`
 *   or `tailStream`: the Workers runtime reserves those names for tail handlers, and RPC cannot call them.)
 */
export interface ApplicationRunner {
  start(spec: ApplicationSpec, positions: StartingPositions): Promise<void>;
  update(spec: ApplicationSpec): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
  state(): Promise<RunnerState>;
  liveRows(stream: string, afterPosition: number, limit: number): Promise<StreamRow[]>;
}
