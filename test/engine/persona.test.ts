import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import { defaultPolicy, parsePolicy } from "../../src/policy/policy-file.js";
import { RULES, CHECKS } from "../../src/rules/index.js";
import { rule as concurrencyLimits } from "../../src/rules/workflows/concurrency-limits.js";
import { rule as unpinnedImages } from "../../src/rules/workflows/unpinned-images.js";
import { runCli } from "../cli/run-cli.js";
import { tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

const now = new Date("2026-06-01T00:00:00Z");
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// A pull request workflow with no concurrency group: zizmor's concurrency-limits, a pedantic audit.
const CI = "name: CI\non: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    name: Test\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";

describe("personas", () => {
  it("does not run a pedantic rule by default: it is off, named as such, and its check is not scored", async () => {
    const a = await scan({ path: tmpDir({ ".github/workflows/ci.yml": CI }), policy: defaultPolicy(), rules: [concurrencyLimits], now });
    assert.equal(a.findings.length, 0);
    assert.equal(a.rules[0]?.outcome, "off");
    assert.match(a.rules[0]?.reason ?? "", /^pedantic persona only: run with --persona pedantic, or name it under rules: in the policy$/);
    const hygiene = a.checks.find((c) => c.id === "CI-Hygiene");
    assert.equal(hygiene?.status, "not-applicable", "a check whose only rule did not run is not passed");
    assert.equal(hygiene?.score, null);
  });

  it("runs it with the pedantic or auditor persona, and with the policy naming it", async () => {
    const path = tmpDir({ ".github/workflows/ci.yml": CI });
    for (const persona of ["pedantic", "auditor"] as const) {
      const a = await scan({ path, policy: defaultPolicy(), rules: [concurrencyLimits], persona, now });
      assert.equal(a.rules[0]?.outcome, "fail", persona);
      assert.equal(a.findings.length, 1, persona);
    }
    for (const text of ["rules:\n  workflows/concurrency-limits: on\n", "rules:\n  workflows/concurrency-limits: {}\n", "rules:\n  workflows/concurrency-limits: low\n", "rules:\n  workflows/concurrency-limits:\n", "persona: pedantic\n"]) {
      const policy = parsePolicy(text, "assay.yml", RULES.map((r) => r.meta), CHECKS);
      const a = await scan({ path, policy, rules: [concurrencyLimits], now });
      assert.equal(a.findings.length, 1, text);
    }
    // `off` still wins over any persona.
    const off = parsePolicy("rules:\n  workflows/concurrency-limits: off\n", "assay.yml", RULES.map((r) => r.meta), CHECKS);
    assert.equal((await scan({ path, policy: off, rules: [concurrencyLimits], persona: "auditor", now })).rules[0]?.outcome, "off");
  });

  it("drops a finding marked pedantic from a regular scan: a tagged job container is, a `latest` one is not", async () => {
    const wf = (image: string) => `name: CI\non: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n      image: ${image}\n    steps:\n      - run: make\n`;
    const tagged = tmpDir({ ".github/workflows/ci.yml": wf("node:20.11") });
    const regular = await scan({ path: tagged, policy: defaultPolicy(), rules: [unpinnedImages], now });
    assert.deepEqual(regular.findings, []);
    assert.equal(regular.rules[0]?.outcome, "pass");
    const pedantic = await scan({ path: tagged, policy: defaultPolicy(), rules: [unpinnedImages], persona: "pedantic", now });
    assert.equal(pedantic.findings.length, 1);
    const latest = await scan({ path: tmpDir({ ".github/workflows/ci.yml": wf("node:latest") }), policy: defaultPolicy(), rules: [unpinnedImages], now });
    assert.equal(latest.findings.length, 1);
  });

  it("takes --persona on scan and workflows, refuses an unknown one, and runs a rule --rule names by its id", async () => {
    const repo = tmpRepo({ ".github/workflows/ci.yml": CI });
    dirs.push(repo);
    const ids = (out: string) => (JSON.parse(out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    const base = await runCli(["scan", repo, "--rule", "workflows", "-f", "json"]);
    assert.ok(!ids(base.stdout).includes("workflows/concurrency-limits"), base.stderr);
    const pedantic = await runCli(["scan", repo, "--rule", "workflows", "--persona", "pedantic", "-f", "json"]);
    assert.ok(ids(pedantic.stdout).includes("workflows/concurrency-limits"), pedantic.stderr);
    const named = await runCli(["scan", repo, "--rule", "workflows/concurrency-limits", "-f", "json"]);
    assert.deepEqual(ids(named.stdout), ["workflows/concurrency-limits"]);
    const wf = await runCli(["workflows", "--persona", "pedantic", "-f", "json"], { cwd: repo });
    assert.ok(ids(wf.stdout).includes("workflows/concurrency-limits"), wf.stderr);
    const bad = await runCli(["scan", repo, "--persona", "pedantc"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown persona `pedantc` \(did you mean `pedantic`\?\)/);
  });

  it("refuses an unknown persona in the policy, with the position and the near miss", () => {
    assert.throws(() => parsePolicy("persona: pedantik\n", "assay.yml", RULES.map((r) => r.meta), CHECKS), /persona` must be one of regular, pedantic, auditor \(did you mean `pedantic`\?\)/);
  });

  it("lists the persona a rule needs in `assay rules`", async () => {
    const r = await runCli(["rules"]);
    assert.match(r.stdout, /^workflows\/concurrency-limits +info +offline +pedantic +CI-Hygiene/m);
    assert.match(r.stdout, /^workflows\/secrets-outside-env +info +offline +auditor +CI-Secrets/m);
  });
});
