/**
 * PutRecord and PutRecordBatch: the records are stored in the stream's buffer object before the
 * answer leaves. PutRecordBatch answers one entry per record, in order; records are stored together,
 * so either all are accepted or the request fails (FailedPutCount is 0 when it answers).
 */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { FIREHOSE } from "../limits";
import { bufferFor, firehoseRegistryFor } from "../registry";

async function store(context: RequestContext, name: string, data: Uint8Array[]) {
  const target = unwrap(await firehoseRegistryFor(context.env, context.scope).target(context.scope, name));
  const recordIds = unwrap(await bufferFor(context.env, target.id).put(data));
  return { recordIds, encrypted: target.encrypted };
}

export async function putRecord(input: { DeliveryStreamName: string; Record: { Data: Uint8Array } }, context: RequestContext) {
  const { recordIds, encrypted } = await store(context, input.DeliveryStreamName, [input.Record.Data]);
  return { RecordId: recordIds[0], Encrypted: encrypted };
}

export async function putRecordBatch(input: { DeliveryStreamName: string; Records: { Data: Uint8Array }[] }, context: RequestContext) {
  const total = input.Records.reduce((sum, record) => sum + record.Data.byteLength, 0);
  if (total > FIREHOSE.maxBatchBytes) throw new InvalidArgumentException("Records size exceeds 4 MB limit");
  const { recordIds, encrypted } = await store(
    context,
    input.DeliveryStreamName,
    input.Records.map((record) => record.Data),
  );
  return { FailedPutCount: 0, Encrypted: encrypted, RequestResponses: recordIds.map((RecordId) => ({ RecordId })) };
}
