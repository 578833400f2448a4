/**
 * The column types of a table schema, in the Hive type language Glue tables use
 * (https://cwiki.apache.org/confluence/display/Hive/LanguageManual+Types): `int`, `varchar(10)`,
 * `decimal(10,2)`, `array<string>`, `map<string,int>`, `struct<a:int,b:string>`. Names are
 * case-insensitive and stored lower-case, as Glue stores them.
 */

export type PrimitiveName =
  | "boolean"
  | "tinyint"
  | "smallint"
  | "int"
  | "bigint"
  | "float"
  | "double"
  | "string"
  | "varchar"
  | "char"
  | "binary"
  | "timestamp"
  | "date"
  | "decimal";

export type HiveType =
  | { kind: "primitive"; name: Exclude<PrimitiveName, "decimal" | "varchar" | "char"> }
  | { kind: "primitive"; name: "varchar" | "char"; length: number }
  | { kind: "primitive"; name: "decimal"; precision: number; scale: number }
  | { kind: "array"; element: HiveType }
  | { kind: "map"; key: HiveType; value: HiveType }
  | { kind: "struct"; fields: { name: string; type: HiveType }[] };

export interface Column {
  name: string;
  type: HiveType;
}

/** A type text that is not Hive's: the schema is invalid. */
export class InvalidTypeError extends Error {}

const SIMPLE: Readonly<Record<string, HiveType>> = {
  boolean: { kind: "primitive", name: "boolean" },
  tinyint: { kind: "primitive", name: "tinyint" },
  smallint: { kind: "primitive", name: "smallint" },
  int: { kind: "primitive", name: "int" },
  integer: { kind: "primitive", name: "int" },
  bigint: { kind: "primitive", name: "bigint" },
  float: { kind: "primitive", name: "float" },
  double: { kind: "primitive", name: "double" },
  string: { kind: "primitive", name: "string" },
  binary: { kind: "primitive", name: "binary" },
  timestamp: { kind: "primitive", name: "timestamp" },
  date: { kind: "primitive", name: "date" },
};

/** Parses one Hive type text. Throws InvalidTypeError. */
export function parseHiveType(text: string): HiveType {
  const parser = new TypeParser(text);
  const type = parser.type();
  parser.end();
  return type;
}

class TypeParser {
  private position = 0;
  constructor(private readonly text: string) {}

  type(): HiveType {
    const name = this.word().toLowerCase();
    const simple = SIMPLE[name];
    if (simple) return simple;
    switch (name) {
      case "decimal": {
        // Hive's default: decimal(10,0).
        if (!this.peek("(")) return { kind: "primitive", name: "decimal", precision: 10, scale: 0 };
        this.expect("(");
        const precision = this.number();
        const scale = this.accept(",") ? this.number() : 0;
        this.expect(")");
        if (precision < 1 || precision > 38 || scale > precision) throw this.error(`decimal(${precision},${scale})`);
        return { kind: "primitive", name: "decimal", precision, scale };
      }
      case "varchar":
      case "char": {
        this.expect("(");
        const length = this.number();
        this.expect(")");
        return { kind: "primitive", name, length };
      }
      case "array": {
        this.expect("<");
        const element = this.type();
        this.expect(">");
        return { kind: "array", element };
      }
      case "map": {
        this.expect("<");
        const key = this.type();
        this.expect(",");
        const value = this.type();
        this.expect(">");
        return { kind: "map", key, value };
      }
      case "struct": {
        this.expect("<");
        const fields: { name: string; type: HiveType }[] = [];
        do {
          const field = this.word().toLowerCase();
          this.expect(":");
          fields.push({ name: field, type: this.type() });
        } while (this.accept(","));
        this.expect(">");
        return { kind: "struct", fields };
      }
      default:
        throw this.error(name || this.text);
    }
  }

  end(): void {
    this.skipSpace();
    if (this.position !== this.text.length) throw this.error(this.text.slice(this.position));
  }

  private word(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    if (!match) throw this.error(this.text.slice(this.position));
    this.position += match[0].length;
    return match[0];
  }

  private number(): number {
    this.skipSpace();
    const match = /^\d+/.exec(this.text.slice(this.position));
    if (!match) throw this.error(this.text.slice(this.position));
    this.position += match[0].length;
    return Number(match[0]);
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.position);
  }

  private accept(token: string): boolean {
    if (!this.peek(token)) return false;
    this.position += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) throw this.error(this.text.slice(this.position) || this.text);
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position] ?? "")) this.position += 1;
  }

  private error(near: string): InvalidTypeError {
    return new InvalidTypeError(`Unsupported column type ${JSON.stringify(this.text)} (at ${JSON.stringify(near)}).`);
  }
}

/** The type text of `type`, as Hive (and Glue) write it. */
export function hiveTypeText(type: HiveType): string {
  switch (type.kind) {
    case "primitive":
      if (type.name === "decimal") return `decimal(${type.precision},${type.scale})`;
      if (type.name === "varchar" || type.name === "char") return `${type.name}(${type.length})`;
      return type.name;
    case "array":
      return `array<${hiveTypeText(type.element)}>`;
    case "map":
      return `map<${hiveTypeText(type.key)},${hiveTypeText(type.value)}>`;
    case "struct":
      return `struct<${type.fields.map((field) => `${field.name}:${hiveTypeText(field.type)}`).join(",")}>`;
  }
}
