/**
 * DiscoverInputSchema (both API versions): sample records from a stream, a delivery stream reading
 * one, or an S3 object (sample.ts), pass them through the input processing Lambda when one is named
 * (preprocess.ts), and infer a schema (infer.ts). AWS answers UnableToDetectSchemaException, with
 * the records it sampled, when no schema fits them.
 */
import { InvalidArgumentException, UnableToDetectSchemaException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { inferSchema, NoSchema } from "../discovery/infer";
import { preprocess, PreprocessingFailed } from "../discovery/preprocess";
import { sampleObject, sampleStream, type Sample } from "../discovery/sample";
import type * as V1 from "../shapes-v1.generated";
import type * as V2 from "../shapes-v2.generated";

interface DiscoveryRequest {
  resourceArn?: string;
  position?: V1.InputStartingPosition;
  s3?: { BucketARN: string; FileKey: string };
  processorArn?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function texts(records: readonly Uint8Array[], raw: readonly string[]): string[] {
  try {
    return records.map((data) => utf8.decode(data));
  } catch {
    throw new UnableToDetectSchemaException("Unable to detect a schema: the records are not UTF-8 encoded text.", raw);
  }
}

async function discover(context: RequestContext, request: DiscoveryRequest): Promise<V1.DiscoverInputSchemaOutput> {
  if ((request.resourceArn === undefined) === (request.s3 === undefined)) {
    throw new InvalidArgumentException("Specify either ResourceARN or S3Configuration to discover a schema from.");
  }
  let sample: Sample;
  if (request.s3) {
    sample = await sampleObject(context.env, request.s3.BucketARN, request.s3.FileKey);
  } else {
    const position = request.position ?? "NOW";
    if (position === "LAST_STOPPED_POINT") throw new InvalidArgumentException("InputStartingPosition LAST_STOPPED_POINT cannot be used to discover a schema.");
    sample = await sampleStream(context.env, context.scope, request.resourceArn ?? "", position);
  }
  const raw = texts(sample.records.map((record) => record.data), []);
  let processed: string[] | undefined;
  if (request.processorArn !== undefined) {
    try {
      processed = texts(await preprocess(context.env, request.processorArn, sample), raw);
    } catch (error) {
      if (error instanceof PreprocessingFailed) throw new UnableToDetectSchemaException(error.message, raw);
      throw error;
    }
  }
  try {
    const inferred = inferSchema(processed ?? raw);
    return {
      InputSchema: inferred.schema,
      // AWS answers null for values that do not fit their column (sch-dis-ref.md), where the model says string.
      ParsedInputRecords: inferred.parsed as string[][],
      ...(processed && { ProcessedInputRecords: processed }),
      RawInputRecords: raw,
    };
  } catch (error) {
    if (error instanceof NoSchema) throw new UnableToDetectSchemaException(error.message, raw, processed);
    throw error;
  }
}

export async function discoverInputSchema(input: V1.DiscoverInputSchemaInput, context: RequestContext): Promise<V1.DiscoverInputSchemaOutput> {
  return discover(context, {
    ...(input.ResourceARN !== undefined && { resourceArn: input.ResourceARN }),
    ...(input.InputStartingPositionConfiguration?.InputStartingPosition && { position: input.InputStartingPositionConfiguration.InputStartingPosition }),
    ...(input.S3Configuration && { s3: input.S3Configuration }),
    ...(input.InputProcessingConfiguration && { processorArn: input.InputProcessingConfiguration.InputLambdaProcessor.ResourceARN }),
  });
}

export async function discoverInputSchemaV2(input: V2.DiscoverInputSchemaInput, context: RequestContext): Promise<V2.DiscoverInputSchemaOutput> {
  return discover(context, {
    ...(input.ResourceARN !== undefined && { resourceArn: input.ResourceARN }),
    ...(input.InputStartingPositionConfiguration?.InputStartingPosition && { position: input.InputStartingPositionConfiguration.InputStartingPosition }),
    ...(input.S3Configuration && { s3: input.S3Configuration }),
    ...(input.InputProcessingConfiguration && { processorArn: input.InputProcessingConfiguration.InputLambdaProcessor.ResourceARN }),
  });
}
