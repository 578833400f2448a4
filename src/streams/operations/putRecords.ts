import { InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { KINESIS } from "../../limits";
import { authorize } from "../access";
import { streamNameOf } from "../locate";
import { checkRecordSize } from "../routing";
import type { PutRecordsInput, PutRecordsOutput } from "../shapes.generated";
import { writeRecords, type WriteResult } from "../writer";

export async function putRecords(input: PutRecordsInput, context: RequestContext): Promise<PutRecordsOutput> {
  const call = { operation: "PutRecords", startedMs: context.clock.now() } as const;
  const { results, encrypted } = await writeRecords(context, streamNameOf(input, context), input.Records, call, (stream) => {
    authorize(context, "PutRecords", stream.arn, stream.resourcePolicy);
    let total = 0;
    for (const record of input.Records) total += checkRecordSize(stream, record);
    if (total > KINESIS.maxPutRecordsBytes) throw new InvalidArgumentException("Records size exceeds 5 MB limit");
  });
  return {
    FailedRecordCount: failures(results),
    Records: results,
    ...(encrypted && { EncryptionType: "KMS" }),
  };
}

function failures(results: readonly WriteResult[]): number {
  let failed = 0;
  for (const result of results) if ("ErrorCode" in result) failed++;
  return failed;
}
