/**
 * The parts of Kinesis's outputs the pages read, as they travel in AWS JSON (timestamps in epoch
 * seconds, blobs base64): what callAws answers. Field names are AWS's.
 */
export type StreamMode = "PROVISIONED" | "ON_DEMAND";

export interface StreamSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: string;
  StreamModeDetails: { StreamMode: StreamMode };
  StreamCreationTimestamp: number;
}

export interface ListStreamsOutput {
  StreamNames: string[];
  HasMoreStreams: boolean;
  StreamSummaries: StreamSummary[];
}

export interface StreamDescriptionSummary extends StreamSummary {
  RetentionPeriodHours: number;
  EnhancedMonitoring: { ShardLevelMetrics: string[] }[];
  EncryptionType: string;
  KeyId?: string;
  OpenShardCount: number;
  ConsumerCount: number;
  MaxRecordSizeInKiB?: number;
}

export interface DescribeStreamSummaryOutput {
  StreamDescriptionSummary: StreamDescriptionSummary;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export interface ListShardsOutput {
  Shards: Shard[];
  NextToken?: string;
}

export interface Consumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: string;
  ConsumerCreationTimestamp: number;
}

export interface ListStreamConsumersOutput {
  Consumers: Consumer[];
  NextToken?: string;
}
