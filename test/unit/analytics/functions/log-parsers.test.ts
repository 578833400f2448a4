import { describe, expect, it } from "vitest";
import { AnalyticsFunctionError } from "../../../../src/analytics/functions/errors";
import { parseDate, sqlTypeOf } from "../../../../src/analytics/functions/logs/columns";
import { compileFixedColumnLogParse } from "../../../../src/analytics/functions/logs/fixed-column";
import { compileRegexLogParse } from "../../../../src/analytics/functions/logs/regex";
import { compileVariableColumnLogParse } from "../../../../src/analytics/functions/logs/variable-column";
import { compileW3cLogParse } from "../../../../src/analytics/functions/logs/w3c";

// The log lines of AWS's examples (SQL Developer Guide: W3C_LOG_PARSE and REGEX_LOG_PARSE examples).
const COMMON_LINE = '192.168.254.30 - John [24/May/2004:22:01:02 -0700] "GET /icons/apache_pb.gif HTTP/1.1" 304 0';
const COMBINED_LINE = '203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] "GET /index.php HTTP/1.1" 200 125 "-" "Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0"';

describe("W3C_LOG_PARSE", () => {
  it("splits AWS's COMMON example into its seven columns, the time with its brackets", () => {
    const parser = compileW3cLogParse("COMMON");
    expect(parser.columns.map((c) => [c.name, sqlTypeOf(c)])).toEqual([
      ["COLUMN1", "VARCHAR(1024)"],
      ["COLUMN2", "VARCHAR(1024)"],
      ["COLUMN3", "VARCHAR(1024)"],
      ["COLUMN4", "VARCHAR(1024)"],
      ["COLUMN5", "VARCHAR(1024)"],
      ["COLUMN6", "BIGINT"],
      ["COLUMN7", "BIGINT"],
    ]);
    expect(parser.parse(COMMON_LINE)).toEqual(["192.168.254.30", "-", "John", "[24/May/2004:22:01:02 -0700]", "GET /icons/apache_pb.gif HTTP/1.1", 304, 0]);
  });

  it("gives the same columns for the COMMON specifiers written out, and drops the brackets of [%t]", () => {
    expect(compileW3cLogParse('%h %l %u %t "%r" %>s %b').parse(COMMON_LINE)).toEqual(compileW3cLogParse("COMMON").parse(COMMON_LINE));
    expect(compileW3cLogParse('%h %l %u [%t] "%r" %>s %b').parse(COMMON_LINE)?.[3]).toBe("24/May/2004:22:01:02 -0700");
  });

  it("parses NCSA EXTENDED (combined) lines, a referer of - and a user agent with brackets", () => {
    const values = compileW3cLogParse("ncsa  extended").parse(COMBINED_LINE);
    expect(values).toEqual([
      "203.0.113.24",
      "-",
      "-",
      "[25/Mar/2018:15:25:37 -0700]",
      "GET /index.php HTTP/1.1",
      200,
      125,
      "-",
      "Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0",
    ]);
  });

  it("handles COMMON WITH VHOST, REFERER, AGENT, escaped quotes and a '-' byte count", () => {
    expect(compileW3cLogParse("COMMON WITH VHOST").parse(`www.example.com ${COMMON_LINE}`)?.slice(0, 2)).toEqual(["www.example.com", "192.168.254.30"]);
    expect(compileW3cLogParse("REFERER").parse("http://www.example.com/start.html ---> /index.html")).toEqual(["http://www.example.com/start.html", "/index.html"]);
    expect(compileW3cLogParse("AGENT").parse("Mozilla/4.08 [en] (Win98; I ;Nav)")).toEqual(["Mozilla/4.08 [en] (Win98; I ;Nav)"]);
    const line = '10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET /a\\"b HTTP/1.1" 404 -';
    expect(compileW3cLogParse("COMMON").parse(line)?.slice(4)).toEqual(['GET /a\\"b HTTP/1.1', 404, null]);
  });

  it("reads IIS's comma-separated format and answers NULL for a line that does not fit", () => {
    const fields = ["192.168.114.201", "-", "03/20/01", "7:55:20", "W3SVC2", "SALES1", "172.21.13.45", "4502", "163", "3223", "200", "0", "GET", "/DeptLogo.gif", "-"];
    expect(compileW3cLogParse("IIS").parse(fields.join(", "))).toEqual(fields);
    expect(compileW3cLogParse("COMMON").parse("not a log line")).toBeNull();
    expect(compileW3cLogParse("COMMON").parse(null)).toBeNull();
    expect(() => compileW3cLogParse("NO SUCH FORMAT")).toThrow(AnalyticsFunctionError);
  });
});

describe("REGEX_LOG_PARSE", () => {
  it("returns the groups of AWS's example pattern as COLUMN1..n, as the same pattern matches in JavaScript", () => {
    const pattern = "(\\w.+) (\\d.+) (\\w.+) (\\w.+)";
    const parser = compileRegexLogParse(pattern);
    expect(parser.columns.map((c) => c.name)).toEqual(["COLUMN1", "COLUMN2", "COLUMN3", "COLUMN4"]);
    const expected = new RegExp(`^(?:${pattern})$`).exec(COMBINED_LINE);
    expect(parser.parse(COMBINED_LINE)).toEqual(expected?.slice(1));
  });

  it("matches the whole string, as Java's matches() does, and gives NULL otherwise", () => {
    const parser = compileRegexLogParse(".*([E].).*([R].*)");
    // ENERGY: only the first E leaves an R after it.
    expect(parser.parse("ENERGY")).toEqual(["EN", "RGY"]);
    expect(parser.parse("HEALTHCARE")).toEqual(["EA", "RE"]);
    expect(parser.parse("TECHNOLOGY")).toBeNull();
    expect(compileRegexLogParse("(\\d+)").parse("abc 123")).toBeNull();
    expect(compileRegexLogParse("(a)|(b)").parse("b")).toEqual([null, "b"]);
  });

  it("translates Java's own constructs", () => {
    expect(compileRegexLogParse("\\A(\\p{Alpha}+)\\s(\\p{Digit}{2,})\\z").parse("abc 123")).toEqual(["abc", "123"]);
    expect(compileRegexLogParse("(?i)(get|post) (\\S+)").parse("GET /x")).toEqual(["GET", "/x"]);
    expect(compileRegexLogParse("\\Q[x]*\\E(.*)").parse("[x]*rest")).toEqual(["rest"]);
    expect(compileRegexLogParse("(?<word>\\w+)-\\k<word>-(\\w+)").parse("ab-ab-cd")).toEqual(["ab", "cd"]);
    expect(compileRegexLogParse("(\\w)(\\w)\\2\\1").parse("abba")).toEqual(["a", "b"]);
    expect(compileRegexLogParse("([a-c[x-z]]+)").parse("abzx")).toEqual(["abzx"]);
    expect(compileRegexLogParse("(?x) (\\d+) \\# (\\w+)  # comment").parse("12#ab")).toEqual(["12", "ab"]);
    // Escapes Java allows and the u flag does not: \- \" \: outside a class.
    expect(compileRegexLogParse('(\\w+)\\-\\"(\\d+)\\:').parse('ab-"12:')).toEqual(["ab", "12"]);
  });

  it("keeps possessive quantifiers and atomic groups from giving anything back, and numbers groups as Java does", () => {
    // Possessive: \d++ takes all digits, so the following \d can never match.
    expect(compileRegexLogParse("(\\d++)\\d").parse("1234")).toBeNull();
    expect(compileRegexLogParse("(\\d+)\\d").parse("1234")).toEqual(["123"]);
    expect(compileRegexLogParse("(?>(a+))(b)").parse("aab")).toEqual(["aa", "b"]);
    expect(compileRegexLogParse("(?>a+)a").parse("aaa")).toBeNull();
    expect(compileRegexLogParse("(x)(y)*+(z)\\3").parse("xyyzz")).toEqual(["x", "y", "z"]);
  });

  it("names and types columns from the optional column list", () => {
    const parser = compileRegexLogParse("(\\w+) (\\d+)", "host, bytes INTEGER");
    expect(parser.columns.map((c) => [c.name, sqlTypeOf(c)])).toEqual([
      ["HOST", "VARCHAR(1024)"],
      ["BYTES", "INTEGER"],
    ]);
    expect(parser.parse("web1 512")).toEqual(["web1", 512]);
  });

  it("refuses what JavaScript cannot express, naming where", () => {
    expect(() => compileRegexLogParse("[a-z&&[^e]]")).toThrow("REGEX_LOG_PARSE: class intersection (&&) at position 4 of '[a-z&&[^e]]' has no JavaScript equivalent");
    expect(() => compileRegexLogParse("a(?i)b")).toThrow(AnalyticsFunctionError);
    expect(() => compileRegexLogParse("\\p{InGreek}")).toThrow(AnalyticsFunctionError);
    expect(() => compileRegexLogParse("(a")).toThrow(AnalyticsFunctionError);
  });
});

describe("VARIABLE_COLUMN_LOG_PARSE", () => {
  it("splits AWS's example into named columns", () => {
    const parser = compileVariableColumnLogParse("COL_1 TYPE VARCHAR(16), COL_2 TYPE VARCHAR(16), COL_3 TYPE VARCHAR(16)", ",");
    expect(parser.columns.map((c) => c.name)).toEqual(["COL_1", "COL_2", "COL_3"]);
    expect(parser.parse("x,y,z")).toEqual(["x", "y", "z"]);
  });

  it("keeps escaped delimiters and quoted parts in one field, as AWS describes", () => {
    const parser = compileVariableColumnLogParse(2, ",", "\\", '"');
    expect(parser.columns.map((c) => [c.name, sqlTypeOf(c)])).toEqual([
      ["COLUMN1", "VARCHAR(1024)"],
      ["COLUMN2", "VARCHAR(1024)"],
    ]);
    expect(parser.parse("a,b")).toEqual(["a", "b"]);
    expect(parser.parse("a\\,b,c")).toEqual(["a,b", "c"]);
    expect(parser.parse('"x, y",z')).toEqual(["x, y", "z"]);
    expect(compileVariableColumnLogParse(2, ",", "", "<>").parse("<p,q>,r")).toEqual(["p,q", "r"]);
  });

  it("splits on a delimiter string, leaves missing fields NULL and converts typed columns", () => {
    const parser = compileVariableColumnLogParse(`host TYPE VARCHAR(8), "when" TYPE TIMESTAMP 'dd/MMM/yyyy:HH:mm:ss', bytes TYPE INTEGER, ok TYPE BOOLEAN`, " | ");
    expect(parser.columns.map((c) => c.name)).toEqual(["HOST", "when", "BYTES", "OK"]);
    expect(parser.parse("web-server-1 | 24/May/2004:22:01:02 | 512")).toEqual(["web-serv", Date.UTC(2004, 4, 24, 22, 1, 2), 512, null]);
    expect(() => parser.parse("web | 24/May/2004:22:01:02 | many")).toThrow("VARIABLE_COLUMN_LOG_PARSE: cannot convert 'many' to INTEGER for column BYTES");
  });

  it("refuses a NULL in a NOT NULL column and a malformed column list", () => {
    expect(() => compileVariableColumnLogParse("a TYPE INTEGER NOT NULL, b TYPE INTEGER", ",").parse(",2")).toThrow(AnalyticsFunctionError);
    expect(() => compileVariableColumnLogParse("a INTEGERS", ",")).toThrow(AnalyticsFunctionError);
  });
});

describe("FIXED_COLUMN_LOG_PARSE", () => {
  it("cuts fixed-width fields from 0-based starts and converts them", () => {
    const line = "20040524 ERROR  0042disk full";
    const parser = compileFixedColumnLogParse("day TYPE DATE 'yyyyMMdd' START 0 FOR 8, level TYPE VARCHAR(6) START 9 FOR 6, code TYPE INTEGER START 15 FOR 4, message TYPE VARCHAR(64) START 19");
    expect(parser.parse(line)).toEqual([Date.UTC(2004, 4, 24), line.slice(9, 15), Number(line.slice(15, 19)), line.slice(19)]);
    // Fields that start past the end of a short line are NULL.
    const short = "20040524 ERROR";
    expect(parser.parse(short)).toEqual([Date.UTC(2004, 4, 24), short.slice(9), null, null]);
  });

  it("requires START for every column", () => {
    expect(() => compileFixedColumnLogParse("a TYPE INTEGER")).toThrow("FIXED_COLUMN_LOG_PARSE: expected START at the end in column list 'a TYPE INTEGER'");
  });
});

describe("SimpleDateFormat patterns", () => {
  it.each([
    ["24/May/2004:22:01:02 -0700", "dd/MMM/yyyy:HH:mm:ss Z", Date.UTC(2004, 4, 25, 5, 1, 2)],
    ["2018-03-25 15:25:37.250", "yyyy-MM-dd HH:mm:ss.SSS", Date.UTC(2018, 2, 25, 15, 25, 37, 250)],
    ["Sun, 25 Mar 2018 03:25 PM", "EEE, dd MMM yyyy hh:mm a", Date.UTC(2018, 2, 25, 15, 25)],
    ["2018-03-25T15:25:37Z", "yyyy-MM-dd'T'HH:mm:ssX", Date.UTC(2018, 2, 25, 15, 25, 37)],
  ])("parses %s with %s", (text, pattern, expected) => {
    expect(parseDate(text, pattern)).toBe(expected);
  });
});
