/**
 * The error output: records that failed processing (or partitioning) are delivered as JSON lines
 * under the error prefix, one object per error output type, each line as AWS writes it
 * (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html, "Data Transformation
 * Failure Handling"): attemptsMade, arrivalTimestamp, errorCode, errorMessage,
 * attemptEndingTimestamp, rawData (base64 of the original data) and lambdaArn. OpenSearch and Splunk
 * destinations add their members (esDocumentId, EventId, ...) to the records they give up on.
 * Records a format conversion could not convert are written in that feature's shape instead:
 * lastErrorCode, lastErrorMessage, the Kinesis source's sequence numbers and the dataCatalogTable.
 */
import { ACTIVE_PARTITIONS_EXCEEDED } from "./prefix";
import type { ProcessedRecord, SourceRecord } from "./records";
import { errorOutputType as typeOfCode } from "./transform";

/** The `!{firehose:error-output-type}` of a failed record. */
export function errorOutputType(record: ProcessedRecord): string {
  // OpenSearch and Splunk name their own folder (destinations/opensearch-bulk.ts, splunk-hec.ts).
  const destination = record.error?.destination;
  if (destination) return destination.outputType;
  const code = record.error?.code ?? "";
  // AWS puts what a Redshift COPY skipped in the errors/ folder (retry.html, "Amazon Redshift").
  if (code.startsWith("Redshift.")) return "errors";
  // What an HTTP endpoint never took goes to http-endpoint-failed/ (AWS's folder for HTTP endpoint destinations).
  if (code.startsWith("HttpEndpoint.")) return "http-endpoint-failed";
  if (code === ACTIVE_PARTITIONS_EXCEEDED.code) return ACTIVE_PARTITIONS_EXCEEDED.errorOutputType;
  if (code.startsWith("DataFormatConversion.")) return "format-conversion-failed";
  if (code.startsWith("Iceberg.")) return "iceberg-failed";
  return typeOfCode(code);
}

export function errorLine(record: ProcessedRecord, attemptEndingMs: number, source?: SourceRecord): string {
  const error = record.error ?? { code: "Unknown", message: "The record failed processing.", attempts: 1 };
  if (error.dataCatalogTable) {
    // A record format conversion failed: AWS's other shape (record-format-conversion-error-handling.html).
    return JSON.stringify({
      attemptsMade: error.attempts,
      arrivalTimestamp: record.arrivalMs,
      lastErrorCode: error.code,
      lastErrorMessage: error.message,
      attemptEndingTimestamp: attemptEndingMs,
      rawData: record.data.toBase64(),
      ...(source?.kinesis && { sequenceNumber: source.kinesis.sequenceNumber, subSequenceNumber: 0 }),
      dataCatalogTable: error.dataCatalogTable,
    });
  }
  return JSON.stringify({
    attemptsMade: error.attempts,
    arrivalTimestamp: record.arrivalMs,
    errorCode: error.code,
    errorMessage: error.message,
    attemptEndingTimestamp: attemptEndingMs,
    ...error.destination?.beforeRawData,
    rawData: record.data.toBase64(),
    ...error.destination?.afterRawData,
    ...(error.lambdaArn !== undefined && { lambdaArn: error.lambdaArn }),
  });
}
