/**
 * A table function in FROM (TABLE(F(CURSOR(SELECT STREAM ...), args))): the cursor's rows go to the
 * plug-in's instance, whose emitted rows become this relation's rows. The instance's state is part of
 * the pump's snapshot.
 */
import type { TableFunctionInstance } from "../plugins";
import type { JsonValue, Row } from "../values";
import type { Push, PumpRuntime, StatefulNode } from "./runtime";

export class TableFunctionNode implements StatefulNode {
  private readonly instance: TableFunctionInstance;

  constructor(
    private readonly rt: PumpRuntime,
    create: (emit: (rowtime: number, values: Row) => void) => TableFunctionInstance,
    out: Push,
    private readonly inputColumns: readonly string[],
  ) {
    this.instance = create((rowtime, values) => out([rowtime, ...values]));
  }

  push = (row: Row): void => {
    const rowtime = row[0];
    if (typeof rowtime !== "number") return;
    try {
      this.instance.push(rowtime, row.slice(1));
    } catch (e) {
      this.rt.fail(e, row, this.inputColumns);
    }
  };

  advance(time: number): void {
    try {
      this.instance.advance(time);
    } catch (e) {
      this.rt.fail(e, null);
    }
  }

  snapshot(): JsonValue {
    return this.instance.snapshot();
  }

  restore(state: JsonValue): void {
    this.instance.restore(state);
  }
}
