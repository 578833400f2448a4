/**
 * The statement and query grammar (recursive descent over the lexer's tokens). Application code is a
 * list of statements separated by semicolons:
 *   CREATE [OR REPLACE] STREAM name (column type [NOT NULL], ...)
 *   CREATE [OR REPLACE] PUMP name AS INSERT INTO stream [(columns)] query
 * where a query is SELECT [STREAM] ... FROM ... [WHERE] [GROUP BY | WINDOWED BY STAGGER (...)] [HAVING]
 * [WINDOW ...], joined by UNION ALL, with a final ORDER BY.
 * Gaps: CREATE TABLE / VIEW / FUNCTION, INSERT outside a pump, DROP, and a top-level SELECT (AWS runs
 * only streams and pumps too); VALUES; WITH.
 */
import type { Alias, FromItem, Identifier, Query, Select, SelectItem, Statement, StaggerClause, TableFunctionArg, TypeSpec, WindowDefinition } from "./ast";
import { tokenize } from "./lexer";
import { parseExpression, parseOrderItems, parseType, parseWindowRef, parseWindowSpec } from "./parse-expression";
import { isIdentifierToken, TokenStream } from "./token-stream";

/** Parses application code; throws SqlParseError / SqlLexicalError naming the line and column. */
export function parseApplicationCode(source: string): Statement[] {
  const ts = new TokenStream(tokenize(source));
  const statements: Statement[] = [];
  for (;;) {
    while (ts.acceptSymbol(";"));
    ts.note("<EOF>");
    if (ts.atEnd()) return statements;
    statements.push(parseStatement(ts));
    if (!ts.atEnd()) ts.expectSymbol(";");
  }
}

/** Parses a type as an input schema's RecordColumn.SqlType spells it ("VARCHAR(4)", "DECIMAL(5,2)"). */
export function parseSqlTypeText(text: string): TypeSpec {
  const ts = new TokenStream(tokenize(text));
  const type = parseType(ts);
  if (!ts.atEnd()) ts.fail();
  return type;
}

function parseStatement(ts: TokenStream): Statement {
  const first = ts.expectKeyword("CREATE");
  let orReplace = false;
  if (ts.acceptKeyword("OR")) {
    ts.expectKeyword("REPLACE");
    orReplace = true;
  }
  if (ts.acceptKeyword("STREAM")) {
    const name = ts.expectIdentifier();
    ts.expectSymbol("(");
    const columns = [];
    do {
      const start = ts.current;
      const columnName = ts.expectIdentifier();
      const type = parseType(ts);
      let notNull = false;
      if (ts.acceptKeyword("NOT")) {
        ts.expectKeyword("NULL");
        notNull = true;
      } else {
        ts.acceptKeyword("NULL");
      }
      columns.push({ name: columnName, type, notNull, span: ts.spanFrom(start) });
    } while (ts.acceptSymbol(","));
    ts.expectSymbol(")");
    return { kind: "createStream", orReplace, name, columns, span: ts.spanFrom(first) };
  }
  ts.expectKeyword("PUMP");
  const name = ts.expectIdentifier();
  ts.expectKeyword("AS");
  ts.expectKeyword("INSERT");
  ts.expectKeyword("INTO");
  const target = ts.expectIdentifier();
  let targetColumns: Identifier[] | undefined;
  if (ts.acceptSymbol("(")) {
    targetColumns = [ts.expectIdentifier()];
    while (ts.acceptSymbol(",")) targetColumns.push(ts.expectIdentifier());
    ts.expectSymbol(")");
  }
  const query = parseQuery(ts);
  return { kind: "createPump", orReplace, name, target, targetColumns, query, span: ts.spanFrom(first) };
}

function parseQuery(ts: TokenStream): Query {
  const first = ts.current;
  let query = parseQueryTerm(ts);
  while (ts.acceptKeyword("UNION")) {
    let all = false;
    if (ts.acceptKeyword("ALL")) all = true;
    else ts.acceptKeyword("DISTINCT");
    const right = parseQueryTerm(ts);
    query = { kind: "union", all, left: query, right, orderBy: undefined, span: ts.spanFrom(first) };
  }
  if (ts.acceptKeyword("ORDER")) {
    ts.expectKeyword("BY");
    const orderBy = parseOrderItems(ts);
    if (query.orderBy !== undefined) ts.fail();
    query = { ...query, orderBy, span: ts.spanFrom(first) };
  }
  return query;
}

function parseQueryTerm(ts: TokenStream): Query {
  if (ts.acceptSymbol("(")) {
    const inner = parseQuery(ts);
    ts.expectSymbol(")");
    return inner;
  }
  return parseSelect(ts);
}

function parseSelect(ts: TokenStream): Select {
  const first = ts.expectKeyword("SELECT");
  const stream = ts.acceptKeyword("STREAM") !== undefined;
  let distinct = false;
  if (ts.acceptKeyword("DISTINCT")) distinct = true;
  else ts.acceptKeyword("ALL");
  const items = [parseSelectItem(ts)];
  while (ts.acceptSymbol(",")) items.push(parseSelectItem(ts));
  ts.expectKeyword("FROM");
  const from = parseFrom(ts);
  const where = ts.acceptKeyword("WHERE") ? parseExpression(ts) : undefined;
  let groupBy;
  let stagger: StaggerClause | undefined;
  if (ts.acceptKeyword("GROUP")) {
    ts.expectKeyword("BY");
    groupBy = [parseExpression(ts)];
    while (ts.acceptSymbol(",")) groupBy.push(parseExpression(ts));
  } else {
    const start = ts.current;
    if (ts.acceptKeyword("WINDOWED")) {
      ts.expectKeyword("BY");
      ts.expectKeyword("STAGGER");
      ts.expectSymbol("(");
      ts.expectKeyword("PARTITION");
      ts.expectKeyword("BY");
      const partitionBy = [parseExpression(ts)];
      while (ts.acceptSymbol(",")) partitionBy.push(parseExpression(ts));
      ts.expectKeyword("RANGE");
      const range = parseExpression(ts);
      ts.expectSymbol(")");
      stagger = { partitionBy, range, span: ts.spanFrom(start) };
    }
  }
  const having = ts.acceptKeyword("HAVING") ? parseExpression(ts) : undefined;
  const windows: WindowDefinition[] = [];
  if (ts.acceptKeyword("WINDOW")) {
    do {
      const start = ts.current;
      const name = ts.expectIdentifier();
      ts.expectKeyword("AS");
      const spec = parseWindowSpec(ts);
      windows.push({ name, spec, span: ts.spanFrom(start) });
    } while (ts.acceptSymbol(","));
  }
  return { kind: "select", stream, distinct, items, from, where, groupBy, stagger, having, windows, orderBy: undefined, span: ts.spanFrom(first) };
}

function parseSelectItem(ts: TokenStream): SelectItem {
  const first = ts.current;
  if (ts.acceptSymbol("*")) return { kind: "star", qualifier: undefined, span: ts.spanFrom(first) };
  // `s.*`: an identifier, a dot, a star.
  if (isIdentifierToken(first) && ts.peek().kind === "symbol" && ts.peek().value === "." && ts.peek(2).kind === "symbol" && ts.peek(2).value === "*") {
    const qualifier = ts.expectIdentifier();
    ts.next();
    ts.next();
    return { kind: "star", qualifier, span: ts.spanFrom(first) };
  }
  const expr = parseExpression(ts);
  let alias: Identifier | undefined;
  if (ts.acceptKeyword("AS")) alias = ts.expectIdentifier();
  else alias = ts.acceptIdentifier();
  return { kind: "expr", expr, alias, span: ts.spanFrom(first) };
}

function parseFrom(ts: TokenStream): FromItem {
  let left = parseFromTerm(ts);
  for (;;) {
    const start = ts.current;
    if (ts.acceptSymbol(",")) {
      const right = parseFromTerm(ts);
      left = { kind: "join", joinType: "cross", left, right, on: undefined, span: { start: left.span.start, end: right.span.end } };
      continue;
    }
    let joinType: "inner" | "left" | "right" | "full" | "cross" | undefined;
    if (ts.acceptKeyword("JOIN")) joinType = "inner";
    else if (ts.acceptKeyword("INNER")) joinType = "inner";
    else if (ts.acceptKeyword("LEFT")) joinType = "left";
    else if (ts.acceptKeyword("RIGHT")) joinType = "right";
    else if (ts.acceptKeyword("FULL")) joinType = "full";
    else if (ts.acceptKeyword("CROSS")) joinType = "cross";
    if (joinType === undefined) return left;
    if (start.value !== "JOIN") {
      if (joinType !== "inner" && joinType !== "cross") ts.acceptKeyword("OUTER");
      ts.expectKeyword("JOIN");
    }
    const right = parseFromTerm(ts);
    let on;
    if (joinType !== "cross") {
      ts.expectKeyword("ON");
      on = parseExpression(ts);
    }
    left = { kind: "join", joinType, left, right, on, span: { start: left.span.start, end: ts.previous.end } };
  }
}

function parseFromTerm(ts: TokenStream): FromItem {
  const first = ts.current;
  if (ts.acceptKeyword("TABLE")) {
    ts.expectSymbol("(");
    const name = ts.expectIdentifier();
    ts.expectSymbol("(");
    const args: TableFunctionArg[] = [];
    if (!ts.acceptSymbol(")")) {
      do args.push(parseTableFunctionArg(ts));
      while (ts.acceptSymbol(","));
      ts.expectSymbol(")");
    }
    ts.expectSymbol(")");
    const alias = parseAlias(ts);
    return { kind: "tableFunction", name, args, alias, span: ts.spanFrom(first) };
  }
  if (ts.acceptSymbol("(")) {
    const query = parseQuery(ts);
    ts.expectSymbol(")");
    const alias = parseAlias(ts);
    return { kind: "subquery", query, alias, span: ts.spanFrom(first) };
  }
  const name = ts.expectIdentifier();
  let window = ts.acceptKeyword("OVER") ? parseWindowRef(ts) : undefined;
  const alias = parseAlias(ts);
  if (window === undefined && ts.acceptKeyword("OVER")) window = parseWindowRef(ts);
  return { kind: "ref", name, alias, window, span: ts.spanFrom(first) };
}

function parseTableFunctionArg(ts: TokenStream): TableFunctionArg {
  const first = ts.current;
  if (ts.acceptKeyword("CURSOR")) {
    ts.expectSymbol("(");
    const query = parseQuery(ts);
    ts.expectSymbol(")");
    return { kind: "cursor", query, span: ts.spanFrom(first) };
  }
  const expr = parseExpression(ts);
  return { kind: "expr", expr, span: expr.span };
}

function parseAlias(ts: TokenStream): Alias | undefined {
  let name: Identifier | undefined;
  if (ts.acceptKeyword("AS")) name = ts.expectIdentifier();
  else name = ts.acceptIdentifier();
  if (name === undefined) return undefined;
  let columns: Identifier[] | undefined;
  if (ts.acceptSymbol("(")) {
    columns = [ts.expectIdentifier()];
    while (ts.acceptSymbol(",")) columns.push(ts.expectIdentifier());
    ts.expectSymbol(")");
  }
  return { name, columns };
}
