/**
 * The expression grammar (recursive descent, one function per precedence level), data types and window
 * specifications. Precedence, loosest first: OR; AND; NOT; comparisons and the predicates IS, BETWEEN,
 * IN, LIKE, SIMILAR TO; + and -; *, /, % and ||; unary sign.
 * Gaps: subqueries inside expressions (IN (SELECT ...), EXISTS), row constructors, `(expr).field`.
 */
import type {
  BinaryOp,
  Call,
  Expression,
  FrameBound,
  Identifier,
  IntervalLiteral,
  Literal,
  OrderItem,
  TimeUnit,
  TypeSpec,
  WindowFrame,
  WindowRef,
  WindowSpec,
} from "./ast";
import { SqlValidationError } from "./errors";
import type { Token } from "./lexer";
import { isIdentifierToken, toIdentifier, type TokenStream } from "./token-stream";

const TIME_UNITS: readonly TimeUnit[] = ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "DOW", "DOY", "EPOCH"];
const COMPARISONS = new Map<string, BinaryOp>([
  ["=", "="],
  ["<>", "<>"],
  ["<", "<"],
  ["<=", "<="],
  [">", ">"],
  [">=", ">="],
]);
const NILADIC = new Set(["CURRENT_ROW_TIMESTAMP", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME"]);

export function parseExpression(ts: TokenStream): Expression {
  return parseOr(ts);
}

function binary(op: BinaryOp, left: Expression, right: Expression): Expression {
  return { kind: "binary", op, left, right, span: { start: left.span.start, end: right.span.end } };
}

function parseOr(ts: TokenStream): Expression {
  let left = parseAnd(ts);
  while (ts.acceptKeyword("OR")) left = binary("OR", left, parseAnd(ts));
  return left;
}

function parseAnd(ts: TokenStream): Expression {
  let left = parseNot(ts);
  while (ts.acceptKeyword("AND")) left = binary("AND", left, parseNot(ts));
  return left;
}

function parseNot(ts: TokenStream): Expression {
  const start = ts.current;
  if (ts.acceptKeyword("NOT")) {
    const operand = parseNot(ts);
    return { kind: "unary", op: "NOT", operand, span: ts.spanFrom(start) };
  }
  return parsePredicate(ts);
}

function parsePredicate(ts: TokenStream): Expression {
  let left = parseAdditive(ts);
  for (;;) {
    const t = ts.current;
    for (const op of COMPARISONS.keys()) ts.note(`"${op}"`);
    const comparison = t.kind === "symbol" ? COMPARISONS.get(t.value) : undefined;
    if (comparison !== undefined) {
      ts.next();
      const right = parseAdditive(ts);
      left = binary(comparison, left, right);
      continue;
    }
    if (ts.acceptKeyword("IS")) {
      const negated = ts.acceptKeyword("NOT") !== undefined;
      if (ts.acceptKeyword("DISTINCT")) {
        ts.expectKeyword("FROM");
        const right = parseAdditive(ts);
        left = { kind: "isDistinct", left, right, negated, span: { start: left.span.start, end: right.span.end } };
        continue;
      }
      const test = (["NULL", "TRUE", "FALSE", "UNKNOWN"] as const).find((k) => ts.isKeyword(k));
      if (test === undefined) ts.fail();
      ts.next();
      left = { kind: "is", operand: left, test, negated, span: ts.spanFrom(tokenAt(left)) };
      continue;
    }
    // NOT BETWEEN / NOT IN / NOT LIKE / NOT SIMILAR TO.
    let negated = false;
    if (ts.current.kind === "ident" && ts.current.value === "NOT") {
      const after = ts.peek();
      if (after.kind === "ident" && ["BETWEEN", "IN", "LIKE", "SIMILAR"].includes(after.value)) {
        ts.next();
        negated = true;
      }
    }
    if (ts.acceptKeyword("BETWEEN")) {
      let symmetric = false;
      if (ts.acceptKeyword("SYMMETRIC")) symmetric = true;
      else ts.acceptKeyword("ASYMMETRIC");
      const low = parseAdditive(ts);
      ts.expectKeyword("AND");
      const high = parseAdditive(ts);
      left = { kind: "between", operand: left, low, high, negated, symmetric, span: { start: left.span.start, end: high.span.end } };
      continue;
    }
    if (ts.acceptKeyword("IN")) {
      ts.expectSymbol("(");
      if (ts.current.kind === "ident" && ts.current.value === "SELECT") {
        throw new SqlValidationError("Subqueries in IN are not supported", { start: ts.current.start, end: ts.current.end });
      }
      const list = [parseExpression(ts)];
      while (ts.acceptSymbol(",")) list.push(parseExpression(ts));
      ts.expectSymbol(")");
      left = { kind: "in", operand: left, list, negated, span: { start: left.span.start, end: ts.previous.end } };
      continue;
    }
    const similar = ts.acceptKeyword("SIMILAR") !== undefined;
    if (similar) ts.expectKeyword("TO");
    if (similar || ts.acceptKeyword("LIKE")) {
      const pattern = parseAdditive(ts);
      const escape = ts.acceptKeyword("ESCAPE") ? parseAdditive(ts) : undefined;
      left = { kind: "like", similar, operand: left, pattern, escape, negated, span: { start: left.span.start, end: ts.previous.end } };
      continue;
    }
    if (negated) ts.fail();
    return left;
  }
}

function tokenAt(e: Expression): Token {
  // spanFrom needs a token; a synthetic one at the expression's start serves.
  return { kind: "symbol", value: "", text: "", start: e.span.start, end: e.span.end };
}

function parseAdditive(ts: TokenStream): Expression {
  let left = parseMultiplicative(ts);
  for (;;) {
    if (ts.acceptSymbol("+")) left = binary("+", left, parseMultiplicative(ts));
    else if (ts.acceptSymbol("-")) left = binary("-", left, parseMultiplicative(ts));
    else return left;
  }
}

function parseMultiplicative(ts: TokenStream): Expression {
  let left = parseUnary(ts);
  for (;;) {
    if (ts.acceptSymbol("*")) left = binary("*", left, parseUnary(ts));
    else if (ts.acceptSymbol("/")) left = binary("/", left, parseUnary(ts));
    else if (ts.acceptSymbol("%")) left = binary("%", left, parseUnary(ts));
    else if (ts.acceptSymbol("||")) left = binary("||", left, parseUnary(ts));
    else return left;
  }
}

function parseUnary(ts: TokenStream): Expression {
  const start = ts.current;
  if (ts.acceptSymbol("-")) {
    const operand = parseUnary(ts);
    return { kind: "unary", op: "-", operand, span: ts.spanFrom(start) };
  }
  if (ts.acceptSymbol("+")) {
    const operand = parseUnary(ts);
    return { kind: "unary", op: "+", operand, span: ts.spanFrom(start) };
  }
  return parsePrimary(ts);
}

function literal(ts: TokenStream, literalType: Literal["literalType"], text: string, start: Token): Literal {
  return { kind: "literal", literalType, text, span: ts.spanFrom(start) };
}

function parsePrimary(ts: TokenStream): Expression {
  const t = ts.current;
  switch (t.kind) {
    case "integer":
    case "decimal":
    case "approx":
      ts.next();
      return literal(ts, t.kind, t.value, t);
    case "string":
      ts.next();
      return literal(ts, "string", t.value, t);
    case "binary":
      ts.next();
      return literal(ts, "binary", t.value, t);
    case "symbol":
      if (t.value === "(") {
        ts.next();
        if (ts.current.kind === "ident" && ts.current.value === "SELECT") {
          throw new SqlValidationError("Subqueries in expressions are not supported", { start: ts.current.start, end: ts.current.end });
        }
        const inner = parseExpression(ts);
        ts.expectSymbol(")");
        return inner;
      }
      break;
    case "quoted":
      return parseNameOrCall(ts);
    case "ident":
      switch (t.value) {
        case "NULL":
          ts.next();
          return literal(ts, "null", "NULL", t);
        case "TRUE":
        case "FALSE":
          ts.next();
          return literal(ts, "boolean", t.value, t);
        case "UNKNOWN":
          ts.next();
          return literal(ts, "null", "UNKNOWN", t);
        case "CASE":
          return parseCase(ts);
        case "CAST":
          return parseCast(ts);
        case "INTERVAL":
          return parseInterval(ts);
        case "TIMESTAMP":
        case "DATE":
        case "TIME":
          if (ts.peek().kind === "string") {
            ts.next();
            const s = ts.next();
            return literal(ts, t.value === "TIMESTAMP" ? "timestamp" : t.value === "DATE" ? "date" : "time", s.value, t);
          }
          break;
      }
      if (NILADIC.has(t.value) && !(ts.peek().kind === "symbol" && ts.peek().value === "(")) {
        ts.next();
        return call(toIdentifier(t), [], ts.spanFrom(t));
      }
      if (isIdentifierToken(t)) return parseNameOrCall(ts);
      break;
  }
  ts.note("<expression>");
  return ts.fail();
}

function call(name: Identifier, args: Expression[], span: Call["span"], extra: Partial<Call> = {}): Call {
  return { kind: "call", name, args, distinct: false, star: false, unit: undefined, trim: undefined, over: undefined, span, ...extra };
}

function parseNameOrCall(ts: TokenStream): Expression {
  const first = ts.current;
  const head = ts.expectIdentifier();
  if (ts.current.kind === "symbol" && ts.current.value === "(") {
    if (!head.quoted) {
      const special = parseSpecialForm(ts, head, first);
      if (special !== undefined) return withOver(ts, special, first);
    }
    return withOver(ts, parseCallArguments(ts, head, first), first);
  }
  const parts = [head];
  while (ts.current.kind === "symbol" && ts.current.value === "." && isIdentifierToken(ts.peek())) {
    ts.next();
    parts.push(ts.expectIdentifier());
  }
  return { kind: "identifier", parts, span: ts.spanFrom(first) };
}

function parseCallArguments(ts: TokenStream, name: Identifier, first: Token): Call {
  ts.expectSymbol("(");
  if (ts.acceptSymbol("*")) {
    ts.expectSymbol(")");
    return call(name, [], ts.spanFrom(first), { star: true });
  }
  let distinct = false;
  if (ts.acceptKeyword("DISTINCT")) distinct = true;
  else ts.acceptKeyword("ALL");
  const args: Expression[] = [];
  if (!ts.acceptSymbol(")")) {
    args.push(parseExpression(ts));
    while (ts.acceptSymbol(",")) args.push(parseExpression(ts));
    ts.expectSymbol(")");
  }
  return call(name, args, ts.spanFrom(first), { distinct });
}

function withOver(ts: TokenStream, c: Call, first: Token): Call {
  if (!ts.acceptKeyword("OVER")) return c;
  const over = parseWindowRef(ts);
  return { ...c, over, span: ts.spanFrom(first) };
}

function parseTimeUnit(ts: TokenStream): TimeUnit {
  const unit = TIME_UNITS.find((u) => ts.isKeyword(u));
  if (unit === undefined) ts.fail();
  ts.next();
  return unit;
}

/** The SQL standard's keyword-argument functions; undefined when `name` is an ordinary function. */
function parseSpecialForm(ts: TokenStream, name: Identifier, first: Token): Call | undefined {
  switch (name.name) {
    case "FLOOR":
    case "CEIL":
    case "CEILING": {
      ts.expectSymbol("(");
      const arg = parseExpression(ts);
      const unit = ts.acceptKeyword("TO") ? parseTimeUnit(ts) : undefined;
      ts.expectSymbol(")");
      return call({ ...name, name: name.name === "CEILING" ? "CEIL" : name.name }, [arg], ts.spanFrom(first), { unit });
    }
    case "STEP": {
      ts.expectSymbol("(");
      const arg = parseExpression(ts);
      ts.expectKeyword("BY");
      const by = parseExpression(ts);
      ts.expectSymbol(")");
      return call(name, [arg, by], ts.spanFrom(first));
    }
    case "EXTRACT": {
      ts.expectSymbol("(");
      const unit = parseTimeUnit(ts);
      ts.expectKeyword("FROM");
      const arg = parseExpression(ts);
      ts.expectSymbol(")");
      return call(name, [arg], ts.spanFrom(first), { unit });
    }
    case "SUBSTRING": {
      ts.expectSymbol("(");
      const args = [parseExpression(ts)];
      if (ts.acceptKeyword("FROM")) {
        args.push(parseExpression(ts));
        if (ts.acceptKeyword("FOR")) args.push(parseExpression(ts));
      } else {
        ts.expectSymbol(",");
        args.push(parseExpression(ts));
        if (ts.acceptSymbol(",")) args.push(parseExpression(ts));
      }
      ts.expectSymbol(")");
      return call(name, args, ts.spanFrom(first));
    }
    case "POSITION": {
      ts.expectSymbol("(");
      const needle = parseAdditive(ts);
      ts.expectKeyword("IN");
      const args = [needle, parseExpression(ts)];
      if (ts.acceptKeyword("FROM")) args.push(parseExpression(ts));
      ts.expectSymbol(")");
      return call(name, args, ts.spanFrom(first));
    }
    case "TRIM": {
      ts.expectSymbol("(");
      const trim = (["BOTH", "LEADING", "TRAILING"] as const).find((k) => ts.isKeyword(k));
      if (trim !== undefined) ts.next();
      let chars: Expression | undefined;
      let source: Expression;
      if (ts.acceptKeyword("FROM")) {
        source = parseExpression(ts);
      } else {
        const e = parseExpression(ts);
        if (ts.acceptKeyword("FROM")) {
          chars = e;
          source = parseExpression(ts);
        } else {
          source = e;
        }
      }
      ts.expectSymbol(")");
      return call(name, chars === undefined ? [source] : [source, chars], ts.spanFrom(first), { trim: trim ?? "BOTH" });
    }
    case "OVERLAY": {
      ts.expectSymbol("(");
      const args = [parseExpression(ts)];
      ts.expectKeyword("PLACING");
      args.push(parseExpression(ts));
      ts.expectKeyword("FROM");
      args.push(parseExpression(ts));
      if (ts.acceptKeyword("FOR")) args.push(parseExpression(ts));
      ts.expectSymbol(")");
      return call(name, args, ts.spanFrom(first));
    }
    default:
      return undefined;
  }
}

function parseCase(ts: TokenStream): Expression {
  const first = ts.expectKeyword("CASE");
  const operand = ts.isKeyword("WHEN") ? undefined : parseExpression(ts);
  const whens: { when: Expression; then: Expression }[] = [];
  while (ts.acceptKeyword("WHEN")) {
    const when = parseExpression(ts);
    ts.expectKeyword("THEN");
    whens.push({ when, then: parseExpression(ts) });
  }
  if (whens.length === 0) ts.fail();
  const otherwise = ts.acceptKeyword("ELSE") ? parseExpression(ts) : undefined;
  ts.expectKeyword("END");
  return { kind: "case", operand, whens, otherwise, span: ts.spanFrom(first) };
}

function parseCast(ts: TokenStream): Expression {
  const first = ts.expectKeyword("CAST");
  ts.expectSymbol("(");
  const operand = parseExpression(ts);
  ts.expectKeyword("AS");
  const type = parseType(ts);
  ts.expectSymbol(")");
  return { kind: "cast", operand, type, span: ts.spanFrom(first) };
}

function parseInterval(ts: TokenStream): IntervalLiteral {
  const first = ts.expectKeyword("INTERVAL");
  let negative = false;
  if (ts.acceptSymbol("-")) negative = true;
  else ts.acceptSymbol("+");
  ts.note("<STRING>");
  const text = ts.current;
  if (text.kind !== "string") ts.fail();
  ts.next();
  const startUnit = parseTimeUnit(ts);
  skipPrecision(ts);
  let endUnit: TimeUnit | undefined;
  if (ts.acceptKeyword("TO")) {
    endUnit = parseTimeUnit(ts);
    skipPrecision(ts);
  }
  return { kind: "interval", negative, text: text.value, startUnit, endUnit, span: ts.spanFrom(first) };
}

function skipPrecision(ts: TokenStream): void {
  if (ts.acceptSymbol("(")) {
    readInteger(ts);
    if (ts.acceptSymbol(",")) readInteger(ts);
    ts.expectSymbol(")");
  }
}

function readInteger(ts: TokenStream): number {
  ts.note("<UNSIGNED_INTEGER_LITERAL>");
  const t = ts.current;
  if (t.kind !== "integer") ts.fail();
  ts.next();
  return Number(t.value);
}

/** A data type: the names AWS's SQL Reference lists, with their synonyms. */
export function parseType(ts: TokenStream): TypeSpec {
  const first = ts.current;
  ts.note("<DATA TYPE>");
  if (first.kind !== "ident") ts.fail();
  ts.next();
  let name = first.value;
  const params: number[] = [];
  const readParams = (max: number): void => {
    if (ts.acceptSymbol("(")) {
      params.push(readInteger(ts));
      if (max > 1 && ts.acceptSymbol(",")) params.push(readInteger(ts));
      ts.expectSymbol(")");
    }
  };
  switch (name) {
    case "INT":
      name = "INTEGER";
      break;
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INTEGER":
    case "BIGINT":
    case "REAL":
    case "DATE":
      break;
    case "DEC":
    case "NUMERIC":
    case "DECIMAL":
      name = "DECIMAL";
      readParams(2);
      break;
    case "FLOAT":
      name = "DOUBLE";
      readParams(1);
      params.length = 0;
      break;
    case "DOUBLE":
      ts.acceptKeyword("PRECISION");
      break;
    case "CHARACTER":
    case "CHAR":
      name = ts.acceptKeyword("VARYING") ? "VARCHAR" : "CHAR";
      readParams(1);
      skipCharacterSet(ts);
      break;
    case "VARCHAR":
      readParams(1);
      skipCharacterSet(ts);
      break;
    case "BINARY":
      name = ts.acceptKeyword("VARYING") ? "VARBINARY" : "BINARY";
      readParams(1);
      break;
    case "VARBINARY":
      readParams(1);
      break;
    case "TIME":
    case "TIMESTAMP":
      // TIME(p) / TIMESTAMP(p): AWS keeps milliseconds whatever the precision.
      readParams(1);
      params.length = 0;
      break;
    default:
      throw new SqlValidationError(`Unknown datatype name '${first.text}'`, { start: first.start, end: first.end });
  }
  return { name, params, span: ts.spanFrom(first) };
}

function skipCharacterSet(ts: TokenStream): void {
  if (ts.current.kind === "ident" && ts.current.value === "CHARACTER" && ts.peek().kind === "ident" && ts.peek().value === "SET") {
    ts.next();
    ts.next();
    ts.expectIdentifier();
  }
}

/** After OVER: a window's name, or an inline specification in parentheses. */
export function parseWindowRef(ts: TokenStream): WindowRef {
  const first = ts.current;
  if (ts.isSymbol("(")) {
    const spec = parseWindowSpec(ts);
    return { kind: "inline", spec, span: spec.span };
  }
  const name = ts.expectIdentifier();
  return { kind: "named", name, span: ts.spanFrom(first) };
}

/** `( [base] [PARTITION BY ...] [ORDER BY ...] [ROWS | RANGE frame] )`. */
export function parseWindowSpec(ts: TokenStream): WindowSpec {
  const first = ts.expectSymbol("(");
  let base: Identifier | undefined;
  if (isIdentifierToken(ts.current) && !["PARTITION", "ORDER", "ROWS", "RANGE"].includes(ts.current.value)) {
    base = ts.expectIdentifier();
  }
  let partitionBy: Expression[] = [];
  if (ts.acceptKeyword("PARTITION")) {
    ts.expectKeyword("BY");
    partitionBy = [parseExpression(ts)];
    while (ts.acceptSymbol(",")) partitionBy.push(parseExpression(ts));
  }
  let orderBy: OrderItem[] | undefined;
  if (ts.acceptKeyword("ORDER")) {
    ts.expectKeyword("BY");
    orderBy = parseOrderItems(ts);
  }
  let frame: WindowFrame | undefined;
  const unitToken = ts.current;
  const unit = ts.acceptKeyword("ROWS") ? "ROWS" : ts.acceptKeyword("RANGE") ? "RANGE" : undefined;
  if (unit !== undefined) {
    if (ts.acceptKeyword("BETWEEN")) {
      const start = parseFrameBound(ts);
      ts.expectKeyword("AND");
      const end = parseFrameBound(ts);
      frame = { unit, start, end, span: ts.spanFrom(unitToken) };
    } else {
      const start = parseFrameBound(ts);
      const end: FrameBound = { kind: "currentRow", span: start.span };
      frame = { unit, start, end, span: ts.spanFrom(unitToken) };
    }
  }
  ts.expectSymbol(")");
  return { base, partitionBy, orderBy, frame, span: ts.spanFrom(first) };
}

function parseFrameBound(ts: TokenStream): FrameBound {
  const first = ts.current;
  if (ts.acceptKeyword("UNBOUNDED")) {
    if (ts.acceptKeyword("PRECEDING")) return { kind: "unboundedPreceding", span: ts.spanFrom(first) };
    ts.expectKeyword("FOLLOWING");
    return { kind: "unboundedFollowing", span: ts.spanFrom(first) };
  }
  if (ts.acceptKeyword("CURRENT")) {
    ts.expectKeyword("ROW");
    return { kind: "currentRow", span: ts.spanFrom(first) };
  }
  const offset = parseAdditive(ts);
  if (ts.acceptKeyword("PRECEDING")) return { kind: "preceding", offset, span: ts.spanFrom(first) };
  ts.expectKeyword("FOLLOWING");
  return { kind: "following", offset, span: ts.spanFrom(first) };
}

export function parseOrderItems(ts: TokenStream): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const first = ts.current;
    const expr = parseExpression(ts);
    let descending = false;
    if (ts.acceptKeyword("DESC")) descending = true;
    else ts.acceptKeyword("ASC");
    items.push({ expr, descending, span: ts.spanFrom(first) });
  } while (ts.acceptSymbol(","));
  return items;
}
