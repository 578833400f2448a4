/**
 * Every pattern of every model matches in time linear in its input (issue 11, item 1). A pattern
 * that backtracks catastrophically lets one request hold the Worker for seconds to hours; AWS
 * reports a pattern violation even for a value longer than its maximum, so patterns run on values
 * of any length up to the body limit.
 *
 * The proof is in the test's own units, never in milliseconds: each pattern runs over adversarial
 * inputs (./adversarial.ts) at growing lengths, and must stay within BUDGET times what a trivially
 * fast pattern takes on the same inputs. A linear pattern costs a few such units whatever the
 * length; a quadratic one at 16 KiB costs thousands.
 */
import { describe, expect, it } from "vitest";
import { adversarialInputs } from "./adversarial";
import { patternedShapes } from "./shapes";

/** Scans its whole input once. */
const TRIVIAL = /^[\p{L}\P{L}]*$/u;
/** How many trivial scans a pattern may cost: linear ones take 1 to 50 (`\p{L}` classes cost most), backtracking ones thousands. */
const BUDGET = 200;
/** The fewest units growth is measured from: below it, timing noise decides. */
const FLOOR = 10;
/** Lengths tried in turn, up to each shape's maximum if that is longer (the first failing one ends the test). */
const SHORTEST = 1024;
const LENGTHS = [SHORTEST, 4096, 16384];
const LONGEST = 65536;
/** Passes are repeated until this many milliseconds have gone by, so that the clock's granularity does not matter. */
const MIN_SAMPLE_MS = 8;

/** Time of one pass of `regex` over `inputs`, or Infinity once a pass runs past `limit` milliseconds. */
function passTime(regex: RegExp, inputs: readonly string[], limit: number): number {
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) {
      regex.test(input);
      if (performance.now() - start > limit * (passes + 1) + MIN_SAMPLE_MS) return Infinity;
    }
    passes++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_SAMPLE_MS);
  return elapsed / passes;
}

/** The least of a few samples of each, taken in turn: a collection or a busy core in one does not count. */
function units(regex: RegExp, inputs: readonly string[]): number {
  let unit = Infinity;
  let cost = Infinity;
  for (let sample = 0; sample < 2; sample++) {
    unit = Math.min(unit, passTime(TRIVIAL, inputs, Infinity));
    cost = Math.min(cost, passTime(regex, inputs, unit * BUDGET));
  }
  return Math.round(cost / unit);
}

type Series = { length: number; units: number }[];

function measure(pattern: string, regex: RegExp, lengths: readonly number[]): Series {
  // V8 interprets a regular expression's first runs and compiles it after: time the compiled one.
  for (const r of [TRIVIAL, regex]) for (const input of adversarialInputs(pattern, 64)) r.test(input);
  const series: Series = [];
  for (const length of lengths) {
    series.push({ length, units: units(regex, adversarialInputs(pattern, length)) });
    if (series.some((point) => point.units > BUDGET)) break;
  }
  return series;
}

/**
 * Within the budget at every length, and level as the input grows: a quadratic pattern's units grow
 * as the length does. Growth by the square root of the length's is allowed (16 times the length,
 * 4 times the units), for noise.
 */
function linear(series: Series): boolean {
  const first = series[0];
  const last = series[series.length - 1];
  if (first === undefined || last === undefined) return true;
  return series.every(({ units }) => units <= BUDGET) && last.units <= Math.max(first.units, FLOOR) * Math.sqrt(last.length / first.length);
}

describe("every pattern of every model matches in linear time", () => {
  for (const { where, shape } of patternedShapes()) {
    it(`${where}: ${shape.pattern}`, () => {
      const lengths = [...new Set([...LENGTHS, Math.min(shape.max ?? 0, LONGEST)])].filter((n) => n >= SHORTEST).sort((a, b) => a - b);
      // Timing on shared cores is noisy: a pattern gets three tries to show it is linear (one that
      // is not fails them all the same way).
      let series = measure(shape.pattern, shape.regex, lengths);
      for (let retry = 0; retry < 2 && !linear(series); retry++) series = measure(shape.pattern, shape.regex, lengths);
      expect(series).toSatisfy(linear);
    });
  }
});
