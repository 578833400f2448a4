/**
 * Stream-triggered consumers against the real local server (`npm start`), driven by the unmodified
 * `@aws-sdk/client-lambda` (and the `aws` CLI): a mapping to an HTTP endpoint that this test serves
 * on 127.0.0.1 (allowed under `npm start`), records put with `@aws-sdk/client-kinesis`, and every one
 * of them counted at the endpoint; a mapping to the Worker's own queue; Lambda's errors as the SDK
 * surfaces them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  ANY_CREDENTIALS,
  REGION,
  createActiveStream,
  expectAwsError,
  kinesisClient,
  removeDir,
  runAws,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";

interface EventRecord {
  eventID: string;
  eventSourceARN: string;
  kinesis: { sequenceNumber: string; partitionKey: string; data: string };
}

let dir: string | undefined;
let server: TestServer | undefined;
let kinesis: KinesisClient;
let lambda: LambdaClient;
let endpoint: http.Server;
let endpointUrl = "";
/** What the endpoint received: one entry per POST. */
const deliveries: { path: string; records: EventRecord[] }[] = [];

beforeAll(async () => {
  endpoint = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Records: EventRecord[] };
      deliveries.push({ path: request.url ?? "", records: body.Records });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
  dir = tempDir("triggers");
  server = await startServer({ persistDir: dir });
  kinesis = kinesisClient(server.url);
  lambda = new LambdaClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
});

afterAll(async () => {
  kinesis?.destroy();
  lambda?.destroy();
  await server?.close();
  await new Promise<void>((resolve) => endpoint?.close(() => resolve()));
  removeDir(dir);
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe("event source mappings with @aws-sdk/client-lambda", () => {
  it("deliver every record put with the Kinesis SDK to an HTTP endpoint, once, in shard order", async () => {
    const streamName = uniqueName("triggers");
    await createActiveStream(kinesis, streamName, 2);
    const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`;
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: `${endpointUrl}/hook`,
        EventSourceArn: streamArn,
        StartingPosition: "TRIM_HORIZON",
        BatchSize: 10,
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.State).toBe("Creating");
    expect(created.LastModified).toBeInstanceOf(Date);
    const uuid = created.UUID as string;

    const written = new Map<string, string[]>();
    for (let call = 0; call < 3; call++) {
      const answer = await kinesis.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: Array.from({ length: 20 }, (_, i) => ({
            PartitionKey: `key-${call}-${i}`,
            Data: new TextEncoder().encode(`record ${call}-${i}`),
          })),
        }),
      );
      for (const record of answer.Records ?? []) {
        const shard = record.ShardId as string;
        written.set(shard, [...(written.get(shard) ?? []), record.SequenceNumber as string]);
      }
    }
    const total = [...written.values()].reduce((sum, list) => sum + list.length, 0);
    expect(total).toBe(60);

    await until("every record at the endpoint", async () => {
      const count = deliveries.flatMap((delivery) => delivery.records).filter((record) => record.eventSourceARN === streamArn).length;
      return count >= total ? count : undefined;
    });
    await sleep(1_500); // nothing more may come
    const ours = deliveries.filter((delivery) => delivery.records[0]?.eventSourceARN === streamArn);
    const delivered = new Map<string, string[]>();
    for (const delivery of ours) {
      expect(delivery.path).toBe("/hook");
      expect(delivery.records.length).toBeLessThanOrEqual(10);
      for (const record of delivery.records) {
        const shard = record.eventID.split(":")[0] as string;
        delivered.set(shard, [...(delivered.get(shard) ?? []), record.kinesis.sequenceNumber]);
      }
    }
    expect(delivered).toEqual(written);

    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    expect(got).toMatchObject({ UUID: uuid, State: "Enabled", LastProcessingResult: "OK", BatchSize: 10, FunctionArn: `${endpointUrl}/hook` });

    const listed = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: streamArn }));
    expect(listed.EventSourceMappings?.map((mapping) => mapping.UUID)).toEqual([uuid]);

    const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 5, Enabled: false }));
    expect(updated).toMatchObject({ BatchSize: 5, State: "Disabling" });

    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted.State).toBe("Deleting");
    await until("the mapping to be gone", async () => {
      try {
        await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
        return undefined;
      } catch {
        return true;
      }
    });
  });

  it("deliver to the Worker's own queue", async () => {
    const streamName = uniqueName("triggers-queue");
    await createActiveStream(kinesis, streamName, 1);
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: "STREAM_EVENTS",
        EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`,
        StartingPosition: "LATEST",
      }),
    );
    await kinesis.send(
      new PutRecordsCommand({ StreamName: streamName, Records: [{ PartitionKey: "k", Data: new TextEncoder().encode("to the queue") }] }),
    );
    await until("the queue to take the batch", async () => {
      const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
      return got.LastProcessingResult === "OK" ? got : undefined;
    });
  });

  it("answer Lambda's errors as the SDK expects them", async () => {
    await expectAwsError(lambda.send(new GetEventSourceMappingCommand({ UUID: crypto.randomUUID() })), {
      name: "ResourceNotFoundException",
      message: "The resource you requested does not exist.",
      status: 404,
    });
    const streamName = uniqueName("triggers-errors");
    await createActiveStream(kinesis, streamName, 1);
    await expectAwsError(
      lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: "no-such-function",
          EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`,
          StartingPosition: "LATEST",
        }),
      ),
      { name: "ResourceNotFoundException", message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:no-such-function`, status: 404 },
    );
    await expectAwsError(
      lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: "STREAM_EVENTS",
          EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`,
          StartingPosition: "LATEST",
          BatchSize: 0,
        }),
      ),
      { name: "ValidationException", message: /^1 validation error detected: Value '0' at 'batchSize'/, status: 400 },
    );
  });
});

describe("event source mappings with the aws CLI", () => {
  it("create, list and delete a mapping", { timeout: 180_000 }, async () => {
    const streamName = uniqueName("triggers-cli");
    await createActiveStream(kinesis, streamName, 1);
    const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`;
    const options = { url: (server as TestServer).url, accessKeyId: "AKIDE2ECLI", secretAccessKey: "e2e-cli-secret" };
    const created = await runAws(
      [
        "lambda",
        "create-event-source-mapping",
        "--function-name",
        "STREAM_EVENTS",
        "--event-source-arn",
        streamArn,
        "--starting-position",
        "TRIM_HORIZON",
        "--batch-size",
        "50",
        "--maximum-batching-window-in-seconds",
        "1",
        "--maximum-retry-attempts",
        "3",
        "--bisect-batch-on-function-error",
        "--destination-config",
        JSON.stringify({ OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:STREAM_EVENTS` } }),
        "--function-response-types",
        "ReportBatchItemFailures",
      ],
      options,
    );
    expect(created.code, created.stderr).toBe(0);
    const mapping = JSON.parse(created.stdout) as { UUID: string; BatchSize: number; MaximumRetryAttempts: number; BisectBatchOnFunctionError: boolean };
    expect(mapping).toMatchObject({ BatchSize: 50, MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true });

    const listed = await runAws(["lambda", "list-event-source-mappings", "--event-source-arn", streamArn], options);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { EventSourceMappings: { UUID: string }[] }).EventSourceMappings.map((m) => m.UUID)).toEqual([mapping.UUID]);

    const deleted = await runAws(["lambda", "delete-event-source-mapping", "--uuid", mapping.UUID], options);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((JSON.parse(deleted.stdout) as { State: string }).State).toBe("Deleting");
  });
});
