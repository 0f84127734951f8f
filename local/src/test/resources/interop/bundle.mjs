// Bundles a machine exactly as smply 0.1.18 does (esbuild, ESM, browser platform, minified, xstate inlined).
import * as esbuild from "esbuild";
const [, , input, output, external] = process.argv;
await esbuild.build({
  entryPoints: [input],
  bundle: true,
  outfile: output,
  platform: "browser",
  format: "esm",
  minify: true,
  keepNames: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  drop: ["debugger"],
  external: external ? external.split(",") : [],
});
