/**
 * SQL types as AWS's SQL Reference lists them, and the rules that relate them: families, the common
 * type of two operands, what may be assigned (inserted) into what.
 *
 * Deliberate differences from AWS: FLOAT is DOUBLE; CHAR(n) is not blank-padded (it behaves as
 * VARCHAR(n), truncating); BINARY(n) likewise behaves as VARBINARY(n); INTERVAL values are day-time
 * intervals only (AWS does not support year-month intervals either). ROW is the type of the log
 * parsers' results (`l.r.COLUMN1`); it cannot be a stream column's type.
 */

export type SqlTypeName =
  | "BOOLEAN"
  | "TINYINT"
  | "SMALLINT"
  | "INTEGER"
  | "BIGINT"
  | "DECIMAL"
  | "REAL"
  | "DOUBLE"
  | "CHAR"
  | "VARCHAR"
  | "BINARY"
  | "VARBINARY"
  | "DATE"
  | "TIME"
  | "TIMESTAMP"
  | "INTERVAL"
  | "ROW"
  | "NULL";

export interface SqlType {
  readonly name: SqlTypeName;
  /** CHAR, VARCHAR, BINARY, VARBINARY: the maximum length. */
  readonly length?: number;
  /** DECIMAL. */
  readonly precision?: number;
  readonly scale?: number;
  /** ROW: its fields, in order. */
  readonly fields?: readonly ColumnDescriptor[];
}

export interface ColumnDescriptor {
  readonly name: string;
  readonly type: SqlType;
}

/** The longest CHAR/VARCHAR AWS allows ("n must be greater than 0 and less than 65535"). */
export const MAX_CHAR_LENGTH = 65535;
/** DECIMAL holds up to 19 significant digits. */
export const MAX_DECIMAL_PRECISION = 19;

const simple = (name: SqlTypeName): SqlType => ({ name });

export const SqlTypes = {
  boolean: simple("BOOLEAN"),
  tinyint: simple("TINYINT"),
  smallint: simple("SMALLINT"),
  integer: simple("INTEGER"),
  bigint: simple("BIGINT"),
  real: simple("REAL"),
  double: simple("DOUBLE"),
  date: simple("DATE"),
  time: simple("TIME"),
  timestamp: simple("TIMESTAMP"),
  interval: simple("INTERVAL"),
  null: simple("NULL"),
  varchar(length: number = MAX_CHAR_LENGTH): SqlType {
    return { name: "VARCHAR", length };
  },
  char(length = 1): SqlType {
    return { name: "CHAR", length };
  },
  varbinary(length: number = MAX_CHAR_LENGTH): SqlType {
    return { name: "VARBINARY", length };
  },
  decimal(precision: number = MAX_DECIMAL_PRECISION, scale = 0): SqlType {
    return { name: "DECIMAL", precision, scale };
  },
  row(fields: readonly ColumnDescriptor[]): SqlType {
    return { name: "ROW", fields };
  },
};

const INTEGER_RANK: Partial<Record<SqlTypeName, number>> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4 };

/** The range of each integer type, checked when a value is stored in a column of that type. */
export const INTEGER_RANGE: Partial<Record<SqlTypeName, readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export function isIntegerType(t: SqlType): boolean {
  return INTEGER_RANK[t.name] !== undefined;
}
export function isExactNumeric(t: SqlType): boolean {
  return isIntegerType(t) || t.name === "DECIMAL";
}
export function isApproxNumeric(t: SqlType): boolean {
  return t.name === "REAL" || t.name === "DOUBLE";
}
export function isNumeric(t: SqlType): boolean {
  return isExactNumeric(t) || isApproxNumeric(t);
}
export function isCharacter(t: SqlType): boolean {
  return t.name === "CHAR" || t.name === "VARCHAR";
}
export function isBinary(t: SqlType): boolean {
  return t.name === "BINARY" || t.name === "VARBINARY";
}
export function isDatetime(t: SqlType): boolean {
  return t.name === "DATE" || t.name === "TIME" || t.name === "TIMESTAMP";
}
export function isNullType(t: SqlType): boolean {
  return t.name === "NULL";
}

export function typeToString(t: SqlType): string {
  switch (t.name) {
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
      return `${t.name}(${t.length ?? 1})`;
    case "DECIMAL":
      return `DECIMAL(${t.precision ?? MAX_DECIMAL_PRECISION}, ${t.scale ?? 0})`;
    case "ROW":
      return `RecordType(${(t.fields ?? []).map((f) => `${typeToString(f.type)} ${f.name}`).join(", ")})`;
    case "INTERVAL":
      return "INTERVAL DAY TO SECOND";
    default:
      return t.name;
  }
}

/** How Calcite names an argument's family in "No match found for function signature F(<NUMERIC>)". */
export function typeFamilyName(t: SqlType): string {
  if (isNumeric(t)) return "NUMERIC";
  if (isCharacter(t)) return "CHARACTER";
  if (isBinary(t)) return "BINARY";
  if (t.name === "INTERVAL") return "INTERVAL_DAY_TIME";
  return t.name;
}

export function sameType(a: SqlType, b: SqlType): boolean {
  return typeToString(a) === typeToString(b);
}

/**
 * The type of an arithmetic result on two numeric operands: approximate wins (DOUBLE), then DECIMAL,
 * then the wider integer.
 */
export function numericResultType(a: SqlType, b: SqlType): SqlType {
  if (isApproxNumeric(a) || isApproxNumeric(b)) {
    return a.name === "REAL" && b.name === "REAL" ? SqlTypes.real : SqlTypes.double;
  }
  if (a.name === "DECIMAL" || b.name === "DECIMAL") {
    const scale = Math.max(a.scale ?? 0, b.scale ?? 0);
    return SqlTypes.decimal(MAX_DECIMAL_PRECISION, scale);
  }
  const ra = INTEGER_RANK[a.name] ?? 0;
  const rb = INTEGER_RANK[b.name] ?? 0;
  const wider = ra >= rb ? a : b;
  // Like Calcite, TINYINT + TINYINT is still typed as the operands' type; range is checked on storage.
  return { name: wider.name };
}

/**
 * The common type of CASE branches, COALESCE arguments, IN lists and UNION columns; undefined when the
 * types cannot be reconciled.
 */
export function commonType(a: SqlType, b: SqlType): SqlType | undefined {
  if (isNullType(a)) return b;
  if (isNullType(b)) return a;
  if (isNumeric(a) && isNumeric(b)) return numericResultType(a, b);
  if (isCharacter(a) && isCharacter(b)) {
    return SqlTypes.varchar(Math.max(a.length ?? 1, b.length ?? 1));
  }
  if (isBinary(a) && isBinary(b)) return SqlTypes.varbinary(Math.max(a.length ?? 1, b.length ?? 1));
  if (a.name === b.name && a.name !== "ROW") return a;
  if (isDatetime(a) && isDatetime(b)) return SqlTypes.timestamp;
  return undefined;
}

/**
 * Whether a value of type `from` may be stored in a column of type `to`: same family, or a conversion
 * AWS's coercion rules define (numbers, booleans and datetimes to text; text to anything, checked per
 * row). Datetime and numeric never mix; ROW values cannot be stored.
 */
export function isAssignable(to: SqlType, from: SqlType): boolean {
  if (isNullType(from)) return to.name !== "ROW";
  if (from.name === "ROW" || to.name === "ROW") return false;
  if (isNumeric(to)) return isNumeric(from) || isCharacter(from);
  if (isCharacter(to)) return !isBinary(from) && from.name !== "INTERVAL";
  if (isBinary(to)) return isBinary(from) || isCharacter(from);
  if (to.name === "BOOLEAN") return from.name === "BOOLEAN" || isCharacter(from);
  if (to.name === "TIMESTAMP") return isDatetime(from) || isCharacter(from);
  if (to.name === "DATE") return from.name === "DATE" || from.name === "TIMESTAMP" || isCharacter(from);
  if (to.name === "TIME") return from.name === "TIME" || from.name === "TIMESTAMP" || isCharacter(from);
  return false;
}
