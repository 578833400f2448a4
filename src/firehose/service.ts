/**
 * Firehose: the operation table that the protocol layer serves (`X-Amz-Target:
 * Firehose_20150804.<Operation>`, SigV4 service `firehose`). Each entry pairs the input shape from
 * AWS's model (validated before the handler runs) with its handler; all 12 operations of the model.
 */
import type { AwsJsonService, Handler, OperationDefinition, OperationTable } from "../aws/protocol";
import {
  createDeliveryStream,
  deleteDeliveryStream,
  describeDeliveryStream,
  listDeliveryStreams,
  updateDestination,
} from "./operations/deliveryStreams";
import { localInputShape } from "./destinations/http-endpoint";
import { startDeliveryStreamEncryption, stopDeliveryStreamEncryption } from "./operations/encryption";
import { putRecord, putRecordBatch } from "./operations/putRecords";
import { listTagsForDeliveryStream, tagDeliveryStream, untagDeliveryStream } from "./operations/tags";
import { FIREHOSE_SHAPES, type OperationName, type Operations } from "./shapes.generated";

/** Pairs a handler with its model input shape. */
function operation<Op extends OperationName>(name: Op, handle: Handler<Operations[Op]>): OperationDefinition<Operations[Op]> {
  return { input: FIREHOSE_SHAPES.operations[name], handle };
}

export const firehose: AwsJsonService = {
  targetPrefix: "Firehose_20150804",
  signingName: "firehose",
  operations: {
    // Under npm start an HTTP endpoint's Url may also be http:// (destinations/http-endpoint.ts).
    CreateDeliveryStream: {
      ...operation("CreateDeliveryStream", createDeliveryStream),
      localInput: localInputShape(FIREHOSE_SHAPES.operations.CreateDeliveryStream),
    },
    DeleteDeliveryStream: operation("DeleteDeliveryStream", deleteDeliveryStream),
    DescribeDeliveryStream: operation("DescribeDeliveryStream", describeDeliveryStream),
    ListDeliveryStreams: operation("ListDeliveryStreams", listDeliveryStreams),
    ListTagsForDeliveryStream: operation("ListTagsForDeliveryStream", listTagsForDeliveryStream),
    PutRecord: operation("PutRecord", putRecord),
    PutRecordBatch: operation("PutRecordBatch", putRecordBatch),
    StartDeliveryStreamEncryption: operation("StartDeliveryStreamEncryption", startDeliveryStreamEncryption),
    StopDeliveryStreamEncryption: operation("StopDeliveryStreamEncryption", stopDeliveryStreamEncryption),
    TagDeliveryStream: operation("TagDeliveryStream", tagDeliveryStream),
    UntagDeliveryStream: operation("UntagDeliveryStream", untagDeliveryStream),
    UpdateDestination: {
      ...operation("UpdateDestination", updateDestination),
      localInput: localInputShape(FIREHOSE_SHAPES.operations.UpdateDestination),
    },
  } satisfies OperationTable<Operations>,
};
