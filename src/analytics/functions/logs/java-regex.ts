/**
 * java.util.regex patterns (REGEX_LOG_PARSE's dialect) translated into JavaScript RegExps in one
 * left-to-right pass. What has an exact JavaScript equivalent is rewritten to it; what has none is
 * refused with AnalyticsFunctionError rather than silently matching something else.
 *
 * Rewritten: \A \z \Z (as lookarounds, so they keep their meaning under MULTILINE), \Q...\E quoting,
 * Java's ASCII \s and \S, \h \H \v \V \R, \e \a, \x{h...h}, the POSIX classes \p{Alpha} \p{Digit}
 * \p{Punct} ... (ASCII, as Java's are), Unicode categories and scripts (\p{L}, \p{IsLatin}),
 * nested union classes [a-c[x-z]], leading flag groups (?i) (?s) (?m) (?x) (?u) (?d) (?U), escapes of
 * characters that need none, possessive quantifiers (X*+, X++, X?+, X{n,m}+) and atomic groups (?>X)
 * (both as (?=(X))\k, which matches what they match and, like them, never backtracks into X).
 * Capturing groups are renumbered when helper groups are inserted, and `javaGroups` maps Java's
 * group numbers to the RegExp's.
 *
 * Refused: class intersection (&&), flags switched mid-pattern or scoped (?i:...), \G, \X, \b{g},
 * Unicode blocks (\p{InGreek}) and negated POSIX classes inside a class.
 * Deliberate difference: `.` excludes \n, \r, \u2028 and \u2029 but not \u0085 (JavaScript's set).
 */
import { AnalyticsFunctionError } from "../errors";

export interface TranslatedRegex {
  source: string;
  flags: string;
  /** javaGroups[n] is the RegExp group holding Java's group n (index 0 unused). */
  javaGroups: number[];
}

const POSIX: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
  javaLowerCase: "\\p{Ll}",
  javaUpperCase: "\\p{Lu}",
  javaWhitespace: "\\s",
  javaMirrored: "\\p{Bidi_M}",
};

const SPACE = " \\t\\n\\x0B\\f\\r";
const HORIZONTAL = " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000";
const VERTICAL = "\\n\\x0B\\f\\r\\x85\\u2028\\u2029";
/** Characters JavaScript's u flag lets (and needs) a backslash in front of, outside a class. */
const SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);

export function translateJavaRegex(functionName: string, pattern: string): TranslatedRegex {
  const fail = (what: string, at: number): never => {
    throw new AnalyticsFunctionError(functionName, "regex-pattern", `${what} at position ${at} of '${pattern}' has no JavaScript equivalent`);
  };
  let flags = "u";
  let extended = false;
  let i = 0;
  // Leading flag groups: (?imsx-...) before anything else.
  for (;;) {
    const m = /^\(\?([idmsuxU]*)\)/.exec(pattern.slice(i));
    if (m === null) break;
    for (const f of m[1] ?? "") {
      if (f === "i" && !flags.includes("i")) flags += "i";
      if (f === "m" && !flags.includes("m")) flags += "m";
      if (f === "s" && !flags.includes("s")) flags += "s";
      if (f === "x") extended = true;
      // u (Unicode case folding), U (Unicode classes) and d (Unix lines) change nothing JavaScript can express differently.
    }
    i += m[0].length;
  }

  let out = "";
  let jsGroups = 0;
  const javaGroups: number[] = [0];
  /** For each open parenthesis: where its output starts, whether it is atomic, its helper group number. */
  const open: { start: number; atomic: boolean; helper: number }[] = [];
  /** Where the last complete atom starts in `out`, for a possessive quantifier to wrap. */
  let atomStart = -1;

  // Outside a class the u flag refuses \- (and any escape of a non-syntax character).
  const escapeLiteral = (c: string): string => (SYNTAX.has(c) ? `\\${c}` : c);

  /** Translates an escape at pattern[i] === "\\"; returns [text, consumed, inClassText]. */
  const escape = (at: number, inClass: boolean): [string, number] => {
    const c = pattern[at + 1];
    if (c === undefined) return fail("a trailing backslash", at);
    switch (c) {
      case "A":
        if (inClass) return fail("\\A inside a class", at);
        return ["(?<![\\s\\S])", 2];
      case "z":
        if (inClass) return fail("\\z inside a class", at);
        return ["(?![\\s\\S])", 2];
      case "Z":
        if (inClass) return fail("\\Z inside a class", at);
        return ["(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))", 2];
      case "G":
      case "X":
        return fail(`\\${c}`, at);
      case "s":
        return [inClass ? SPACE : `[${SPACE}]`, 2];
      case "S":
        return [inClass ? "\\S" : `[^${SPACE}]`, 2];
      case "h":
        return [inClass ? HORIZONTAL : `[${HORIZONTAL}]`, 2];
      case "H":
        if (inClass) return fail("\\H inside a class", at);
        return [`[^${HORIZONTAL}]`, 2];
      case "v":
        return [inClass ? VERTICAL : `[${VERTICAL}]`, 2];
      case "V":
        if (inClass) return fail("\\V inside a class", at);
        return [`[^${VERTICAL}]`, 2];
      case "R":
        if (inClass) return fail("\\R inside a class", at);
        return [`(?:\\r\\n|[${VERTICAL}])`, 2];
      case "e":
        return ["\\x1B", 2];
      case "a":
        return ["\\x07", 2];
      case "x": {
        const braced = /^\\x\{([0-9a-fA-F]+)\}/.exec(pattern.slice(at));
        if (braced !== null) return [`\\u{${braced[1] ?? "0"}}`, braced[0].length];
        const plain = /^\\x[0-9a-fA-F]{2}/.exec(pattern.slice(at));
        if (plain === null) return fail("a malformed \\x escape", at);
        return [plain[0], 4];
      }
      case "0": {
        const octal = /^\\0([0-3]?[0-7]{1,2})/.exec(pattern.slice(at));
        if (octal === null) return fail("a malformed octal escape", at);
        return [`\\x${parseInt(octal[1] ?? "0", 8).toString(16).padStart(2, "0")}`, octal[0].length];
      }
      case "p":
      case "P": {
        const m = /^\\[pP](?:\{(\^?)([A-Za-z_=]+)\}|([A-Za-z]))/.exec(pattern.slice(at));
        if (m === null) return fail("a malformed \\p escape", at);
        let negate = c === "P";
        if (m[1] === "^") negate = !negate;
        const name = m[2] ?? m[3] ?? "";
        const posix = POSIX[name.startsWith("Is") && POSIX[name.slice(2)] !== undefined ? name.slice(2) : name];
        if (posix !== undefined) {
          if (!negate) return [inClass ? posix : `[${posix}]`, m[0].length];
          if (inClass) return fail(`\\P{${name}} inside a class`, at);
          return [`[^${posix}]`, m[0].length];
        }
        if (name.startsWith("In")) return fail(`the Unicode block ${name}`, at);
        const property = name.startsWith("Is") ? unicodeProperty(name.slice(2)) : unicodeProperty(name);
        return [`\\${negate ? "P" : "p"}{${property}}`, m[0].length];
      }
      case "Q": {
        const end = pattern.indexOf("\\E", at + 2);
        const text = pattern.slice(at + 2, end < 0 ? pattern.length : end);
        return [Array.from(text, (ch) => (inClass ? escapeClassChar(ch) : escapeLiteral(ch))).join(""), (end < 0 ? pattern.length : end + 2) - at];
      }
      case "k": {
        const m = /^\\k<([A-Za-z][A-Za-z0-9]*)>/.exec(pattern.slice(at));
        if (m === null) return fail("a malformed \\k escape", at);
        return [m[0], m[0].length];
      }
      default:
        break;
    }
    if (/[1-9]/.test(c)) {
      if (inClass) return fail("a back reference inside a class", at);
      // Java takes the longest run of digits that names an existing group.
      let digits = c;
      while (/[0-9]/.test(pattern[at + 1 + digits.length] ?? "") && Number(digits + (pattern[at + 1 + digits.length] ?? "")) <= javaGroups.length - 1) {
        digits += pattern[at + 1 + digits.length] ?? "";
      }
      const target = javaGroups[Number(digits)];
      if (target === undefined) return fail(`a reference to group ${digits} before it exists`, at);
      return [`\\${target}`, 1 + digits.length];
    }
    if (/[dDwWbBtnrfc]/.test(c)) {
      if (c === "c") return [pattern.slice(at, at + 3), 3];
      if (inClass && (c === "b" || c === "B")) return fail(`\\${c} inside a class`, at);
      return [`\\${c}`, 2];
    }
    if (c === "u") {
      const m = /^\\u[0-9a-fA-F]{4}/.exec(pattern.slice(at));
      if (m === null) return fail("a malformed \\u escape", at);
      return [m[0], 6];
    }
    if (/[A-Za-z]/.test(c)) return fail(`the escape \\${c}`, at);
    // Any other escaped character is itself.
    return [inClass ? escapeClassChar(c) : escapeLiteral(c), 2];
  };

  /** Translates a class starting at pattern[at] === "["; returns [text, consumed]. */
  const charClass = (at: number): [string, number] => {
    let j = at + 1;
    let body = "";
    let negated = false;
    if (pattern[j] === "^") {
      negated = true;
      j++;
    }
    // A ] right after [ or [^ is a literal in Java.
    if (pattern[j] === "]") {
      body += "\\]";
      j++;
    }
    while (j < pattern.length && pattern[j] !== "]") {
      const c = pattern[j] ?? "";
      if (c === "\\") {
        const [text, used] = escape(j, true);
        body += text;
        j += used;
      } else if (c === "[") {
        if (pattern[j + 1] === "^") fail("a negated class nested in a class", j);
        const [inner, used] = charClass(j);
        body += inner.slice(1, -1);
        j += used;
      } else if (c === "&" && pattern[j + 1] === "&") {
        return fail("class intersection (&&)", j);
      } else {
        body += c === "-" && (body === "" || pattern[j + 1] === "]") ? "\\-" : escapeClassChar(c) === "\\-" ? "-" : escapeClassChar(c);
        j++;
      }
    }
    if (j >= pattern.length) return fail("an unclosed class", at);
    return [`[${negated ? "^" : ""}${body}]`, j + 1 - at];
  };

  while (i < pattern.length) {
    const c = pattern[i] ?? "";
    if (extended) {
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (c === "#") {
        while (i < pattern.length && pattern[i] !== "\n") i++;
        continue;
      }
    }
    if (c === "\\") {
      const [text, used] = escape(i, false);
      atomStart = out.length;
      out += text;
      i += used;
      continue;
    }
    if (c === "[") {
      const [text, used] = charClass(i);
      atomStart = out.length;
      out += text;
      i += used;
      continue;
    }
    if (c === "(") {
      const rest = pattern.slice(i);
      let prefix: string;
      let used: number;
      let atomic = false;
      let helper = 0;
      if (rest.startsWith("(?>")) {
        // Atomic: a lookahead captures what X matches, then a back reference consumes exactly that.
        atomic = true;
        helper = ++jsGroups;
        prefix = "(?=(";
        used = 3;
      } else if (/^\(\?(?:[:=!]|<[=!])/.test(rest)) {
        const m = /^\(\?(?:[:=!]|<[=!])/.exec(rest);
        prefix = m?.[0] ?? "(?:";
        used = prefix.length;
      } else if (/^\(\?<[A-Za-z][A-Za-z0-9]*>/.test(rest)) {
        const m = /^\(\?<[A-Za-z][A-Za-z0-9]*>/.exec(rest);
        prefix = m?.[0] ?? "(";
        used = prefix.length;
        javaGroups.push(++jsGroups);
      } else if (rest.startsWith("(?")) {
        return fail("a flag group after the start of the pattern", i);
      } else {
        prefix = "(";
        used = 1;
        javaGroups.push(++jsGroups);
      }
      open.push({ start: out.length, atomic, helper });
      out += prefix;
      i += used;
      continue;
    }
    if (c === ")") {
      const group = open.pop();
      if (group === undefined) return fail("an unmatched )", i);
      out += group.atomic ? `))\\${group.helper}` : ")";
      atomStart = group.start;
      i++;
      continue;
    }
    if (c === "*" || c === "+" || c === "?" || c === "{") {
      let quantifier = c;
      let used = 1;
      if (c === "{") {
        const m = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
        if (m === null) return fail("a { that starts no repetition", i);
        quantifier = m[0];
        used = m[0].length;
      }
      const mode = pattern[i + used];
      if (mode === "?") {
        quantifier += "?";
        used++;
      }
      if (atomStart < 0) return fail("a quantifier with nothing to repeat", i);
      if (mode === "+") {
        // Possessive: (?=(X*))\n keeps whatever the greedy X* took and never gives any back. The
        // helper group opens before X, so X's groups (and Java's numbers for them) move up by one.
        const before = countGroups(out.slice(0, atomStart));
        for (let n = 1; n < javaGroups.length; n++) {
          const g = javaGroups[n] ?? 0;
          if (g > before) javaGroups[n] = g + 1;
        }
        jsGroups++;
        out = `${out.slice(0, atomStart)}(?=(${shiftReferences(out.slice(atomStart), before)}${quantifier}))\\${before + 1}`;
        used++;
      } else {
        out += quantifier;
      }
      atomStart = -1;
      i += used;
      continue;
    }
    if (c === "|") {
      atomStart = -1;
      out += c;
      i++;
      continue;
    }
    if (c === "^" || c === "$") {
      atomStart = -1;
      out += c;
      i++;
      continue;
    }
    atomStart = out.length;
    out += c === "]" || c === "}" || c === "/" ? `\\${c}` : c;
    i++;
  }
  if (open.length > 0) return fail("an unclosed (", pattern.length);
  return { source: out, flags, javaGroups };
}

/** Back references in translated text to groups after `before` move up by one (a helper group opened before them). */
function shiftReferences(source: string, before: number): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const digits = /^\d+/.exec(source.slice(i + 1))?.[0];
    if (digits === undefined) {
      out += c + (source[i + 1] ?? "");
      i++;
      continue;
    }
    const n = Number(digits);
    out += `\\${n > before ? n + 1 : n}`;
    i += digits.length;
  }
  return out;
}

/** Capturing groups opened in a translated source (plain and named; lookarounds and (?: do not count). */
function countGroups(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(" && (source[i + 1] !== "?" || /^\(\?<[A-Za-z]/.test(source.slice(i)))) count++;
  }
  return count;
}

function escapeClassChar(c: string): string {
  return c === "\\" || c === "]" || c === "[" || c === "^" || c === "-" || c === "/" || c === "{" || c === "}" || c === "(" || c === ")" || c === "|" ? `\\${c}` : c;
}

/** Java's property names as JavaScript's: general categories pass through, scripts need Script=. */
function unicodeProperty(name: string): string {
  const categories = /^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn)$/;
  if (categories.test(name)) return name;
  if (name === "Alphabetic" || name === "Letter") return name === "Letter" ? "L" : "Alphabetic";
  if (name === "White_Space" || name === "WhiteSpace") return "White_Space";
  if (name.includes("=")) return name;
  return `Script=${name}`;
}
