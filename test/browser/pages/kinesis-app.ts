/**
 * A web page's use of Kinesis, bundled for the browser by cors.test.ts (esbuild, the SDK's browser
 * build: fetch, not Node's http2): the real `@aws-sdk/client-kinesis` creates a stream, puts records
 * with PutRecord and PutRecords, reads them back, and meets an error, from a page served by another
 * origin than the API's. What it saw goes back to the test as plain data.
 */
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";

export interface PageRecord {
  partitionKey: string;
  data: string;
  sequenceNumber: string;
}

export interface PageResult {
  /** The request ids the SDK read from the answers (x-amzn-RequestId, readable only if exposed). */
  requestIds: string[];
  /** Sequence numbers PutRecord and PutRecords answered, in the order put. */
  written: PageRecord[];
  read: PageRecord[];
  /** The SDK's error for a stream that does not exist. */
  error: { name: string; status: number | undefined; requestId: string | undefined };
}

const text = new TextEncoder();

export async function run(endpoint: string, streamName: string): Promise<PageResult> {
  const kinesis = new KinesisClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDBROWSERPAGE", secretAccessKey: "browser-page-secret" },
  });
  const requestIds: string[] = [];
  const remember = (output: { $metadata: { requestId?: string } }) => requestIds.push(output.$metadata.requestId ?? "");

  remember(await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 })));
  for (let polls = 0; ; polls++) {
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (summary.StreamDescriptionSummary?.StreamStatus === "ACTIVE") break;
    if (polls > 100) throw new Error(`${streamName} never became ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const written: PageRecord[] = [];
  const single = await kinesis.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: "page-0", Data: text.encode("from a page: 0") }));
  remember(single);
  written.push({ partitionKey: "page-0", data: "from a page: 0", sequenceNumber: single.SequenceNumber ?? "" });
  const entries = [1, 2, 3, 4].map((i) => ({ PartitionKey: `page-${i}`, Data: text.encode(`from a page: ${i}`) }));
  const batch = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: entries }));
  remember(batch);
  entries.forEach((entry, i) => {
    written.push({ partitionKey: entry.PartitionKey, data: `from a page: ${i + 1}`, sequenceNumber: batch.Records?.[i]?.SequenceNumber ?? "" });
  });

  const iterator = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }),
  );
  remember(iterator);
  const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
  remember(page);
  const read = (page.Records ?? []).map((record) => ({
    partitionKey: record.PartitionKey ?? "",
    data: new TextDecoder().decode(record.Data),
    sequenceNumber: record.SequenceNumber ?? "",
  }));

  let error: PageResult["error"] = { name: "none", status: undefined, requestId: undefined };
  try {
    await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: `${streamName}-missing` }));
  } catch (caught) {
    const failure = caught as Error & { $metadata?: { httpStatusCode?: number; requestId?: string } };
    error = { name: failure.name, status: failure.$metadata?.httpStatusCode, requestId: failure.$metadata?.requestId };
  }
  kinesis.destroy();
  return { requestIds, written, read, error };
}
