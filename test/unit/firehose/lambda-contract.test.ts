import { describe, expect, it } from "vitest";
import { InvalidArgumentException } from "../../../src/aws/errors";
import { processRecords, resolveLambda } from "../../../src/firehose/transform";
import {
  FUNCTION_ARN,
  STREAM,
  type TransformationEvent,
  b64,
  fakeFunction,
  json,
  lambdaProcessing,
  record,
  text,
  unb64,
} from "./helpers";

/**
 * A TypeScript port of the CSV-to-JSON transformation blueprint: each record is one CSV line
 * `ticker_symbol,sector,change,price`, rewritten as a JSON object on a line of its own; a line
 * that does not have the four fields, or whose numbers are not numbers, is ProcessingFailed.
 */
function csvToJson(event: TransformationEvent): Response {
  return json({
    records: event.records.map((entry) => {
      const fields = unb64(entry.data).trim().split(",");
      const [ticker, sector, change, price] = fields;
      if (fields.length !== 4 || ticker === undefined || sector === undefined || Number.isNaN(Number(change)) || Number.isNaN(Number(price))) {
        return { recordId: entry.recordId, result: "ProcessingFailed", data: entry.data };
      }
      const row = { ticker_symbol: ticker, sector, change: Number(change), price: Number(price) };
      return { recordId: entry.recordId, result: "Ok", data: b64(`${JSON.stringify(row)}\n`) };
    }),
  });
}

const input = (lambdaArn = FUNCTION_ARN, extra: { ParameterName: string; ParameterValue: string }[] = []) => ({
  processing: lambdaProcessing(lambdaArn, extra),
  deliveryStreamArn: STREAM,
  region: "us-east-1",
});

describe("the transformation function contract", () => {
  it("runs the CSV-to-JSON function over a batch, failing the malformed line", async () => {
    const env = fakeFunction(csvToJson);
    const out = await processRecords(input(), [record("r1", "AMZN,TECHNOLOGY,-0.4,120.5"), record("r2", "not,a,row"), record("r3", "XYZ,ENERGY,1,9")], env);

    expect(env.calls).toHaveLength(1);
    const call = env.calls[0];
    expect(call?.target).toEqual({ kind: "service", binding: "csv-to-json" });
    expect(call?.event.deliveryStreamArn).toBe(STREAM);
    expect(call?.event.region).toBe("us-east-1");
    expect(call?.event.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.event.records[0]).toEqual({ recordId: "r1", approximateArrivalTimestamp: 1_700_000_000_000, data: b64("AMZN,TECHNOLOGY,-0.4,120.5") });

    expect(out.map((r) => [r.recordId, r.result])).toEqual([["r1", "Ok"], ["r2", "ProcessingFailed"], ["r3", "Ok"]]);
    expect(JSON.parse(text(out[0]?.data ?? new Uint8Array()))).toEqual({ ticker_symbol: "AMZN", sector: "TECHNOLOGY", change: -0.4, price: 120.5 });
    // A failed record keeps its original data for the error output, with AWS's code.
    expect(text(out[1]?.data ?? new Uint8Array())).toBe("not,a,row");
    expect(out[1]?.error).toEqual({ code: "Lambda.ProcessingFailedStatus", message: "ProcessingFailed status set for record", lambdaArn: FUNCTION_ARN, attempts: 1 });
  });

  it("drops records the function marks Dropped, and keeps its partition keys", async () => {
    const env = fakeFunction((event) =>
      json({
        records: event.records.map((entry, i) =>
          i === 0
            ? { recordId: entry.recordId, result: "Dropped", data: "" }
            : { recordId: entry.recordId, result: "Ok", data: entry.data, metadata: { partitionKeys: { customerId: "42", year: 2024 } } },
        ),
      }),
    );
    const out = await processRecords({ ...input(), dynamicPartitioning: { Enabled: true } }, [record("a", "x"), record("b", "y")], env);
    expect(out.map((r) => r.result)).toEqual(["Dropped", "Ok"]);
    expect(out[1]?.partitionKeys).toEqual({ query: {}, lambda: { customerId: "42", year: "2024" } });
  });

  it("sends kinesisRecordMetadata for records read from a Kinesis stream", async () => {
    const env = fakeFunction((event) => json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: e.data })) }));
    const kinesis = { partitionKey: "user-1", sequenceNumber: "4955", shardId: "shardId-000000000001", approximateArrivalMs: 1_699_999_999_000 };
    await processRecords(
      { ...input(), sourceKinesisStreamArn: "arn:aws:kinesis:us-east-1:000000000000:stream/clicks" },
      [{ ...record("k", "hi"), kinesis }],
      env,
    );
    const event = env.calls[0]?.event;
    expect(event?.sourceKinesisStreamArn).toBe("arn:aws:kinesis:us-east-1:000000000000:stream/clicks");
    expect(event?.records[0]?.kinesisRecordMetadata).toEqual({
      shardId: "shardId-000000000001",
      partitionKey: "user-1",
      approximateArrivalTimestamp: 1_699_999_999_000,
      sequenceNumber: "4955",
      subsequenceNumber: 0,
    });
  });

  it("batches by BufferSizeInMBs", async () => {
    const env = fakeFunction((event) => json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: e.data })) }));
    const big = "x".repeat(150 * 1024);
    const records = Array.from({ length: 5 }, (_, i) => record(`r${i}`, big));
    // 0.2 MiB holds one 150 KiB record per invocation.
    const out = await processRecords(input(FUNCTION_ARN, [{ ParameterName: "BufferSizeInMBs", ParameterValue: "0.2" }]), records, env);
    expect(env.calls.map((c) => c.event.records.length)).toEqual([1, 1, 1, 1, 1]);
    expect(out.every((r) => r.result === "Ok")).toBe(true);

    const one = fakeFunction((event) => json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: e.data })) }));
    await processRecords(input(), records, one);
    expect(one.calls.map((c) => c.event.records.length)).toEqual([5]);
  });
});

describe("failures of the transformation", () => {
  const two = () => [record("a", "one"), record("b", "two")];

  it("retries a failing invocation NumberOfRetries times, then fails every record with Lambda.FunctionError", async () => {
    const env = fakeFunction(() => new Response("boom", { status: 500 }));
    const out = await processRecords(input(), two(), env);
    expect(env.calls).toHaveLength(4); // 3 retries by default
    expect(new Set(env.calls.map((c) => c.event.invocationId)).size).toBe(4);
    expect(out.map((r) => r.error?.code)).toEqual(["Lambda.FunctionError", "Lambda.FunctionError"]);
    expect(out[0]?.error).toMatchObject({ message: "The Lambda function was successfully invoked but it returned an error result.", attempts: 4, lambdaArn: FUNCTION_ARN });
    expect(text(out[0]?.data ?? new Uint8Array())).toBe("one");
  });

  it("counts the retries it is told to make, and stops at the first answer", async () => {
    const none = fakeFunction(() => new Response("", { status: 503 }));
    await processRecords(input(FUNCTION_ARN, [{ ParameterName: "NumberOfRetries", ParameterValue: "0" }]), two(), none);
    expect(none.calls).toHaveLength(1);

    const flaky = fakeFunction((event, call) =>
      call < 3 ? new Response("", { status: 500 }) : json({ records: event.records.map((e) => ({ recordId: e.recordId, result: "Ok", data: e.data })) }),
    );
    const out = await processRecords(input(FUNCTION_ARN, [{ ParameterName: "NumberOfRetries", ParameterValue: "5" }]), two(), flaky);
    expect(flaky.calls).toHaveLength(3);
    expect(out.map((r) => r.result)).toEqual(["Ok", "Ok"]);
  });

  it("treats a thrown fetch as a function error, and a timeout as Lambda.FunctionTimedOut", async () => {
    const thrown = fakeFunction(() => {
      throw new Error("connection refused");
    });
    expect((await processRecords(input(), two(), thrown))[0]?.error?.code).toBe("Lambda.FunctionError");

    const hung = { ...fakeFunction(() => new Promise<Response>(() => {})), invocationTimeoutMs: 5 };
    const out = await processRecords(input(FUNCTION_ARN, [{ ParameterName: "NumberOfRetries", ParameterValue: "1" }]), two(), hung);
    expect(hung.calls).toHaveLength(2);
    expect(out[0]?.error).toMatchObject({
      code: "Lambda.FunctionTimedOut",
      message: "The Lambda function invocation timed out. Increase the Timeout setting in the Lambda function.",
      attempts: 2,
    });

    const aborted = fakeFunction(() => {
      throw new DOMException("The operation timed out.", "TimeoutError");
    });
    expect((await processRecords(input(), two(), aborted))[0]?.error?.code).toBe("Lambda.FunctionTimedOut");
  });

  it("maps 403, 404 and 429 answers to AWS's invocation errors", async () => {
    for (const [status, code] of [
      [403, "Lambda.InvokeAccessDenied"],
      [404, "Lambda.ResourceNotFound"],
      [429, "Lambda.InvokeLimitExceeded"],
    ] as const) {
      const env = fakeFunction(() => new Response("", { status }));
      const out = await processRecords(input(), two(), env);
      expect(out[0]?.error?.code).toBe(code);
      expect(env.calls).toHaveLength(4);
    }
  });

  it("fails every record with Lambda.JsonProcessingException when the answer is not JSON, without retrying", async () => {
    const env = fakeFunction(() => new Response("<html>", { status: 200 }));
    const out = await processRecords(input(), two(), env);
    expect(env.calls).toHaveLength(1);
    expect(out.map((r) => r.error?.code)).toEqual(["Lambda.JsonProcessingException", "Lambda.JsonProcessingException"]);
    expect(out[0]?.error?.attempts).toBe(1);
  });

  it("fails a record not returned with Lambda.MissingRecordId, ignoring unknown ids", async () => {
    const env = fakeFunction((event) =>
      json({ records: [{ recordId: event.records[0]?.recordId, result: "Ok", data: b64("ONE") }, { recordId: "nobody", result: "Ok", data: b64("?") }] }),
    );
    const out = await processRecords(input(), two(), env);
    expect(out.map((r) => r.result)).toEqual(["Ok", "ProcessingFailed"]);
    expect(out[1]?.error).toMatchObject({
      code: "Lambda.MissingRecordId",
      message: "One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.",
      attempts: 1,
    });

    // An answer without a records list leaves every record missing.
    const empty = await processRecords(input(), two(), fakeFunction(() => json({})));
    expect(empty.map((r) => r.error?.code)).toEqual(["Lambda.MissingRecordId", "Lambda.MissingRecordId"]);
  });

  it("fails a record returned twice with Lambda.DuplicatedRecordId", async () => {
    const env = fakeFunction((event) => {
      const [a, b] = event.records;
      return json({
        records: [
          { recordId: a?.recordId, result: "Ok", data: b64("1") },
          { recordId: a?.recordId, result: "Ok", data: b64("again") },
          { recordId: b?.recordId, result: "Ok", data: b64("2") },
        ],
      });
    });
    const out = await processRecords(input(), two(), env);
    expect(out.map((r) => r.error?.code ?? r.result)).toEqual(["Lambda.DuplicatedRecordId", "Ok"]);
  });

  it("fails a record with an unknown result or data that is not base64 as AWS does (Lambda.FunctionError)", async () => {
    const env = fakeFunction((event) => {
      const [a, b] = event.records;
      return json({ records: [{ recordId: a?.recordId, result: "Fine", data: b64("1") }, { recordId: b?.recordId, result: "Ok", data: "***" }] });
    });
    const out = await processRecords(input(), two(), env);
    expect(out.map((r) => r.error?.code)).toEqual(["Lambda.FunctionError", "Lambda.FunctionError"]);
    expect(out[0]?.error?.message).toMatch(/^Check your function and make sure the output is in required format/);
  });
});

describe("resolveLambda", () => {
  it("names a service binding by the function's name, with or without an alias", () => {
    expect(resolveLambda("arn:aws:lambda:eu-west-1:123456789012:function:enrich")).toEqual({ kind: "service", binding: "enrich" });
    expect(resolveLambda("arn:aws:lambda:eu-west-1:123456789012:function:enrich:live")).toEqual({ kind: "service", binding: "enrich" });
    expect(resolveLambda("arn:aws:lambda:eu-west-1:123456789012:function:enrich:$LATEST")).toEqual({ kind: "service", binding: "enrich" });
  });

  it("takes https URLs, and http only on loopback", () => {
    expect(resolveLambda("https://transform.example.com/firehose")).toEqual({ kind: "url", url: "https://transform.example.com/firehose" });
    expect(resolveLambda("http://127.0.0.1:8787/t")).toEqual({ kind: "url", url: "http://127.0.0.1:8787/t" });
    expect(resolveLambda("http://localhost:9000/")).toEqual({ kind: "url", url: "http://localhost:9000/" });
    expect(() => resolveLambda("http://transform.example.com/")).toThrow(InvalidArgumentException);
  });

  it("takes jsonata:<expression>, and refuses anything else", () => {
    expect(resolveLambda("jsonata:{ 'id': user.id }")).toEqual({ kind: "jsonata", expression: "{ 'id': user.id }" });
    expect(() => resolveLambda("enrich")).toThrow(/LambdaArn 'enrich' is not valid/);
    expect(() => resolveLambda("jsonata:  ")).toThrow(InvalidArgumentException);
  });
});
