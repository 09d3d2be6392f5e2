// Evidence that cannot be read never lets the gate pass: each way the issue found to hide a
// failing check, end to end through the CLI, and how every format says a check is incomplete.
import assert from "node:assert/strict";
import { appendFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { git, tmpRepo } from "../helpers/tmp-repo.js";
import { FORMATS, runCli } from "./run-cli.js";

/** A tag-triggered release that attaches files without signing them: Signed-Releases fails. */
const RELEASE = `name: release
on:
  push:
    tags: ["v*"]
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          make dist
          gh release create "$GITHUB_REF_NAME" dist/*.tar.gz
`;

const SIGNED = ["--rule", "repo/signed-releases"];

describe("fail closed through the CLI", () => {
  it("an unsigned release fails the gate at the command's line", async () => {
    const dir = tmpRepo({ ".github/workflows/release.yml": RELEASE });
    const r = await runCli(["scan", dir, ...SIGNED]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\.github\/workflows\/release\.yml:14:11 +\.github\/workflows\/release\.yml publishes GitHub release files \(gh release create\)/);
  });

  it("1 MiB of comments appended to the workflow makes the check incomplete, and the gate fails with the reason", async () => {
    const dir = tmpRepo({ ".github/workflows/release.yml": `${RELEASE}${`# ${"x".repeat(60)}\n`.repeat(17_500)}` });
    const r = await runCli(["scan", dir, ...SIGNED]);
    assert.equal(r.code, 1);
    // Without --verbose: the check, its state and why, and the gate's reason.
    assert.match(r.stdout, /^Signed-Releases: incomplete \(repo\/signed-releases: \.github\/workflows\/release\.yml:1:1 could not be parsed as yaml: larger than 1 MiB; not parsed\)$/m);
    assert.match(r.stdout, /✖ Gate failed\n {2}- check Signed-Releases is incomplete: /);
    assert.doesNotMatch(r.stdout, /not applicable/);
  });

  it("a workflow past the 8 MiB read limit makes the check incomplete, not silently not applicable", async () => {
    const dir = tmpRepo({ ".github/workflows/release.yml": RELEASE });
    appendFileSync(join(dir, ".github/workflows/release.yml"), `# ${"y".repeat(1022)}\n`.repeat(8 * 1024 + 10));
    const r = await runCli(["scan", dir, ...SIGNED, "--format", "json"]);
    assert.equal(r.code, 1);
    const a = JSON.parse(r.stdout);
    const check = a.checks.find((c: { id: string }) => c.id === "Signed-Releases");
    assert.equal(check.status, "incomplete");
    assert.match(check.reason, /release\.yml is 8\.\d MiB, over the 8 MiB read limit/);
    assert.equal(a.gate.passed, false);
  });

  it("a valid workflow with more than 100 aliases parses and is judged", async () => {
    const steps = Array.from({ length: 150 }, (_, i) => `      - *build${i % 3}\n`).join("");
    const text = RELEASE.replace("      - uses: actions/checkout@v4\n", `      - &build0 { run: make a }\n      - &build1 { run: make b }\n      - &build2 { run: make c }\n${steps}      - uses: actions/checkout@v4\n`);
    const dir = tmpRepo({ ".github/workflows/release.yml": text });
    const r = await runCli(["scan", dir, ...SIGNED, "--format", "json"]);
    const a = JSON.parse(r.stdout);
    assert.equal(a.rules[0].outcome, "fail", JSON.stringify(a.rules[0]));
    assert.equal(a.findings.length, 1);
    assert.equal(r.code, 1);
  });

  it("LICENSE -> /nonexistent and CODEOWNERS -> /dev/null fail `fail.checks: [License, Code-Owners]`, saying why", async () => {
    const dir = tmpRepo({ "README.md": "# x\n", "assay.yml": "fail:\n  severity: none\n  checks: [License, Code-Owners]\n" });
    symlinkSync("/nonexistent", join(dir, "LICENSE"));
    symlinkSync("/dev/null", join(dir, "CODEOWNERS"));
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "links");
    const r = await runCli(["scan", dir, "--rule", "repo/license", "--rule", "repo/codeowners"]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^License \(Licence\): incomplete \(repo\/license: LICENSE is a symbolic link out of the checkout\)$/m);
    assert.match(r.stdout, /^Code-Owners: incomplete \(repo\/codeowners: CODEOWNERS is a symbolic link out of the checkout\)$/m);
    assert.match(r.stdout, / {2}- check License is incomplete: repo\/license: LICENSE is a symbolic link out of the checkout/);
    assert.match(r.stdout, / {2}- check Code-Owners is incomplete: repo\/codeowners: CODEOWNERS is a symbolic link out of the checkout/);
    // Allowing incomplete checks still fails checks the policy says must pass.
    writeFileSync(join(dir, "assay.yml"), "fail:\n  severity: none\n  incomplete: false\n  checks: [License, Code-Owners]\n");
    const allowed = await runCli(["scan", dir, "--rule", "repo/license", "--rule", "repo/codeowners"]);
    assert.equal(allowed.code, 1);
    assert.match(allowed.stdout, /check License must pass but is incomplete \(repo\/license: LICENSE is a symbolic link out of the checkout\)/);
    // And with no check named, `incomplete: false` lets the gate pass: the policy said so.
    writeFileSync(join(dir, "assay.yml"), "fail:\n  severity: none\n  incomplete: false\n");
    assert.equal((await runCli(["scan", dir, "--rule", "repo/license", "--rule", "repo/codeowners"])).code, 0);
  });

  it("every format shows an incomplete check", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    symlinkSync("/nonexistent", join(dir, "LICENSE"));
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "link");
    const out: Record<string, string> = {};
    for (const format of FORMATS) {
      const r = await runCli(["scan", dir, "--rule", "repo/license", "--format", format]);
      assert.equal(r.code, 1, format);
      out[format] = r.stdout;
    }
    assert.match(out.text ?? "", /License \(Licence\): incomplete \(repo\/license: LICENSE is a symbolic link out of the checkout\)/);
    assert.match(out.markdown ?? "", /\| License \(Licence\) \| 0\.0 ⚠️ \| \*\*incomplete\*\*: repo/);
    assert.match(out.github ?? "", /^::error title=assay%3A License is incomplete::License could not be judged: repo\/license: LICENSE is a symbolic link out of the checkout$/m);
    const sarif = JSON.parse(out.sarif ?? "");
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === "rule-incomplete");
    assert.deepEqual(notes.map((n: { level: string; message: { text: string } }) => [n.level, n.message.text]), [["error", "rule repo/license is incomplete: LICENSE is a symbolic link out of the checkout"]]);
    assert.equal(JSON.parse(out.json ?? "").checks[0].status, "incomplete");
  });

  it("a policy file that links out of the checkout is reported as such, not as missing", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    symlinkSync("/etc/hostname", join(dir, "assay.yml"));
    const r = await runCli(["scan", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: .*assay\.yml is a symbolic link out of the checkout — /);
    const broken = tmpRepo({ "README.md": "# x\n" });
    symlinkSync("missing.yml", join(broken, "assay.yml"));
    assert.match((await runCli(["scan", broken])).stderr, /assay\.yml is a symbolic link to nothing/);
    // A link inside the checkout is an ordinary policy.
    const inside = tmpRepo({ "README.md": "# x\n", "config/assay.yml": "fail:\n  severity: none\n" });
    symlinkSync("config/assay.yml", join(inside, "assay.yml"));
    assert.equal((await runCli(["scan", inside, "--rule", "repo/license"])).code, 0);
  });

  it("a git checkout whose HEAD is missing or corrupt is said to be broken", async () => {
    for (const [label, breakIt] of [
      ["HEAD removed", (d: string) => writeFileSync(join(d, ".git/HEAD"), "")],
      ["HEAD garbage", (d: string) => writeFileSync(join(d, ".git/HEAD"), "garbage\n")],
      ["branch ref corrupt", (d: string) => writeFileSync(join(d, ".git/refs/heads/main"), "zzzz\n")],
      ["HEAD commit missing", (d: string) => writeFileSync(join(d, ".git/HEAD"), "0123456789012345678901234567890123456789\n")],
    ] as const) {
      const dir = tmpRepo({ "README.md": "# x\n" });
      breakIt(dir);
      const r = await runCli(["scan", dir]);
      assert.equal(r.code, 2, label);
      assert.match(r.stderr, /is a broken git repository: .* — repair it/, label);
    }
    // A repository without commits yet is not broken.
    const fresh = tmpRepo();
    writeFileSync(join(fresh, "README.md"), "# x\n");
    assert.equal((await runCli(["scan", fresh, "--rule", "repo/license", "--fail-on", "none"])).code, 0);
  });
});
