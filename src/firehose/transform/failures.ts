/**
 * Why a record failed processing, in the words Firehose writes into its error output (errorCode,
 * errorMessage). Codes and messages marked AWS are AWS's own, from its documentation or from error
 * objects users captured from real streams; the others are Rivulet's, named in the same style.
 */
export interface Failure {
  code: string;
  message: string;
}

function failure(code: string, message: string): Failure {
  return { code, message };
}

// The transformation function (AWS: monitoring-with-cloudwatch-logs.html, "Lambda invocation errors",
// and captured error objects).
export const LAMBDA_FAILURES = {
  /** AWS: the function answered an error (here: a non-2xx answer, or one that could not be read). */
  functionError: failure("Lambda.FunctionError", "The Lambda function was successfully invoked but it returned an error result."),
  /**
   * AWS's message for an answer whose records are malformed (a result other than the three, data
   * missing or not base64); users saw it under Lambda.FunctionError.
   */
  invalidOutput: failure(
    "Lambda.FunctionError",
    "Check your function and make sure the output is in required format. In addition to that, make sure the processed records contain valid result status of Dropped, Ok, or ProcessingFailed",
  ),
  /** AWS. */
  timedOut: failure("Lambda.FunctionTimedOut", "The Lambda function invocation timed out. Increase the Timeout setting in the Lambda function."),
  /** AWS (captured with this capitalisation of "Ids"). */
  missingRecordId: failure(
    "Lambda.MissingRecordId",
    "One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.",
  ),
  /** AWS. */
  duplicatedRecordId: failure(
    "Lambda.DuplicatedRecordId",
    "Multiple records were returned with the same record ID. Ensure that the Lambda function returns unique record IDs for each record.",
  ),
  /** AWS: the answer is not JSON. */
  jsonProcessing: failure(
    "Lambda.JsonProcessingException",
    "There was an error parsing returned records from the Lambda function. Ensure that the returned records follow the status model required by Firehose.",
  ),
  /** AWS (captured). */
  processingFailedStatus: failure("Lambda.ProcessingFailedStatus", "ProcessingFailed status set for record"),
  /** AWS: here a 401 or 403 answer. */
  accessDenied: failure("Lambda.InvokeAccessDenied", "Access was denied. Ensure that the access policy allows access to the Lambda function."),
  /** AWS: here a 429 answer. */
  limitExceeded: failure("Lambda.InvokeLimitExceeded", "The Lambda concurrent execution limit is exceeded. Increase the concurrent execution limit."),
  /** AWS: here a 404 answer, or a service binding this Worker does not have. */
  notFound: failure("Lambda.ResourceNotFound", "The specified Lambda function does not exist. Use a different function that does exist."),
} as const;

/** Rivulet's: a JSONata processor (LambdaArn `jsonata:<expression>`). */
export const JSONATA_FAILURES = {
  notJson: failure("Jsonata.InvalidInput", "The record is not valid JSON, so the JSONata expression cannot be applied to it."),
  evaluation: (detail: string) => failure("Jsonata.EvaluationError", `The JSONata expression failed: ${detail}`),
} as const;

/** Dynamic partitioning by inline parsing. The code is AWS's (captured); the messages past the first are ours. */
export const EXTRACTION_FAILURES = {
  /** AWS (captured). */
  notJson: failure("DynamicPartitioning.MetadataExtractionFailed", "Non JSON record provided"),
  missingKey: (key: string) =>
    failure("DynamicPartitioning.MetadataExtractionFailed", `The partition key '${key}' was not found in the record (the query gave null).`),
  badValue: (key: string, type: string) =>
    failure("DynamicPartitioning.MetadataExtractionFailed", `The partition key '${key}' is ${type}; a partition key must be a string, a number or a boolean.`),
  notObject: failure("DynamicPartitioning.MetadataExtractionFailed", "The metadata extraction query did not produce an object of partition keys."),
  query: (detail: string) => failure("DynamicPartitioning.MetadataExtractionFailed", `The metadata extraction query failed: ${detail}`),
} as const;

/** Rivulet's: the processors before the transformation. */
export const PREPROCESSING_FAILURES = {
  decompression: (detail: string) => failure("Decompression.Failed", `The record could not be decompressed as GZIP: ${detail}`),
  kpl: (detail: string) => failure("RecordDeAggregation.InvalidKplRecord", `The KPL-aggregated record is corrupt: ${detail}`),
  json: (detail: string) => failure("RecordDeAggregation.InvalidJson", `The record is not a sequence of JSON objects: ${detail}`),
  cloudWatchLogs: (detail: string) => failure("CloudWatchLogProcessing.Failed", `The record is not a CloudWatch Logs message: ${detail}`),
} as const;

/**
 * The `!{firehose:error-output-type}` a failure is filed under. "processing-failed" is AWS's for
 * the transformation; "decompression-failed" is AWS's for decompression (decomp-faq.html);
 * "metadata-extraction-failed" is what users see for inline parsing.
 */
export function errorOutputType(code: string): string {
  if (code.startsWith("Decompression.")) return "decompression-failed";
  if (code.startsWith("DynamicPartitioning.")) return "metadata-extraction-failed";
  return "processing-failed";
}
