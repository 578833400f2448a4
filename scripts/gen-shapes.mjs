#!/usr/bin/env node
// Generates the input-shape data that src/aws/validate.ts walks, from AWS's own service models
// (botocore "service-2.json" format):
//
//   ../shared/aws-models/kinesis/2013-12-02/service-2.json  -> src/streams/shapes.generated.ts
//   ../shared/aws-models/firehose/2015-08-04/service-2.json -> src/firehose/shapes.generated.ts
//
// The models exist only where this script is run; the generated files are committed, so neither the
// build nor the Worker ever needs ../shared. Regenerate with:
//
//   node scripts/gen-shapes.mjs
//
// Only what input validation needs is kept: per operation, the input structure, and for every shape
// reachable from it the type, the min/max bounds (length for string/blob/list/map, value for numbers),
// the pattern (as AWS prints it, plus a JavaScript RegExp with Java's whole-input `matches()`
// semantics), enum values, required members and nested shapes. Documentation is dropped.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const modelsDir = resolve(root, "../shared/aws-models");

const services = [
  { model: "kinesis/2013-12-02/service-2.json", out: "src/streams/shapes.generated.ts" },
  { model: "firehose/2015-08-04/service-2.json", out: "src/firehose/shapes.generated.ts" },
];

const SCALARS = new Set(["string", "integer", "long", "float", "double", "boolean", "blob", "timestamp"]);

/**
 * Translates a Java regular expression (what AWS's models carry and AWS's validator runs) into the
 * source of an equivalent JavaScript RegExp for the "u" flag (code-point semantics, like Java's).
 * Differences handled: identity escapes of non-syntax characters (`\_`), which "u" mode rejects;
 * `.` (Java also excludes U+0085); `\s`/`\S` (ASCII-only in Java). Anything this does not know
 * (nested or intersected classes, possessive quantifiers, \Q..\E, POSIX \p{Alpha} names) is refused
 * so that a model change cannot silently produce a wrong check.
 */
function javaRegexToJs(pattern) {
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
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i + 1] === "^") out += pattern[++i];
      continue;
    }
    if ((c === "+" || c === "*" || c === "?" || c === "}") && pattern[i + 1] === "+") {
      throw new Error(`possessive quantifier unsupported in ${pattern}`);
    }
    out += c === "." ? "[^\\n\\r\\u0085\\u2028\\u2029]" : c;
  }
  if (inClass) throw new Error(`unterminated class in ${pattern}`);
  const source = `^(?:${out})$`;
  new RegExp(source, "u"); // throws if the translation is not valid JavaScript
  return source;
}

function generate({ model, out }) {
  const modelPath = join(modelsDir, model);
  const json = JSON.parse(readFileSync(modelPath, "utf8"));
  const { metadata, operations, shapes } = json;
  if (metadata.protocol !== "json") throw new Error(`${model}: protocol ${metadata.protocol} is not AWS JSON`);
  const javaPackage = `com.amazonaws.${metadata.endpointPrefix}.v${metadata.apiVersion.replace(/-/g, "")}`;

  const emitted = new Map(); // shape name -> const name, in dependency order
  const lines = [];
  const usedTypes = new Set();
  const constName = (name) => `$${name}`;

  const typeOf = {
    string: "StringShape",
    integer: "NumberShape",
    long: "NumberShape",
    float: "NumberShape",
    double: "NumberShape",
    boolean: "BooleanShape",
    blob: "BlobShape",
    timestamp: "TimestampShape",
    list: "ListShape",
    map: "MapShape",
    structure: "StructureShape",
  };

  const num = (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`bad bound ${v}`);
    return String(v);
  };

  function emit(name, stack = []) {
    if (emitted.has(name)) return emitted.get(name);
    if (stack.includes(name)) throw new Error(`${model}: recursive shape ${[...stack, name].join(" -> ")} unsupported`);
    const s = shapes[name];
    if (!s) throw new Error(`${model}: unknown shape ${name}`);
    const type = s.type;
    if (!typeOf[type]) throw new Error(`${model}: shape ${name} has unsupported type ${type}`);
    const props = [`type: ${JSON.stringify(type)}`];
    if (type === "structure") {
      props.push(`name: ${JSON.stringify(name)}`, `javaClass: ${JSON.stringify(`${javaPackage}.${name}`)}`);
      const required = new Set(s.required ?? []);
      const members = Object.entries(s.members ?? {}).map(([memberName, m]) => {
        if (m.location || m.locationName || m.jsonName) throw new Error(`${model}: ${name}.${memberName} is renamed on the wire`);
        const ref = emit(m.shape, [...stack, name]);
        return `{ name: ${JSON.stringify(memberName)}, shape: ${ref}${required.has(memberName) ? ", required: true" : ""} }`;
      });
      for (const r of required) if (!(r in (s.members ?? {}))) throw new Error(`${model}: ${name} requires unknown ${r}`);
      props.push(`members: [${members.join(", ")}]`);
    } else if (type === "list") {
      props.push(`member: ${emit(s.member.shape, [...stack, name])}`);
    } else if (type === "map") {
      if (shapes[s.key.shape].type !== "string") throw new Error(`${model}: map ${name} has non-string keys`);
      props.push(`key: ${emit(s.key.shape, [...stack, name])}`, `value: ${emit(s.value.shape, [...stack, name])}`);
    } else if (!SCALARS.has(type)) {
      throw new Error(`${model}: unhandled type ${type}`);
    }
    if (s.min !== undefined) props.push(`min: ${num(s.min)}`);
    if (s.max !== undefined) props.push(`max: ${num(s.max)}`);
    if (s.pattern !== undefined) {
      if (type !== "string") throw new Error(`${model}: pattern on ${type} ${name}`);
      props.push(`pattern: ${JSON.stringify(s.pattern)}`, `regex: new RegExp(${JSON.stringify(javaRegexToJs(s.pattern))}, "u")`);
    }
    if (s.enum !== undefined) {
      if (type !== "string") throw new Error(`${model}: enum on ${type} ${name}`);
      props.push(`enum: ${JSON.stringify(s.enum)}`);
    }
    const tsType = typeOf[type];
    usedTypes.add(tsType);
    const ident = constName(name);
    lines.push(`const ${ident}: ${tsType} = { ${props.join(", ")} };`);
    emitted.set(name, ident);
    return ident;
  }

  const opNames = Object.keys(operations).sort();
  const inputs = opNames.map((op) => {
    const input = operations[op].input?.shape;
    if (!input) {
      usedTypes.add("StructureShape");
      return `  ${op}: { type: "structure", name: ${JSON.stringify(`${op}Input`)}, javaClass: ${JSON.stringify(`${javaPackage}.${op}Input`)}, members: [] },`;
    }
    if (shapes[input].type !== "structure") throw new Error(`${model}: ${op} input is not a structure`);
    return `  ${op}: ${emit(input)},`;
  });

  const service = {
    serviceId: metadata.serviceId,
    apiVersion: metadata.apiVersion,
    targetPrefix: metadata.targetPrefix,
    jsonVersion: metadata.jsonVersion,
    javaPackage,
  };
  const exportName = `${metadata.serviceId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_SHAPES`;

  const text = [
    `// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model`,
    `// ${relative(root, modelPath).replace(/\\/g, "/")} (${metadata.serviceFullName}, API ${metadata.apiVersion}).`,
    `// Regenerate: node scripts/gen-shapes.mjs`,
    `// Input shapes only, documentation dropped; walked by validateInput() in src/aws/validate.ts.`,
    `// Members are in model order; validate.ts derives AWS's reporting order from them.`,
    ``,
    `import type { ${[...usedTypes].sort().join(", ")} } from "../aws/validate";`,
    ``,
    ...lines,
    ``,
    `export const ${exportName} = {`,
    ...Object.entries(service).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
    `  /** Every operation the model defines, in alphabetical order. */`,
    `  operationNames: [${opNames.map((op) => JSON.stringify(op)).join(", ")}],`,
    `  /** The input structure of each operation. */`,
    `  operations: {`,
    ...inputs.map((line) => `  ${line}`),
    `  },`,
    `} as const;`,
    ``,
  ].join("\n");

  const outPath = join(root, out);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  console.log(`${out}: ${opNames.length} operations, ${emitted.size} shapes`);
}

for (const s of services) generate(s);
