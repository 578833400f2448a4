import { AwsError, InvalidArgumentException } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { KINESIS } from "../../limits";
import { shardIdOf } from "../ids";
import { fromShard, shardStub, streamNameOf, writableStream, type StreamReference } from "../locate";
import { checkRecordSize, hashKeyOf, recordSize, shardFor, type RecordInput } from "../routing";

export interface PutRecordsInput extends StreamReference {
  Records: RecordInput[];
}

type Result = { SequenceNumber: string; ShardId: string } | { ErrorCode: string; ErrorMessage: string };

export async function putRecords(input: PutRecordsInput, context: RequestContext) {
  const stream = await writableStream(context, streamNameOf(input, context));
  let total = 0;
  for (const record of input.Records) {
    checkRecordSize(stream, record);
    total += recordSize(record);
  }
  if (total > KINESIS.maxPutRecordsBytes) throw new InvalidArgumentException("Records size exceeds 5 MB limit");
  const hashKeys = await Promise.all(input.Records.map(hashKeyOf));

  // Group by shard, keeping request order inside each group; each group is one write to its shard.
  const groups = new Map<number, number[]>();
  hashKeys.forEach((hashKey, position) => {
    const index = shardFor(stream, hashKey).index;
    const group = groups.get(index);
    if (group) group.push(position);
    else groups.set(index, [position]);
  });

  const results: Result[] = new Array(input.Records.length);
  await Promise.all(
    [...groups].map(async ([shardIndex, positions]) => {
      const records = positions.map((position) => {
        const record = input.Records[position] as RecordInput;
        return { partitionKey: record.PartitionKey, data: record.Data };
      });
      let sequenceNumbers: string[];
      try {
        const outcome = await shardStub(context.env, stream.id, shardIndex).append(records);
        sequenceNumbers = fromShard(context, stream, shardIndex, outcome).sequenceNumbers;
      } catch (error) {
        if (error instanceof AwsError) throw error;
        // The shard could not take them: those records failed, the rest of the request stands.
        console.error(`PutRecords: shard ${shardIndex} of ${stream.name} failed`, error);
        for (const position of positions) results[position] = { ErrorCode: "InternalFailure", ErrorMessage: "Internal service failure." };
        return;
      }
      positions.forEach((position, i) => {
        results[position] = { SequenceNumber: sequenceNumbers[i] ?? "", ShardId: shardIdOf(shardIndex) };
      });
    }),
  );
  return {
    FailedRecordCount: results.filter((result) => "ErrorCode" in result).length,
    Records: results,
  };
}
