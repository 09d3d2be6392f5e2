// Bundles the CLI and the library into dist/ with esbuild, so start-up loads one file
// (and @actions/* JSON imports later work under plain node).
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // jsonc-parser's `main` is a UMD build that requires its parts at run time; its ES module bundles cleanly.
  mainFields: ["module", "main"],
  // CommonJS dependencies call require() for node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __assayCreateRequire } from 'node:module'; const require = __assayCreateRequire(import.meta.url);" },
};
// fleet-scanner is the process `assay fleet` scans each repository in. PGlite finds its WebAssembly
// beside its own module, and pg-boss and pg load lazily: they stay in node_modules.
await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts", "fleet-scanner": "src/fleet/scan-child.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  external: ["@electric-sql/pglite", "pg-boss", "pg"],
});
