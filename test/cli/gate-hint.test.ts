import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { git, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const INJECTION = `name: x
on: issue_comment
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.comment.body }}"
`;

describe("a failed gate says what to do next", () => {
  it("names fixing, exceptions, ignore comments and the baseline after the report", async () => {
    const dir = tmpRepo({ "README.md": "# demo\n", ".github/workflows/x.yml": INJECTION });
    const r = await runCli(["scan", dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^assay: next: fix what the report lists \(`assay explain RULE-ID` says how\), or accept a finding: an `exceptions:` entry in assay\.yml .*`assay baseline` to accept every finding open today\n$/m);
    assert.doesNotMatch(r.stdout, /assay: next:/);
  });

  it("does not offer the baseline in pull-request mode, where the base's baseline judges", async () => {
    const dir = tmpRepo({ "README.md": "# demo\n" });
    const base = git(dir, "rev-parse", "HEAD").trim();
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/x.yml"), INJECTION);
    const r = await runCli(["scan", dir, "--diff", base]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^assay: next: .*an `exceptions:` entry in the base's assay\.yml/m);
    assert.doesNotMatch(r.stderr, /assay baseline/);
    assert.match(r.stdout, /^Only this change \(only lines added since /m);
  });

  it("says how to renew an expired exception", async () => {
    const policy = "version: 1\nexceptions:\n  - rule: repo/license\n    reason: x\n    expires: 2020-01-01\n";
    const r = await runCli(["scan", tmpRepo({ "README.md": "# demo\n", "assay.yml": policy })]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^assay: next: give each expired exception a new `expires:` date \(if its reason still holds\) or remove it\n$/m);
  });

  it("says nothing more when the gate passes", async () => {
    const r = await runCli(["scan", tmpRepo({ "README.md": "# demo\n" })]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /assay: next:/);
  });
});

describe("assay report: a failed gate re-rendered", () => {
  it("says what to do next once, after the text, and not for machine formats", async () => {
    const dir = tmpRepo({ "README.md": "# demo\n", ".github/workflows/x.yml": INJECTION });
    const saved = join(dir, "assessment.json");
    const scan = await runCli(["scan", dir, "--format", "json", "--output", saved]);
    assert.equal(scan.code, 1, scan.stderr);
    assert.doesNotMatch(scan.stderr, /assay: next:/);
    const text = await runCli(["report", "--from", saved]);
    assert.equal(text.code, 1);
    assert.equal((text.stderr.match(/^assay: next: /gm) ?? []).length, 1, text.stderr);
    const sarif = await runCli(["report", "--from", saved, "--format", "sarif"]);
    assert.doesNotMatch(sarif.stderr, /assay: next:/);
  });

  it("wraps the text to the terminal's width", async () => {
    const dir = tmpRepo({ "README.md": "# demo\n", ".github/workflows/x.yml": INJECTION });
    const saved = join(dir, "assessment.json");
    await runCli(["scan", dir, "--format", "json", "--output", saved]);
    const r = await runCli(["report", "--from", saved], { tty: true, columns: 80, env: { NO_COLOR: "1" } });
    // A multi-line fix is a snippet to paste (14 columns in), kept as written.
    const long = r.stdout.split("\n").filter((l) => l.length > 80 && !l.startsWith(" ".repeat(14)) && l.slice(13).includes(" "));
    assert.deepEqual(long, []);
  });
});

describe("assay scan --output in pull-request mode", () => {
  it("counts the change's new findings instead of a score that reads as the project's", async () => {
    const dir = tmpRepo({ "README.md": "# demo\n" });
    const base = git(dir, "rev-parse", "HEAD").trim();
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/x.yml"), INJECTION);
    const r = await runCli(["scan", dir, "--diff", base, "--format", "json", "--output", join(dir, "a.json")]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^assay: wrote .+a\.json — \d+ new finding\(s\), gate failed: /m);
    assert.doesNotMatch(r.stderr, /score/);
  });
});
