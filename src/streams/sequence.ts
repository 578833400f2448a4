/**
 * Sequence numbers as AWS writes them: 56 decimal digits of a 186-bit number, AWS's "version 2",
 * whose 47 hexadecimal digits are
 *
 *   2 | created (9) | shard, last digit (1) | position (16) | 00 | arrival (9) | shard (8) | 2
 *
 * created is when the shard was created and arrival when the record arrived (epoch seconds), shard
 * the shard's index (32 bits) and position the record's place in its shard's log (the counter: 1,
 * 2, ...; 0 is the shard's StartingSequenceNumber). So what readers take from AWS's numbers reads
 * the same from ours: the shard (the KCL checks a checkpoint's shard from bits 4 to 35), the order
 * within a shard (position outranks arrival, and both only grow), children's numbers above their
 * parents' (created leads), and roughly when the record arrived. The layout is the one kinesalite
 * worked out against AWS (node_modules/kinesalite/db/index.js) and the KCL's SequenceNumberValidator
 * reads. Shards set up before these numbers carry their stream's creation time instead.
 *
 * Reading takes every number AWS takes (see readSequenceNumber), and also the 48-digit numbers
 * Rivulet handed out before ("49", created (10), shard (12), counter (24), all decimal): shards
 * store counters, not numbers, so those keep naming the same records.
 */

export interface SequenceParts {
  createdSeconds: number;
  shardIndex: number;
  /** The record's place in its shard's log; 0 for the shard's starting sequence number. */
  counter: number;
  arrivalSeconds: number;
}

const HEX_VERSION = "2";
/** AWS refuses numbers created after this (year 2477), as kinesalite recorded against AWS. */
const LATEST_CREATED_SECONDS = 16_025_175_000;
/** AWS's oldest numbers (its version 0) are read as if 2^124 were added to them. */
const V0_OFFSET = 1n << 124n;
const V0_CEILING = 1n << 129n;
const V2_FLOOR = 1n << 185n;
const V2_CEILING = 3n << 184n;

function hexField(value: number | bigint, digits: number): string {
  return value.toString(16).padStart(digits, "0").slice(-digits);
}

/** The shard index as its 8 hex digits: a signed 32-bit integer, as AWS's numbers carry it. */
function shardHex(index: number): string {
  return hexField(index >>> 0, 8);
}

export function formatSequenceNumber(parts: SequenceParts): string {
  const shard = shardHex(parts.shardIndex);
  const hex =
    HEX_VERSION +
    hexField(parts.createdSeconds, 9) +
    shard.slice(-1) +
    hexField(BigInt(parts.counter), 16) +
    "00" +
    hexField(parts.arrivalSeconds, 9) +
    shard +
    HEX_VERSION;
  return BigInt(`0x${hex}`).toString();
}

/** What moves a number on by one record: the counter's field starts 80 bits above the lowest. */
const COUNTER_STEP = 1n << 80n;
/** The last 32 decimal digits are kept as four limbs of 8 digits (small integers), lowest first. */
const LIMB = 100_000_000;
const LIMB_BIG = BigInt(LIMB);
const LIMBS = 4;
const STEP_LIMBS = Array.from({ length: LIMBS }, (_, i) => Number((COUNTER_STEP / LIMB_BIG ** BigInt(i)) % LIMB_BIG));
/** "00" to "99": a limb is written from four of these. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

function eightDigits(limb: number): string {
  return (
    (TWO_DIGITS[Math.floor(limb / 1_000_000)] ?? "") +
    (TWO_DIGITS[Math.floor(limb / 10_000) % 100] ?? "") +
    (TWO_DIGITS[Math.floor(limb / 100) % 100] ?? "") +
    (TWO_DIGITS[limb % 100] ?? "")
  );
}

/**
 * Writes the numbers of one shard's records in log order: formatSequenceNumber's, exactly, for a
 * fraction of the cost. A 186-bit number's decimal form costs a BigInt conversion (most of a
 * microsecond), and so does a large double's (the runtime caches only recent ones). Within one write
 * only the counter changes, by one from a record to the next: so only a write's first number is
 * converted, and each next one adds the counter's step to its last 32 digits, kept as four 8-digit
 * limbs written from a table of digit pairs, carrying into the leading digits when they overflow
 * (converted again then). Any other record (another second, a gap in the counters) is converted.
 */
export function sequenceNumberWriter(
  base: Omit<SequenceParts, "counter" | "arrivalSeconds">,
): (counter: number, arrivalSeconds: number) => string {
  let lastSeconds = Number.NaN;
  let lastCounter = Number.NaN;
  /** The last number converted; split into limbs only once a next one follows it. */
  let converted = "";
  let split = false;
  const limbs = [0, 0, 0, 0];
  let leading = 0n;
  let leadingText = "";
  return (counter, arrivalSeconds) => {
    const follows = arrivalSeconds === lastSeconds && counter === lastCounter + 1;
    lastSeconds = arrivalSeconds;
    lastCounter = counter;
    if (!follows) {
      split = false;
      converted = formatSequenceNumber({ ...base, counter, arrivalSeconds });
      return converted;
    }
    if (!split) {
      let rest = BigInt(converted);
      for (let j = 0; j < LIMBS; j++) {
        limbs[j] = Number(rest % LIMB_BIG);
        rest /= LIMB_BIG;
      }
      leading = rest;
      leadingText = leading.toString();
      split = true;
    }
    let carry = 0;
    for (let j = 0; j < LIMBS; j++) {
      const sum = (limbs[j] ?? 0) + (STEP_LIMBS[j] ?? 0) + carry;
      carry = sum >= LIMB ? 1 : 0;
      limbs[j] = sum - carry * LIMB;
    }
    if (carry === 1) {
      leading += 1n;
      leadingText = leading.toString();
    }
    // Every number of version 2 is above 2^185, so its leading digits are never zero; were they, the
    // limbs' zeros would lead, and the number is converted instead.
    if (leading === 0n) {
      split = false;
      converted = formatSequenceNumber({ ...base, counter, arrivalSeconds });
      return converted;
    }
    let text = leadingText;
    for (let j = LIMBS - 1; j >= 0; j--) text += eightDigits(limbs[j] ?? 0);
    return text;
  };
}

/** The numbers of `count` consecutive records from counter `first`, all of one shard and arrival second. */
export function formatSequenceNumbers(parts: Omit<SequenceParts, "counter">, first: number, count: number): string[] {
  const write = sequenceNumberWriter(parts);
  const numbers = new Array<string>(count);
  for (let i = 0; i < count; i++) numbers[i] = write(first + i, parts.arrivalSeconds);
  return numbers;
}

/** What a sequence number says, by the version of AWS's format it is written in. */
export type SequenceReading =
  | { version: 2; createdSeconds: number; shardIndex: number; position: bigint; arrivalSeconds: number }
  | { version: 1; createdSeconds: number; shardIndex: number; arrivalSeconds: number }
  | { version: 0; createdSeconds: number; shardIndex: number }
  /** Rivulet's own numbers of before, 48 digits. */
  | { version: "legacy"; createdSeconds: number; shardIndex: number; position: bigint };

const LEGACY = /^49(\d{10})(\d{12})(\d{24})$/;

function hexNumber(hex: string, from: number, to: number): number {
  return Number.parseInt(hex.slice(from, to), 16);
}

/**
 * Reads a sequence number as AWS reads one (kinesalite's tests, run against AWS, show which numbers
 * it takes): undefined for what AWS calls invalid. Numbers below 2^129 are its version 0; numbers
 * just above 2^185 carry their version in their last hex digit (1 or 2); nothing else is one.
 */
export function readSequenceNumber(value: string): SequenceReading | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const legacy = LEGACY.exec(value);
  if (legacy) {
    const [, created = "", shard = "", counter = ""] = legacy;
    return { version: "legacy", createdSeconds: Number(created), shardIndex: Number(shard), position: BigInt(counter) };
  }
  let number = BigInt(value);
  if (number < V0_CEILING) {
    if (number < V0_OFFSET) number += V0_OFFSET;
    const hex = number.toString(16);
    const createdSeconds = hexNumber(hex, 1, 10);
    if (createdSeconds >= LATEST_CREATED_SECONDS) return undefined;
    return { version: 0, createdSeconds, shardIndex: hexNumber(hex, 28, 32) };
  }
  if (number <= V2_FLOOR || number >= V2_CEILING) return undefined;
  const hex = number.toString(16);
  switch (hex.at(-1)) {
    case "1":
      return {
        version: 1,
        createdSeconds: hexNumber(hex, 1, 10),
        arrivalSeconds: hexNumber(hex, 13, 22),
        shardIndex: hexNumber(hex, 38, 46),
      };
    case "2": {
      const position = hex.slice(11, 27);
      if (hexNumber(position, 0, 1) > 7) return undefined;
      const createdSeconds = hexNumber(hex, 1, 10);
      if (createdSeconds >= LATEST_CREATED_SECONDS) return undefined;
      return {
        version: 2,
        createdSeconds,
        shardIndex: hexNumber(hex, 38, 46) | 0,
        position: BigInt(`0x${position}`),
        arrivalSeconds: hexNumber(hex, 29, 38),
      };
    }
    default:
      return undefined;
  }
}

/**
 * Whether PutRecord takes `value` as its SequenceNumberForOrdering: AWS takes any number of its
 * versions 1 and 2 (of any stream) that did not arrive after `nowMs`, and none of version 0.
 * Records of a shard always get numbers above all before them, so the value orders nothing here.
 */
export function acceptsForOrdering(value: string, nowMs: number): boolean {
  const reading = readSequenceNumber(value);
  if (!reading || reading.version === 0) return false;
  if (reading.version === "legacy") return true;
  return reading.arrivalSeconds * 1000 <= nowMs;
}
