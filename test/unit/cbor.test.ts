/**
 * The CBOR codec (src/aws/cbor.ts): every major type both ways, the encodings RFC 8949's appendix A
 * gives, AWS's timestamp convention (tag 1 around epoch milliseconds), indefinite lengths, and
 * refusal of malformed or hostile input. Interop with the AWS SDK's own codec (@smithy/core/cbor)
 * is checked here too.
 */
import { cbor as smithyCbor, tag } from "@smithy/core/cbor";
import { describe, expect, it } from "vitest";
import { CborError, DEFAULT_MAX_DEPTH, decodeCbor, encodeCbor } from "../../src/aws/cbor";

function hex(text: string): Uint8Array {
  return Uint8Array.fromHex(text.replace(/\s+/g, ""));
}

function toHex(bytes: Uint8Array): string {
  return bytes.toHex();
}

function rejects(bytes: Uint8Array | string, message?: RegExp): CborError {
  const input = typeof bytes === "string" ? hex(bytes) : bytes;
  let caught: unknown;
  try {
    decodeCbor(input);
  } catch (error) {
    caught = error;
  }
  expect(caught, `decoding ${toHex(input)} should fail`).toBeInstanceOf(CborError);
  const error = caught as CborError;
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

describe("decoding the RFC 8949 appendix A examples", () => {
  const cases: [string, unknown][] = [
    ["00", 0],
    ["01", 1],
    ["0a", 10],
    ["17", 23],
    ["1818", 24],
    ["1819", 25],
    ["1864", 100],
    ["1903e8", 1000],
    ["1a000f4240", 1000000],
    ["1b000000e8d4a51000", 1000000000000],
    ["1b001fffffffffffff", Number.MAX_SAFE_INTEGER],
    ["20", -1],
    ["29", -10],
    ["3863", -100],
    ["3903e7", -1000],
    ["3b001ffffffffffffe", Number.MIN_SAFE_INTEGER],
    ["f90000", 0],
    ["f98000", -0],
    ["f93c00", 1],
    ["fb3ff199999999999a", 1.1],
    ["f93e00", 1.5],
    ["f97bff", 65504],
    ["fa47c35000", 100000],
    ["fa7f7fffff", 3.4028234663852886e38],
    ["fb7e37e43c8800759c", 1e300],
    ["f90001", 5.960464477539063e-8],
    ["f90400", 0.00006103515625],
    ["f9c400", -4],
    ["fbc010666666666666", -4.1],
    ["f97c00", Infinity],
    ["f9fc00", -Infinity],
    ["fa7f800000", Infinity],
    ["fb7ff0000000000000", Infinity],
    ["f4", false],
    ["f5", true],
    ["f6", null],
    ["f7", undefined],
    ["60", ""],
    ["6161", "a"],
    ["6449455446", "IETF"],
    ["62225c", '"\\'],
    ["62c3bc", "\u00fc"],
    ["63e6b0b4", "\u6c34"],
    ["64f0908591", "\u{10151}"],
    ["80", []],
    ["83010203", [1, 2, 3]],
    ["8301820203820405", [1, [2, 3], [4, 5]]],
    ["98190102030405060708090a0b0c0d0e0f101112131415161718181819", Array.from({ length: 25 }, (_, i) => i + 1)],
    ["a0", {}],
    ["a26161016162820203", { a: 1, b: [2, 3] }],
    ["826161a161626163", ["a", { b: "c" }]],
    ["a56161614161626142616361436164614461656145", { a: "A", b: "B", c: "C", d: "D", e: "E" }],
    // Indefinite lengths.
    ["7f657374726561646d696e67ff", "streaming"],
    ["9fff", []],
    ["9f018202039f0405ffff", [1, [2, 3], [4, 5]]],
    ["9f01820203820405ff", [1, [2, 3], [4, 5]]],
    ["83018202039f0405ff", [1, [2, 3], [4, 5]]],
    ["83019f0203ff820405", [1, [2, 3], [4, 5]]],
    ["9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", Array.from({ length: 25 }, (_, i) => i + 1)],
    ["bf61610161629f0203ffff", { a: 1, b: [2, 3] }],
    ["826161bf61626163ff", ["a", { b: "c" }]],
    ["bf6346756ef563416d7421ff", { Fun: true, Amt: -2 }],
  ];
  for (const [input, expected] of cases) {
    it(`${input}`, () => {
      const value = decodeCbor(hex(input));
      if (typeof expected === "number" && Number.isNaN(expected)) expect(value).toBeNaN();
      else expect(value).toStrictEqual(expected);
      if (Object.is(expected, -0)) expect(Object.is(value, -0)).toBe(true);
    });
  }

  it("NaN in all three widths", () => {
    expect(decodeCbor(hex("f97e00"))).toBeNaN();
    expect(decodeCbor(hex("fa7fc00000"))).toBeNaN();
    expect(decodeCbor(hex("fb7ff8000000000000"))).toBeNaN();
  });

  it("byte strings, definite and indefinite, as fresh Uint8Arrays", () => {
    expect(decodeCbor(hex("40"))).toStrictEqual(new Uint8Array());
    expect(decodeCbor(hex("4401020304"))).toStrictEqual(new Uint8Array([1, 2, 3, 4]));
    expect(decodeCbor(hex("5f42010243030405ff"))).toStrictEqual(new Uint8Array([1, 2, 3, 4, 5]));
    expect(decodeCbor(hex("5fff"))).toStrictEqual(new Uint8Array());
    const body = hex("a1614444deadbeef");
    const decoded = decodeCbor(body) as { D: Uint8Array };
    expect(decoded.D.byteLength).toBe(4);
    expect(decoded.D.buffer.byteLength, "a copy, not a view of the whole request").toBe(4);
  });

  it("non-minimal heads are still well-formed", () => {
    expect(decodeCbor(hex("1800"))).toBe(0);
    expect(decodeCbor(hex("190001"))).toBe(1);
    expect(decodeCbor(hex("1b0000000000000001"))).toBe(1);
    expect(decodeCbor(hex("780161"))).toBe("a"); // text, one-byte length
    expect(decodeCbor(hex("b8016161f5"))).toEqual({ a: true });
  });
});

describe("64-bit integers", () => {
  it("decodes every width up to 2^53 - 1 exactly", () => {
    expect(decodeCbor(hex("1affffffff"))).toBe(4294967295);
    expect(decodeCbor(hex("1b0000000100000000"))).toBe(4294967296);
    expect(decodeCbor(hex("1b001fffffffffffff"))).toBe(2 ** 53 - 1);
    expect(decodeCbor(hex("3b001ffffffffffffe"))).toBe(-(2 ** 53 - 1));
  });

  it("refuses integers a number cannot hold exactly", () => {
    rejects("1b0020000000000000", /safe range/); // 2^53
    rejects("1bffffffffffffffff", /safe range/); // 2^64 - 1
    rejects("3b001fffffffffffff", /safe range/); // -2^53
    rejects("3bffffffffffffffff", /safe range/); // -2^64
    rejects("a1614c1b0020000000000000", /safe range/); // inside a map
  });

  it("bignums (tags 2 and 3) become numbers when safe", () => {
    expect(decodeCbor(hex("c249000000000000000001"))).toBe(1);
    expect(decodeCbor(hex("c2471fffffffffffff"))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeCbor(hex("c3420100"))).toBe(-257);
    rejects("c249010000000000000000", /safe range/); // 2^64
    rejects("c201", /bignum/);
  });

  it("encodes safe integers and bigints in the shortest head", () => {
    expect(toHex(encodeCbor(0))).toBe("00");
    expect(toHex(encodeCbor(23))).toBe("17");
    expect(toHex(encodeCbor(24))).toBe("1818");
    expect(toHex(encodeCbor(255))).toBe("18ff");
    expect(toHex(encodeCbor(256))).toBe("190100");
    expect(toHex(encodeCbor(65535))).toBe("19ffff");
    expect(toHex(encodeCbor(65536))).toBe("1a00010000");
    expect(toHex(encodeCbor(4294967295))).toBe("1affffffff");
    expect(toHex(encodeCbor(4294967296))).toBe("1b0000000100000000");
    expect(toHex(encodeCbor(Number.MAX_SAFE_INTEGER))).toBe("1b001fffffffffffff");
    expect(toHex(encodeCbor(-1))).toBe("20");
    expect(toHex(encodeCbor(-1000))).toBe("3903e7");
    expect(toHex(encodeCbor(Number.MIN_SAFE_INTEGER))).toBe("3b001ffffffffffffe");
    expect(toHex(encodeCbor(18446744073709551615n))).toBe("1bffffffffffffffff");
    expect(toHex(encodeCbor(-18446744073709551616n))).toBe("3bffffffffffffffff");
    expect(toHex(encodeCbor(5n))).toBe("05");
    expect(() => encodeCbor(18446744073709551616n)).toThrow(CborError);
  });
});

describe("encoding", () => {
  it("writes non-integers (and unsafe integers) as doubles", () => {
    expect(toHex(encodeCbor(1.1))).toBe("fb3ff199999999999a");
    expect(toHex(encodeCbor(-4.1))).toBe("fbc010666666666666");
    expect(toHex(encodeCbor(2 ** 53))).toBe("fb4340000000000000");
    expect(toHex(encodeCbor(Infinity))).toBe("fb7ff0000000000000");
    expect(decodeCbor(encodeCbor(Number.NaN))).toBeNaN();
  });

  it("writes strings as UTF-8 text with the right head", () => {
    expect(toHex(encodeCbor(""))).toBe("60");
    expect(toHex(encodeCbor("IETF"))).toBe("6449455446");
    expect(toHex(encodeCbor("\u00fc"))).toBe("62c3bc");
    expect(toHex(encodeCbor("\u{10151}"))).toBe("64f0908591");
    for (const length of [0, 7, 8, 23, 24, 85, 86, 255, 256, 21845, 21846, 65535, 65536, 300000]) {
      for (const unit of ["a", "\u00e9", "\u20ac", "\u{1f600}"]) {
        const text = unit.repeat(Math.ceil(length / unit.length)); // whole code points: no lone surrogates
        expect(decodeCbor(encodeCbor(text)), `length ${length} of ${unit}`).toBe(text);
        expect(decodeCbor(encodeCbor(["x", text, "y"]))).toEqual(["x", text, "y"]);
      }
    }
  });

  it("writes booleans, null, blobs, arrays and maps", () => {
    expect(toHex(encodeCbor(false))).toBe("f4");
    expect(toHex(encodeCbor(true))).toBe("f5");
    expect(toHex(encodeCbor(null))).toBe("f6");
    expect(toHex(encodeCbor(new Uint8Array([1, 2, 3, 4])))).toBe("4401020304");
    expect(toHex(encodeCbor(new Uint8Array([9, 1, 2, 9]).subarray(1, 3)))).toBe("420102");
    expect(toHex(encodeCbor(new Uint8Array([7]).buffer))).toBe("4107");
    expect(toHex(encodeCbor([1, [2, 3], [4, 5]]))).toBe("8301820203820405");
    expect(toHex(encodeCbor({ a: 1, b: [2, 3] }))).toBe("a26161016162820203");
  });

  it("leaves out undefined members, as JSON does, and writes undefined array items as null", () => {
    expect(toHex(encodeCbor({ a: 1, b: undefined }))).toBe("a1616101");
    expect(toHex(encodeCbor([1, undefined]))).toBe("8201f6");
  });

  it("writes a Date as tag 1 around integer epoch milliseconds (AWS's convention)", () => {
    const date = new Date(1700000000123);
    expect(toHex(encodeCbor(date))).toBe("c11b0000018bcfe5687b");
    expect(decodeCbor(encodeCbor(date))).toBe(1700000000123);
    expect(toHex(encodeCbor(new Date(0)))).toBe("c100");
    expect(toHex(encodeCbor(new Date(-1000)))).toBe("c13903e7");
    expect(() => encodeCbor(new Date(Number.NaN))).toThrow(CborError);
  });

  it("grows its buffer across large values", () => {
    const blob = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff);
    const value = { Records: Array.from({ length: 50 }, (_, i) => ({ Data: blob.subarray(i, i + 4_000), PartitionKey: `k${i}` })), Big: blob };
    expect(decodeCbor(encodeCbor(value))).toStrictEqual({
      Records: value.Records.map((record) => ({ Data: record.Data.slice(), PartitionKey: record.PartitionKey })),
      Big: blob,
    });
  });

  it("refuses values CBOR cannot carry, and cycles", () => {
    expect(() => encodeCbor(Symbol("s"))).toThrow(CborError);
    expect(() => encodeCbor(() => 1)).toThrow(CborError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeCbor(cycle)).toThrow(CborError);
  });
});

describe("round trips", () => {
  const values: unknown[] = [
    0,
    -1,
    1.5,
    -0.25,
    1e-300,
    "",
    "hello, κόσμε 🌍",
    true,
    false,
    null,
    [],
    {},
    new Uint8Array(),
    Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff),
    { Records: [{ Data: new Uint8Array([0, 255, 128]), PartitionKey: "p", SequenceNumber: "4959".repeat(14) }], MillisBehindLatest: 0 },
    { nested: { deeper: { list: [1, "two", [3, { four: 4 }], null, false] } } },
    { "": 1, "key with spaces": 2, "ключ": 3 },
  ];
  for (const value of values) {
    it(JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? `bytes(${item.byteLength})` : item)), () => {
      expect(decodeCbor(encodeCbor(value))).toStrictEqual(value);
    });
  }

  it("keeps __proto__ as an own key, without touching the prototype", () => {
    const decoded = decodeCbor(hex("a2695f5f70726f746f5f5fa1617801616101")) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("lets a later duplicate key win, as JSON.parse does", () => {
    expect(decodeCbor(hex("a2616101616102"))).toEqual({ a: 2 });
  });
});

describe("tags", () => {
  it("tag 1 is transparent: its number comes through, as epoch milliseconds by AWS's convention", () => {
    expect(decodeCbor(hex("c11b0000018bcfe5687b"))).toBe(1700000000123);
    expect(decodeCbor(hex("c1fb41d954fc40000000"))).toBe(1700000000);
    expect(decodeCbor(hex("a16954696d657374616d70c11b000001a013accc38"))).toEqual({ Timestamp: 1787036486712 });
    rejects("c16161", /tag 1/);
  });

  it("other tags are transparent too (like Jackson's parser)", () => {
    expect(decodeCbor(hex("d9d9f7a0"))).toEqual({}); // self-described CBOR
    expect(decodeCbor(hex("d820781368747470733a2f2f6578616d706c652e636f6d"))).toBe("https://example.com");
    expect(decodeCbor(hex("c074323031332d30332d32315432303a30343a30305a"))).toBe("2013-03-21T20:04:00Z");
  });
});

describe("malformed input", () => {
  const cases: [string, string, RegExp?][] = [
    ["empty input", "", /end of input/],
    ["truncated integer", "19ff", /end of input/],
    ["truncated 64-bit integer", "1b00000000", /end of input/],
    ["truncated float", "fb3ff1", /end of input/],
    ["truncated half", "f93c", /end of input/],
    ["truncated text", "64494554", /end of input/],
    ["text longer than the input", "7a7fffffff61", /end of input/],
    ["bytes with a 2^64 length", "5bffffffffffffffff00", /end of input/],
    ["array count beyond the input", "9a7fffffff00", /end of input/],
    ["map count beyond the input", "bb00000000ffffffff", /end of input/],
    ["map with a 2^64 count", "bbffffffffffffffff", /end of input/],
    ["map missing its value", "a16161", /end of input/],
    ["array missing items", "83010203".slice(0, 6), /end of input/],
    ["unterminated indefinite array", "9f0102", /end of input/],
    ["unterminated indefinite map", "bf616101", /end of input/],
    ["unterminated indefinite text", "7f6161", /end of input/],
    ["indefinite map missing a value before break", "bf6161ff", /break/],
    ["stray break", "ff", /break/],
    ["break inside a definite array", "8201ff", /break/],
    ["reserved additional information 28", "1c", /reserved/],
    ["reserved additional information 29", "3d", /reserved/],
    ["reserved additional information 30", "fe", /reserved/],
    ["indefinite unsigned integer", "1f", /indefinite/],
    ["indefinite negative integer", "3f", /indefinite/],
    ["indefinite tag", "df00", /indefinite/],
    ["text chunk inside indefinite bytes", "5f6161ff", /chunk/],
    ["byte chunk inside indefinite text", "7f4161ff", /chunk/],
    ["nested indefinite text chunk", "7f7f6161ffff", /chunk/],
    ["integer chunk inside indefinite bytes", "5f01ff", /chunk/],
    ["invalid UTF-8", "62c328", /UTF-8/],
    ["lone continuation byte", "6180", /UTF-8/],
    ["UTF-8 surrogate", "63eda080", /UTF-8/],
    ["UTF-8 split across indefinite chunks", "7f61c361bcff", /UTF-8/],
    ["integer map key", "a10102", /key/],
    ["byte-string map key", "a1416101", /key/],
    ["array map key", "a18001", /key/],
    ["unassigned simple value", "e0", /simple/],
    ["two-byte simple value below 32", "f814", /simple/],
    ["unassigned two-byte simple value", "f8ff", /simple/],
    ["trailing bytes", "a000", /after the top-level/],
    ["two top-level items", "0101", /after the top-level/],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      rejects(input, message);
    });
  }

  it("refuses anything nested deeper than the limit, and accepts the limit itself", () => {
    const deep = (levels: number, open: string) => hex(open.repeat(levels) + "00");
    expect(decodeCbor(deep(DEFAULT_MAX_DEPTH, "81"))).toBeDefined();
    rejects(deep(DEFAULT_MAX_DEPTH + 1, "81"), /nesting/);
    rejects(deep(DEFAULT_MAX_DEPTH + 1, "9f"), /nesting/);
    rejects(deep(DEFAULT_MAX_DEPTH + 1, "a16161"), /nesting/);
    rejects(deep(DEFAULT_MAX_DEPTH + 1, "c6"), /nesting/);
    rejects(deep(100_000, "81"), /nesting/);
    expect(() => decodeCbor(hex("818100"), { maxDepth: 1 })).toThrow(/nesting/);
    expect(decodeCbor(hex("8100"), { maxDepth: 1 })).toEqual([0]);
  });

  it("never hangs or throws anything but CborError on random or mangled input", () => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    const valid = encodeCbor({
      StreamName: "s",
      Records: [{ Data: new Uint8Array([1, 2, 3]), PartitionKey: "k", ExplicitHashKey: "1" }],
      Timestamp: new Date(1700000000000),
      Limit: 10.5,
      Flag: true,
    });
    for (let round = 0; round < 5000; round++) {
      let input: Uint8Array;
      if (round % 2 === 0) {
        input = Uint8Array.from({ length: random() % 64 }, () => random() & 0xff);
      } else {
        input = valid.slice(0, random() % (valid.byteLength + 1));
        for (let flips = random() % 4; flips > 0 && input.byteLength > 0; flips--) input[random() % input.byteLength] = random() & 0xff;
      }
      try {
        decodeCbor(input);
      } catch (error) {
        expect(error, toHex(input)).toBeInstanceOf(CborError);
      }
    }
  });
});

describe("interop with the AWS SDK's CBOR codec (@smithy/core/cbor)", () => {
  it("decodes what the SDK's encoder writes for a PutRecord request", () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const bytes = smithyCbor.serialize({
      StreamName: "clicks",
      PartitionKey: "user-1",
      Data: data,
      ExplicitHashKey: "340282366920938463463374607431768211455",
      SequenceNumberForOrdering: "49590338271490256608559692538361571095921575989136588898",
    });
    expect(decodeCbor(bytes)).toStrictEqual({
      StreamName: "clicks",
      PartitionKey: "user-1",
      Data: data,
      ExplicitHashKey: "340282366920938463463374607431768211455",
      SequenceNumberForOrdering: "49590338271490256608559692538361571095921575989136588898",
    });
  });

  it("decodes the SDK's numbers, booleans, nulls and lists", () => {
    const bytes = smithyCbor.serialize({
      Limit: 10000,
      Big: 2 ** 40,
      Negative: -70000,
      Fraction: 0.5,
      Yes: true,
      None: null,
      List: ["a", 1, [2]],
    });
    expect(decodeCbor(bytes)).toStrictEqual({ Limit: 10000, Big: 2 ** 40, Negative: -70000, Fraction: 0.5, Yes: true, None: null, List: ["a", 1, [2]] });
  });

  it("decodes SDK-tagged timestamps (tag 1) to their number", () => {
    const bytes = smithyCbor.serialize({ Timestamp: tag({ tag: 1, value: 1700000000123 }) });
    expect(toHex(bytes)).toContain("c11b0000018bcfe5687b");
    expect(decodeCbor(bytes)).toEqual({ Timestamp: 1700000000123 });
  });

  it("writes what the SDK's decoder reads back", () => {
    const data = Uint8Array.from({ length: 70000 }, (_, i) => (i * 13) & 0xff);
    const value = {
      Records: [{ SequenceNumber: "1".repeat(56), Data: data, PartitionKey: "k", ApproximateArrivalTimestamp: new Date(1700000000123) }],
      NextShardIterator: "AAAA".repeat(60),
      MillisBehindLatest: 0,
      Fraction: 2.5,
      Negative: -3,
      Flag: false,
      Nothing: null,
    };
    const decoded = smithyCbor.deserialize(encodeCbor(value)) as {
      Records: { Data: Uint8Array; ApproximateArrivalTimestamp: { tag: number; value: number } }[];
    };
    expect(decoded).toMatchObject({
      NextShardIterator: "AAAA".repeat(60),
      MillisBehindLatest: 0,
      Fraction: 2.5,
      Negative: -3,
      Flag: false,
      Nothing: null,
    });
    const [record] = decoded.Records;
    expect(record?.Data).toEqual(data);
    expect(record?.ApproximateArrivalTimestamp).toMatchObject({ tag: 1, value: 1700000000123 });
  });
});
