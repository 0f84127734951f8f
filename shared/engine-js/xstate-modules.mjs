// Build-time only (build-xstate.sh): reads which names every public module of the installed xstate package
// exports, so each `xstate/lib/*` and `xstate/es/*` import can be served from the ONE shipped bundle.
// Writes the bundle's entry (argv[2]) and the list of subpaths with their export names (argv[3]).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [entryFile, manifestFile] = process.argv.slice(2);
const require = createRequire(path.resolve("package.json"));
const pkg = path.dirname(require.resolve("xstate/package.json"));
const jsFiles = (dir) => fs.readdirSync(path.join(pkg, dir)).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3)).sort();
// scxml.js needs xml-js, which xstate does not depend on: it cannot load in Node either, so it is not offered.
const UNLOADABLE = new Set(["scxml"]);

// The es files are ES modules in a package without "type": "module"; a copy marked as ESM lets Node list their names.
const esCopy = fs.mkdtempSync(path.join(path.resolve("."), "xstate-es-"));
fs.cpSync(path.join(pkg, "es"), esCopy, { recursive: true });
fs.writeFileSync(path.join(esCopy, "package.json"), '{"type":"module"}');

const manifest = {};
const imports = [];
const namespaces = [];
for (const name of jsFiles("es")) {
  const names = Object.keys(await import(path.join(esCopy, name + ".js"))).sort();
  const cjs = Object.keys(require("xstate/lib/" + name)).filter((k) => k !== "__esModule").sort();
  if (JSON.stringify(cjs) !== JSON.stringify(names)) throw new Error(`lib/${name} and es/${name} export different names`);
  const id = "m" + imports.length;
  imports.push(`import * as ${id} from "xstate/es/${name}.js";`);
  namespaces.push(`  "lib/${name}": ${id},`, `  "es/${name}": ${id},`);
  manifest["lib/" + name] = manifest["es/" + name] = names;
}
for (const name of jsFiles("lib")) {
  if (manifest["lib/" + name] || UNLOADABLE.has(name)) continue;
  // lib-only files hold types only (no es twin); anything more would need its own place in the bundle
  const names = Object.keys(require("xstate/lib/" + name)).filter((k) => k !== "__esModule");
  if (names.length) throw new Error(`lib/${name} exports ${names} but has no es module`);
  manifest["lib/" + name] = [];
}
fs.rmSync(esCopy, { recursive: true });

fs.writeFileSync(entryFile, [
  'export * from "xstate";',
  ...imports,
  "// every public module of the package by subpath, for the engine's xstate/lib/* and xstate/es/* modules",
  "export const __sb_modules = {",
  ...namespaces,
  "};",
  "",
].join("\n"));
// one subpath a line, so a new xstate version shows as a readable diff
const lines = Object.keys(manifest).sort().map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(manifest[k])}`);
fs.writeFileSync(manifestFile, "{\n" + lines.join(",\n") + "\n}\n");
