/**
 * The one error the analytic functions and log parsers throw. The SQL engine turns it into the
 * error AWS reports for bad function arguments (a CodeValidationException when the application's
 * code is checked, an error_stream row when a value cannot be parsed).
 *
 * Deliberate difference: AWS never published the text of these runtime messages, so ours state
 * the documented rule (for instance the SQL Reference's "You can set this value between 1 and
 * 1,000 (inclusive)") in one consistent sentence shape: `<FUNCTION>: <parameter> <rule>; got <value>`.
 */
export class AnalyticsFunctionError extends Error {
  constructor(
    /** The SQL function, as AWS spells it: RANDOM_CUT_FOREST, W3C_LOG_PARSE, ... */
    readonly functionName: string,
    /** The parameter at fault (its name in the SQL Reference), or "input" for a bad value. */
    readonly parameter: string,
    message: string,
  ) {
    super(`${functionName}: ${message}`);
    this.name = "AnalyticsFunctionError";
  }
}

/** Checks that `value` is an integer in [min, max], as the SQL Reference states each range. */
export function checkIntegerRange(functionName: string, parameter: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AnalyticsFunctionError(
      functionName,
      parameter,
      `${parameter} must be an integer between ${min.toLocaleString("en-US")} and ${max.toLocaleString("en-US")} (inclusive); got ${String(value)}`,
    );
  }
}
