import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/security-insights.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const V2 = readFileSync(`${fixtureDir("repo/security-insights", "good")}/.github/security-insights.yml`, "utf8");

const V1 = `header:
  schema-version: 1.0.0
  expiration-date: '2099-01-01T00:00:00.000Z'
  project-url: https://github.com/widgetco/widgetlib
project-lifecycle:
  status: active
  bug-fixes-only: false
  core-maintainers:
    - github:alice
contribution-policy:
  accepts-pull-requests: true
  accepts-automated-pull-requests: true
distribution-points:
  - https://www.npmjs.com/package/widgetlib
security-contacts:
  - type: email
    value: security@widgetco.dev
vulnerability-reporting:
  accepts-vulnerability-reports: true
  email-contact: security@widgetco.dev
  security-policy: https://github.com/widgetco/widgetlib/blob/main/SECURITY.md
`;

describe("repo/security-insights", () => {
  it("reports each missing required field at its parent", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.locations, f.evidence]), [
      ["security-insights.yml has no header.url, which Security Insights 2.0.0 requires", [{ path: "security-insights.yml", startLine: 1, startColumn: 1 }], { schemaVersion: "2.0.0", missing: "header.url" }],
      [
        "security-insights.yml has no project.vulnerability-reporting.bug-bounty-available, which Security Insights 2.0.0 requires",
        [{ path: "security-insights.yml", startLine: 14, startColumn: 3 }],
        { schemaVersion: "2.0.0", missing: "project.vulnerability-reporting.bug-bounty-available" },
      ],
    ]);
  });

  it("reports a missing file at repository level", async () => {
    const { findings } = await run({ "README.md": "# x\n" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "no SECURITY-INSIGHTS.yml (or security-insights.yml) in the root or .github/");
    assert.deepEqual(findings[0]!.locations, []);
  });

  it("finds SECURITY-INSIGHTS.yml in upper case and .yaml files", async () => {
    assert.equal((await run({ "SECURITY-INSIGHTS.yml": V2 })).outcome, "pass");
    assert.equal((await run({ ".github/security-insights.yaml": V2 })).outcome, "pass");
  });

  it("reads a symbolic link inside the checkout, and names one leading out rather than calling the file missing", async () => {
    const inside = tmpDir({ "docs/insights.yml": V2 });
    mkdirSync(join(inside, ".github"));
    symlinkSync("../docs/insights.yml", join(inside, ".github/security-insights.yml"));
    assert.equal((await runRule(rule, inside)).outcome, "pass");
    const outside = tmpDir({ "README.md": "# x\n" });
    symlinkSync("/etc/hostname", join(outside, "SECURITY-INSIGHTS.yml"));
    const { findings } = await runRule(rule, outside);
    assert.deepEqual(findings.map((f) => f.message), ["SECURITY-INSIGHTS.yml is a symbolic link out of the checkout"]);
  });

  it("ignores a file of that name elsewhere", async () => {
    const { findings } = await run({ "docs/security-insights.yml": V2 });
    assert.equal(findings[0]?.message, "no SECURITY-INSIGHTS.yml (or security-insights.yml) in the root or .github/");
  });

  it("accepts a complete, unexpired v1 file", async () => {
    const { findings, outcome } = await run({ "SECURITY-INSIGHTS.yml": V1 });
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.equal(outcome, "pass");
  });

  it("reports a v1 file past its expiration date, at that line", async () => {
    const { findings } = await run({ "SECURITY-INSIGHTS.yml": V1.replace("2099-01-01T00:00:00.000Z", "2001-01-01T00:00:00.000Z") });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [["SECURITY-INSIGHTS.yml expired on 2001-01-01: consumers must treat its security facts as out of date", 3]]);
  });

  it("checks v1's required fields, including the conditional ones", async () => {
    const text = V1.replace("  project-url: https://github.com/widgetco/widgetlib\n", "").replace("  core-maintainers:\n    - github:alice\n", "").replace("  email-contact: security@widgetco.dev\n", "").replace(/distribution-points:\n.*\n/, "");
    const { findings } = await run({ "SECURITY-INSIGHTS.yml": text });
    const found = findings.map((f) => [f.evidence["missing"], f.locations[0]?.startLine]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(found, [
      ["distribution-points", 1],
      ["header.project-url", 1],
      ["project-lifecycle.core-maintainers", 4],
      ["vulnerability-reporting.email-contact", 13],
    ]);
    for (const f of findings) assert.match(f.message, /Security Insights 1\.0\.0 requires$/);
  });

  it("does not require a project in a child file that inherits it", async () => {
    const child = V2.replace(/project:\n(  .*\n)+/, "").replace("  url: https://github.com/widgetco/widgetlib/blob/main/.github/security-insights.yml\n", "  url: https://github.com/widgetco/widgetlib/blob/main/.github/security-insights.yml\n  project-si-source: https://github.com/widgetco/.github/blob/main/security-insights.yml\n");
    assert.ok(!child.includes("\nproject:"));
    const { findings } = await run({ "security-insights.yml": child });
    assert.deepEqual(findings.map((f) => f.message), []);
  });

  it("does not require a repository in a parent file listing several repositories", async () => {
    const parent = V2.replace(/repository:\n(  .*\n)+/, "").replace("      comment: The library.\n", "      comment: The library.\n    - name: widgetcli\n      url: https://github.com/widgetco/widgetcli\n      comment: The CLI.\n");
    const { findings } = await run({ "security-insights.yml": parent });
    assert.deepEqual(findings.map((f) => f.message), []);
    const single = V2.replace(/repository:\n(  .*\n)+/, "");
    assert.deepEqual((await run({ "security-insights.yml": single })).findings.map((f) => f.evidence["missing"]), ["repository"]);
  });

  it("treats a key without a value as missing, and a scalar where a map belongs as wrong", async () => {
    const text = V2.replace("  url: https://github.com/widgetco/widgetlib/blob/main/.github/security-insights.yml", "  url:").replace(/  license:\n    url: .*\n    expression: MIT\n/, "  license: MIT\n");
    const { findings } = await run({ "security-insights.yml": text });
    assert.deepEqual(findings.map((f) => f.message), [
      "security-insights.yml has no header.url, which Security Insights 2.0.0 requires",
      "security-insights.yml has repository.license as a single value, but Security Insights 2.0.0 requires a map with url, expression",
    ]);
    assert.equal(findings[1]!.locations[0]!.startLine, 26);
    assert.equal(findings[1]!.locations[0]!.startColumn, 12);
  });

  it("reports a YAML list instead of a map at line 1", async () => {
    const { findings } = await run({ "security-insights.yml": "- header:\n    schema-version: 2.0.0\n" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "security-insights.yml is a list, not a map with the header, project and repository sections Security Insights requires");
    assert.deepEqual(findings[0]!.locations, [{ path: "security-insights.yml", startLine: 1, startColumn: 1 }]);
  });

  it("reports an empty file", async () => {
    const { findings } = await run({ "security-insights.yml": "# nothing yet\n" });
    assert.match(findings[0]!.message, /^security-insights\.yml is empty/);
  });

  it("reports malformed YAML as not well-formed, at the parser's position", async () => {
    const { findings, outcome, assessment } = await run({ "security-insights.yml": "header:\n  schema-version: [2.0.0\n" });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /^security-insights\.yml could not be parsed as yaml/);
    assert.ok((findings[0]?.locations[0]?.startLine ?? 0) > 1);
    assert.equal(outcome, "fail");
    assert.ok(assessment.diagnostics.some((d) => d.code === "parse-error" && d.path === "security-insights.yml" && d.line !== undefined));
  });

  it("reports a schema-version that is not X.Y.Z, and skips versions it does not know", async () => {
    const bad = await run({ "security-insights.yml": V2.replace("schema-version: 2.0.0", "schema-version: latest") });
    assert.deepEqual(bad.findings.map((f) => [f.message, f.locations[0]?.startLine, f.locations[0]?.startColumn]), [
      ['security-insights.yml has header.schema-version "latest", which is not a Security Insights version (X.Y.Z)', 2, 19],
    ]);
    assert.equal((await run({ "security-insights.yml": V2.replace("schema-version: 2.0.0", "schema-version: 3.0.0") })).outcome, "not-applicable");
  });

  it("guesses the version from the structure when schema-version is missing", async () => {
    const { findings } = await run({ "SECURITY-INSIGHTS.yml": V1.replace("  schema-version: 1.0.0\n", "") });
    assert.deepEqual(findings.map((f) => f.message), ["SECURITY-INSIGHTS.yml has no header.schema-version, which Security Insights 1.0.0 requires"]);
  });
});
