import { InternalFailure, InvalidArgumentException, ProvisionedThroughputExceededException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { authorize } from "../access";
import { streamNameOf } from "../locate";
import { checkRecordSize } from "../routing";
import { acceptsForOrdering } from "../sequence";
import type { PutRecordInput, PutRecordOutput } from "../shapes.generated";
import { THROTTLED, writeRecords } from "../writer";

export async function putRecord(input: PutRecordInput, context: RequestContext): Promise<PutRecordOutput> {
  const startedMs = context.clock.now();
  const name = streamNameOf(input, context);
  // Every record of a shard gets a larger number than all before it, so ordering holds by itself;
  // the value still has to be a sequence number AWS would take.
  if (input.SequenceNumberForOrdering !== undefined && !acceptsForOrdering(input.SequenceNumberForOrdering, startedMs)) {
    throw new InvalidArgumentException(
      `ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${name} under account ${context.scope.account} is invalid.`,
    );
  }
  const {
    results: [result],
    encrypted,
  } = await writeRecords(context, name, [input], { operation: "PutRecord", startedMs }, (stream) => {
    authorize(context, "PutRecord", stream.arn, stream.resourcePolicy);
    checkRecordSize(stream, input);
  });
  if (result && "ErrorCode" in result && result.ErrorCode === THROTTLED) {
    throw new ProvisionedThroughputExceededException(result.ErrorMessage);
  }
  if (!result || !("SequenceNumber" in result)) throw new InternalFailure();
  return { ...result, ...(encrypted && { EncryptionType: "KMS" }) };
}
