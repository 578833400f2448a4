/**
 * A ProcessingConfiguration, checked and turned into the plan the chain runs. Checking happens when
 * a stream is created or updated (validateProcessingConfiguration), so that a mistake fails the call
 * with InvalidArgumentException instead of failing every record later; the same code builds the plan
 * at delivery time, where the configuration is known to be good.
 *
 * The parameters each processor takes (AWS's, from the API reference, the CDK's processors and the
 * Firehose developer guide; Rivulet's extensions marked):
 * - RecordDeAggregation: SubRecordType JSON | DELIMITED (| KPL, Rivulet's, for KPL-aggregated
 *   records put directly), Delimiter (base64; required with DELIMITED).
 * - Decompression: CompressionFormat GZIP (the only format; the default).
 * - CloudWatchLogProcessing: DataMessageExtraction true | false.
 * - Lambda: LambdaArn (required), NumberOfRetries, RoleArn (accepted, unused), BufferSizeInMBs,
 *   BufferIntervalInSeconds.
 * - MetadataExtraction: MetadataExtractionQuery (required), JsonParsingEngine JQ-1.6 (the default)
 *   | JSONATA (Rivulet's). Needs dynamic partitioning, as in AWS.
 * - AppendDelimiterToRecord: no parameter in AWS (it appends a newline); Rivulet also takes a
 *   Delimiter (base64) to append instead.
 * A processor type may appear once (AWS refuses a second Lambda processor).
 */
import { InvalidArgumentException } from "../../aws/errors";
import { JqError, type JqQuery, parseJq } from "./jq";
import { JsonataSyntaxError, compileJsonata } from "./jsonata";
import { type ResolvedLambda, resolveLambda } from "./lambda-target";
import { PROCESSING } from "./limits";
import type { Extraction } from "./partition-keys";

export interface ProcessorParameter {
  ParameterName: string;
  ParameterValue: string;
}

export interface Processor {
  Type: string;
  Parameters?: ProcessorParameter[];
}

/** The model's ProcessingConfiguration. */
export interface ProcessingConfiguration {
  Enabled?: boolean;
  Processors?: Processor[];
}

export interface ProcessingSettings {
  processing?: ProcessingConfiguration;
  dynamicPartitioning?: { Enabled?: boolean };
}

export type Deaggregation = { kind: "JSON" } | { kind: "DELIMITED"; delimiter: Uint8Array } | { kind: "KPL" };

export interface LambdaPlan {
  arn: string;
  target: ResolvedLambda;
  retries: number;
  bufferBytes: number;
  intervalSeconds: number;
}

export interface ProcessingPlan {
  deaggregation?: Deaggregation;
  decompression?: { format: "GZIP" };
  cloudWatchLogs?: { extractMessages: boolean };
  lambda?: LambdaPlan;
  extraction?: Extraction;
  appendDelimiter?: { delimiter: Uint8Array };
  dynamicPartitioning: boolean;
}

const PARAMETERS: Record<string, { allowed: readonly string[]; required: readonly string[] }> = {
  RecordDeAggregation: { allowed: ["SubRecordType", "Delimiter"], required: ["SubRecordType"] },
  Decompression: { allowed: ["CompressionFormat"], required: [] },
  CloudWatchLogProcessing: { allowed: ["DataMessageExtraction"], required: ["DataMessageExtraction"] },
  Lambda: {
    allowed: ["LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"],
    required: ["LambdaArn"],
  },
  MetadataExtraction: { allowed: ["MetadataExtractionQuery", "JsonParsingEngine"], required: ["MetadataExtractionQuery"] },
  AppendDelimiterToRecord: { allowed: ["Delimiter"], required: [] },
};

const invalid = (message: string) => new InvalidArgumentException(message);

function parameters(processor: Processor): Map<string, string> {
  const spec = PARAMETERS[processor.Type];
  if (!spec) throw invalid(`Processor type ${processor.Type} is not supported.`);
  const values = new Map<string, string>();
  for (const parameter of processor.Parameters ?? []) {
    if (!spec.allowed.includes(parameter.ParameterName)) {
      throw invalid(`Processor parameter ${parameter.ParameterName} is not valid for processor type ${processor.Type}.`);
    }
    if (values.has(parameter.ParameterName)) {
      throw invalid(`Processor parameter ${parameter.ParameterName} is specified more than once for processor type ${processor.Type}.`);
    }
    values.set(parameter.ParameterName, parameter.ParameterValue);
  }
  for (const name of spec.required) {
    if (!values.has(name)) throw invalid(`Processor type ${processor.Type} requires the parameter ${name}.`);
  }
  return values;
}

function base64Bytes(value: string, name: string, type: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(value, { lastChunkHandling: "strict" });
  } catch {
    throw invalid(`Processor parameter ${name} of processor type ${type} must be base64-encoded: '${value}' is not.`);
  }
  if (bytes.length === 0) throw invalid(`Processor parameter ${name} of processor type ${type} must not be empty.`);
  return bytes;
}

function deaggregation(values: Map<string, string>): Deaggregation {
  const type = values.get("SubRecordType");
  const delimiter = values.get("Delimiter");
  if (type === "DELIMITED") {
    if (delimiter === undefined) throw invalid("Processor parameter Delimiter is required when SubRecordType is DELIMITED.");
    return { kind: "DELIMITED", delimiter: base64Bytes(delimiter, "Delimiter", "RecordDeAggregation") };
  }
  if (type !== "JSON" && type !== "KPL") {
    throw invalid(`Processor parameter SubRecordType has an invalid value '${type ?? ""}': it must be JSON or DELIMITED (or KPL).`);
  }
  if (delimiter !== undefined) throw invalid(`Processor parameter Delimiter is only valid when SubRecordType is DELIMITED.`);
  return { kind: type };
}

function number(values: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const text = values.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(`Processor parameter ${name} has an invalid value '${text}': it must be a number from ${min} to ${max}.`);
  }
  return value;
}

/** NumberOfRetries as AWS takes it: not range-checked; a value that is not a number means the default. */
function retries(values: Map<string, string>): number {
  const text = values.get("NumberOfRetries");
  if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return PROCESSING.defaultNumberOfRetries;
  return Math.min(Math.max(Number(text), 0), PROCESSING.maxNumberOfRetries);
}

function lambda(values: Map<string, string>): LambdaPlan {
  const arn = values.get("LambdaArn") ?? "";
  const target = resolveLambda(arn);
  if (target.kind === "jsonata") checkJsonata(target.expression, "LambdaArn");
  const sizeMiB = number(values, "BufferSizeInMBs", PROCESSING.defaultBufferSizeMiB, PROCESSING.minBufferSizeMiB, PROCESSING.maxBufferSizeMiB);
  return {
    arn,
    target,
    retries: retries(values),
    bufferBytes: Math.floor(sizeMiB * 1024 * 1024),
    intervalSeconds: number(
      values,
      "BufferIntervalInSeconds",
      PROCESSING.defaultBufferIntervalSeconds,
      PROCESSING.minBufferIntervalSeconds,
      PROCESSING.maxBufferIntervalSeconds,
    ),
  };
}

function checkJsonata(expression: string, parameter: string): void {
  try {
    compileJsonata(expression);
  } catch (error) {
    if (!(error instanceof JsonataSyntaxError)) throw error;
    throw invalid(`Processor parameter ${parameter} has an invalid JSONata expression: ${error.message}`);
  }
}

function extraction(values: Map<string, string>): Extraction {
  const query = values.get("MetadataExtractionQuery") ?? "";
  const engine = values.get("JsonParsingEngine") ?? "JQ-1.6";
  if (engine === "JSONATA") {
    checkJsonata(query, "MetadataExtractionQuery");
    return { engine, expression: query };
  }
  if (engine !== "JQ-1.6") {
    throw invalid(`Processor parameter JsonParsingEngine has an invalid value '${engine}': it must be JQ-1.6 (or JSONATA).`);
  }
  let parsed: JqQuery;
  try {
    parsed = parseJq(query);
  } catch (error) {
    if (!(error instanceof JqError)) throw error;
    throw invalid(`Processor parameter MetadataExtractionQuery is not a supported JQ query: ${error.message}.`);
  }
  return { engine, query: parsed };
}

/** The plan for `settings`, or undefined when processing is off; throws InvalidArgumentException when invalid. */
export function planProcessing(settings: ProcessingSettings): ProcessingPlan | undefined {
  const plan: ProcessingPlan = { dynamicPartitioning: settings.dynamicPartitioning?.Enabled === true };
  const seen = new Set<string>();
  for (const processor of settings.processing?.Processors ?? []) {
    const values = parameters(processor);
    if (seen.has(processor.Type)) throw invalid(`More than one processor of type ${processor.Type} is not supported.`);
    seen.add(processor.Type);
    switch (processor.Type) {
      case "RecordDeAggregation":
        plan.deaggregation = deaggregation(values);
        break;
      case "Decompression": {
        const format = values.get("CompressionFormat") ?? "GZIP";
        if (format !== "GZIP") throw invalid(`Processor parameter CompressionFormat has an invalid value '${format}': it must be GZIP.`);
        plan.decompression = { format };
        break;
      }
      case "CloudWatchLogProcessing": {
        const extract = values.get("DataMessageExtraction");
        if (extract !== "true" && extract !== "false") {
          throw invalid(`Processor parameter DataMessageExtraction has an invalid value '${extract ?? ""}': it must be true or false.`);
        }
        plan.cloudWatchLogs = { extractMessages: extract === "true" };
        break;
      }
      case "Lambda":
        plan.lambda = lambda(values);
        break;
      case "MetadataExtraction":
        plan.extraction = extraction(values);
        break;
      case "AppendDelimiterToRecord": {
        const delimiter = values.get("Delimiter");
        plan.appendDelimiter = {
          delimiter: delimiter === undefined ? new TextEncoder().encode("\n") : base64Bytes(delimiter, "Delimiter", "AppendDelimiterToRecord"),
        };
        break;
      }
    }
  }
  if (plan.extraction && !plan.dynamicPartitioning) {
    throw invalid("Processor type MetadataExtraction is only supported when dynamic partitioning is enabled.");
  }
  return settings.processing?.Enabled === true ? plan : undefined;
}

/**
 * Checks a stream's ProcessingConfiguration (with its DynamicPartitioningConfiguration) as
 * CreateDeliveryStream and UpdateDestination must; throws InvalidArgumentException when it is not
 * valid. A disabled configuration is checked too, since it can be enabled later without its
 * processors being given again.
 */
export function validateProcessingConfiguration(settings: ProcessingSettings): void {
  planProcessing(settings);
}

/** The Lambda buffering hints a stream's delivery should batch by (BufferSizeInMBs, BufferIntervalInSeconds). */
export function lambdaBufferingHints(settings: ProcessingSettings): { sizeBytes: number; intervalSeconds: number } | undefined {
  const lambdaPlan = planProcessing(settings)?.lambda;
  return lambdaPlan && { sizeBytes: lambdaPlan.bufferBytes, intervalSeconds: lambdaPlan.intervalSeconds };
}
