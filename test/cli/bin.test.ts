// The installed entry point: bin/assay.js maps the CLI's result to the process exit code.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { tmpRepo } from "../helpers/tmp-repo.js";

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

  it("survives a closed stdout pipe", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" rules | head -c 10`], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stderr, /EPIPE/);
  });
});
