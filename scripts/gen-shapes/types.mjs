// TypeScript types of a service's operations, for scripts/gen-shapes.mjs: each operation's input and
// output and every shape they reach, as handlers see them once src/aws/validate.ts has read the
// input, and as they return them for src/aws/protocol.ts to write (toAwsJson, the CBOR encoder).
//
//   string -> string, or a union of string literals when the model lists its values (an enum)
//   integer, long, float, double -> number (validation reads every number as a JavaScript number)
//   boolean -> boolean
//   timestamp -> Date (validation turns epoch seconds or milliseconds into Dates; the encoders write them back)
//   blob -> Uint8Array (validation decodes base64; the encoders write base64 or CBOR byte strings)
//   streaming blob (a REST-JSON payload, e.g. GetMedia's) -> ReadableStream<Uint8Array>
//   list -> T[]; map -> { [key: string]: T }
//   structure -> an object type, members in model order, required ones without `?`
//
// Structures are object types rather than interfaces so that any of them is also a plain
// Record<string, unknown> where code reads members by name (resource policies, RPC payloads).

/** Names the generated code itself uses; a model shape by one of these names could not be emitted as is. */
const RESERVED = new Set([
  "Date",
  "Uint8Array",
  "ReadableStream",
  "EventStreamOutput",
  "InputShape",
  "StructureShape",
  "OperationName",
  "Operations",
]);

/**
 * The type declarations of `model`'s operations: `OperationName`, `Operations` (operation -> its
 * input and output), `<Op>Input` and `<Op>Output` for each operation, and a named type for every
 * structure and enum they reach. Returns the declarations' lines.
 */
export function typeDeclarations(model, modelName) {
  const { operations, shapes } = model;
  const fail = (message) => {
    throw new Error(`${modelName}: ${message}`);
  };
  const named = new Set(); // structures and enums to declare
  const queue = [];

  const nameOf = (name) => {
    if (RESERVED.has(name)) fail(`shape ${name} clashes with a name the generated code uses`);
    if (!named.has(name)) {
      named.add(name);
      queue.push(name);
    }
    return name;
  };

  function typeOf(name) {
    const s = shapes[name];
    if (!s) fail(`unknown shape ${name}`);
    switch (s.type) {
      case "string":
        return s.enum ? nameOf(name) : "string";
      case "integer":
      case "long":
      case "float":
      case "double":
        return "number";
      case "boolean":
        return "boolean";
      case "timestamp":
        return "Date";
      case "blob":
        return s.streaming ? "ReadableStream<Uint8Array>" : "Uint8Array";
      case "list":
        return `${typeOf(s.member.shape)}[]`;
      case "map":
        return `{ [key: string]: ${typeOf(s.value.shape)} }`;
      case "structure":
        return nameOf(name);
      default:
        return fail(`shape ${name} has unsupported type ${s.type}`);
    }
  }

  function declaration(name) {
    const s = shapes[name];
    if (s.type === "string") return [`export type ${name} = ${s.enum.map((value) => JSON.stringify(value)).join(" | ")};`];
    const required = new Set(s.required ?? []);
    const members = Object.entries(s.members ?? {});
    // An empty structure (an operation's empty answer) takes no members: `{}` would take anything.
    if (members.length === 0) return [`export type ${name} = { [key: string]: never };`];
    return [
      `export type ${name} = {`,
      ...members.map(([member, ref]) => `  ${member}${required.has(member) ? "" : "?"}: ${typeOf(ref.shape)};`),
      `};`,
    ];
  }

  const opNames = Object.keys(operations).sort();
  const shapeNames = new Set(Object.keys(shapes));
  const aliases = [];
  const entries = [];
  for (const op of opNames) {
    const { input, output } = operations[op];
    const inputAlias = `${op}Input`;
    const outputAlias = `${op}Output`;
    for (const alias of [inputAlias, outputAlias]) if (RESERVED.has(alias)) fail(`${alias} clashes with a name the generated code uses`);

    let inputType = inputAlias;
    if (!input) {
      if (shapeNames.has(inputAlias)) fail(`${op} has no input but a shape is named ${inputAlias}`);
      aliases.push(`export type ${inputAlias} = { [key: string]: never };`);
    } else if (input.shape !== inputAlias) {
      if (shapeNames.has(inputAlias)) fail(`${inputAlias} names another shape than ${op}'s input`);
      aliases.push(`export type ${inputAlias} = ${typeOf(input.shape)};`);
    } else {
      typeOf(input.shape);
    }

    let outputType = outputAlias;
    if (!output) {
      if (shapeNames.has(outputAlias)) fail(`${op} has no output but a shape is named ${outputAlias}`);
      aliases.push(`/** ${op} answers nothing (over AWS JSON, \`{}\`). */`, `export type ${outputAlias} = void;`);
    } else {
      if (output.shape !== outputAlias) {
        if (shapeNames.has(outputAlias)) fail(`${outputAlias} names another shape than ${op}'s output`);
        aliases.push(`export type ${outputAlias} = ${typeOf(output.shape)};`);
      } else {
        typeOf(output.shape);
      }
      const stream = eventStreamOf(shapes, output.shape);
      // The handler of an event-stream operation answers with the stream that carries the model's
      // events, written as it goes, not with the output structure an SDK assembles from it.
      if (stream) outputType = `EventStreamOutput<${typeOf(stream)}>`;
    }
    entries.push(`  ${op}: { input: ${inputType}; output: ${outputType} };`);
  }

  const declared = new Map();
  for (let i = 0; i < queue.length; i++) declared.set(queue[i], declaration(queue[i])); // declaring may queue more

  return {
    usesEventStreams: entries.some((entry) => entry.includes("EventStreamOutput<")),
    lines: [
      `/** Every operation of the model. */`,
      `export type OperationName = ${opNames.map((op) => JSON.stringify(op)).join(" | ")};`,
      ``,
      `/** Each operation's input, as handlers receive it once validated, and the output they answer with. */`,
      `export type Operations = {`,
      ...entries,
      `};`,
      ``,
      ...(aliases.length > 0 ? [...aliases, ``] : []),
      ...[...declared.keys()].sort().flatMap((name, i) => (i === 0 ? declared.get(name) : ["", ...declared.get(name)])),
    ],
  };
}

/** The event stream shape an output carries (SubscribeToShard's), if any. */
function eventStreamOf(shapes, outputName) {
  const members = Object.values(shapes[outputName].members ?? {});
  const streams = members.map((member) => member.shape).filter((name) => shapes[name]?.eventstream === true);
  if (streams.length > 1) throw new Error(`${outputName} carries more than one event stream`);
  return streams[0];
}
