/**
 * The Iceberg destination (IcebergDestinationConfiguration): its input shapes (Create's
 * configuration, UpdateDestination's IcebergDestinationUpdate), the stored destination, the checks
 * made of it and its description. As for the other destinations, the stored destination keeps the
 * S3Configuration as its S3 members (the error output; with S3BackupMode AllData, a copy of every
 * source record) plus the `Iceberg` block that delivery (iceberg/deliver.ts, through
 * destinations/dispatch.ts) and DescribeDeliveryStream (views.ts) read.
 *
 * The catalog: AWS names a Glue catalog (CatalogARN); R2 Data Catalog, Cloudflare's Iceberg REST
 * catalog, is only reachable deployed and through its API, not from a Worker's bindings. So the
 * tables are kept in R2 as a file-system catalog keeps them (iceberg/table.ts), under the warehouse
 * CatalogConfiguration.WarehouseLocation names (`s3://<bucket>/<prefix>`, a bound bucket), or by
 * default `s3://<the S3Configuration's bucket>/iceberg/`: table `<database>.<table>` is the folder
 * `<warehouse>/<database>/<table>/`. CatalogARN is kept and described.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { bucketNameOf, resolveBucket } from "../buckets";
import { FIREHOSE } from "../limits";
import type { BufferingHints, CloudWatchLoggingOptions, ExtendedS3Members, S3Input } from "../s3-configuration";
import type { CatalogConfiguration, DestinationTableConfiguration, ProcessingConfiguration, S3DestinationDescription } from "../shapes.generated";
import type { TableLocation } from "./table";

/** What an Iceberg destination holds beyond its S3 configuration (IcebergDestinationDescription's own members). */
export interface IcebergSettings {
  DestinationTableConfigurationList?: DestinationTableConfiguration[];
  SchemaEvolutionConfiguration?: { Enabled: boolean };
  TableCreationConfiguration?: { Enabled: boolean };
  BufferingHints: BufferingHints;
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
  RetryOptions: { DurationInSeconds: number };
  RoleARN: string;
  AppendOnly: boolean;
  CatalogConfiguration: CatalogConfiguration;
  S3BackupMode: "FailedDataOnly" | "AllData";
}

/** IcebergDestinationConfiguration and IcebergDestinationUpdate. */
export interface IcebergInput {
  DestinationTableConfigurationList?: DestinationTableConfiguration[];
  SchemaEvolutionConfiguration?: { Enabled: boolean };
  TableCreationConfiguration?: { Enabled: boolean };
  BufferingHints?: Partial<BufferingHints>;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: "FailedDataOnly" | "AllData";
  RetryOptions?: { DurationInSeconds?: number };
  RoleARN?: string;
  AppendOnly?: boolean;
  CatalogConfiguration?: CatalogConfiguration;
  S3Configuration?: S3Input;
}

export type IcebergUpdate = Partial<Omit<IcebergSettings, "BufferingHints">> & { BufferingHints?: Partial<BufferingHints> };

/** AWS's default RetryOptions.DurationInSeconds for Iceberg tables (the console's, as for HTTP endpoints). */
const DEFAULT_RETRY_SECONDS = 300;

export function icebergAsExtended(input: IcebergInput): ExtendedS3Members & { Iceberg: IcebergUpdate } {
  const s3 = input.S3Configuration ?? {};
  const update: IcebergUpdate = {
    ...(input.DestinationTableConfigurationList && { DestinationTableConfigurationList: input.DestinationTableConfigurationList }),
    ...(input.SchemaEvolutionConfiguration && { SchemaEvolutionConfiguration: input.SchemaEvolutionConfiguration }),
    ...(input.TableCreationConfiguration && { TableCreationConfiguration: input.TableCreationConfiguration }),
    ...(input.BufferingHints && { BufferingHints: input.BufferingHints }),
    ...(input.CloudWatchLoggingOptions && { CloudWatchLoggingOptions: input.CloudWatchLoggingOptions }),
    ...(input.RetryOptions?.DurationInSeconds !== undefined && { RetryOptions: { DurationInSeconds: input.RetryOptions.DurationInSeconds } }),
    ...(input.RoleARN !== undefined && { RoleARN: input.RoleARN }),
    ...(input.AppendOnly !== undefined && { AppendOnly: input.AppendOnly }),
    ...(input.CatalogConfiguration && { CatalogConfiguration: input.CatalogConfiguration }),
    ...(input.S3BackupMode && { S3BackupMode: input.S3BackupMode }),
  };
  return { ...s3, ProcessingConfiguration: input.ProcessingConfiguration, Iceberg: update };
}

export function mergeIceberg(input: IcebergUpdate, base?: IcebergSettings): IcebergSettings {
  const tables = input.DestinationTableConfigurationList ?? base?.DestinationTableConfigurationList;
  const evolution = input.SchemaEvolutionConfiguration ?? base?.SchemaEvolutionConfiguration;
  const creation = input.TableCreationConfiguration ?? base?.TableCreationConfiguration;
  return {
    ...(tables && { DestinationTableConfigurationList: tables }),
    ...(evolution && { SchemaEvolutionConfiguration: evolution }),
    ...(creation && { TableCreationConfiguration: creation }),
    BufferingHints: {
      SizeInMBs: input.BufferingHints?.SizeInMBs ?? base?.BufferingHints.SizeInMBs ?? FIREHOSE.defaultSizeInMBs,
      IntervalInSeconds: input.BufferingHints?.IntervalInSeconds ?? base?.BufferingHints.IntervalInSeconds ?? FIREHOSE.defaultIntervalInSeconds,
    },
    CloudWatchLoggingOptions: input.CloudWatchLoggingOptions ?? base?.CloudWatchLoggingOptions ?? { Enabled: false },
    RetryOptions: input.RetryOptions ?? base?.RetryOptions ?? { DurationInSeconds: DEFAULT_RETRY_SECONDS },
    RoleARN: input.RoleARN ?? base?.RoleARN ?? "",
    AppendOnly: input.AppendOnly ?? base?.AppendOnly ?? false,
    CatalogConfiguration: input.CatalogConfiguration ?? base?.CatalogConfiguration ?? {},
    S3BackupMode: input.S3BackupMode ?? base?.S3BackupMode ?? "FailedDataOnly",
  };
}

/** IcebergDestinationDescription, in the model's member order. */
export function icebergDescription(
  settings: IcebergSettings,
  s3: S3DestinationDescription,
  processing: ProcessingConfiguration | undefined,
): { IcebergDestinationDescription: Record<string, unknown> } {
  return {
    IcebergDestinationDescription: {
      ...(settings.DestinationTableConfigurationList && { DestinationTableConfigurationList: settings.DestinationTableConfigurationList }),
      ...(settings.SchemaEvolutionConfiguration && { SchemaEvolutionConfiguration: settings.SchemaEvolutionConfiguration }),
      ...(settings.TableCreationConfiguration && { TableCreationConfiguration: settings.TableCreationConfiguration }),
      BufferingHints: settings.BufferingHints,
      CloudWatchLoggingOptions: settings.CloudWatchLoggingOptions,
      ...(processing && { ProcessingConfiguration: processing }),
      S3BackupMode: settings.S3BackupMode,
      RetryOptions: settings.RetryOptions,
      RoleARN: settings.RoleARN,
      AppendOnly: settings.AppendOnly,
      CatalogConfiguration: settings.CatalogConfiguration,
      S3DestinationDescription: s3,
    },
  };
}

export interface Warehouse {
  bucket: R2Bucket;
  bucketName: string;
  /** Empty, or ending with `/`. */
  prefix: string;
}

/** The warehouse the tables are kept in; undefined when its bucket is not bound to this Worker. */
export function warehouseOf(env: Env, settings: IcebergSettings, s3BucketArn: string): Warehouse | undefined {
  const location = settings.CatalogConfiguration.WarehouseLocation ?? `s3://${bucketNameOf(s3BucketArn)}/iceberg/`;
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!match) return undefined;
  const [, bucketName = "", path = ""] = match;
  const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
  if (!bucket) return undefined;
  return { bucket, bucketName, prefix: path === "" || path.endsWith("/") ? path : `${path}/` };
}

export function tableLocation(warehouse: Warehouse, database: string, table: string): TableLocation {
  return { bucket: warehouse.bucket, bucketName: warehouse.bucketName, key: `${warehouse.prefix}${database}/${table}` };
}

/** AWS's checks of an Iceberg destination beyond the model, and what Rivulet cannot do. */
export function checkIceberg(env: Env, settings: IcebergSettings, s3BucketArn: string): void {
  if (!warehouseOf(env, settings, s3BucketArn)) {
    throw new InvalidArgumentException(
      `The Iceberg warehouse ${settings.CatalogConfiguration.WarehouseLocation ?? "(the S3 configuration's bucket)"} is not in a bucket bound to this Worker.`,
    );
  }
  for (const table of settings.DestinationTableConfigurationList ?? []) {
    if ((table.UniqueKeys ?? []).length > 0) {
      // Updates and deletes need equality delete files; Rivulet only appends.
      throw new InvalidArgumentException("Rivulet does not support UniqueKeys (updates and deletes) for Iceberg tables: they are appended to.");
    }
  }
}
