/**
 * Inputs that make backtracking regular expressions slow, built from a model's own pattern: the
 * pattern's literal pieces and a character of each of its classes, repeated up to a length, then a
 * character that breaks the match. Catastrophic backtracking needs an input that many ways of
 * matching almost fit, which is what repetitions of the pattern's own pieces are (the issue's
 * `arn:aws` + 400 × `:kinesis::000000000000:stream/` + space is one of these).
 *
 * Also a generator of short strings from the same pieces, for comparing two patterns' verdicts.
 */
import { javaRegexToJs } from "../../../scripts/gen-shapes/java-regex.mjs";

/** A piece of a pattern: the text one atom (or run of fixed atoms) matches, and whether its count varies. */
interface Piece {
  text: string;
  variable: boolean;
}

/** Characters a class is represented by, the first one it accepts. */
const CANDIDATES = ["a", "0", "A", "-", "_", ".", "/", ":", "=", "+", "@", "$", "s", " ", "\u00e9", "\n"];
/** What follows the repetitions: characters that break most patterns somewhere. */
/** The longest run of pieces repeated: longer units repeat too few times to matter. */
const MAX_UNIT_PIECES = 5;
export const BREAKERS = [" ", "\n", "!", "-", "$", ""];

/** One character the Java class or escape `atom` accepts. */
function representative(atom: string): string {
  const regex = new RegExp(javaRegexToJs(atom), "u");
  return CANDIDATES.find((c) => regex.test(c)) ?? "a";
}

/** Whether an atom stands for itself: a plain character or an escaped punctuation mark (`\\.`). */
function isLiteral(atom: string): boolean {
  return atom.length === 1 ? atom !== "." : atom.length === 2 && atom.startsWith("\\") && !/[a-zA-Z0-9]/.test(atom[1] ?? "");
}

/** The text an atom is written out as. */
function textOf(atom: string): string {
  if (isLiteral(atom)) return atom.length === 1 ? atom : atom.slice(1);
  if (/^\\(x|u)/.test(atom)) return String.fromCharCode(parseInt(atom.slice(2), 16));
  return representative(atom);
}

/** The atom starting at `i` (an escape, a class, `.` or a literal character) and where it ends. */
function readAtom(pattern: string, i: number): { atom: string; end: number } {
  const c = pattern[i] ?? "";
  if (c === "\\") {
    const n = pattern[i + 1] ?? "";
    if (n === "p" || n === "P") {
      const close = pattern.indexOf("}", i);
      return { atom: pattern.slice(i, close + 1), end: close + 1 };
    }
    if (n === "x") return { atom: pattern.slice(i, i + 4), end: i + 4 };
    if (n === "u") return { atom: pattern.slice(i, i + 6), end: i + 6 };
    return { atom: pattern.slice(i, i + 2), end: i + 2 };
  }
  if (c === "[") {
    let j = i + 1;
    if (pattern[j] === "^") j++;
    if (pattern[j] === "]") j++;
    while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
    return { atom: pattern.slice(i, j + 1), end: j + 1 };
  }
  return { atom: c, end: i + 1 };
}

/** The quantifier at `i`, if any: how many times its atom is written out, and whether that count varies. */
function readQuantifier(pattern: string, i: number): { count: number; variable: boolean; end: number } {
  const c = pattern[i];
  let end = i + 1;
  let result: { count: number; variable: boolean };
  if (c === "*" || c === "+" || c === "?") {
    result = { count: 1, variable: true };
  } else if (c === "{") {
    const close = pattern.indexOf("}", i);
    const [low = "1", high] = pattern.slice(i + 1, close).split(",");
    end = close + 1;
    result = { count: Math.max(1, Number(low)), variable: high === undefined ? false : high !== low };
  } else {
    return { count: 1, variable: false, end: i };
  }
  if (pattern[end] === "?" || pattern[end] === "+") end++; // lazy or possessive
  return { ...result, end };
}

/**
 * The pattern as pieces: runs of fixed atoms joined into one text, each variable atom alone. Groups,
 * alternatives, anchors and lookarounds end a run (their contents still give pieces).
 */
export function piecesOf(pattern: string): string[] {
  const pieces: Piece[] = [];
  let run = "";
  const endRun = () => {
    if (run !== "") pieces.push({ text: run, variable: false });
    run = "";
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "(") {
      endRun();
      const lookaround = /^\(\?(?:=|!|<[=!])/.test(pattern.slice(i));
      // A lookaround's text is not part of what the pattern matches.
      if (lookaround) i = groupEnd(pattern, i);
      else i += pattern.startsWith("(?:", i) ? 3 : 1;
      continue;
    }
    if (c === "|") {
      // Only the first alternative of a group is written out.
      endRun();
      i = groupEnd(pattern, i) - 1;
      continue;
    }
    if (c === ")" || c === "^" || c === "$") {
      endRun();
      i++;
      if (c === ")") i = readQuantifier(pattern, i).end;
      continue;
    }
    const { atom, end } = readAtom(pattern, i);
    const quantifier = readQuantifier(pattern, end);
    const text = textOf(atom).repeat(quantifier.count);
    if (quantifier.variable || !isLiteral(atom)) {
      endRun();
      pieces.push({ text, variable: quantifier.variable });
    } else {
      run += text;
    }
    i = quantifier.end;
  }
  endRun();
  return pieces.map((piece) => piece.text);
}

/** Just past the `)` that closes the group open at `i` (or containing `i`), or the pattern's end. */
function groupEnd(pattern: string, i: number): number {
  let depth = pattern[i] === "(" ? 0 : 1;
  for (let j = i; j < pattern.length; ) {
    const c = pattern[j];
    if (c === "\\" || c === "[") {
      j = readAtom(pattern, j).end;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")" && --depth === 0) return j + 1;
    j++;
  }
  return pattern.length;
}

/** The pattern's top-level alternatives. */
function alternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < pattern.length; ) {
    const c = pattern[j];
    if (c === "\\" || c === "[") {
      j = readAtom(pattern, j).end;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "|" && depth === 0) {
      out.push(pattern.slice(start, j));
      start = j + 1;
    }
    j++;
  }
  out.push(pattern.slice(start));
  return out;
}

/**
 * Adversarial inputs of `length` characters for `pattern`: a prefix of the pattern's pieces, then
 * every contiguous run of its pieces repeated to fill the length, then each breaking character.
 */
export function adversarialInputs(pattern: string, length: number): string[] {
  const inputs = new Set<string>();
  for (const alternative of alternatives(pattern)) addInputs(piecesOf(alternative), length, inputs);
  return [...inputs];
}

function addInputs(pieces: readonly string[], length: number, inputs: Set<string>): void {
  for (let from = 0; from < pieces.length; from++) {
    const prefixes = new Set(["", pieces.slice(0, from).join("")]);
    for (let to = from + 1; to <= Math.min(pieces.length, from + MAX_UNIT_PIECES); to++) {
      const unit = pieces.slice(from, to).join("");
      if (unit === "") continue;
      for (const prefix of prefixes) {
        const body = unit.repeat(Math.max(1, Math.ceil((length - prefix.length) / unit.length)));
        for (const breaker of BREAKERS) inputs.add((prefix + body).slice(0, length - breaker.length) + breaker);
      }
    }
  }
}

/** A small seeded generator (mulberry32), so a failing case can be run again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Short strings likely to sit on either side of `pattern`'s boundary: its pieces in order with
 * some dropped, repeated or cut, and stray characters inserted.
 */
export function nearMisses(pattern: string, count: number, random: () => number): string[] {
  const pieces = alternatives(pattern).flatMap((alternative) => piecesOf(alternative));
  const strays = [...BREAKERS.filter((b) => b !== ""), ...pieces.join("")];
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const out: string[] = [pieces.join("")];
  for (let n = 0; n < count; n++) {
    // Some strings are changed a little, some a lot.
    const rate = random() * 0.5;
    let text = "";
    for (const piece of pieces) {
      const roll = random() / rate;
      if (roll < 0.3) continue;
      text += roll < 0.6 ? piece.repeat(2 + Math.floor(random() * 3)) : roll < 0.8 ? piece.slice(0, Math.floor(random() * piece.length)) : piece;
      if (random() < rate / 4) text += pick(strays) ?? "";
    }
    out.push(text);
  }
  return out;
}
