// The installed entry point: bin/assay.js maps the CLI's result to the process exit code.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { spawnSync } from "../helpers/child-timeout.js";

const bin = new URL("../../bin/assay.js", import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("bin/assay.js", () => {
  it("prints the version and exits 0", () => {
    const r = run("--version");
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it("exits 1 when the gate fails, 2 on a usage error, without a stack trace", () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    assert.equal(run("scan", dir, "--rule", "repo/security-policy", "--fail-on", "medium").status, 1);
    const bad = run("scan", dir, "--bogus");
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, /\bat .+:\d+:\d+/);
  });

  it("exits once the command is done even when a leaked handle would keep it alive, with the command's code", () => {
    // A module preloaded into the process holds the event loop open forever, as a database pool's timer may after an outage.
    const leak = join(tmpDir({ "leak.mjs": "setInterval(() => {}, 1000);\n" }), "leak.mjs");
    const r = spawnSync(process.execPath, ["--import", leak, bin, "scan", tmpDir({ "README.md": "# x\n" }), "--bogus"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    assert.equal(r.signal, null, "ended by itself, not by the test's timeout");
    assert.equal(r.status, 2);
  });

  it("runs from the sources too: src/cli/main.ts as the program is the CLI, not a silent exit 0", () => {
    const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
    const src = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const v = src("--version");
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(src("scan", "--bogus").status, 2);
  });

  it("survives a closed stdout pipe, installed and run from the sources", () => {
    const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
    for (const entry of [`"${bin}"`, `--import tsx "${main}"`]) {
      // Over a pipe's 64 KiB, so the write is still going when head exits.
      const r = spawnSync("sh", ["-c", `"${process.execPath}" ${entry} rules --json | head -c 10`], { encoding: "utf8" });
      assert.equal(r.status, 0, entry);
      assert.doesNotMatch(r.stderr, /EPIPE/, entry);
    }
  });

  it("says so in one line and exits 3 when standard output cannot be written (a full disk), installed and run from the sources", { skip: !existsSync("/dev/full") && "no /dev/full here" }, () => {
    const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
    const dir = tmpRepo({ "README.md": "# x\n" });
    for (const entry of [`"${bin}"`, `--import tsx "${main}"`]) {
      const r = spawnSync("sh", ["-c", `"${process.execPath}" ${entry} scan "${dir}" --rule repo/security-policy > /dev/full`], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      assert.equal(r.status, 3, entry);
      assert.match(r.stderr, /^assay: could not write to standard output: ENOSPC: no space left on device$/m, entry);
      assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+/, entry);
    }
  });

  it("init pins the generated workflow to the commit the bundle was built from", () => {
    const root = new URL("../../", import.meta.url).pathname;
    const head = spawnSync("git", ["rev-parse", "--verify", "HEAD"], { cwd: root, encoding: "utf8" });
    const dir = tmpDir();
    const r = spawnSync(process.execPath, [bin, "init"], { cwd: dir, encoding: "utf8" });
    if (head.status !== 0) {
      // Built outside a git checkout: the commit is unknown and no workflow may name assay by something mutable.
      assert.equal(r.status, 2);
      assert.match(r.stderr, /does not know the commit it was built from/);
      return;
    }
    assert.equal(r.status, 0, r.stderr);
    const workflow = readFileSync(join(dir, ".github/workflows/assay.yml"), "utf8");
    assert.match(workflow, new RegExp(`- uses: assay-dev/assay@${head.stdout.trim()} # v\\d+\\.\\d+\\.\\d+\\n`));
  });
});

