/**
 * A delivery stream's S3 destination: the input shapes of Create (S3DestinationConfiguration,
 * ExtendedS3DestinationConfiguration) and UpdateDestination (S3DestinationUpdate,
 * ExtendedS3DestinationUpdate), the stored configuration (kept in the shape of AWS's
 * ExtendedS3DestinationDescription, so describing it is a copy), defaults, merges and the checks
 * AWS makes beyond the model. Redshift, HTTP endpoint, OpenSearch, Splunk and Iceberg destinations are
 * stored the same way: their S3 configuration as the S3 members, plus their own block (redshift.ts,
 * destinations/http-endpoint.ts, destinations/opensearch.ts, destinations/splunk.ts,
 * iceberg/destination.ts).
 * The S3 members every destination type shares are s3-configuration.ts's.
 */
import { InvalidArgumentException } from "../aws/errors";
import { resolveBucket } from "./buckets";
import { FIREHOSE } from "./limits";
import { validatePrefixes } from "./prefix";
import { isKnownTimeZone } from "./time-format";
import { checkRedshift, mergeRedshift, type RedshiftSettings } from "./redshift";
import { checkHttpEndpoint, mergeHttpEndpoint, type HttpEndpointSettings, type HttpEndpointUpdate } from "./destinations/http-endpoint";
import { checkIceberg, mergeIceberg, type IcebergSettings, type IcebergUpdate } from "./iceberg/destination";
import { checkOpenSearch, mergeOpenSearch, switchRefused, type OpenSearchSettings, type OpenSearchUpdate } from "./destinations/opensearch";
import { checkSplunk, mergeSplunk, type SplunkSettings, type SplunkUpdate } from "./destinations/splunk";
import { validateProcessingConfiguration } from "./transform";
import { checkConversion, conversionEnabled, CONVERSION_DEFAULT_SIZE_MBS, CONVERSION_MIN_SIZE_MBS } from "./columnar/conversion-config";
import type {
  BufferingHints,
  CloudWatchLoggingOptions,
  CompressionFormat,
  DataFormatConversion,
  DynamicPartitioningConfiguration,
  EncryptionConfiguration,
  ExtendedS3Members,
  S3Input,
} from "./s3-configuration";
import type { ProcessingConfiguration } from "./shapes.generated";

/** S3DestinationDescription: what a plain S3 destination (or a backup) is. */
export interface S3Description {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints: BufferingHints;
  CompressionFormat: CompressionFormat;
  EncryptionConfiguration: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
}

/** ExtendedS3DestinationDescription: the stored destination, whichever shape created it. */
export interface Destination extends S3Description {
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode: "Disabled" | "Enabled";
  S3BackupDescription?: S3Description;
  DataFormatConversionConfiguration?: DataFormatConversion;
  DynamicPartitioningConfiguration?: DynamicPartitioningConfiguration;
  FileExtension?: string;
  CustomTimeZone?: string;
  /** A Redshift destination (loaded into D1): its own members; the S3 ones above are its staging configuration. */
  Redshift?: RedshiftSettings;
  /** An HTTP endpoint destination: its own members; the S3 ones above are its S3 configuration (error output, AllData backup). */
  HttpEndpoint?: HttpEndpointSettings;
  /** An Iceberg destination (tables in R2): its own members; the S3 ones above are its S3 configuration (error output, AllData backup). */
  Iceberg?: IcebergSettings;
  /** An OpenSearch destination (any of its three API shapes): its own members; the S3 ones above are its S3 configuration. */
  OpenSearch?: OpenSearchSettings;
  /** A Splunk destination: its own members; the S3 ones above are its S3 configuration. */
  Splunk?: SplunkSettings;
}

/** The input of any destination type in the S3 shape, with the destination's own block. */
export interface ExtendedS3Input extends ExtendedS3Members {
  Redshift?: Partial<RedshiftSettings>;
  HttpEndpoint?: HttpEndpointUpdate;
  Iceberg?: IcebergUpdate;
  OpenSearch?: OpenSearchUpdate;
  Splunk?: SplunkUpdate;
}

const NO_ENCRYPTION: EncryptionConfiguration = { NoEncryptionConfig: "NoEncryption" };

function s3Description(input: S3Input, base?: S3Description): S3Description {
  return dropUndefined({
    RoleARN: input.RoleARN ?? base?.RoleARN ?? "",
    BucketARN: input.BucketARN ?? base?.BucketARN ?? "",
    Prefix: input.Prefix ?? base?.Prefix,
    ErrorOutputPrefix: input.ErrorOutputPrefix ?? base?.ErrorOutputPrefix,
    BufferingHints: {
      SizeInMBs: input.BufferingHints?.SizeInMBs ?? base?.BufferingHints.SizeInMBs ?? FIREHOSE.defaultSizeInMBs,
      IntervalInSeconds: input.BufferingHints?.IntervalInSeconds ?? base?.BufferingHints.IntervalInSeconds ?? FIREHOSE.defaultIntervalInSeconds,
    },
    CompressionFormat: input.CompressionFormat ?? base?.CompressionFormat ?? "UNCOMPRESSED",
    EncryptionConfiguration: input.EncryptionConfiguration ?? base?.EncryptionConfiguration ?? NO_ENCRYPTION,
    CloudWatchLoggingOptions: input.CloudWatchLoggingOptions ?? base?.CloudWatchLoggingOptions ?? { Enabled: false },
  });
}

/** The stored destination for Create's configuration (or an update's, merged over `base`). */
export function destinationFrom(input: ExtendedS3Input, base?: Destination): Destination {
  const backupInput = input.S3BackupConfiguration ?? input.S3BackupUpdate;
  const s3 = s3Description(input, base);
  // With conversion on, SizeInMBs defaults to 128 instead of 5 (record-format-conversion.html).
  const conversion = input.DataFormatConversionConfiguration ?? base?.DataFormatConversionConfiguration;
  if (conversionEnabled(conversion) && input.BufferingHints?.SizeInMBs === undefined && s3.BufferingHints.SizeInMBs < CONVERSION_MIN_SIZE_MBS) {
    s3.BufferingHints = { ...s3.BufferingHints, SizeInMBs: CONVERSION_DEFAULT_SIZE_MBS };
  }
  return dropUndefined({
    ...s3,
    ProcessingConfiguration: input.ProcessingConfiguration ?? base?.ProcessingConfiguration,
    S3BackupMode: input.S3BackupMode ?? base?.S3BackupMode ?? "Disabled",
    S3BackupDescription: backupInput ? s3Description(backupInput, base?.S3BackupDescription) : base?.S3BackupDescription,
    DataFormatConversionConfiguration: input.DataFormatConversionConfiguration ?? base?.DataFormatConversionConfiguration,
    DynamicPartitioningConfiguration: input.DynamicPartitioningConfiguration ?? base?.DynamicPartitioningConfiguration,
    FileExtension: input.FileExtension ?? base?.FileExtension,
    CustomTimeZone: input.CustomTimeZone ?? base?.CustomTimeZone,
    // An S3 update of a Redshift destination makes it an S3 one (UpdateDestination may switch types).
    Redshift: input.Redshift ? mergeRedshift(input.Redshift, base?.Redshift) : undefined,
    HttpEndpoint: input.HttpEndpoint ? mergeHttpEndpoint(input.HttpEndpoint, base?.HttpEndpoint) : undefined,
    Iceberg: input.Iceberg ? mergeIceberg(input.Iceberg, base?.Iceberg) : undefined,
    OpenSearch: input.OpenSearch ? mergeOpenSearch(input.OpenSearch, base?.OpenSearch) : undefined,
    Splunk: input.Splunk ? mergeSplunk(input.Splunk, base?.Splunk) : undefined,
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/**
 * What the processing chain is told of dynamic partitioning: an Iceberg destination takes its
 * routing from a MetadataExtraction query (iceberg/deliver.ts), which the chain runs only with it on.
 */
export function processingPartitioning(destination: Destination): DynamicPartitioningConfiguration | undefined {
  return destination.Iceberg ? { Enabled: true } : destination.DynamicPartitioningConfiguration;
}

export function dynamicPartitioningEnabled(destination: Destination): boolean {
  return destination.DynamicPartitioningConfiguration?.Enabled === true;
}

/**
 * AWS's checks of a destination beyond the model: prefixes, the bucket being reachable (here: bound
 * to this Worker), the backup, the time zone, and the features we do not have.
 */
export function checkDestination(env: Env, destination: Destination, previous?: Destination): void {
  validatePrefixes({
    Prefix: destination.Prefix,
    ErrorOutputPrefix: destination.ErrorOutputPrefix,
    dynamicPartitioning: dynamicPartitioningEnabled(destination),
  });
  checkBucket(env, destination.BucketARN);
  if (destination.Redshift) checkRedshift(env, destination.Redshift, destination.CompressionFormat);
  if (destination.HttpEndpoint) checkHttpEndpoint(env, destination.HttpEndpoint);
  if (destination.Iceberg) checkIceberg(env, destination.Iceberg, destination.BucketARN);
  // AWS: an OpenSearch destination can only be updated to another OpenSearch destination, and no other to one.
  if (previous && Boolean(previous.OpenSearch) !== Boolean(destination.OpenSearch)) throw switchRefused();
  if (destination.OpenSearch) checkOpenSearch(env, destination.OpenSearch, previous?.OpenSearch);
  if (destination.Splunk) checkSplunk(env, destination.Splunk, previous?.Splunk);
  validateProcessingConfiguration({
    processing: destination.ProcessingConfiguration,
    dynamicPartitioning: processingPartitioning(destination),
  });
  if (destination.S3BackupMode === "Enabled") {
    const backup = destination.S3BackupDescription;
    if (!backup) throw new InvalidArgumentException("S3BackupConfiguration is required when S3BackupMode is Enabled.");
    validatePrefixes({ Prefix: backup.Prefix, ErrorOutputPrefix: backup.ErrorOutputPrefix, dynamicPartitioning: false });
    checkBucket(env, backup.BucketARN);
  }
  if (destination.CustomTimeZone && !isKnownTimeZone(destination.CustomTimeZone)) {
    throw new InvalidArgumentException(`Invalid CustomTimeZone: ${destination.CustomTimeZone}`);
  }
  if (destination.DataFormatConversionConfiguration) {
    checkConversion(env, {
      conversion: destination.DataFormatConversionConfiguration,
      compression: destination.CompressionFormat,
      sizeInMBs: destination.BufferingHints.SizeInMBs,
    });
  }
  if (dynamicPartitioningEnabled(destination) && destination.ProcessingConfiguration?.Enabled !== true) {
    // AWS: partition keys come from the processing chain, so it must be on.
    throw new InvalidArgumentException("Processing Configuration is not enabled when DataPartitioning is enabled");
  }
  if (previous) {
    if (previous.S3BackupMode === "Enabled" && destination.S3BackupMode === "Disabled") {
      throw new InvalidArgumentException("S3 backup can not be disabled once it is enabled.");
    }
    if (dynamicPartitioningEnabled(destination) !== dynamicPartitioningEnabled(previous)) {
      throw new InvalidArgumentException("Dynamic Partitioning can not be enabled or disabled on an existing Firehose stream.");
    }
  }
}

function checkBucket(env: Env, bucketArn: string): void {
  if (!resolveBucket(env, bucketArn)) {
    throw new InvalidArgumentException(
      "Access was denied. Ensure that the trust policy for the provided role allows Firehose to assume the role, " +
        "and the access policy allows access to the S3 bucket.",
    );
  }
}

/** The buffering hints in bytes and milliseconds: an HTTP endpoint's, OpenSearch's, Splunk's or Iceberg's own, else the S3 destination's. */
export function flushThresholds(destination: Destination): { bytes: number; intervalMs: number } {
  const hints =
    destination.HttpEndpoint?.BufferingHints ??
    destination.OpenSearch?.BufferingHints ??
    destination.Splunk?.BufferingHints ??
    destination.Iceberg?.BufferingHints ??
    destination.BufferingHints;
  return {
    bytes: Math.min(hints.SizeInMBs * 1024 * 1024, FIREHOSE.maxFlushBytes),
    intervalMs: hints.IntervalInSeconds * 1000,
  };
}

/** The S3DestinationDescription members of a destination (what an S3 destination is, or another's S3 configuration). */
export function s3Members(destination: Destination): S3Description {
  const { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions } =
    destination;
  return { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions };
}

/**
 * Where the source records of every batch are copied, if anywhere: the backup of an S3 destination
 * with S3BackupMode Enabled; for an HTTP endpoint with S3BackupMode AllData (OpenSearch:
 * AllDocuments, Splunk: AllEvents), its S3 configuration.
 */
export function backupTarget(destination: Destination): S3Description | undefined {
  if (destination.HttpEndpoint) return destination.HttpEndpoint.S3BackupMode === "AllData" ? s3Members(destination) : undefined;
  if (destination.Iceberg) return destination.Iceberg.S3BackupMode === "AllData" ? s3Members(destination) : undefined;
  if (destination.OpenSearch) return destination.OpenSearch.S3BackupMode === "AllDocuments" ? s3Members(destination) : undefined;
  if (destination.Splunk) return destination.Splunk.S3BackupMode === "AllEvents" ? s3Members(destination) : undefined;
  return destination.S3BackupMode === "Enabled" ? destination.S3BackupDescription : undefined;
}
