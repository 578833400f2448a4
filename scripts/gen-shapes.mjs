#!/usr/bin/env node
// Generates, from AWS's own service models (botocore's service-2.json, kept in scripts/models/),
// one TypeScript file per service holding:
//
// 1. the input shapes that src/aws/validate.ts walks: per operation, the input structure, and for
//    every shape reachable from it the type, the min/max bounds (length for string/blob/list/map,
//    value for numbers), the pattern (as AWS prints it, plus a JavaScript RegExp with Java's
//    whole-input `matches()` semantics, in a linear-time form where AWS's backtracks badly:
//    ./gen-shapes/linear-patterns.mjs), enum values, required members and nested shapes. For
//    REST-JSON services also each operation's HTTP binding (method, path, status) and output
//    structure, with the members' `location`/`locationName` (uri, querystring, header, headers)
//    and a structure's `payload` member, for the protocol layer that binds them;
// 2. the operations' TypeScript types (see ./gen-shapes/types.mjs).
//
// Documentation is dropped. The generated files are committed, so the build never runs this;
// after changing a model (scripts/vendor-models.mjs) or this script, regenerate with:
//
//   node scripts/gen-shapes.mjs

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { javaRegexToJs } from "./gen-shapes/java-regex.mjs";
import { LINEAR_FORMS } from "./gen-shapes/linear-patterns.mjs";
import { typeDeclarations } from "./gen-shapes/types.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const modelsDir = join(root, "scripts/models");

const services = [
  { model: "kinesis-2013-12-02.json", out: "src/streams/shapes.generated.ts" },
  { model: "firehose-2015-08-04.json", out: "src/firehose/shapes.generated.ts" },
  { model: "lambda-2015-03-31.json", out: "src/triggers/shapes.generated.ts" },
  { model: "kinesisanalytics-2015-08-14.json", out: "src/analytics/shapes-v1.generated.ts" },
  { model: "kinesisanalyticsv2-2018-05-23.json", out: "src/analytics/shapes-v2.generated.ts" },
  { model: "kinesisvideo-2017-09-30.json", out: "src/video/shapes.generated.ts" },
  { model: "kinesis-video-media-2017-09-30.json", out: "src/video/media-shapes.generated.ts" },
  { model: "kinesis-video-archived-media-2017-09-30.json", out: "src/video/archived-media-shapes.generated.ts" },
  // Video's APIs that no AWS SDK model has, written in the same form from AWS's API reference (see models/README.md).
  { model: "rivulet-kinesis-video-putmedia-2017-09-30.json", out: "src/video/putmedia-shapes.generated.ts" },
  { model: "rivulet-kinesis-video-playback-2017-09-30.json", out: "src/video/playback-shapes.generated.ts" },
  // Movement alerts: not an AWS API, configured in the style of UpdateNotificationConfiguration (README).
  { model: "rivulet-kinesis-video-motion-2017-09-30.json", out: "src/video/motion-shapes.generated.ts" },
];

const SCALARS = new Set(["string", "integer", "long", "float", "double", "boolean", "blob", "timestamp"]);
const LOCATIONS = new Set(["uri", "querystring", "header", "headers"]);

function generate({ model, out }) {
  const modelPath = join(modelsDir, model);
  const { metadata, operations, shapes } = JSON.parse(readFileSync(modelPath, "utf8"));
  const protocol = metadata.protocol;
  if (protocol !== "json" && protocol !== "rest-json") throw new Error(`${model}: protocol ${protocol} is neither AWS JSON nor REST-JSON`);
  const restJson = protocol === "rest-json";
  const javaPackage = `com.amazonaws.${metadata.endpointPrefix}.v${metadata.apiVersion.replace(/-/g, "")}`;

  const emitted = new Map(); // shape name -> const name, in dependency order
  const lines = [];
  const usedTypes = new Set(["InputShape"]);
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

  /** Where a member travels outside the JSON body (REST-JSON only; AWS JSON puts every member in the body). */
  function memberLocation(shapeName, memberName, m) {
    if (m.jsonName) throw new Error(`${model}: ${shapeName}.${memberName} is renamed on the wire`);
    if (!m.location && !m.locationName) return "";
    if (!restJson) throw new Error(`${model}: ${shapeName}.${memberName} is bound outside the body`);
    // A body member under another JSON key would need validate.ts to read that key.
    if (!LOCATIONS.has(m.location)) throw new Error(`${model}: ${shapeName}.${memberName} has location ${m.location}`);
    return `, location: ${JSON.stringify(m.location)}${m.locationName ? `, locationName: ${JSON.stringify(m.locationName)}` : ""}`;
  }

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
        const location = memberLocation(name, memberName, m);
        const ref = emit(m.shape, [...stack, name]);
        return `{ name: ${JSON.stringify(memberName)}, shape: ${ref}${required.has(memberName) ? ", required: true" : ""}${location} }`;
      });
      for (const r of required) if (!(r in (s.members ?? {}))) throw new Error(`${model}: ${name} requires unknown ${r}`);
      props.push(`members: [${members.join(", ")}]`);
      if (s.payload !== undefined) {
        if (!restJson || !(s.payload in (s.members ?? {}))) throw new Error(`${model}: ${name} has payload ${s.payload}`);
        props.push(`payload: ${JSON.stringify(s.payload)}`);
      }
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
      // Messages print AWS's pattern; matching uses its linear-time equivalent where it has one.
      const matched = Object.hasOwn(LINEAR_FORMS, s.pattern) ? LINEAR_FORMS[s.pattern] : s.pattern;
      props.push(`pattern: ${JSON.stringify(s.pattern)}`, `regex: new RegExp(${JSON.stringify(javaRegexToJs(matched))}, "u")`);
    }
    if (s.enum !== undefined) {
      if (type !== "string") throw new Error(`${model}: enum on ${type} ${name}`);
      props.push(`enum: ${JSON.stringify(s.enum)}`);
    }
    if (s.streaming) {
      if (type !== "blob") throw new Error(`${model}: streaming ${type} ${name}`);
      props.push(`streaming: true`);
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

  // REST-JSON: how each operation travels over HTTP, and its output's bindings (headers, payload).
  const rest = [];
  if (restJson) {
    rest.push(`  /** Each operation's HTTP request and success status (REST-JSON). */`, `  http: {`);
    for (const op of opNames) {
      const { method, requestUri, responseCode } = operations[op].http;
      rest.push(`    ${op}: { method: ${JSON.stringify(method)}, requestUri: ${JSON.stringify(requestUri)}, responseCode: ${responseCode ?? 200} },`);
    }
    rest.push(`  },`, `  /** Each operation's output structure, whose members say which travel as headers or as the payload. */`, `  outputs: {`);
    for (const op of opNames) {
      const output = operations[op].output?.shape;
      if (output) rest.push(`    ${op}: ${emit(output)},`);
    }
    rest.push(`  },`);
  }

  const service = {
    serviceId: metadata.serviceId,
    apiVersion: metadata.apiVersion,
    protocol,
    signingName: metadata.signingName ?? metadata.endpointPrefix,
    ...(restJson ? {} : { targetPrefix: metadata.targetPrefix, jsonVersion: metadata.jsonVersion }),
    javaPackage,
  };
  const exportName = `${metadata.serviceId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_SHAPES`;
  const outPath = join(root, out);
  const awsDir = relative(dirname(outPath), join(root, "src/aws")).replace(/\\/g, "/");
  const types = typeDeclarations({ operations, shapes }, model);

  const text = [
    `// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model`,
    `// scripts/models/${model} (${metadata.serviceFullName}, API ${metadata.apiVersion}, ${restJson ? "REST-JSON" : "AWS JSON"}).`,
    `// Regenerate: node scripts/gen-shapes.mjs`,
    `// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;`,
    `// validate.ts derives AWS's reporting order from them), then each operation's input and output types.`,
    ``,
    ...(types.usesEventStreams ? [`import type { EventStreamOutput } from "${awsDir}/protocol";`] : []),
    `import type { ${[...usedTypes].sort().join(", ")} } from "${awsDir}/validate";`,
    ``,
    ...lines,
    ``,
    `const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {`,
    ...inputs,
    `};`,
    ``,
    `export const ${exportName} = {`,
    ...Object.entries(service).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
    `  /** Every operation the model defines, in alphabetical order. */`,
    `  operationNames: [${opNames.map((op) => JSON.stringify(op)).join(", ")}],`,
    `  /** The input structure of each operation. */`,
    `  operations: inputs,`,
    ...rest,
    `} as const;`,
    ``,
    `// ---------------------------------------------------------------------------------------------`,
    `// Types`,
    ``,
    ...types.lines,
    ``,
  ].join("\n");

  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  console.log(`${out}: ${opNames.length} operations, ${emitted.size} shapes`);
}

for (const s of services) generate(s);
