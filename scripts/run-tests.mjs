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
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);
