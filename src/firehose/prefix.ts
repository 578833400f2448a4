/**
 * S3 prefixes of delivered objects: AWS's expression language `!{namespace:value}` with the
 * namespaces timestamp (Java DateTimeFormatter, see time-format.ts), firehose (random-string,
 * error-output-type), partitionKeyFromQuery and partitionKeyFromLambda; the rules that
 * Create/UpdateDestination enforce on Prefix and ErrorOutputPrefix; and the defaults:
 *
 * - no Prefix: `yyyy/MM/dd/HH/` of the oldest record in the object;
 * - a Prefix without expressions: that prefix, then `yyyy/MM/dd/HH/`;
 * - no ErrorOutputPrefix: the (expression-free) Prefix, then `<error-output-type>/yyyy/MM/dd/HH/`;
 * - an ErrorOutputPrefix without expressions: it, then `<error-output-type>/yyyy/MM/dd/HH/`.
 *
 * Sources: https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html (namespaces, rules,
 * defaults); the messages are AWS's as recorded by tools that lint Firehose configurations against
 * the live service.
 */
import { InvalidArgumentException } from "../aws/errors";
import { FIREHOSE } from "./limits";
import { compilePattern, InvalidPatternError, zonedTime, type ZonedTime } from "./time-format";

export type PrefixField = "Prefix" | "ErrorOutputPrefix";

export type PrefixToken =
  | { kind: "literal"; text: string }
  | { kind: "timestamp"; format: (time: ZonedTime) => string }
  | { kind: "random-string" }
  | { kind: "error-output-type" }
  | { kind: "partitionKeyFromQuery" | "partitionKeyFromLambda"; key: string };

const NAMESPACES = new Set(["timestamp", "firehose", "partitionKeyFromQuery", "partitionKeyFromLambda"]);
const DEFAULT_TIME_PREFIX = compilePattern("yyyy/MM/dd/HH/");

/** Splits a prefix into literals and expressions; throws AWS's InvalidArgumentException for a malformed one. */
export function parsePrefix(text: string, field: PrefixField): PrefixToken[] {
  const tokens: PrefixToken[] = [];
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf("!{", position);
    if (start < 0) {
      tokens.push({ kind: "literal", text: text.slice(position) });
      break;
    }
    if (start > position) tokens.push({ kind: "literal", text: text.slice(position, start) });
    const end = text.indexOf("}", start + 2);
    const inner = end < 0 ? "" : text.slice(start + 2, end);
    const colon = inner.indexOf(":");
    if (end < 0 || colon < 0) throw new InvalidArgumentException("Invalid expression usage");
    const namespace = inner.slice(0, colon);
    const value = inner.slice(colon + 1);
    if (!NAMESPACES.has(namespace)) {
      throw new InvalidArgumentException(`Namespace to the left of colon (${namespace}) is an invalid keyword!`);
    }
    tokens.push(expression(namespace, value, field));
    position = end + 1;
  }
  return tokens;
}

function expression(namespace: string, value: string, field: PrefixField): PrefixToken {
  const invalid = () => new InvalidArgumentException(`Invalid conversion character used in the value of the expression in ${field}`);
  if (value === "") throw invalid();
  switch (namespace) {
    case "timestamp":
      try {
        return { kind: "timestamp", format: compilePattern(value) };
      } catch (error) {
        if (error instanceof InvalidPatternError) throw invalid();
        throw error;
      }
    case "firehose":
      if (value === "random-string") return { kind: "random-string" };
      if (value === "error-output-type") return { kind: "error-output-type" };
      throw invalid();
    default:
      return { kind: namespace as "partitionKeyFromQuery" | "partitionKeyFromLambda", key: value };
  }
}

const isExpression = (token: PrefixToken) => token.kind !== "literal";
const isPartitionKey = (token: PrefixToken) => token.kind === "partitionKeyFromQuery" || token.kind === "partitionKeyFromLambda";

export interface PrefixSettings {
  Prefix?: string;
  ErrorOutputPrefix?: string;
  dynamicPartitioning: boolean;
}

/** AWS's rules for a destination's prefixes, checked by Create/UpdateDestination. */
export function validatePrefixes(settings: PrefixSettings): void {
  const prefix = parsePrefix(settings.Prefix ?? "", "Prefix");
  const errorPrefix = parsePrefix(settings.ErrorOutputPrefix ?? "", "ErrorOutputPrefix");
  if (prefix.some((token) => token.kind === "error-output-type")) {
    throw new InvalidArgumentException("Prefix must not contain any occurrence of !{firehose:error-output-type}");
  }
  if (errorPrefix.some(isPartitionKey)) {
    throw new InvalidArgumentException("Dynamic Partitioning Namespaces can't be part of an error prefix expression");
  }
  if (prefix.some(isExpression) && errorPrefix.length === 0) {
    throw new InvalidArgumentException("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
  }
  if (errorPrefix.some(isExpression) && !errorPrefix.some((token) => token.kind === "error-output-type")) {
    throw new InvalidArgumentException("ErrorOutputPrefix must contain at least one occurrence of !{firehose:error-output-type}");
  }
  if (!settings.dynamicPartitioning && prefix.some(isPartitionKey)) {
    throw new InvalidArgumentException(
      "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.",
    );
  }
  if (settings.dynamicPartitioning && !prefix.some(isPartitionKey)) {
    throw new InvalidArgumentException("S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled");
  }
  // Evaluated with the shortest values expressions can take (a partition key is at least one character).
  const sample: PrefixValues = {
    timestampMs: Date.UTC(2000, 0, 1),
    randomString: "x".repeat(FIREHOSE.randomStringLength),
    errorOutputType: "processing-failed",
    partitionKeys: { query: {}, lambda: {} },
    missingKeyValue: "x",
  };
  if (dataPrefix(settings.Prefix, sample).length > FIREHOSE.maxEvaluatedPrefixLength) {
    throw new InvalidArgumentException(`Length of evaluated prefix cannot be greater than ${FIREHOSE.maxEvaluatedPrefixLength}`);
  }
  if (errorPrefixFor(settings.Prefix, settings.ErrorOutputPrefix, sample).length > FIREHOSE.maxEvaluatedPrefixLength) {
    throw new InvalidArgumentException(`Length of evaluated ErrorOutputPrefix cannot be greater than ${FIREHOSE.maxEvaluatedPrefixLength}`);
  }
}

export interface PrefixValues {
  /** The arrival time of the oldest record in the object. */
  timestampMs: number;
  timeZone?: string;
  randomString: string;
  errorOutputType?: string;
  partitionKeys: { query: Record<string, string>; lambda: Record<string, string> };
  /** Used instead of throwing for a partition key the record lacks (validation's sample only). */
  missingKeyValue?: string;
}

/**
 * A record whose partition would be one more than FIREHOSE.maxActivePartitions: it goes to the
 * error output. The error output type is AWS's (buffering.html: the records past the limit "are
 * delivered to the specified S3 error bucket prefix (activePartitionExceeded)"); the code is the one
 * users report from AWS's error output; the message is ours, AWS does not document one.
 */
export const ACTIVE_PARTITIONS_EXCEEDED = {
  code: "DynamicPartitioning.ActivePartitionsLimitExceeded",
  message: `The number of active partitions reached the limit of ${FIREHOSE.maxActivePartitions} per Firehose stream; the record's partition could not be created.`,
  errorOutputType: "activePartitionExceeded",
} as const;

/** A record lacks a partition key its prefix names: it cannot be delivered, only reported. */
export class MissingPartitionKeyError extends Error {
  constructor(
    readonly namespace: string,
    readonly key: string,
  ) {
    super(`partition key ${key} of ${namespace} is missing`);
  }
}

function evaluate(tokens: PrefixToken[], values: PrefixValues): string {
  let time: ZonedTime | undefined;
  const zoned = () => (time ??= zonedTime(values.timestampMs, values.timeZone));
  return tokens
    .map((token) => {
      switch (token.kind) {
        case "literal":
          return token.text;
        case "timestamp":
          return token.format(zoned());
        case "random-string":
          return values.randomString;
        case "error-output-type":
          return values.errorOutputType ?? "processing-failed";
        default: {
          const keys = token.kind === "partitionKeyFromQuery" ? values.partitionKeys.query : values.partitionKeys.lambda;
          const value = Object.hasOwn(keys, token.key) ? keys[token.key] : values.missingKeyValue;
          if (value === undefined) throw new MissingPartitionKeyError(token.kind, token.key);
          return value;
        }
      }
    })
    .join("");
}

function timePrefix(values: PrefixValues): string {
  return DEFAULT_TIME_PREFIX(zonedTime(values.timestampMs, values.timeZone));
}

/** Where delivered objects go. */
export function dataPrefix(prefix: string | undefined, values: PrefixValues): string {
  const tokens = parsePrefix(prefix ?? "", "Prefix");
  if (tokens.some(isExpression)) return evaluate(tokens, values);
  return `${prefix ?? ""}${timePrefix(values)}`;
}

/** Where records that failed go: ErrorOutputPrefix, or by default the prefix and the error output type. */
export function errorPrefixFor(prefix: string | undefined, errorOutputPrefix: string | undefined, values: PrefixValues): string {
  const type = values.errorOutputType ?? "processing-failed";
  if (errorOutputPrefix) {
    const tokens = parsePrefix(errorOutputPrefix, "ErrorOutputPrefix");
    if (tokens.some(isExpression)) return evaluate(tokens, values);
    return `${errorOutputPrefix}${type}/${timePrefix(values)}`;
  }
  // Without an ErrorOutputPrefix the Prefix has no expressions (validatePrefixes).
  return `${prefix ?? ""}${type}/${timePrefix(values)}`;
}
