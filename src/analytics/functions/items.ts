/**
 * Column values as the item functions (TOP_K_ITEMS_TUMBLING, COUNT_DISTINCT_ITEMS_TUMBLING) count
 * them, and the tumbling window both use.
 *
 * An item's key is its type tag and text, so equal SQL values count together (1 and 1.0, "-0" and
 * "0") and a key turns back into its value when a snapshot is restored.
 */
import { AnalyticsFunctionError, checkIntegerRange } from "./errors";

/** A SQL value as the engine hands it over (timestamps as epoch milliseconds, VARBINARY as bytes). */
export type ItemValue = string | number | bigint | boolean | null | Uint8Array;

export function itemKey(value: ItemValue): string {
  switch (typeof value) {
    case "string":
      return `s${value}`;
    case "number":
      return `d${String(value)}`;
    case "bigint":
      return `i${String(value)}`;
    case "boolean":
      return value ? "b1" : "b0";
    default:
      if (value instanceof Uint8Array) return `x${Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("")}`;
      return "n";
  }
}

export function itemFromKey(key: string): ItemValue {
  const text = key.slice(1);
  switch (key[0]) {
    case "s":
      return text;
    case "d":
      return Number(text);
    case "i":
      return BigInt(text);
    case "b":
      return text === "1";
    case "x":
      return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
    default:
      return null;
  }
}

/** Window sizes of both functions: "at least 1 second and ... not exceed 1 hour = 3600 seconds". */
export const TUMBLING_WINDOW_LIMITS = { minWindowSize: 1, maxWindowSize: 3600 } as const;

/**
 * Which tumbling window a ROWTIME falls in. Windows are aligned on the epoch, as STEP and FLOOR
 * align them, so a 60-second window runs from one minute to the next; a window's rows come out
 * with ROWTIME its end. ROWTIME only grows, so a row never belongs to a window before the open one.
 */
export class TumblingClock {
  readonly windowMs: number;

  constructor(functionName: string, windowSize: number) {
    checkIntegerRange(functionName, "windowSize", windowSize, TUMBLING_WINDOW_LIMITS.minWindowSize, TUMBLING_WINDOW_LIMITS.maxWindowSize);
    this.windowMs = windowSize * 1000;
  }

  startOf(rowtime: number): number {
    return Math.floor(rowtime / this.windowMs) * this.windowMs;
  }
}

export function checkColumnName(functionName: string, column: string): void {
  if (column.length === 0) throw new AnalyticsFunctionError(functionName, "columnName", "columnName must name a column of the in-application stream, in single quotation marks");
}
