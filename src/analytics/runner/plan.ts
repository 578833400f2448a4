/**
 * What an ApplicationSpec means to the object running it: the in-application input streams each
 * input feeds (NamePrefix_001 ... _00n, or the InAppStreamNames the registry filled in), where its
 * records come from and how they become rows, the outputs by in-application stream, the reference
 * tables, and the schema the code is compiled against. Configuration that cannot run is refused
 * with InvalidArgumentException; code the engine refuses with CodeValidationException, carrying the
 * engine's message, which names the line and the column.
 *
 * This is the one place application code is compiled. AWS checks code when it runs it, not when it
 * stores it (Terraform's acceptance tests create and update READY applications whose code is
 * `testCode`): the registry keeps any code, and the application object compiles it here when it
 * starts and when a running application takes a new version, and the API answers its error.
 */
import { CodeValidationException, InvalidArgumentException } from "../../aws/errors";
import type { Scope } from "../../aws/scope";
import { parseStreamArn } from "../../streams/ids";
import { analyticsFunctions } from "../plugins";
import { recordReader, type RecordReader } from "../records/reader";
import type { ApplicationSpec } from "../runner-contract";
import type { RecordFormatType } from "../shapes-v1.generated";
import { compileApplication, SqlError, type ApplicationSchema, type CompiledApplication } from "../sql";

/** A stream or delivery stream of this service. */
export interface StreamRef {
  readonly kind: "kinesis" | "firehose";
  readonly arn: string;
  readonly scope: Scope;
  readonly name: string;
}

export interface InputPlan {
  readonly id: string;
  /** The in-application streams it feeds; a record goes to streams[partition % length]. */
  readonly streams: readonly string[];
  readonly source: StreamRef;
  readonly reader: RecordReader;
  /** InputLambdaProcessor's function ARN, when records are preprocessed. */
  readonly processorArn: string | undefined;
}

export type Destination = StreamRef | { readonly kind: "lambda"; readonly arn: string };

export interface OutputPlan {
  readonly id: string;
  /** The in-application stream it writes out (error_stream included). */
  readonly stream: string;
  readonly destination: Destination;
  readonly format: RecordFormatType;
}

export interface ReferencePlan {
  readonly id: string;
  readonly table: string;
  readonly bucketArn: string;
  readonly fileKey: string;
  readonly reader: RecordReader;
}

export interface ApplicationPlan {
  readonly inputs: readonly InputPlan[];
  readonly outputs: readonly OutputPlan[];
  readonly references: readonly ReferencePlan[];
  readonly schema: ApplicationSchema;
}

const FIREHOSE_ARN = /^arn:aws[^:]*:firehose:([^:]*):(\d{12}):deliverystream\/(.+)$/;

function streamRef(arn: string | undefined, kind: "kinesis" | "firehose"): StreamRef {
  if (arn === undefined) throw new InvalidArgumentException("The resource ARN is missing");
  if (kind === "kinesis") {
    const parsed = parseStreamArn(arn);
    if (!parsed) throw new InvalidArgumentException(`${arn} is not a Kinesis stream ARN`);
    return { kind, arn, scope: { account: parsed.account, region: parsed.region }, name: parsed.name };
  }
  const match = FIREHOSE_ARN.exec(arn);
  if (!match) throw new InvalidArgumentException(`${arn} is not a Firehose delivery stream ARN`);
  const [, region = "", account = "", name = ""] = match;
  return { kind, arn, scope: { account, region }, name };
}

export function planSpec(spec: ApplicationSpec): ApplicationPlan {
  const inputs = spec.inputs.map((input, i): InputPlan => {
    const id = input.InputId ?? `${i + 1}.1`;
    if (!input.InputSchema) throw new InvalidArgumentException(`Input ${id} has no InputSchema`);
    const source = input.KinesisStreamsInputDescription
      ? streamRef(input.KinesisStreamsInputDescription.ResourceARN, "kinesis")
      : input.KinesisFirehoseInputDescription
        ? streamRef(input.KinesisFirehoseInputDescription.ResourceARN, "firehose")
        : undefined;
    if (!source) throw new InvalidArgumentException(`Input ${id} names neither a Kinesis stream nor a Firehose delivery stream`);
    const count = input.InputParallelism?.Count ?? 1;
    const streams = input.InAppStreamNames?.length
      ? input.InAppStreamNames
      : Array.from({ length: count }, (_, n) => `${input.NamePrefix ?? "SOURCE_SQL_STREAM"}_${String(n + 1).padStart(3, "0")}`);
    return {
      id,
      streams,
      source,
      reader: recordReader(input.InputSchema),
      processorArn: input.InputProcessingConfigurationDescription?.InputLambdaProcessorDescription?.ResourceARN,
    };
  });
  const outputs = spec.outputs.map((output, i): OutputPlan => {
    const id = output.OutputId ?? `${i + 1}.1`;
    const destination: Destination | undefined = output.KinesisStreamsOutputDescription
      ? streamRef(output.KinesisStreamsOutputDescription.ResourceARN, "kinesis")
      : output.KinesisFirehoseOutputDescription
        ? streamRef(output.KinesisFirehoseOutputDescription.ResourceARN, "firehose")
        : output.LambdaOutputDescription?.ResourceARN !== undefined
          ? { kind: "lambda", arn: output.LambdaOutputDescription.ResourceARN }
          : undefined;
    if (!destination || output.Name === undefined) throw new InvalidArgumentException(`Output ${id} names no in-application stream or no destination`);
    return { id, stream: output.Name, destination, format: output.DestinationSchema?.RecordFormatType ?? "JSON" };
  });
  const references = spec.referenceDataSources.map((ref): ReferencePlan => {
    if (!ref.ReferenceSchema) throw new InvalidArgumentException(`Reference data source ${ref.ReferenceId} has no ReferenceSchema`);
    return {
      id: ref.ReferenceId,
      table: ref.TableName,
      bucketArn: ref.S3ReferenceDataSourceDescription.BucketARN,
      fileKey: ref.S3ReferenceDataSourceDescription.FileKey,
      reader: recordReader(ref.ReferenceSchema),
    };
  });
  const schema: ApplicationSchema = {
    inputs: inputs.flatMap((input) => input.streams.map((name) => ({ name, columns: input.reader.columns }))),
    referenceTables: references.map((ref) => ({ name: ref.table, columns: ref.reader.columns })),
  };
  return { inputs, outputs, references, schema };
}

/** Compiles the code against the plan's schema, with AWS's analytic functions and log parsers. */
export function compileSpec(code: string, plan: ApplicationPlan): CompiledApplication {
  try {
    return compileApplication(code, plan.schema, { functions: analyticsFunctions });
  } catch (error) {
    if (error instanceof SqlError) throw new CodeValidationException(error.message);
    if (error instanceof Error) throw new InvalidArgumentException(error.message);
    throw error;
  }
}
