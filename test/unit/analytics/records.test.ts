/**
 * Records to rows by an InputSchema (JSON with JSONPath, CSV), and rows to output records by a
 * DestinationSchema, as the Developer Guide's mapping pages describe them.
 */
import { describe, expect, it } from "vitest";
import { recordReader } from "../../../src/analytics/records/reader";
import { rowFormatter } from "../../../src/analytics/records/writer";
import { SqlTypes } from "../../../src/analytics/sql";
import type { SourceSchema } from "../../../src/analytics/shapes-v1.generated";

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (data: Uint8Array) => new TextDecoder().decode(data);

function json(columns: [string, string, string][], rowPath = "$"): SourceSchema {
  return {
    RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: rowPath } } },
    RecordEncoding: "UTF-8",
    RecordColumns: columns.map(([Name, SqlType, Mapping]) => ({ Name, SqlType, Mapping })),
  };
}

const CUSTOMER = {
  customerName: "John Doe",
  address: { streetAddress: { number: "123", street: "AnyStreet" }, city: "Anytown" },
  orders: [
    { orderId: "23284", itemName: "Widget", itemPrice: "33.99" },
    { orderId: "63122", itemName: "Gadget", itemPrice: "22.50" },
    { orderId: "77284", itemName: "Sprocket", itemPrice: "12.00" },
  ],
};

describe("JSON input", () => {
  it("maps top-level and nested members, missing ones NULL (case-sensitive)", () => {
    const reader = recordReader(
      json([
        ["name", "VARCHAR(16)", "$.customerName"],
        ["city", "VARCHAR(16)", "$.address.city"],
        ["street", "VARCHAR(16)", "$['address']['streetAddress']['street']"],
        ["missing", "VARCHAR(16)", "$.customername"],
        ["firstOrder", "VARCHAR(8)", "$.orders[0].orderId"],
      ]),
    );
    expect(reader.read(encode(JSON.stringify(CUSTOMER)))).toEqual({ ok: true, rows: [["John Doe", "Anytown", "AnyStreet", undefined, "23284"]] });
  });

  it("flattens one array into a row per element, repeating the other columns, and keeps another array whole", () => {
    const reader = recordReader(
      json([
        ["name", "VARCHAR(16)", "$.customerName"],
        ["orderId", "VARCHAR(8)", "$.orders[0:].orderId"],
        ["price", "DECIMAL(5,2)", "$.orders[0:].itemPrice"],
        ["all", "VARCHAR(1000)", "$.orders[0:]"],
      ]),
    );
    const result = reader.read(encode(JSON.stringify(CUSTOMER)));
    expect(result.ok && result.rows.map((r) => r.slice(0, 3))).toEqual([
      ["John Doe", "23284", "33.99"],
      ["John Doe", "63122", "22.50"],
      ["John Doe", "77284", "12.00"],
    ]);
    expect(result.ok && result.rows[0]?.[3]).toEqual(CUSTOMER.orders);
    // An empty array still gives one row, the flattened columns NULL.
    expect(reader.read(encode(JSON.stringify({ customerName: "X", orders: [] })))).toEqual({ ok: true, rows: [["X", null, null, []]] });
  });

  it("refuses two flattened arrays and nested flattening", () => {
    expect(() => recordReader(json([["a", "INTEGER", "$.a[0:].x"], ["b", "INTEGER", "$.b[0:].x"]]))).toThrow("Only one array can be flattened");
    expect(() => recordReader(json([["a", "INTEGER", "$.a[0:].x[0:].y"]]))).toThrow("Only one level of dereferencing");
  });

  it("reads several documents in one record, and reports a record that is not JSON", () => {
    const reader = recordReader(json([["n", "INTEGER", "$.n"]]));
    expect(reader.read(encode('{"n":1}{"n":2}\n{"n":3}'))).toEqual({ ok: true, rows: [[1], [2], [3]] });
    const bad = reader.read(encode("{nope"));
    expect(bad.ok).toBe(false);
  });

  it("takes rows from RecordRowPath, one per element when it ends in [0:]", () => {
    const reader = recordReader(json([["n", "INTEGER", "$.n"]], "$.items[0:]"));
    expect(reader.read(encode('{"items":[{"n":1},{"n":2}]}'))).toEqual({ ok: true, rows: [[1], [2]] });
  });
});

describe("CSV input", () => {
  const schema = (row: string, column: string): SourceSchema => ({
    RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: row, RecordColumnDelimiter: column } } },
    RecordColumns: [
      { Name: "LastName", SqlType: "VARCHAR(16)" },
      { Name: "FirstName", SqlType: "VARCHAR(16)" },
      { Name: "CustomerId", SqlType: "INTEGER" },
    ],
  });

  it("splits rows and columns, in order, several rows per record", () => {
    const reader = recordReader(schema("\n", ","));
    expect(reader.read(encode("Doe,John,1\r\nRoe,Jane,2,extra\n\nPoe,Ed\n"))).toEqual({
      ok: true,
      rows: [
        ["Doe", "John", "1"],
        ["Roe", "Jane", "2"],
        ["Poe", "Ed", null],
      ],
    });
  });

  it("takes any delimiters", () => {
    expect(recordReader(schema("|", "\t")).read(encode("a\tb\t3|c\t\t"))).toEqual({ ok: true, rows: [["a", "b", "3"], ["c", "", null]] });
  });
});

describe("output records", () => {
  const columns = [
    { name: "TICKER_SYMBOL", type: SqlTypes.varchar(4) },
    { name: "price", type: SqlTypes.decimal(5, 2) },
    { name: "WHEN", type: SqlTypes.timestamp },
    { name: "NOTE", type: SqlTypes.varchar(20) },
  ];
  const values = ["AMZN", 901.25, Date.UTC(2024, 0, 1, 11, 1, 0), null];

  it("JSON: one object per row, keys as declared", () => {
    expect(decode(rowFormatter("JSON", columns)(values))).toBe('{"TICKER_SYMBOL":"AMZN","price":901.25,"WHEN":"2024-01-01 11:01:00.000","NOTE":null}');
  });

  it("CSV: comma-separated, newline-ended, quoted when needed", () => {
    expect(decode(rowFormatter("CSV", columns)(values))).toBe("AMZN,901.25,2024-01-01 11:01:00.000,\n");
    expect(decode(rowFormatter("CSV", columns)(["A,B", 1, 0, 'say "hi"']))).toBe('"A,B",1.00,1970-01-01 00:00:00.000,"say ""hi"""\n');
  });
});
