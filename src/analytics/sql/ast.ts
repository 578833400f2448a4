/**
 * The syntax tree the parser builds. Every node keeps its source span so that later errors can name
 * the line and column. Names are already folded (unquoted identifiers to upper case).
 */
import type { SourceSpan } from "./errors";

export interface Identifier {
  readonly name: string;
  readonly quoted: boolean;
  readonly span: SourceSpan;
}

export type Statement = CreateStream | CreatePump;

export interface CreateStream {
  readonly kind: "createStream";
  readonly orReplace: boolean;
  readonly name: Identifier;
  readonly columns: readonly ColumnDefinition[];
  readonly span: SourceSpan;
}

export interface ColumnDefinition {
  readonly name: Identifier;
  readonly type: TypeSpec;
  readonly notNull: boolean;
  readonly span: SourceSpan;
}

export interface TypeSpec {
  /** Canonical name: VARCHAR, CHAR, DECIMAL, DOUBLE, ... */
  readonly name: string;
  readonly params: readonly number[];
  readonly span: SourceSpan;
}

export interface CreatePump {
  readonly kind: "createPump";
  readonly orReplace: boolean;
  readonly name: Identifier;
  readonly target: Identifier;
  readonly targetColumns: readonly Identifier[] | undefined;
  readonly query: Query;
  readonly span: SourceSpan;
}

export type Query = Select | Union;

export interface Select {
  readonly kind: "select";
  readonly stream: boolean;
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem;
  readonly where: Expression | undefined;
  readonly groupBy: readonly Expression[] | undefined;
  readonly stagger: StaggerClause | undefined;
  readonly having: Expression | undefined;
  readonly windows: readonly WindowDefinition[];
  readonly orderBy: readonly OrderItem[] | undefined;
  readonly span: SourceSpan;
}

export interface Union {
  readonly kind: "union";
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
  readonly orderBy: readonly OrderItem[] | undefined;
  readonly span: SourceSpan;
}

export type SelectItem =
  | { readonly kind: "star"; readonly qualifier: Identifier | undefined; readonly span: SourceSpan }
  | { readonly kind: "expr"; readonly expr: Expression; readonly alias: Identifier | undefined; readonly span: SourceSpan };

export interface StaggerClause {
  readonly partitionBy: readonly Expression[];
  readonly range: Expression;
  readonly span: SourceSpan;
}

export interface OrderItem {
  readonly expr: Expression;
  readonly descending: boolean;
  readonly span: SourceSpan;
}

export interface Alias {
  readonly name: Identifier;
  readonly columns: readonly Identifier[] | undefined;
}

export type FromItem = StreamRef | SubqueryRef | TableFunctionRef | Join;

export interface StreamRef {
  readonly kind: "ref";
  readonly name: Identifier;
  readonly alias: Alias | undefined;
  /** `JOIN S OVER (RANGE ...)`: the window of a stream in a windowed join. */
  readonly window: WindowRef | undefined;
  readonly span: SourceSpan;
}

export interface SubqueryRef {
  readonly kind: "subquery";
  readonly query: Query;
  readonly alias: Alias | undefined;
  readonly span: SourceSpan;
}

export interface TableFunctionRef {
  readonly kind: "tableFunction";
  readonly name: Identifier;
  readonly args: readonly TableFunctionArg[];
  readonly alias: Alias | undefined;
  readonly span: SourceSpan;
}

export type TableFunctionArg =
  | { readonly kind: "cursor"; readonly query: Query; readonly span: SourceSpan }
  | { readonly kind: "expr"; readonly expr: Expression; readonly span: SourceSpan };

export interface Join {
  readonly kind: "join";
  readonly joinType: "inner" | "left" | "right" | "full" | "cross";
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on: Expression | undefined;
  readonly span: SourceSpan;
}

export type WindowRef =
  | { readonly kind: "named"; readonly name: Identifier; readonly span: SourceSpan }
  | { readonly kind: "inline"; readonly spec: WindowSpec; readonly span: SourceSpan };

export interface WindowSpec {
  /** `(W1 ...)`: a window built on another named window. */
  readonly base: Identifier | undefined;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderItem[] | undefined;
  readonly frame: WindowFrame | undefined;
  readonly span: SourceSpan;
}

export interface WindowFrame {
  readonly unit: "ROWS" | "RANGE";
  readonly start: FrameBound;
  readonly end: FrameBound;
  readonly span: SourceSpan;
}

export type FrameBound =
  | { readonly kind: "unboundedPreceding" | "unboundedFollowing" | "currentRow"; readonly span: SourceSpan }
  | { readonly kind: "preceding" | "following"; readonly offset: Expression; readonly span: SourceSpan };

export interface WindowDefinition {
  readonly name: Identifier;
  readonly spec: WindowSpec;
  readonly span: SourceSpan;
}

export type TimeUnit = "YEAR" | "MONTH" | "WEEK" | "DAY" | "HOUR" | "MINUTE" | "SECOND" | "MILLISECOND" | "QUARTER" | "DOW" | "DOY" | "EPOCH";

export type Expression =
  | Literal
  | IntervalLiteral
  | IdentifierChain
  | Unary
  | Binary
  | IsTest
  | IsDistinct
  | Between
  | InList
  | Like
  | Case
  | Cast
  | Call;

export interface Literal {
  readonly kind: "literal";
  readonly literalType: "integer" | "decimal" | "approx" | "string" | "boolean" | "null" | "binary" | "timestamp" | "date" | "time";
  /** The literal's text as written (unescaped for strings). */
  readonly text: string;
  readonly span: SourceSpan;
}

export interface IntervalLiteral {
  readonly kind: "interval";
  readonly negative: boolean;
  readonly text: string;
  readonly startUnit: TimeUnit;
  readonly endUnit: TimeUnit | undefined;
  readonly span: SourceSpan;
}

/** A name, possibly qualified: `col`, `s.col`, `"S"."col"`, `l.r.COLUMN1`. */
export interface IdentifierChain {
  readonly kind: "identifier";
  readonly parts: readonly Identifier[];
  readonly span: SourceSpan;
}

export interface Unary {
  readonly kind: "unary";
  readonly op: "-" | "+" | "NOT";
  readonly operand: Expression;
  readonly span: SourceSpan;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "||" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "AND" | "OR";

export interface Binary {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: SourceSpan;
}

export interface IsTest {
  readonly kind: "is";
  readonly operand: Expression;
  readonly test: "NULL" | "TRUE" | "FALSE" | "UNKNOWN";
  readonly negated: boolean;
  readonly span: SourceSpan;
}

export interface IsDistinct {
  readonly kind: "isDistinct";
  readonly left: Expression;
  readonly right: Expression;
  readonly negated: boolean;
  readonly span: SourceSpan;
}

export interface Between {
  readonly kind: "between";
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly span: SourceSpan;
}

export interface InList {
  readonly kind: "in";
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
  readonly span: SourceSpan;
}

export interface Like {
  readonly kind: "like";
  readonly similar: boolean;
  readonly operand: Expression;
  readonly pattern: Expression;
  readonly escape: Expression | undefined;
  readonly negated: boolean;
  readonly span: SourceSpan;
}

export interface Case {
  readonly kind: "case";
  readonly operand: Expression | undefined;
  readonly whens: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly otherwise: Expression | undefined;
  readonly span: SourceSpan;
}

export interface Cast {
  readonly kind: "cast";
  readonly operand: Expression;
  readonly type: TypeSpec;
  readonly span: SourceSpan;
}

/**
 * A function call. The SQL standard's special forms are calls too: FLOOR(x TO MINUTE) has `unit`,
 * STEP(x BY INTERVAL ...) has two arguments, TRIM(LEADING 'x' FROM s) has `trim`, SUBSTRING(s FROM a
 * FOR b), POSITION(a IN b) and OVERLAY(s PLACING t FROM a FOR b) their operands in order, EXTRACT(unit
 * FROM x) `unit`, CURRENT_ROW_TIMESTAMP and its kin no arguments.
 */
export interface Call {
  readonly kind: "call";
  readonly name: Identifier;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  /** COUNT(*). */
  readonly star: boolean;
  readonly unit: TimeUnit | undefined;
  readonly trim: "BOTH" | "LEADING" | "TRAILING" | undefined;
  readonly over: WindowRef | undefined;
  readonly span: SourceSpan;
}
