/**
 * The records that flow through a delivery stream, shared by buffering, processing and delivery.
 */

/** A record as Firehose accepted it (PutRecord, PutRecordBatch, or read from a Kinesis stream). */
export interface SourceRecord {
  /** Unique within the delivery stream; what the Lambda contract calls recordId. */
  recordId: string;
  /** When Firehose took the record: partitioning's !{timestamp:...} uses it. */
  arrivalMs: number;
  data: Uint8Array;
  /** For records read from a Kinesis stream: where they came from (Lambda's kinesisRecordMetadata). */
  kinesis?: { partitionKey: string; sequenceNumber: string; shardId: string; approximateArrivalMs: number };
}

/** A record after the processing chain: rewritten, dropped or failed, with its partition keys. */
export interface ProcessedRecord {
  recordId: string;
  arrivalMs: number;
  result: "Ok" | "Dropped" | "ProcessingFailed";
  /** The record's data after processing (for ProcessingFailed: the original data, kept for the error output). */
  data: Uint8Array;
  /** From MetadataExtraction (partitionKeyFromQuery) and from the Lambda's metadata.partitionKeys (partitionKeyFromLambda). */
  partitionKeys: { query: Record<string, string>; lambda: Record<string, string> };
  /** Why it failed, in the words the error output records (errorCode, errorMessage), and the function involved. */
  error?: {
    code: string;
    message: string;
    lambdaArn?: string;
    attempts: number;
    dataCatalogTable?: DataCatalogTable;
    destination?: DestinationFailure;
  };
}

/** The table a format conversion read its schema from, as its error output names it (record-format-conversion-error-handling.html). */
export interface DataCatalogTable {
  catalogId: string;
  databaseName: string;
  tableName: string;
  region: string;
  versionId: string;
  catalogArn: string;
}

/**
 * Where a destination other than S3 (OpenSearch, Splunk) files a record it gave up on: its error
 * output type (the folder) and the members AWS adds to the error record, around rawData.
 */
export interface DestinationFailure {
  outputType: string;
  beforeRawData?: Record<string, string | null>;
  afterRawData?: Record<string, string | null>;
}
