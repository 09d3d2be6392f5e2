// Node 20 does not expand test globs: find every test file and hand the list to node's runner.
import { spawnSync } from "node:child_process";
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
const r = spawnSync(process.execPath, ["--import", "tsx", "--import", exitWhenDone, "--test", "--test-concurrency=2", `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);
