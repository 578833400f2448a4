// Java regular expressions (what AWS's models carry) as JavaScript ones, for scripts/gen-shapes.mjs.

/**
 * Translates a Java regular expression (what AWS's models carry and AWS's validator runs) into the
 * source of an equivalent JavaScript RegExp for the "u" flag (code-point semantics, like Java's).
 * Differences handled: identity escapes of non-syntax characters (`\_`), which "u" mode rejects;
 * `.` (Java also excludes U+0085); `\s`/`\S` (ASCII-only in Java; `[\s\S]`, any character, is the
 * one class that may hold `\S`); `\xhh` is the same in both. Anything this does not know
 * (nested or intersected classes, possessive quantifiers but `{n}+`, \Q..\E, POSIX \p{Alpha} names) is refused
 * so that a model change cannot silently produce a wrong check.
 */
export function javaRegexToJs(pattern) {
  const JAVA_SPACE = " \\t\\n\\x0B\\f\\r";
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[++i];
      if (n === undefined) throw new Error(`dangling escape in ${pattern}`);
      if (n === "Q" || n === "E") throw new Error(`\\Q..\\E unsupported in ${pattern}`);
      if (n === "s") out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (n === "S") {
        if (inClass) throw new Error(`\\S inside a class unsupported in ${pattern}`);
        out += `[^${JAVA_SPACE}]`;
      } else if (n === "p" || n === "P") {
        const close = pattern.indexOf("}", i);
        const name = pattern.slice(i + 2, close);
        if (pattern[i + 1] !== "{" || !/^(L|Lu|Ll|Lt|Lm|Lo|M|N|Nd|Nl|No|P|S|Z|Zs|Zl|Zp|C|Cc)$/.test(name)) {
          throw new Error(`unsupported \\${n}{${name}} in ${pattern}`);
        }
        out += `\\${n}{${name}}`;
        i = close;
      } else if (n === "x") {
        const hex = pattern.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`bad \\x escape in ${pattern}`);
        out += `\\x${hex}`;
        i += 2;
      } else if (n === "u") {
        const hex = pattern.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`bad \\u escape in ${pattern}`);
        out += `\\u${hex}`;
        i += 4;
      } else if (/[0-9A-Za-z]/.test(n)) {
        if (!"dDwWbBtnrf0123456789".includes(n)) throw new Error(`unsupported escape \\${n} in ${pattern}`);
        out += `\\${n}`;
      } else if ("^$\\.*+?()[]{}|/".includes(n) || (n === "-" && inClass)) {
        out += `\\${n}`;
      } else {
        // Java lets any non-alphanumeric character be escaped to mean itself; "u" mode does not.
        out += n === "-" ? "-" : n;
      }
      continue;
    }
    if (inClass) {
      if (c === "[" || (c === "&" && pattern[i + 1] === "&")) throw new Error(`nested class unsupported in ${pattern}`);
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (pattern.startsWith("[\\s\\S]", i)) {
      out += "[\\s\\S]";
      i += "[\\s\\S]".length - 1;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i + 1] === "^") out += pattern[++i];
      continue;
    }
    if ((c === "+" || c === "*" || c === "?" || c === "}") && pattern[i + 1] === "+") {
      // `\d{12}+`: an exact count of a one-character atom matches one way only, so possessive or
      // not is the same; any other possessive quantifier would need an atomic group.
      if (!/(\\[dDwWsS]|\]|[^\\)\]])\{\d+$/.test(pattern.slice(0, i))) {
        throw new Error(`possessive quantifier unsupported in ${pattern}`);
      }
      out += c;
      i++;
      continue;
    }
    out += c === "." ? "[^\\n\\r\\u0085\\u2028\\u2029]" : c;
  }
  if (inClass) throw new Error(`unterminated class in ${pattern}`);
  const source = `^(?:${out})$`;
  new RegExp(source, "u"); // throws if the translation is not valid JavaScript
  return source;
}
