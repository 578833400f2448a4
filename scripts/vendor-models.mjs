#!/usr/bin/env node
// Copies the AWS service models that scripts/gen-shapes.mjs reads into scripts/models/, so that
// regenerating works from a fresh clone. Run it only to move to a newer botocore:
//
//   node scripts/vendor-models.mjs <botocore>/data
//
// (`python3 -c 'import botocore, os; print(os.path.dirname(botocore.__file__))'` finds botocore).
// Each model keeps botocore's top level (version, metadata, operations, shapes) with every
// documentation string removed. Lambda's model is pruned to its event source mapping operations
// and the shapes they reach, the only part of Lambda that Rivulet serves.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: node scripts/vendor-models.mjs <botocore>/data");
  process.exit(2);
}

const MODELS = [
  { service: "kinesis", version: "2013-12-02" },
  { service: "firehose", version: "2015-08-04" },
  { service: "kinesisanalytics", version: "2015-08-14" },
  { service: "kinesisanalyticsv2", version: "2018-05-23" },
  { service: "kinesisvideo", version: "2017-09-30" },
  { service: "kinesis-video-media", version: "2017-09-30" },
  { service: "kinesis-video-archived-media", version: "2017-09-30" },
  {
    service: "lambda",
    version: "2015-03-31",
    operations: [
      "CreateEventSourceMapping",
      "DeleteEventSourceMapping",
      "GetEventSourceMapping",
      "ListEventSourceMappings",
      "UpdateEventSourceMapping",
    ],
  },
];

const DOCUMENTATION = new Set(["documentation", "documentationUrl"]);

function readModel(service, version) {
  const path = join(dataDir, service, version, "service-2.json");
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    return JSON.parse(gunzipSync(readFileSync(`${path}.gz`)).toString("utf8"));
  }
}

function withoutDocumentation(value) {
  if (Array.isArray(value)) return value.map(withoutDocumentation);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DOCUMENTATION.has(key))
      .map(([key, item]) => [key, withoutDocumentation(item)]),
  );
}

/** The model with only `operations` and the shapes their inputs, outputs and errors reach. */
function pruned(model, operations) {
  const keep = new Set();
  const visit = (name) => {
    if (keep.has(name)) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`unknown shape ${name}`);
    keep.add(name);
    for (const member of Object.values(shape.members ?? {})) visit(member.shape);
    for (const part of [shape.member, shape.key, shape.value]) if (part) visit(part.shape);
  };
  for (const op of operations) {
    const definition = model.operations[op];
    if (!definition) throw new Error(`unknown operation ${op}`);
    for (const ref of [definition.input, definition.output, ...(definition.errors ?? [])]) if (ref) visit(ref.shape);
  }
  return {
    ...model,
    operations: Object.fromEntries(operations.map((op) => [op, model.operations[op]])),
    shapes: Object.fromEntries(Object.entries(model.shapes).filter(([name]) => keep.has(name))),
  };
}

for (const { service, version, operations } of MODELS) {
  const model = readModel(service, version);
  const vendored = operations ? pruned(model, operations) : model;
  const out = join(root, "scripts/models", `${service}-${version}.json`);
  writeFileSync(out, `${JSON.stringify(withoutDocumentation(vendored), null, 1)}\n`);
  console.log(`${out.slice(root.length + 1)}: ${Object.keys(vendored.operations).length} operations, ${Object.keys(vendored.shapes).length} shapes`);
}
