/** DescribeDeliveryStream's answer, in AWS's shape, from the registry's view of a stream. */
import { s3Members as s3Part, type Destination } from "./config";
import type { HttpEndpointSettings } from "./destinations/http-endpoint";
import { openSearchDescription } from "./destinations/opensearch";
import { splunkDescription } from "./destinations/splunk";
import { icebergDescription } from "./iceberg/destination";
import { DESTINATION_ID, type DeliveryStreamView } from "./registry";

/** HttpEndpointDestinationDescription, in the model's member order; the access key is never shown (AWS's neither). */
function httpEndpointView(destination: Destination, http: HttpEndpointSettings) {
  const { Url, Name } = http.EndpointConfiguration;
  return {
    EndpointConfiguration: { Url, ...(Name !== undefined && { Name }) },
    BufferingHints: http.BufferingHints,
    CloudWatchLoggingOptions: http.CloudWatchLoggingOptions,
    RequestConfiguration: http.RequestConfiguration,
    ...(destination.ProcessingConfiguration && { ProcessingConfiguration: destination.ProcessingConfiguration }),
    ...(http.RoleARN !== undefined && { RoleARN: http.RoleARN }),
    RetryOptions: http.RetryOptions,
    S3BackupMode: http.S3BackupMode,
    S3DestinationDescription: s3Part(destination),
    ...(http.SecretsManagerConfiguration && { SecretsManagerConfiguration: http.SecretsManagerConfiguration }),
  };
}

function destinationView(destination: Destination) {
  const { Redshift, HttpEndpoint, OpenSearch, Splunk, Iceberg, ...extended } = destination;
  if (OpenSearch) return { DestinationId: DESTINATION_ID, ...openSearchDescription(OpenSearch, s3Part(destination), destination.ProcessingConfiguration) };
  if (Splunk) return { DestinationId: DESTINATION_ID, ...splunkDescription(Splunk, s3Part(destination), destination.ProcessingConfiguration) };
  if (Iceberg) return { DestinationId: DESTINATION_ID, ...icebergDescription(Iceberg, s3Part(destination), destination.ProcessingConfiguration) };
  if (HttpEndpoint) {
    return { DestinationId: DESTINATION_ID, HttpEndpointDestinationDescription: httpEndpointView(destination, HttpEndpoint) };
  }
  if (Redshift) {
    return {
      DestinationId: DESTINATION_ID,
      RedshiftDestinationDescription: {
        ...Redshift,
        S3DestinationDescription: s3Part(destination),
        ...(destination.ProcessingConfiguration && { ProcessingConfiguration: destination.ProcessingConfiguration }),
        S3BackupMode: destination.S3BackupMode,
        ...(destination.S3BackupDescription && { S3BackupDescription: destination.S3BackupDescription }),
        CloudWatchLoggingOptions: destination.CloudWatchLoggingOptions,
      },
    };
  }
  return { DestinationId: DESTINATION_ID, S3DestinationDescription: s3Part(destination), ExtendedS3DestinationDescription: extended };
}

export function describeView(stream: DeliveryStreamView, exclusiveStartDestinationId?: string) {
  const encryption = stream.encryption;
  return {
    DeliveryStreamName: stream.name,
    DeliveryStreamARN: stream.arn,
    DeliveryStreamStatus: stream.status,
    DeliveryStreamEncryptionConfiguration: {
      ...(encryption.keyArn !== undefined && encryption.status !== "DISABLED" && { KeyARN: encryption.keyArn }),
      ...(encryption.keyType !== undefined && encryption.status !== "DISABLED" && { KeyType: encryption.keyType }),
      Status: encryption.status,
    },
    DeliveryStreamType: stream.type,
    VersionId: String(stream.version),
    CreateTimestamp: new Date(stream.createdMs),
    ...(stream.updatedMs !== null && { LastUpdateTimestamp: new Date(stream.updatedMs) }),
    ...(stream.directPut && { Source: { DirectPutSourceDescription: stream.directPut } }),
    ...(stream.kinesisSource && {
      Source: {
        KinesisStreamSourceDescription: {
          KinesisStreamARN: stream.kinesisSource.KinesisStreamARN,
          RoleARN: stream.kinesisSource.RoleARN,
          DeliveryStartTimestamp: new Date(stream.kinesisSource.deliveryStartMs),
        },
      },
    }),
    // One destination, so paging past it leaves none.
    Destinations: exclusiveStartDestinationId === undefined ? [destinationView(stream.destination)] : [],
    HasMoreDestinations: false,
  };
}
