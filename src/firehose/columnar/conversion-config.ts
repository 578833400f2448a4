/**
 * DataFormatConversionConfiguration of an ExtendedS3 destination: its shape, and the checks AWS
 * makes of it at CreateDeliveryStream and UpdateDestination, in AWS's order and words
 * (record-format-conversion.html, "Converting Input Record Format (API)", and the answers AWS gives):
 * CompressionFormat UNCOMPRESSED, an explicit BufferingHints.SizeInMBs of at least 64, then the
 * deserializer, serializer and schema. A configuration with Enabled false is kept and not checked.
 *
 * Where the schema comes from is ours (AWS reads a Glue table): see schema-source.ts.
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { DataFormatConversion } from "../s3-configuration";
import { schemaSourceOf } from "./schema-source";

export type { DataFormatConversion };

/** A conversion the destination applies: present and not disabled (Enabled defaults to true). */
export function conversionEnabled(conversion: DataFormatConversion | undefined): conversion is DataFormatConversion {
  return conversion !== undefined && conversion.Enabled !== false;
}

/** AWS's floor for SizeInMBs with conversion, and its default then (record-format-conversion.html). */
export const CONVERSION_MIN_SIZE_MBS = 64;
export const CONVERSION_DEFAULT_SIZE_MBS = 128;

export interface ConversionCheckInput {
  conversion: DataFormatConversion;
  compression: string;
  /** SizeInMBs as the request (or the stored destination) gives it; AWS checks only an explicit one. */
  sizeInMBs: number | undefined;
}

export function checkConversion(env: Env, { conversion, compression, sizeInMBs }: ConversionCheckInput): void {
  if (!conversionEnabled(conversion)) return;
  if (compression !== "UNCOMPRESSED") {
    throw new InvalidArgumentException(
      "The S3 destination's compression format must be set to UNCOMPRESSED when data format conversion is enabled. " +
        "To enable compression within the converted output format, set the appropriate serialization option in the output format configuration.",
    );
  }
  if (sizeInMBs !== undefined && sizeInMBs < CONVERSION_MIN_SIZE_MBS) {
    throw new InvalidArgumentException(`BufferingHints.SizeInMBs must be at least ${CONVERSION_MIN_SIZE_MBS} when data format conversion is enabled.`);
  }
  if (!conversion.InputFormatConfiguration) throw new InvalidArgumentException("InputFormatConfiguration must not be null");
  if (!conversion.OutputFormatConfiguration) throw new InvalidArgumentException("OutputFormatConfiguration must not be null");
  const schema = conversion.SchemaConfiguration;
  if (!schema) throw new InvalidArgumentException("SchemaConfiguration must not be null");
  const deserializer = conversion.InputFormatConfiguration.Deserializer ?? {};
  const deserializers = [deserializer.OpenXJsonSerDe, deserializer.HiveJsonSerDe].filter((item) => item !== undefined).length;
  if (deserializers === 0) throw new InvalidArgumentException("Deserializer must not be null");
  if (deserializers > 1) throw new InvalidArgumentException("More than one deserializer specified. Only one may be chosen.");
  const serializer = conversion.OutputFormatConfiguration.Serializer ?? {};
  const serializers = [serializer.ParquetSerDe, serializer.OrcSerDe].filter((item) => item !== undefined).length;
  if (serializers === 0) throw new InvalidArgumentException("Serializer must not be null");
  if (serializers > 1) throw new InvalidArgumentException("More than one serializer specified. Only one may be chosen.");
  // AWS's message spells the member RoleArn.
  for (const [member, value] of [
    ["RoleArn", schema.RoleARN],
    ["DatabaseName", schema.DatabaseName],
    ["TableName", schema.TableName],
  ] as const) {
    if (!value) throw new InvalidArgumentException(`SchemaConfiguration.${member} must not be null or empty`);
  }
  // Ours: the "Glue database" must be something this Worker can read (a D1 binding or a bound bucket).
  schemaSourceOf(env, schema);
}

export type OutputFormat = "parquet" | "orc";

export function outputFormatOf(conversion: DataFormatConversion): OutputFormat {
  return conversion.OutputFormatConfiguration?.Serializer?.OrcSerDe ? "orc" : "parquet";
}
