// Bundles the CLI and the library into dist/ with esbuild, so start-up loads one file
// (and @actions/* JSON imports later work under plain node).
import { execFileSync } from "node:child_process";
import { realpathSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The commit this build comes from, when the package folder is itself the top of a git checkout
 * (not a folder inside someone else's repository); "unknown" otherwise. `assay init` pins CI to it.
 */
function sourceCommit() {
  const root = realpathSync(fileURLToPath(new URL("..", import.meta.url)));
  try {
    const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (realpathSync(git("rev-parse", "--show-toplevel")) !== root) return "unknown";
    const head = git("rev-parse", "--verify", "HEAD");
    return /^[0-9a-f]{40}$/.test(head) ? head : "unknown";
  } catch {
    return "unknown";
  }
}

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // jsonc-parser's `main` is a UMD build that requires its parts at run time; its ES module bundles cleanly.
  mainFields: ["module", "main"],
  // yaml's ES module build (the one its exports map gives browsers) instead of its CommonJS one: a
  // CommonJS module is reached through a getter per imported name on every call (isScalar, isMap…),
  // which costs more than the work on hot paths. The two builds differ only in how they log warnings.
  alias: { yaml: "./node_modules/yaml/browser/index.js" },
  // CommonJS dependencies call require() for node built-ins; give the ESM bundle one.
  define: { __ASSAY_COMMIT__: JSON.stringify(sourceCommit()) },
  banner: { js: "import { createRequire as __assayCreateRequire } from 'node:module'; const require = __assayCreateRequire(import.meta.url);" },
};
// Chunk names carry content hashes: clear the old ones so a package never ships stale code.
rmSync(new URL("../dist/chunks", import.meta.url), { recursive: true, force: true });
// fleet-scanner is the process `assay fleet` scans each repository in. PGlite finds its WebAssembly
// beside its own module, and pg-boss and pg load lazily: they stay in node_modules (optional
// dependencies: only `assay fleet` needs them).
await build({
  ...common,
  // text-scan-thread is what a text-scan worker thread loads: the scanners only, not every rule.
  // tiering is what the executable loads first, to set V8's flags before the rest is loaded.
  entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts", "fleet-scanner": "src/fleet/scan-child.ts", "text-scan-thread": "src/api/text-scan-thread.ts", tiering: "src/cli/tiering.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  external: ["@electric-sql/pglite", "pg-boss", "pg"],
});
