#!/usr/bin/env node
// Maps the CLI function's result to the process: exit code, broken pipes. Everything else is in src/cli.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli.js", import.meta.url);
// V8's flags for a short run are set before the rest of the code is loaded: loading it already
// grows the heap the flags keep small.
let mod;
if (existsSync(bundle)) {
  (await import(new URL("../dist/tiering.js", import.meta.url).href)).tuneTieringForOneRun();
  mod = await import(bundle.href);
} else {
  // A development checkout that has not been built: run the sources through tsx.
  const { register } = await import("tsx/esm/api");
  register();
  (await import(new URL("../src/cli/tiering.ts", import.meta.url).href)).tuneTieringForOneRun();
  mod = await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
// A closed pipe ends the output quietly; a full disk on stdout is one line and exit 3 (see onOutputErrors).
mod.onOutputErrors(process);
process.exitCode = await mod.cli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin: process.stdin });
// The command is done: a handle a library leaked (a database pool's timer after an outage) must not
// keep the process alive. Unreferenced, so a process with nothing left exits at once, as before.
setTimeout(() => process.exit(), 10_000).unref();
