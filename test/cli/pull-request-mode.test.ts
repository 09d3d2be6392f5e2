// Pull-request mode (`--diff BASE`, alias `--changed-since BASE`) on a real git history: findings
// on added lines and file-level findings of files the change added, modified or renamed are kept,
// the rest are left out, and the baseline still applies to what is kept.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Assessment } from "../../src/core/assessment.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

/** A repository with one commit holding two executables, returned with that commit's SHA. */
function history(): { repo: string; base: string } {
  const repo = tmpRepo({ "README.md": "# x\n", "kept.exe": EXE, "old.exe": EXE });
  return { repo, base: git(repo, "rev-parse", "HEAD").trim() };
}

async function scanJson(repo: string, args: string[]): Promise<{ code: number; a: Assessment; stderr: string }> {
  const r = await runCli(["scan", ".", "--rule", "repo/binary-artifacts", "--format", "json", ...args], { cwd: repo });
  return { code: r.code, a: JSON.parse(r.stdout) as Assessment, stderr: r.stderr };
}

function byPath(a: Assessment): Record<string, string> {
  return Object.fromEntries(a.findings.map((f) => [f.locations[0]?.path ?? "", f.status]));
}

describe("pull-request mode", () => {
  it("keeps file-level findings of files added or renamed since the base, even binary ones with no lines", async () => {
    const { repo, base } = history();
    writeFileSync(join(repo, "new.exe"), EXE);
    mkdirSync(join(repo, "tools"));
    git(repo, "mv", "old.exe", "tools/moved.exe");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "change");
    const { a } = await scanJson(repo, ["--changed-since", base]);
    assert.deepEqual(byPath(a), { "new.exe": "open", "tools/moved.exe": "open" }, "kept.exe did not change");
    assert.match(a.diagnostics.find((d) => d.code === "diff-mode")?.message ?? "", /1 finding elsewhere was left out/);
    const full = await scanJson(repo, []);
    assert.equal(full.a.findings.length, 3);
  });

  it("--changed-since is --diff", async () => {
    const { repo, base } = history();
    writeFileSync(join(repo, "new.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "change");
    const viaDiff = await scanJson(repo, ["--diff", base]);
    const viaAlias = await scanJson(repo, ["--changed-since", base]);
    assert.deepEqual(byPath(viaDiff.a), byPath(viaAlias.a));
    assert.deepEqual(byPath(viaAlias.a), { "new.exe": "open" });
    const both = await runCli(["scan", ".", "--diff", base, "--changed-since", "HEAD"], { cwd: repo });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--diff and --changed-since name different bases/);
    const empty = await runCli(["scan", ".", "--changed-since", ""], { cwd: repo });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--changed-since takes the base revision/);
  });

  it("combines with the baseline: what the change adds is baselined when recorded, open when new", async () => {
    const { repo, base } = history();
    writeFileSync(join(repo, "new.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "change");
    const recorded = await runCli(["baseline", "."], { cwd: repo });
    assert.equal(recorded.code, 0, recorded.stderr);
    const accepted = await scanJson(repo, ["--diff", base]);
    assert.deepEqual(byPath(accepted.a), { "new.exe": "baselined" });
    assert.equal(accepted.code, 0, "nothing open: the gate passes");
    writeFileSync(join(repo, "another.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "more");
    const more = await scanJson(repo, ["--diff", base]);
    assert.deepEqual(byPath(more.a), { "another.exe": "open", "new.exe": "baselined" });
    assert.equal(more.code, 1, "the new finding fails the gate");
    rmSync(join(repo, "another.exe"));
    const dropped = await scanJson(repo, ["--diff", base]);
    assert.deepEqual(byPath(dropped.a), { "new.exe": "baselined" }, "a file deleted in the working tree is gone");
  });
});
