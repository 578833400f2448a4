/**
 * The parts of Firehose's outputs the console's pages read, as they travel in AWS JSON (timestamps in
 * epoch seconds): what callAws answers for ListDeliveryStreams and DescribeDeliveryStream. Field
 * names are AWS's (DeliveryStreamDescription and its destination descriptions); every destination
 * member is optional because each destination type describes only its own.
 */

export interface ListDeliveryStreamsOutput {
  DeliveryStreamNames: string[];
  HasMoreDeliveryStreams: boolean;
}

import type { ProcessingConfiguration } from "../firehose/transform/config";

export type { ProcessingConfiguration, Processor, ProcessorParameter } from "../firehose/transform/config";

export interface BufferingHints {
  SizeInMBs?: number;
  IntervalInSeconds?: number;
}

export interface S3DestinationDescription {
  RoleARN?: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: string;
  EncryptionConfiguration?: { NoEncryptionConfig?: string; KMSEncryptionConfig?: { AWSKMSKeyARN: string } };
}

export interface ExtendedS3DestinationDescription extends S3DestinationDescription {
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: string;
  S3BackupDescription?: S3DestinationDescription;
  DynamicPartitioningConfiguration?: { Enabled?: boolean; RetryOptions?: { DurationInSeconds?: number } };
  FileExtension?: string;
  CustomTimeZone?: string;
}

export interface RedshiftDestinationDescription {
  ClusterJDBCURL: string;
  CopyCommand: { DataTableName: string; DataTableColumns?: string; CopyOptions?: string };
  Username?: string;
  RetryOptions?: { DurationInSeconds?: number };
  S3DestinationDescription: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: string;
  S3BackupDescription?: S3DestinationDescription;
}

export interface HttpEndpointDestinationDescription {
  EndpointConfiguration?: { Url: string; Name?: string };
  BufferingHints?: BufferingHints;
  RequestConfiguration?: { ContentEncoding?: string; CommonAttributes?: { AttributeName: string; AttributeValue: string }[] };
  ProcessingConfiguration?: ProcessingConfiguration;
  RetryOptions?: { DurationInSeconds?: number };
  S3BackupMode?: string;
  S3DestinationDescription?: S3DestinationDescription;
}

export interface DestinationDescription {
  DestinationId: string;
  S3DestinationDescription?: S3DestinationDescription;
  ExtendedS3DestinationDescription?: ExtendedS3DestinationDescription;
  RedshiftDestinationDescription?: RedshiftDestinationDescription;
  HttpEndpointDestinationDescription?: HttpEndpointDestinationDescription;
}

export interface DeliveryStreamDescription {
  DeliveryStreamName: string;
  DeliveryStreamARN: string;
  DeliveryStreamStatus: string;
  DeliveryStreamType: string;
  DeliveryStreamEncryptionConfiguration?: { Status: string; KeyType?: string; KeyARN?: string };
  VersionId: string;
  CreateTimestamp: number;
  LastUpdateTimestamp?: number;
  Source?: {
    DirectPutSourceDescription?: { ThroughputHintInMBs?: number };
    KinesisStreamSourceDescription?: { KinesisStreamARN: string; RoleARN?: string; DeliveryStartTimestamp?: number };
  };
  Destinations: DestinationDescription[];
  HasMoreDestinations: boolean;
}

export interface DescribeDeliveryStreamOutput {
  DeliveryStreamDescription: DeliveryStreamDescription;
}
