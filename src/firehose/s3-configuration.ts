/**
 * The S3 members every destination type shares, as CreateDeliveryStream and UpdateDestination take
 * them: an S3 destination is made of them, and a Redshift or HTTP endpoint destination has an S3
 * configuration of its own (config.ts stores them all in one shape). Types only, so that config.ts
 * and each destination type's module can share them without importing each other.
 */
import type { HiveJsonSerDe, OpenXJsonSerDe, OrcSerDe, ParquetSerDe, ProcessingConfiguration, SchemaConfiguration } from "./shapes.generated";

export type CompressionFormat = "UNCOMPRESSED" | "GZIP" | "ZIP" | "Snappy" | "HADOOP_SNAPPY";

export interface BufferingHints {
  SizeInMBs: number;
  IntervalInSeconds: number;
}

export interface EncryptionConfiguration {
  NoEncryptionConfig?: "NoEncryption";
  KMSEncryptionConfig?: { AWSKMSKeyARN: string };
}

export interface CloudWatchLoggingOptions {
  Enabled?: boolean;
  LogGroupName?: string;
  LogStreamName?: string;
}

export interface DynamicPartitioningConfiguration {
  Enabled?: boolean;
  RetryOptions?: { DurationInSeconds?: number };
}

/** The S3 members every input shape shares; partial in updates. */
export interface S3Input {
  RoleARN?: string;
  BucketARN?: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: Partial<BufferingHints>;
  CompressionFormat?: CompressionFormat;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
}

/** ExtendedS3DestinationConfiguration and ExtendedS3DestinationUpdate, which every destination's input becomes (config.ts adds each type's own block). */
export interface ExtendedS3Members extends S3Input {
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: "Disabled" | "Enabled";
  /** Create's name for the backup; UpdateDestination calls it S3BackupUpdate. */
  S3BackupConfiguration?: S3Input;
  S3BackupUpdate?: S3Input;
  DataFormatConversionConfiguration?: DataFormatConversion;
  DynamicPartitioningConfiguration?: DynamicPartitioningConfiguration;
  FileExtension?: string;
  CustomTimeZone?: string;
}

/** DataFormatConversionConfiguration (columnar/conversion-config.ts checks it, columnar/convert.ts applies it). */
export interface DataFormatConversion {
  SchemaConfiguration?: SchemaConfiguration;
  InputFormatConfiguration?: { Deserializer?: { OpenXJsonSerDe?: OpenXJsonSerDe; HiveJsonSerDe?: HiveJsonSerDe } };
  OutputFormatConfiguration?: { Serializer?: { ParquetSerDe?: ParquetSerDe; OrcSerDe?: OrcSerDe } };
  Enabled?: boolean;
}
