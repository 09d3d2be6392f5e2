// The repository's own policy cannot make assay read or write outside the checkout; paths given
// on the command line may point anywhere.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const README = { "README.md": "# x\n" };

describe("paths a policy names", () => {
  it("refuses an absolute baseline, `..`, and a symbolic link out, at the policy's line and column", async () => {
    for (const [value, why] of [
      ["/etc/passwd", /`baseline` must be a path inside the checkout, not an absolute path/],
      ["../outside.json", /`baseline` must be a path inside the checkout, without `\.\.`/],
      ["a/../../outside.json", /without `\.\.`/],
      ["C:\\\\Windows\\\\win.ini", /not an absolute path/],
    ] as const) {
      const dir = tmpDir({ ...README, "assay.yml": `version: 1\nbaseline: "${value}"\n` });
      const r = await runCli(["scan", "."], { cwd: dir });
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, /^assay: error: assay\.yml:2:11: /, value);
      assert.match(r.stderr, why, value);
      assert.doesNotMatch(r.stderr, /root:/, "never prints the file");
    }
    const linked = tmpDir({ ...README, "assay.yml": "baseline: .assay/baseline.json\n" });
    mkdirSync(join(linked, ".assay"));
    symlinkSync("/etc/passwd", join(linked, ".assay/baseline.json"));
    const r = await runCli(["scan", "."], { cwd: linked });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /assay\.yml:1:11: `baseline: \.assay\/baseline\.json` is a symbolic link out of the checkout/);
    const dirLink = tmpDir({ ...README, "assay.yml": "baseline: out/baseline.json\n" });
    symlinkSync(tmpDir(), join(dirLink, "out"));
    assert.match((await runCli(["scan", "."], { cwd: dirLink })).stderr, /is a symbolic link out of the checkout/);
    assert.match((await runCli(["baseline", "."], { cwd: dirLink })).stderr, /is a symbolic link out of the checkout/, "nor written there");
  });

  it("a policy cannot point the baseline into git's own folder: `assay baseline` would overwrite a hook or the config", async () => {
    for (const [policy, linkGit] of [["baseline: .git/hooks/pre-commit\n", false], ["baseline: .GIT/config\n", false], ["baseline: hooks/pre-commit\n", true]] as const) {
      const dir = tmpRepo({ ...README, "assay.yml": policy });
      const hook = join(dir, ".git/hooks/pre-commit");
      writeFileSync(hook, "#!/bin/sh\necho mine\n", { mode: 0o755 });
      const config = readFileSync(join(dir, ".git/config"), "utf8");
      if (linkGit) symlinkSync(".git/hooks", join(dir, "hooks"));
      const written = await runCli(["baseline", "."], { cwd: dir });
      assert.equal(written.code, 2, `${policy}: ${written.stderr}`);
      assert.match(written.stderr, /is in the \.git folder, which is git's, not the checkout's/, policy);
      assert.equal(readFileSync(hook, "utf8"), "#!/bin/sh\necho mine\n", policy);
      assert.equal(readFileSync(join(dir, ".git/config"), "utf8"), config, policy);
      assert.equal((await runCli(["scan", "."], { cwd: dir })).code, 2, "nor read from there");
    }
  });

  it("the default baseline may not be a link out either", async () => {
    const dir = tmpDir(README);
    mkdirSync(join(dir, ".assay"));
    symlinkSync("/etc/hostname", join(dir, ".assay/baseline.json"));
    const r = await runCli(["scan", "."], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.assay\/baseline\.json is a symbolic link out of the checkout/);
  });

  it("`assay baseline` never writes through a link out of the checkout: the file, a dangling link, or the folder", async () => {
    const outside = tmpDir({ "victim.txt": "keep me\n" });
    const cases: [string, (dir: string) => void][] = [
      ["a link to a file", (dir) => symlinkSync(join(outside, "victim.txt"), join(dir, ".assay/baseline.json"))],
      ["a dangling link", (dir) => symlinkSync(join(outside, "created.json"), join(dir, ".assay/baseline.json"))],
    ];
    for (const [what, plant] of cases) {
      const dir = tmpRepo(README);
      mkdirSync(join(dir, ".assay"));
      plant(dir);
      const r = await runCli(["baseline", "."], { cwd: dir });
      assert.notEqual(r.code, 0, what);
      assert.match(r.stderr, /\.assay\/baseline\.json.*(?:symbolic link|could not write)/, what);
    }
    const dir = tmpRepo(README);
    symlinkSync(outside, join(dir, ".assay"));
    const r = await runCli(["baseline", "."], { cwd: dir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /symbolic link out of the checkout: not written/);
    assert.equal(readFileSync(join(outside, "victim.txt"), "utf8"), "keep me\n");
    assert.equal(existsSync(join(outside, "created.json")), false);
    assert.equal(existsSync(join(outside, "baseline.json")), false);
  });

  it("accepts a baseline inside the checkout, through a link that stays inside", async () => {
    const dir = tmpRepo({ ...README, "assay.yml": "fail:\n  severity: low\nbaseline: ci/baseline.json\n" });
    mkdirSync(join(dir, "data"));
    symlinkSync("data", join(dir, "ci"));
    assert.equal((await runCli(["baseline", "."], { cwd: dir })).code, 0);
    assert.ok(existsSync(join(dir, "data/baseline.json")));
    assert.equal((await runCli(["scan", "."], { cwd: dir })).code, 0);
  });

  it("`assay baseline` writes where the policy's `baseline:` says, and the next scan reads it", async () => {
    const dir = tmpRepo({ ...README, "assay.yml": "fail:\n  severity: low\nbaseline: security/accepted.json\n" });
    const before = await runCli(["scan", "."], { cwd: dir });
    assert.equal(before.code, 2);
    assert.match(before.stderr, /baseline file not found: security\/accepted\.json — create it with `assay baseline`/);
    const b = await runCli(["baseline", "."], { cwd: dir });
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stderr, /recorded \d+ findings? in security\/accepted\.json/);
    assert.ok(existsSync(join(dir, "security/accepted.json")));
    assert.ok(!existsSync(join(dir, ".assay/baseline.json")));
    const r = await runCli(["scan", ".", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).policy.baseline, "security/accepted.json");
  });

  it("paths on the command line may point anywhere", async () => {
    const dir = tmpRepo(README);
    const elsewhere = tmpDir();
    const out = join(elsewhere, "b.json");
    assert.equal((await runCli(["baseline", dir, "--output", out])).code, 0);
    assert.ok(JSON.parse(readFileSync(out, "utf8")).findings.length > 0);
    assert.equal((await runCli(["scan", dir, "--baseline", out, "--fail-on", "low"])).code, 0);
    writeFileSync(join(elsewhere, "policy.yml"), "fail:\n  severity: none\n");
    assert.equal((await runCli(["scan", dir, "--policy", join(elsewhere, "policy.yml")])).code, 0);
  });
});
