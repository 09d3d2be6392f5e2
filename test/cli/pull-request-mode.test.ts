// Pull-request mode (`--diff BASE`, alias `--changed-since BASE`) on a real git history: findings
// on added lines and file-level findings of files the change added, modified or renamed are kept,
// the rest are left out, and the baseline still applies to what is kept.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Assessment } from "../../src/core/assessment.js";
import { tokens } from "../helpers/secret-tokens.js";
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
    assert.deepEqual(a.diagnostics.map((d) => d.code), ["diff-mode"], "one note, and no other mode's");
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

  it("combines with the base's baseline: what it recorded stays baselined, what the change records is still reported", async () => {
    const { repo, base } = history();
    writeFileSync(join(repo, "new.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "change");
    const recorded = await runCli(["baseline", "."], { cwd: repo });
    assert.equal(recorded.code, 0, recorded.stderr);
    const own = await scanJson(repo, ["--diff", base]);
    assert.deepEqual(byPath(own.a), { "new.exe": "open" }, "a baseline the change writes does not judge it");
    assert.equal(own.code, 1);
    assert.match(own.a.diagnostics.find((d) => d.code === "baseline-changed")?.message ?? "", /this change adds the baseline \.assay\/baseline\.json: pull-request mode judges it by the baseline as of /);
    const named = await scanJson(repo, ["--diff", base, "--baseline", ".assay/baseline.json"]);
    assert.deepEqual(byPath(named.a), { "new.exe": "baselined" }, "--baseline names the baseline to apply");
    assert.equal(named.code, 0);
    assert.equal(named.a.diagnostics.find((d) => d.code === "baseline-changed"), undefined);

    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "record the baseline");
    const base2 = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, "new.exe"), new Uint8Array([...EXE, 1]));
    writeFileSync(join(repo, "another.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "more");
    const more = await scanJson(repo, ["--diff", base2]);
    assert.deepEqual(byPath(more.a), { "another.exe": "open", "new.exe": "baselined" });
    assert.equal(more.code, 1, "the new finding fails the gate");
    assert.equal(more.a.diagnostics.find((d) => d.code === "baseline-changed"), undefined, "the baseline is the base's");
  });

  it("judges the change by the base's policy: a change cannot loosen the gate that judges it", async () => {
    const { repo, base } = history();
    writeFileSync(join(repo, "new.exe"), EXE);
    writeFileSync(join(repo, "assay.yml"), 'version: 1\nexceptions:\n  - rule: repo/binary-artifacts\n    path: "*.exe"\n    reason: "mine"\n    expires: 2099-01-01\n');
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "change");
    const r = await scanJson(repo, ["--diff", base]);
    assert.deepEqual(byPath(r.a), { "new.exe": "open" });
    assert.equal(r.code, 1);
    const note = r.a.diagnostics.find((d) => d.code === "policy-changed");
    assert.equal(note?.level, "warning");
    assert.match(note?.message ?? "", new RegExp(`this change adds assay\\.yml: pull-request mode judges it by the policy as of ${base} \\(none: the default policy\\)`));
    const whole = await scanJson(repo, []);
    assert.equal(whole.code, 0, "outside pull-request mode the checkout's policy applies");
    const named = await scanJson(repo, ["--diff", base, "--policy", "assay.yml"]);
    assert.deepEqual(byPath(named.a), { "new.exe": "excepted" }, "--policy names the policy to apply");

    // The base's own policy applies, and a broken one in the change still stops the scan.
    const base2 = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, "more.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "more");
    assert.deepEqual(byPath((await scanJson(repo, ["--diff", base2])).a), { "more.exe": "excepted" });
    writeFileSync(join(repo, "assay.yml"), "version: 1\nfail: [\n");
    const broken = await runCli(["scan", ".", "--diff", base2], { cwd: repo });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /assay\.yml/);
    writeFileSync(join(repo, "assay.yml"), "version: 1\n");
    const unknown = await runCli(["scan", ".", "--diff", "no-such-branch"], { cwd: repo });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot compare with `no-such-branch`/);
  });

  it("tells the reviewer of every suppression comment and VEX document the change adds", async () => {
    const { repo } = history();
    writeFileSync(join(repo, "notes.txt"), "assay: ignore[repo/binary-artifacts] old\n");
    mkdirSync(join(repo, ".vex"));
    writeFileSync(join(repo, ".vex", "old.json"), "[]\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "notes");
    const base2 = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, ".vex", "triage.json"), "{}\n");
    const workflow = ".github/workflows/ci.yml";
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    writeFileSync(join(repo, workflow), "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }} # assay: ignore[workflows/*] trusted\n      - run: npm test\n");
    const r = await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "json", "--diff", base2], { cwd: repo });
    const a = JSON.parse(r.stdout) as Assessment;
    const said = a.diagnostics.filter((d) => d.code === "suppressed-by-change");
    assert.ok(said.length > 0, JSON.stringify(a.diagnostics));
    assert.ok(said.every((d) => d.level === "warning" && d.path === workflow && d.line === 8 && /^this change silences workflows\/dangerous-triggers \(\w+\) with a suppression comment it adds: trusted$/.test(d.message)), JSON.stringify(said));
    assert.ok(a.findings.every((f) => f.status === "suppressed"), "the comment is honoured");
    assert.match(a.diagnostics.find((d) => d.code === "vex-changed")?.message ?? "", /^this change edits the VEX document \.vex\/triage\.json: pull-request mode applies the VEX documents as of /);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === "vex-invalid").map((d) => d.path), [".vex/old.json"], "the base's VEX documents are read, not the change's");
    const own = await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "json", "--diff", base2, "--policy", "notes.txt"], { cwd: repo });
    assert.equal(own.code, 2, "notes.txt is no policy");
    writeFileSync(join(repo, "ci-policy.yml"), "version: 1\n");
    const named = JSON.parse((await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "json", "--diff", base2, "--policy", "ci-policy.yml"], { cwd: repo })).stdout) as Assessment;
    assert.deepEqual(named.diagnostics.filter((d) => d.code === "vex-invalid").map((d) => d.path).sort(), [".vex/old.json", ".vex/triage.json"], "with --policy the checkout's VEX documents apply");
    const annotations = (await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "github", "--diff", base2], { cwd: repo })).stdout;
    assert.match(annotations, /^::warning file=\.github\/workflows\/ci\.yml,line=8,title=assay%3A suppressed-by-change::this change silences workflows\/dangerous-triggers/m);
    assert.match(annotations, /^::warning file=\.vex\/triage\.json,title=assay%3A vex-changed::/m);
    const comment = (await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "markdown", "--diff", base2], { cwd: repo })).stdout;
    assert.match(comment.split("\n")[0] ?? "", /^✅ \*\*assay: gate passed\*\* — no new findings · only what this change introduced · ⚠️ this change silences 1 finding and edits its VEX documents \(see the diagnostics\)$/);
    const before = await runCli(["scan", ".", "--rule", "workflows/dangerous-triggers", "--format", "json"], { cwd: repo });
    assert.equal((JSON.parse(before.stdout) as Assessment).diagnostics.find((d) => d.code === "suppressed-by-change"), undefined, "only pull-request mode says so");
  });

  it("tells the reviewer of findings the change adds under a suppression already in the code or a policy exception", async () => {
    const { repo } = history();
    writeFileSync(join(repo, "assay.yml"), "version: 1\nexceptions:\n  - rule: repo/binary-artifacts\n    path: vendor/**\n    reason: vendored tools\n    expires: 2099-12-31\n");
    writeFileSync(join(repo, "notes.txt"), "old line\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "policy");
    const base2 = git(repo, "rev-parse", "HEAD").trim();
    mkdirSync(join(repo, "vendor"));
    writeFileSync(join(repo, "vendor", "tool.exe"), EXE);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "adds a binary under the exception");
    const { a, code } = await scanJson(repo, ["--diff", base2]);
    assert.equal(code, 0, "the exception is honoured");
    assert.deepEqual(byPath(a), { "vendor/tool.exe": "excepted" });
    const said = a.diagnostics.filter((d) => d.code === "hidden-by-existing-triage");
    assert.deepEqual(said.map((d) => [d.level, d.path]), [["warning", "vendor/tool.exe"]]);
    assert.match(said[0]?.message ?? "", /^this change adds a repo\/binary-artifacts \(\w+\) finding that an exception of the policy hides: vendored tools/);
    const comment = (await runCli(["scan", ".", "--rule", "repo/binary-artifacts", "--format", "markdown", "--diff", base2], { cwd: repo })).stdout;
    assert.match(comment.split("\n")[0] ?? "", /^✅ \*\*assay: gate passed\*\* — no new findings · only what this change introduced · ⚠️ this change adds 1 finding an existing suppression or exception hides \(see the diagnostics\)$/);
    const full = await scanJson(repo, []);
    assert.equal(full.a.diagnostics.find((d) => d.code === "hidden-by-existing-triage"), undefined, "only pull-request mode says so");
  });

  it("with a baseline, judges the findings of the files a change edits off its added lines: one the change made worse is open", async () => {
    const workflow = ".github/workflows/ci.yml";
    const text = (on: string) => `on:\n${on}jobs:\n  greet:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - name: greet\n        run: echo "\${{ github.event.issue.title }}"\n  pushed:\n    if: github.event_name == 'push'\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - name: other\n        run: echo "\${{ github.event.head_commit.message }}"\n`;
    const repo = tmpRepo({ [workflow]: text("  push:\n") });
    const scanDiff = async (base: string) => JSON.parse((await runCli(["scan", ".", "--rule", "workflows/template-injection", "--format", "json", "--diff", base], { cwd: repo })).stdout) as Assessment;
    const base = git(repo, "rev-parse", "HEAD").trim();
    // Without a baseline, only added lines are judged: a trigger added above an old injection is not.
    writeFileSync(join(repo, workflow), text("  push:\n  issues:\n"));
    assert.deepEqual((await scanDiff(base)).findings, []);
    // With the baseline recorded at the base, the injection the new trigger makes reachable by anyone is open again.
    writeFileSync(join(repo, workflow), text("  push:\n"));
    assert.equal((await runCli(["baseline", "."], { cwd: repo })).code, 0);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "baseline");
    const base2 = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, workflow), text("  push:\n  issues:\n"));
    const a = await scanDiff(base2);
    assert.deepEqual(a.findings.map((f) => [f.locations[0]?.startLine, f.status, f.severity]), [[10, "open", "critical"]], "the head_commit one is as it was: accepted, left out");
    assert.match(a.findings[0]?.statusReason ?? "", /recorded in the baseline at high; it is critical now/);
    assert.equal(a.gate.passed, false);
    assert.match(a.diagnostics.find((d) => d.code === "diff-baseline")?.message ?? "", /1 the baseline does not accept is reported, 1 it accepts left out/);
  });

  it("reads the change's own commits for secrets: one added and removed again is public on its branch", async () => {
    const token = tokens(5)("«gh:ghp_»");
    const { repo } = history();
    writeFileSync(join(repo, "old-leak.txt"), `GITHUB_TOKEN=${tokens(6)("«gh:ghp_»")}\n`);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "an old leak, before the base");
    git(repo, "rm", "-q", "old-leak.txt");
    git(repo, "commit", "-qm", "removed");
    const main = git(repo, "rev-parse", "HEAD").trim();
    git(repo, "checkout", "-q", "-b", "feature");
    writeFileSync(join(repo, "config.env"), `GITHUB_TOKEN=${token}\n`);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "leak");
    writeFileSync(join(repo, "config.env"), "GITHUB_TOKEN=${GITHUB_TOKEN}\n");
    git(repo, "commit", "-qam", "take it out again");
    const secrets = async (args: string[]) => JSON.parse((await runCli(["secrets", ".", "--format", "json", ...args], { cwd: repo })).stdout) as Assessment;
    const check = (a: Assessment): void => {
      assert.deepEqual(a.findings.map((f) => [f.ruleId, f.severity, f.locations[0]?.path, f.status]), [["secrets/forge-token", "critical", "config.env", "open"]]);
      assert.match(a.findings[0]?.message ?? "", /no longer in the checkout, but still in the history/);
      assert.ok(!JSON.stringify(a).includes(token), "never the value");
    };
    check(await secrets(["--diff", main]));
    // A pull request's checkout is a merge of its branch into a base that moved on.
    git(repo, "checkout", "-q", "main");
    writeFileSync(join(repo, "NEWS.md"), "news\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "meanwhile on main");
    const moved = git(repo, "rev-parse", "HEAD").trim();
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "feature");
    check(await secrets(["--diff", moved]));
    assert.deepEqual((await secrets(["--diff", "feature"])).findings, [], "nothing the base already held");

    // A shallow clone has no commits of the change to read: it says so.
    const shallow = join(repo, "..", `${repo.split("/").pop() ?? "r"}-shallow`);
    git(join(repo, ".."), "clone", "-q", "--depth", "2", `file://${repo}`, shallow);
    const r = await runCli(["secrets", ".", "--format", "json", "--diff", "HEAD~1"], { cwd: shallow });
    const a = JSON.parse(r.stdout) as Assessment;
    assert.deepEqual(a.findings, []);
    assert.match(a.diagnostics.find((d) => d.code === "change-commits-unread")?.message ?? "", /the clone is shallow/);
    rmSync(shallow, { recursive: true, force: true });
  });
});
