/**
 * The linear-time forms the generator matches in place of AWS's catastrophic patterns
 * (scripts/gen-shapes/linear-patterns.mjs) accept exactly the strings AWS's patterns accept: both
 * are run on many short strings made of the pattern's own pieces, on either side of its boundary.
 */
import { describe, expect, it } from "vitest";
import { javaRegexToJs } from "../../../scripts/gen-shapes/java-regex.mjs";
import { LINEAR_FORMS } from "../../../scripts/gen-shapes/linear-patterns.mjs";
import { nearMisses, seededRandom } from "./adversarial";
import { patternedShapes } from "./shapes";

const SAMPLES = 20_000;

describe("linear-time forms of AWS's patterns", () => {
  for (const [original, linear] of Object.entries(LINEAR_FORMS)) {
    it(`accepts what ${original} accepts`, () => {
      const aws = new RegExp(javaRegexToJs(original), "u");
      const ours = new RegExp(javaRegexToJs(linear), "u");
      const random = seededRandom(0x5eed);
      let accepted = 0;
      const disagreements: string[] = [];
      for (const text of nearMisses(original, SAMPLES, random)) {
        const expected = aws.test(text);
        if (expected) accepted++;
        if (ours.test(text) !== expected) disagreements.push(text);
      }
      expect(disagreements.slice(0, 5)).toEqual([]);
      // Both sides of the boundary were tried.
      expect(accepted).toBeGreaterThan(SAMPLES / 50);
      expect(SAMPLES - accepted).toBeGreaterThan(SAMPLES / 50);
    });
  }

  it("are what the generated shapes match with", () => {
    const rewritten = patternedShapes().filter(({ shape }) => Object.hasOwn(LINEAR_FORMS, shape.pattern));
    expect(new Set(rewritten.map(({ shape }) => shape.pattern))).toEqual(new Set(Object.keys(LINEAR_FORMS)));
    for (const { shape } of rewritten) expect(shape.regex.source).toBe(new RegExp(javaRegexToJs(LINEAR_FORMS[shape.pattern] ?? ""), "u").source);
  });
});
