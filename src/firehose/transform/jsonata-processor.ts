/**
 * A Lambda processor whose LambdaArn is `jsonata:<expression>` (a Rivulet extension): no function to
 * deploy; each record, which must be JSON, is replaced by the expression's result, serialized as
 * JSON. A result of nothing (`undefined`, e.g. a path that matches nothing or a condition without
 * an else) drops the record. A record that is not JSON, or an expression that fails on it, fails
 * the record (Jsonata.InvalidInput, Jsonata.EvaluationError), with attemptsMade 1: there is no
 * invocation to retry.
 */
import { JSONATA_FAILURES } from "./failures";
import { parseJson } from "./json";
import { evaluateJsonata } from "./jsonata";
import type { LambdaOutcome } from "./lambda";
import type { WorkingRecord } from "./working-record";

const encoder = new TextEncoder();

export async function applyJsonata(expression: string, records: WorkingRecord[], now: () => number): Promise<LambdaOutcome[]> {
  const outcomes: LambdaOutcome[] = [];
  for (const record of records) {
    const input = parseJson(record.data);
    if (input === undefined) {
      outcomes.push({ result: "ProcessingFailed", failure: JSONATA_FAILURES.notJson, attempts: 1 });
      continue;
    }
    let text: string | undefined;
    try {
      text = JSON.stringify(await evaluateJsonata(expression, input, now));
    } catch (error) {
      outcomes.push({ result: "ProcessingFailed", failure: JSONATA_FAILURES.evaluation(error instanceof Error ? error.message : String(error)), attempts: 1 });
      continue;
    }
    outcomes.push(text === undefined ? { result: "Dropped" } : { result: "Ok", data: encoder.encode(text), partitionKeys: {} });
  }
  return outcomes;
}
