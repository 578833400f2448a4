import { describe, expect, it } from "vitest";
import { jsonataCompilations, processRecords, validateProcessingConfiguration } from "../../../src/firehose/transform";
import { STREAM, fakeFunction, lambdaProcessing, record, text } from "./helpers";

const input = (expression: string) => ({ processing: lambdaProcessing(`jsonata:${expression}`), deliveryStreamArn: STREAM, region: "us-east-1" });

const noFunction = (now = 1_700_000_000_000) =>
  fakeFunction(() => {
    throw new Error("a JSONata processor calls no function");
  }, now);

describe("JSONata as the transformation", () => {
  it("rewrites each JSON record with the expression, with no function to call", async () => {
    const env = noFunction();
    const out = await processRecords(
      input('{"user": user.name, "total": $sum(items.price), "skus": items.sku}'),
      [record("a", JSON.stringify({ user: { name: "ada" }, items: [{ sku: "x", price: 2 }, { sku: "y", price: 3.5 }] }))],
      env,
    );
    expect(env.calls).toHaveLength(0);
    expect(out[0]?.result).toBe("Ok");
    expect(JSON.parse(text(out[0]?.data ?? new Uint8Array()))).toEqual({ user: "ada", total: 5.5, skus: ["x", "y"] });
  });

  it("drops records for which the expression gives nothing", async () => {
    const out = await processRecords(
      input('level = "ERROR" ? {"msg": msg}'),
      [record("e", JSON.stringify({ level: "ERROR", msg: "disk full" })), record("i", JSON.stringify({ level: "INFO", msg: "ok" }))],
      noFunction(),
    );
    expect(out.map((r) => r.result)).toEqual(["Ok", "Dropped"]);
    expect(text(out[0]?.data ?? new Uint8Array())).toBe('{"msg":"disk full"}');
  });

  it("fails records that are not JSON, and those on which the expression fails", async () => {
    const out = await processRecords(
      input('$number(amount) * 2'),
      [record("text", "amount=3"), record("bad", JSON.stringify({ amount: "three" })), record("good", JSON.stringify({ amount: "3" }))],
      noFunction(),
    );
    expect(out.map((r) => r.error?.code ?? r.result)).toEqual(["Jsonata.InvalidInput", "Jsonata.EvaluationError", "Ok"]);
    expect(out[1]?.error).toMatchObject({ lambdaArn: "jsonata:$number(amount) * 2", attempts: 1 });
    expect(out[1]?.error?.message).toMatch(/^The JSONata expression failed: /);
    expect(text(out[1]?.data ?? new Uint8Array())).toBe('{"amount":"three"}');
    expect(text(out[2]?.data ?? new Uint8Array())).toBe("6");
  });

  it("reads the injected clock for $now() and $millis()", async () => {
    const out = await processRecords(input('{"at": $now(), "ms": $millis(), "day": $now("[Y0001]-[M01]-[D01]")}'), [record("a", "{}")], noFunction(86_400_000 * 365));
    expect(JSON.parse(text(out[0]?.data ?? new Uint8Array()))).toEqual({ at: "1971-01-01T00:00:00.000Z", ms: 31_536_000_000, day: "1971-01-01" });
  });

  it("compiles each expression once", async () => {
    const expression = `{"n": n + ${crypto.randomUUID().length}}`; // an expression no other test uses
    const before = jsonataCompilations();
    validateProcessingConfiguration(input(expression));
    expect(jsonataCompilations()).toBe(before + 1);
    for (let i = 0; i < 3; i++) {
      const out = await processRecords(input(expression), [record("a", '{"n": 1}'), record("b", '{"n": 2}')], noFunction());
      expect(out.map((r) => text(r.data))).toEqual(['{"n":37}', '{"n":38}']);
    }
    expect(jsonataCompilations()).toBe(before + 1);
  });

  it("refuses an expression JSONata cannot parse, at configuration", () => {
    expect(() => validateProcessingConfiguration(input("{ 'a': "))).toThrow(/LambdaArn has an invalid JSONata expression/);
  });
});
