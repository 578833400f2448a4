/** DescribeDeliveryStream's answer, in AWS's shape, from the registry's view of a stream. */
import type { Destination, S3Description } from "./config";
import { DESTINATION_ID, type DeliveryStreamView } from "./registry";

/** The S3DestinationDescription that AWS reports beside an ExtendedS3 destination: the S3 members only. */
function s3Part(destination: Destination): S3Description {
  const { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions } =
    destination;
  return { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions };
}

function destinationView(destination: Destination) {
  const { Redshift, ...extended } = destination;
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
