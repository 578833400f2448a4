/**
 * A Redshift destination, loaded into D1: the input shapes (RedshiftDestinationConfiguration and
 * RedshiftDestinationUpdate), how they become the stored destination, and AWS's checks.
 *
 * As in AWS, the records are first written to the S3Configuration's bucket (here R2: the staging
 * objects, under its Prefix), then "copied" into the table: the stored destination keeps the
 * S3Configuration as its S3 members (so buffering, processing, error output and backup work as for
 * S3) plus the `Redshift` block, which only delivery (d1-load.ts) and DescribeDeliveryStream read.
 *
 * ClusterJDBCURL names the D1 database: the first label of its host, mapped to a binding as bucket
 * names are (upper-cased, `_` for anything but A-Z and 0-9):
 * `jdbc:redshift://rivulet-analytics.redshift.local:5439/dev` is the binding RIVULET_ANALYTICS.
 */
import { InvalidArgumentException } from "../aws/errors";
import type { CloudWatchLoggingOptions, ExtendedS3Members, S3Input } from "./s3-configuration";
import type { ProcessingConfiguration } from "./shapes.generated";

export interface CopyCommand {
  DataTableName: string;
  DataTableColumns?: string;
  CopyOptions?: string;
}

/** What a Redshift destination holds beyond its S3 staging configuration (RedshiftDestinationDescription's own members). */
export interface RedshiftSettings {
  RoleARN: string;
  ClusterJDBCURL: string;
  CopyCommand: CopyCommand;
  Username?: string;
  RetryOptions: { DurationInSeconds: number };
}

export interface RedshiftInput {
  RoleARN?: string;
  ClusterJDBCURL?: string;
  CopyCommand?: CopyCommand;
  Username?: string;
  /** Accepted and never stored: D1 needs no credentials, and AWS never describes it. */
  Password?: string;
  RetryOptions?: { DurationInSeconds?: number };
  S3Configuration?: S3Input;
  S3Update?: S3Input;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: "Disabled" | "Enabled";
  S3BackupConfiguration?: S3Input;
  S3BackupUpdate?: S3Input;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
}

/** AWS's default RetryOptions.DurationInSeconds for Redshift (the model: 3600 seconds). */
const DEFAULT_RETRY_SECONDS = 3600;

/** The S3-shaped input (staging configuration and the Redshift members given) for destinationFrom. */
export function redshiftAsExtended(input: RedshiftInput): ExtendedS3Members & { Redshift: Partial<RedshiftSettings> } {
  const staging = input.S3Configuration ?? input.S3Update ?? {};
  return {
    ...staging,
    ...(input.CloudWatchLoggingOptions && { CloudWatchLoggingOptions: input.CloudWatchLoggingOptions }),
    ProcessingConfiguration: input.ProcessingConfiguration,
    S3BackupMode: input.S3BackupMode,
    S3BackupConfiguration: input.S3BackupConfiguration ?? input.S3BackupUpdate,
    Redshift: {
      ...(input.RoleARN !== undefined && { RoleARN: input.RoleARN }),
      ...(input.ClusterJDBCURL !== undefined && { ClusterJDBCURL: input.ClusterJDBCURL }),
      ...(input.CopyCommand !== undefined && { CopyCommand: input.CopyCommand }),
      ...(input.Username !== undefined && { Username: input.Username }),
      ...(input.RetryOptions?.DurationInSeconds !== undefined && { RetryOptions: { DurationInSeconds: input.RetryOptions.DurationInSeconds } }),
    },
  };
}

/** The Redshift members given, over the current ones (UpdateDestination) or the defaults. */
export function mergeRedshift(input: Partial<RedshiftSettings>, base?: RedshiftSettings): RedshiftSettings {
  const username = input.Username ?? base?.Username;
  return {
    RoleARN: input.RoleARN ?? base?.RoleARN ?? "",
    ClusterJDBCURL: input.ClusterJDBCURL ?? base?.ClusterJDBCURL ?? "",
    CopyCommand: input.CopyCommand ?? base?.CopyCommand ?? { DataTableName: "" },
    ...(username !== undefined && { Username: username }),
    RetryOptions: input.RetryOptions ?? base?.RetryOptions ?? { DurationInSeconds: DEFAULT_RETRY_SECONDS },
  };
}

/** The D1 binding name a ClusterJDBCURL names, or undefined when it is not a JDBC URL. */
function databaseBindingOf(jdbcUrl: string): string | undefined {
  const match = /^jdbc:(?:redshift|postgresql):\/\/([^./:]+)/.exec(jdbcUrl);
  return match?.[1]?.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

function isD1(value: unknown): value is D1Database {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.fetch === "function") return false;
  return typeof candidate.prepare === "function" && typeof candidate.batch === "function";
}

/** The D1 database a ClusterJDBCURL names, or undefined when this Worker has no such binding. */
export function resolveDatabase(env: Env, jdbcUrl: string): D1Database | undefined {
  const name = databaseBindingOf(jdbcUrl);
  const binding = name === undefined ? undefined : (env as unknown as Record<string, unknown>)[name];
  return isD1(binding) ? binding : undefined;
}

/** The D1 database named `name` the way ClusterJDBCURL hosts name one (format conversion's schemas use it too). */
export function databaseNamed(env: Env, name: string): D1Database | undefined {
  const binding = (env as unknown as Record<string, unknown>)[name.toUpperCase().replace(/[^A-Z0-9]/g, "_")];
  return isD1(binding) ? binding : undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The table's name in D1: Redshift's `schema.table` drops the schema (D1 has one). */
export function tableNameOf(copy: CopyCommand): string {
  return copy.DataTableName.split(".").at(-1) ?? "";
}

export function columnsOf(copy: CopyCommand): string[] | undefined {
  const text = copy.DataTableColumns?.trim();
  if (!text) return undefined;
  return text.split(",").map((column) => column.trim());
}

export type CopyFormat = { kind: "json"; ignoreCase: boolean } | { kind: "csv"; delimiter: string } | { kind: "delimited"; delimiter: string };

/** The input format CopyOptions ask for: JSON 'auto' unless they say CSV or DELIMITER (the default of Redshift's COPY is '|'-delimited text; Firehose users load JSON). */
export function copyFormatOf(copy: CopyCommand): CopyFormat {
  const options = (copy.CopyOptions ?? "").toLowerCase();
  const delimiter = /\bdelimiter\s+(?:as\s+)?'([^']+)'/.exec(copy.CopyOptions ?? "")?.[1];
  if (/\bcsv\b/.test(options)) return { kind: "csv", delimiter: delimiter ?? "," };
  if (delimiter !== undefined) return { kind: "delimited", delimiter };
  return { kind: "json", ignoreCase: /\bjson\s+'auto ignorecase'/.test(options) };
}

/** AWS's checks of a Redshift destination beyond the model, with D1's. */
export function checkRedshift(env: Env, settings: RedshiftSettings, compression: string): void {
  if (compression === "ZIP" || compression === "Snappy" || compression === "HADOOP_SNAPPY") {
    // AWS: Redshift's COPY cannot read these from the staging bucket.
    throw new InvalidArgumentException(`Compression format ${compression} is not supported for Redshift destination`);
  }
  if (!resolveDatabase(env, settings.ClusterJDBCURL)) {
    throw new InvalidArgumentException(
      `Could not connect to ${settings.ClusterJDBCURL}: Rivulet loads Redshift destinations into the D1 database whose binding ` +
        "is named like the first label of the URL's host (upper-cased, '_' for other characters), and this Worker has none.",
    );
  }
  const table = tableNameOf(settings.CopyCommand);
  const columns = columnsOf(settings.CopyCommand) ?? [];
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new InvalidArgumentException(`Invalid identifier in CopyCommand: ${name}`);
  }
  if (/\bjson\s+'s3:\/\//i.test(settings.CopyCommand.CopyOptions ?? "")) {
    throw new InvalidArgumentException("Rivulet does not support JSONPaths files in CopyOptions: use json 'auto'.");
  }
}
