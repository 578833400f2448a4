#!/usr/bin/env node
// Fails when the modules under src/ import each other in a cycle; run by `npm run check`.
//
// Type-only imports count as much as value imports (`import type`, `export type ... from`, and
// imports whose every name is marked `type`). They vanish from the built Worker, so they cannot
// break module initialisation, but a cycle through them still means two modules cannot be read,
// moved or tested one without the other, which is what this check is for. `--values` counts value
// imports only (the runtime graph), for comparison.
//
// No parser: imports are the statements that start a line with `import` or `export ... from`, up
// to their module specifier, which is how every file here writes them (a comment or string that
// begins a line with `import x from "y"` would be misread, and a dynamic `import()` is not seen;
// src/ has neither). Bare specifiers (packages, `cloudflare:workers`) are outside src/ and ignored;
// `src/...` is the tsconfig path of the console's browser files. Declaration files (.d.ts) are
// left out: they hold no code.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src");
const valuesOnly = process.argv.includes("--values");

const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs"];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((extension) => name.endsWith(extension)) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The file a specifier names, or undefined for one outside src/ (a package, a CSS file, ...). */
function resolveSpecifier(from, specifier) {
  let base;
  if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else if (specifier.startsWith("src/")) base = resolve(root, specifier);
  else return undefined;
  const candidates = [base, ...EXTENSIONS.map((extension) => base + extension), ...EXTENSIONS.map((extension) => join(base, "index" + extension))];
  // `./x.js` may name `./x.ts`, as TypeScript allows.
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, ".ts"));
  return candidates.find((candidate) => candidate.startsWith(source) && existsSync(candidate) && statSync(candidate).isFile());
}

// `import ... from "x"`, `import "x"`, `export ... from "x"`, each from the start of a line to its specifier.
const STATEMENT = /^[ \t]*(import|export)\b([^;"'`]*?)\bfrom\s*["']([^"']+)["']|^[ \t]*import\s*["']([^"']+)["']/gm;

/** Whether an import or export clause brings in types only, so the built code drops it. */
function typeOnly(clause) {
  const text = clause.trim();
  if (/^type\b/.test(text)) return true;
  const named = /^\{([^}]*)\}$/.exec(text);
  if (!named) return false;
  const names = named[1].split(",").map((name) => name.trim()).filter((name) => name !== "");
  return names.length > 0 && names.every((name) => /^type\s/.test(name));
}

function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const edges = [];
  for (const match of text.matchAll(STATEMENT)) {
    const [, keyword, clause, fromSpecifier, bareSpecifier] = match;
    // Only `export {...} from` and `export * from` re-export; any other `export` merely ran into a `from`.
    if (keyword === "export" && !/^\s*(type\s+)?(\*|\{)/.test(clause)) continue;
    const specifier = fromSpecifier ?? bareSpecifier;
    const types = bareSpecifier === undefined && typeOnly(clause);
    if (valuesOnly && types) continue;
    const target = resolveSpecifier(file, specifier);
    if (target) edges.push({ target, types });
  }
  return edges;
}

const files = sourceFiles(source);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

// Tarjan's strongly connected components: every component of more than one module (or a module
// importing itself) holds at least one cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];

function visit(file) {
  index.set(file, counter);
  low.set(file, counter);
  counter += 1;
  stack.push(file);
  onStack.add(file);
  for (const { target } of graph.get(file) ?? []) {
    if (!index.has(target)) {
      visit(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file), index.get(target)));
    }
  }
  if (low.get(file) === index.get(file)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = (graph.get(file) ?? []).some(({ target }) => target === file);
    if (component.length > 1 || selfImport) components.push(component);
  }
}

for (const file of files) if (!index.has(file)) visit(file);

/** One concrete cycle within a component, by breadth-first search back to where it starts. */
function cycleIn(component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const { target, types } of graph.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [{ file: start, types }];
        for (let step = file; step !== undefined; step = previous.get(step)?.from) {
          path.unshift({ file: step, types: previous.get(step)?.types ?? false });
        }
        return path;
      }
      if (!previous.has(target)) {
        previous.set(target, { from: file, types });
        queue.push(target);
      }
    }
  }
  return [];
}

const name = (file) => relative(root, file);
if (components.length === 0) {
  console.log(`check-cycles: no import cycles among ${files.length} modules in src/${valuesOnly ? " (value imports)" : ""}`);
} else {
  for (const component of components) {
    const path = cycleIn(component);
    // Each arrow is the import from the module before it; "type" marks a type-only one.
    const shown = path.map((step, position) => (position === 0 ? name(step.file) : `${step.types ? "-type->" : "->"} ${name(step.file)}`));
    console.error(`import cycle: ${shown.join(" ")}`);
    if (component.length > path.length - 1) console.error(`  (one of the cycles among ${component.map(name).sort().join(", ")})`);
  }
  console.error(`check-cycles: ${components.length} import cycle${components.length === 1 ? "" : "s"} in src/`);
  process.exitCode = 1;
}
