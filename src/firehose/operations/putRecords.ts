/**
 * PutRecord and PutRecordBatch: the records are stored in the stream's buffer object before the
 * answer leaves. PutRecordBatch answers one entry per record, in order: a RecordId for each record
 * stored, or, for records over the stream's DirectPut quota (with throughput limits on; see
 * ../throughput.ts), AWS's ErrorCode ServiceUnavailableException and ErrorMessage "Slow down.",
 * counted in FailedPutCount. Those records are not stored. PutRecord over the quota is refused with
 * ServiceUnavailableException. Records that are taken are stored together, in one transaction.
 */
import { InvalidArgumentException, ServiceUnavailableException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { FIREHOSE } from "../limits";
import { bufferFor, firehoseRegistryFor } from "../../objects";
import type { PutRecordBatchInput, PutRecordBatchOutput, PutRecordInput, PutRecordOutput } from "../shapes.generated";
import { SLOW_DOWN } from "../throughput";

async function store(context: RequestContext, name: string, data: Uint8Array[]) {
  const target = unwrap(await firehoseRegistryFor(context.env, context.scope).target(context.scope, name));
  const recordIds = unwrap(await bufferFor(context.env, target.id).put(data));
  return { recordIds, encrypted: target.encrypted };
}

export async function putRecord(input: PutRecordInput, context: RequestContext): Promise<PutRecordOutput> {
  const { recordIds, encrypted } = await store(context, input.DeliveryStreamName, [input.Record.Data]);
  const recordId = recordIds[0];
  if (recordId === null || recordId === undefined) throw new ServiceUnavailableException(SLOW_DOWN);
  return { RecordId: recordId, Encrypted: encrypted };
}

export async function putRecordBatch(input: PutRecordBatchInput, context: RequestContext): Promise<PutRecordBatchOutput> {
  const total = input.Records.reduce((sum, record) => sum + record.Data.byteLength, 0);
  if (total > FIREHOSE.maxBatchBytes) throw new InvalidArgumentException("Records size exceeds 4 MB limit");
  const { recordIds, encrypted } = await store(
    context,
    input.DeliveryStreamName,
    input.Records.map((record) => record.Data),
  );
  const responses = recordIds.map((RecordId) =>
    RecordId === null ? { ErrorCode: "ServiceUnavailableException", ErrorMessage: SLOW_DOWN } : { RecordId },
  );
  return {
    FailedPutCount: recordIds.filter((recordId) => recordId === null).length,
    Encrypted: encrypted,
    RequestResponses: responses,
  };
}
