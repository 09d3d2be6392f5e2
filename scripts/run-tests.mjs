// Node 20 does not expand test globs: find every test file and hand the list to node's runner.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === "fixtures" ? [] : find(p);
    return d.name.endsWith(".test.ts") ? [p] : [];
  });
}

const only = process.argv.slice(2);
const files = (only.length > 0 ? only : find("test")).sort();
// A hung test must fail with its name, not stall the run until CI's own limit ends it with no
// verdict: each test gets at most TEST_TIMEOUT_MS (the slowest, the secret detectors' growth test,
// takes about a minute here), and test/helpers/exit-when-done.mjs ends a test file's process once
// its tests are done, even if a handle it opened would keep it alive.
const TEST_TIMEOUT_MS = 600_000;
const exitWhenDone = new URL("../test/helpers/exit-when-done.mjs", import.meta.url).href;
const child = spawn(process.execPath, ["--import", "tsx", "--import", exitWhenDone, "--test", "--test-concurrency=2", `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], { stdio: ["inherit", "pipe", "inherit"] });

// CI keeps only the end of a long log, where node's TAP summary counts failures without naming
// them: the output passes through unchanged, and each failing test's name and the start of its
// report are said again after the summary.
const failures = [];
let open; // the report of the failing test being read, until its closing `...`
let rest = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  const lines = (rest + chunk.toString("utf8")).split("\n");
  rest = lines.pop() ?? "";
  for (const line of lines) {
    if (open) {
      if (/^\s*\.\.\.$/.test(line)) open = undefined;
      else if (open.length < 25) open.push(line);
    } else if (/^\s*not ok \d+/.test(line)) {
      open = [line.trim()];
      failures.push(open);
    }
  }
});
child.on("close", (code, signal) => {
  if (failures.length > 0) {
    process.stdout.write(`\n# ${failures.length} failing (suites with a failing test included):\n`);
    for (const f of failures) process.stdout.write(`${f.map((l) => `#   ${l}`).join("\n")}\n`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
