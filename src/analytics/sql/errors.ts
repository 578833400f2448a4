/**
 * The engine's errors. Two kinds, never mixed:
 * - SqlError: the application code is refused (at compile time). Its message names where, in the forms
 *   AWS's SQL engine (SQLstream, built on Eigenbase/Calcite) used: `Encountered "FROM" at line 3, column 5.
 *   Was expecting one of: ...` for syntax, `From line 2, column 8 to line 2, column 13: <reason>` for
 *   everything found after parsing. Deliberate difference: the list of expected tokens is on one line.
 * - SqlDataError: one row cannot be processed (a value that cannot be coerced, division by zero...). The
 *   row goes to error_stream, the application keeps running.
 * Plug-in functions throw SqlArgumentError from bind() (the compiler adds the position) and SqlDataError
 * from evaluation.
 */

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceSpan {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Application code the engine refuses; `line` and `column` say where. */
export class SqlError extends Error {
  constructor(
    message: string,
    /** The message without its position prefix. */
    readonly reason: string,
    readonly span: SourceSpan,
  ) {
    super(message);
    this.name = "SqlError";
  }

  get line(): number {
    return this.span.start.line;
  }

  get column(): number {
    return this.span.start.column;
  }
}

/** A syntax error: what was found where, and what the grammar allowed there. */
export class SqlParseError extends SqlError {
  constructor(
    readonly found: string,
    position: SourcePosition,
    readonly expected: readonly string[],
  ) {
    const at = `Encountered "${found}" at line ${position.line}, column ${position.column}.`;
    const reason = expected.length > 0 ? `Was expecting one of: ${expected.join(", ")}` : "";
    super(reason ? `${at} ${reason}` : at, reason || at, { start: position, end: position });
    this.name = "SqlParseError";
  }
}

/** A lexical error (unterminated string or comment, a character SQL does not use). */
export class SqlLexicalError extends SqlError {
  constructor(position: SourcePosition, detail: string) {
    super(`Lexical error at line ${position.line}, column ${position.column}. ${detail}`, detail, {
      start: position,
      end: position,
    });
    this.name = "SqlLexicalError";
  }
}

/** A well-formed statement that cannot run: unknown names, type mismatches, streaming rules. */
export class SqlValidationError extends SqlError {
  constructor(reason: string, span: SourceSpan) {
    const { start, end } = span;
    super(
      `From line ${start.line}, column ${start.column} to line ${end.line}, column ${end.column}: ${reason}`,
      reason,
      span,
    );
    this.name = "SqlValidationError";
  }
}

/** Thrown by a plug-in's bind() when its arguments do not fit; the compiler turns it into a SqlValidationError. */
export class SqlArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlArgumentError";
  }
}

/**
 * One row cannot be processed. `errorName` becomes error_stream's ERROR_NAME (at most 32 characters),
 * the message its MESSAGE.
 */
export class SqlDataError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = "SqlDataError";
  }
}

export function divisionByZero(): SqlDataError {
  return new SqlDataError("Division by zero", "Division by zero");
}
