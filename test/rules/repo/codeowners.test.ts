import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/codeowners.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("repo/codeowners", () => {
  it("reports a missing CODEOWNERS at repository level", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "no CODEOWNERS file in .github/, the root, docs/ or .gitlab/ (nor a Kubernetes-style OWNERS file)");
    assert.deepEqual(findings[0]!.locations, []);
  });

  for (const path of ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS", ".github/CODEOWNERS"]) {
    it(`accepts ${path}`, async () => {
      const { findings, outcome } = await run({ [path]: "* @widgetco/maintainers\n" });
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("explains that a lower-case codeowners file is ignored by forges", async () => {
    const { findings } = await run({ ".github/codeowners": "* @widgetco/maintainers\n" });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /\.github\/codeowners is not read by GitHub or GitLab/);
    assert.deepEqual(findings[0]!.locations, [{ path: ".github/codeowners", startLine: 1, startColumn: 1 }]);
  });

  it("does not look for CODEOWNERS in other folders, and says where one was left that forges do not read", async () => {
    const { findings } = await run({ "src/CODEOWNERS": "* @widgetco/maintainers\n" });
    assert.equal(findings.length, 1);
    const workflows = await run({ ".github/workflows/CODEOWNERS": "* @widgetco/team\n", ".github/workflows/ci.yml": "on: push\n" });
    assert.equal(workflows.outcome, "fail");
    assert.equal(workflows.findings[0]!.message, "no CODEOWNERS file where forges read it: .github/workflows/CODEOWNERS is not read by GitHub or GitLab, which look only in .github/, the root, docs/ and .gitlab/");
    assert.deepEqual(workflows.findings[0]!.locations, [{ path: ".github/workflows/CODEOWNERS", startLine: 1, startColumn: 1 }]);
    const vendored = await run({ "node_modules/left-pad/CODEOWNERS": "* @someone\n" });
    assert.equal(vendored.findings[0]!.message, "no CODEOWNERS file in .github/, the root, docs/ or .gitlab/ (nor a Kubernetes-style OWNERS file)");
  });

  it("reports a CODEOWNERS that only owns named documents, at its first rule; a folder, a glob or a code file owns code", async () => {
    const docs = "# governance\nCHANGES.md @ada @grace\nGOVERNANCE.md @ada\ndocs/MAINTAINERS.md @ada\n";
    const { findings } = await run({ ".github/CODEOWNERS": docs, "main.go": "package main\n" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, ".github/CODEOWNERS only names owners for 3 documents (`CHANGES.md`, …), so no code has an owner");
    assert.deepEqual(findings[0]!.locations, [{ path: ".github/CODEOWNERS", startLine: 2, startColumn: 1 }]);
    for (const extra of ["/cmd/ @ada\n", "*.go @ada\n", "main.go @ada\n"]) {
      assert.equal((await run({ ".github/CODEOWNERS": docs + extra, "main.go": "package main\n" })).outcome, "pass", extra);
    }
  });

  it("reports a CODEOWNERS that only owns the documentation folder; a folder of code beside it owns code", async () => {
    for (const docs of ["/docs/ @widgetco/website-team\n", "docs @ada\n/doc/** @ada\nREADME.md @ada\n"]) {
      const { findings } = await run({ ".github/CODEOWNERS": docs, "lib/index.js": "module.exports = 1;\n", "docs/index.md": "# Docs\n" });
      assert.equal(findings.length, 1, docs);
      assert.match(findings[0]!.message, /^\.github\/CODEOWNERS only names owners for documentation \(`(?:\/docs\/|docs)`.*\), so no code has an owner$/);
    }
    // A deeper docs folder, or code next to it, is ownership of code.
    for (const extra of ["/lib/ @ada\n", "packages/docs/ @ada\n", "/docs/**/*.js @ada\n"]) {
      assert.equal((await run({ ".github/CODEOWNERS": `/docs/ @widgetco/website-team\n${extra}`, "lib/index.js": "module.exports = 1;\n" })).outcome, "pass", extra);
    }
  });

  it("reports an empty CODEOWNERS, or one with only comments, as assigning nobody", async () => {
    for (const text of ["", "# owners go here\n\n   \n"]) {
      const { findings } = await run({ CODEOWNERS: text });
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.message, "CODEOWNERS has no rules, so no file has an owner");
      assert.deepEqual(findings[0]!.locations, [{ path: "CODEOWNERS", startLine: 1, startColumn: 1 }]);
    }
  });

  it("reports rules that name no owner (a team written where a path belongs, as cosign's is) as assigning nobody; a GitLab section's default owners count", async () => {
    const { findings } = await run({ ".github/CODEOWNERS": "@sigstore/cosign-codeowners\n# The list of owners lives in the team\n" });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [[".github/CODEOWNERS has 1 rule but none names an owner (`@sigstore/cosign-codeowners` stands alone on its line), so no file has an owner", 1]]);
    assert.deepEqual((await run({ ".gitlab/CODEOWNERS": "[Backend] @backend-team\nsrc/\n" })).findings, []);
    assert.deepEqual((await run({ ".github/CODEOWNERS": "/vendor/\n* @org/maintainers\n" })).findings, []);
  });

  it("accepts Kubernetes-style OWNERS files with approvers, reviewers or filters", async () => {
    for (const text of ["approvers:\n  - alice\n  - bob\nreviewers:\n  - carol\n", "reviewers:\n  - sig-auth-reviewers\n", 'filters:\n  ".*":\n    approvers:\n      - alice\n']) {
      const { findings, outcome } = await run({ OWNERS: text, "main.go": "package main\n" });
      assert.deepEqual(findings.map((f) => f.message), [], text);
      assert.equal(outcome, "pass");
    }
  });

  it("reports an OWNERS file that names nobody, and judges a malformed one incomplete", async () => {
    const empty = await run({ OWNERS: "options:\n  no_parent_owners: true\n" });
    assert.deepEqual(empty.findings.map((f) => [f.message, f.locations[0]?.path]), [["OWNERS names no approvers or reviewers, so no change needs an owner's review", "OWNERS"]]);
    assert.equal((await run({ OWNERS: "approvers: [alice\n" })).outcome, "incomplete");
  });

  it("reads only a root OWNERS file, and CODEOWNERS wins when both exist", async () => {
    assert.equal((await run({ "pkg/OWNERS": "approvers:\n  - alice\n" })).outcome, "fail");
    assert.equal((await run({ OWNERS: "options: {}\n", ".github/CODEOWNERS": "* @org/team\n" })).outcome, "pass");
  });

  it("passes a Kubernetes project whose root OWNERS names approvers", async () => {
    assert.equal((await runRule(rule, fixtureDir(rule.meta.id, "owners-file"))).outcome, "pass");
  });
});
