import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import type { Rule, RuleMeta } from "../../src/core/rule.js";
import { scan } from "../../src/api/scan.js";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

function meta(id: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return { id, title: `test rule ${id}`, severity: "high", confidence: "high", check: "SAST", rationale: "r", remediation: "f", references: [], network: false, assessmentSection: "metadata", ...over };
}
const now = new Date("2026-06-01T00:00:00Z");

const marksTodo: Rule = {
  meta: meta("test/todo", { options: { word: { type: "string", default: "TODO", description: "word to find" } } }),
  async run(ctx) {
    for (const f of ctx.glob("**/*.txt")) {
      const t = await ctx.readText(f.path);
      if (!t) continue;
      const word = ctx.options.word as string;
      for (let i = t.text.indexOf(word); i !== -1; i = t.text.indexOf(word, i + 1)) {
        const p = t.positionAt(i);
        ctx.report({ message: `found ${word}`, locations: [{ path: f.path, startLine: p.line, startColumn: p.column }], snippet: t.lineText(p.line) });
      }
    }
  },
};

describe("engine", () => {
  it("isolates a rule that throws and still runs the others", async () => {
    const boom: Rule = { meta: meta("test/boom"), run: () => { throw new Error("kaboom"); } };
    const a = await scan({ path: tmpDir({ "a.txt": "TODO" }), policy: defaultPolicy(), rules: [boom, marksTodo], now });
    assert.equal(a.rules.find((r) => r.id === "test/boom")?.outcome, "error");
    assert.match(a.rules.find((r) => r.id === "test/boom")?.reason ?? "", /kaboom/);
    assert.equal(a.findings.length, 1);
    assert.equal(a.summary.ruleErrors, 1);
    assert.equal(a.checks.find((c) => c.id === "SAST")?.status, "error");
    assert.ok(a.diagnostics.some((d) => d.code === "rule-error" && d.ruleId === "test/boom"));
  });

  it("stops a rule over its time budget", async () => {
    const slow: Rule = { meta: meta("test/slow"), run: () => new Promise((r) => setTimeout(r, 5000)) };
    const a = await scan({ path: tmpDir(), policy: defaultPolicy(), rules: [slow], now, ruleTimeoutMs: 50 });
    assert.equal(a.rules[0]?.outcome, "error");
    assert.match(a.rules[0]?.reason ?? "", /time budget/);
  });

  it("skips network rules offline as not available, not scored", async () => {
    const online: Rule = { meta: meta("test/online", { network: true }), run: () => assert.fail("must not run offline") };
    const a = await scan({ path: tmpDir(), policy: defaultPolicy(), rules: [online], now });
    assert.equal(a.rules[0]?.outcome, "not-available");
    assert.equal(a.checks.find((c) => c.id === "SAST")?.status, "not-available");
    assert.equal(a.summary.score, null);
  });

  it("scores only the checks whose rules ran", async () => {
    const a = await scan({ path: tmpDir(), policy: defaultPolicy(), rules: [], now });
    assert.deepEqual(a.checks, []);
    assert.equal(a.summary.score, null);
  });

  it("passes policy options and severity overrides to the rule", async () => {
    const policy = defaultPolicy();
    policy.rules["test/todo"] = { off: false, severity: "low", options: { word: "FIXME" } };
    const a = await scan({ path: tmpDir({ "a.txt": "TODO FIXME" }), policy, rules: [marksTodo], now });
    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0]?.message, "found FIXME");
    assert.equal(a.findings[0]?.severity, "low");
    assert.deepEqual(a.findings[0]?.locations[0], { path: "a.txt", startLine: 1, startColumn: 6 });
  });

  it("turns rules off", async () => {
    const policy = defaultPolicy();
    policy.rules["test/todo"] = { off: true, options: {} };
    const a = await scan({ path: tmpDir({ "a.txt": "TODO" }), policy, rules: [marksTodo], now });
    assert.equal(a.findings.length, 0);
    assert.equal(a.rules[0]?.outcome, "off");
  });

  it("honours inline suppressions on the line or the line above, and only for the named rule", async () => {
    const files = { "a.txt": "x TODO # assay: ignore[test/todo] known\n# assay: ignore[test/*] family\nTODO\n# assay: ignore[other/rule] no\nTODO\n" };
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules: [marksTodo], now });
    assert.deepEqual(a.findings.map((f) => [f.locations[0]?.startLine, f.status, f.statusReason ?? null]), [[1, "suppressed", "known"], [3, "suppressed", "family"], [5, "open", null]]);
  });

  it("honours zizmor's ignore comments for the workflow rule that carries the audit's name", async () => {
    const workflow = "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\" # zizmor: ignore[template-injection]\n      - run: echo \"${{ github.event.pull_request.body }}\"\n";
    const injection = RULES.filter((r) => r.meta.id === "workflows/template-injection");
    const a = await scan({ path: tmpDir({ ".github/workflows/ci.yml": workflow }), policy: defaultPolicy(), rules: injection, now });
    assert.deepEqual(a.findings.map((f) => [f.locations[0]?.startLine, f.status, f.statusReason ?? null]), [[7, "suppressed", "ignored for zizmor"], [8, "open", null]]);
  });

  it("honours zizmor's ignore at the `on:` block for a dangerous-triggers finding that runs none of the fork's code", async () => {
    // zizmor reports workflow_run at the workflow's `on:`; assay reports the step that downloads the run's artifacts.
    const workflow = (on: string, after: string) => `${on}\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions:\n  pull-requests: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n        with:\n          run-id: \${{ github.event.workflow_run.id }}\n${after}`;
    const triggers = RULES.filter((r) => r.meta.id === "workflows/dangerous-triggers");
    const run = async (text: string) => (await scan({ path: tmpDir({ ".github/workflows/c.yml": text }), policy: defaultPolicy(), rules: triggers, now })).findings.map((f) => [f.locations[0]?.startLine, f.status, f.statusReason ?? null]);
    assert.deepEqual(await run(workflow("on: # zizmor: ignore[dangerous-triggers]", "      - run: cat pr.txt\n")), [[13, "suppressed", "ignored for zizmor"]]);
    assert.deepEqual(await run(workflow("on:", "      - run: cat pr.txt # zizmor: ignore[dangerous-triggers]\n")), [[13, "open", null]], "a comment on another step's line covers nothing");
    assert.deepEqual(await run(workflow("on: # assay: ignore[workflows/dangerous-triggers] reviewed", "      - run: cat pr.txt\n")), [[13, "open", null]], "assay's own comments go on the finding's line");
    assert.deepEqual(await run(workflow("on: # zizmor: ignore[dangerous-triggers]", "      - run: npm ci\n")), [[13, "open", null]], "a run of the fork's code stays visible");
  });

  it("keeps fingerprints when unrelated lines are inserted", async () => {
    const before = await scan({ path: tmpDir({ "a.txt": "TODO one\nTODO two\n" }), policy: defaultPolicy(), rules: [marksTodo], now });
    const after = await scan({ path: tmpDir({ "a.txt": "new\nlines\nTODO one\nTODO two\n" }), policy: defaultPolicy(), rules: [marksTodo], now });
    assert.deepEqual(after.findings.map((f) => f.fingerprint), before.findings.map((f) => f.fingerprint));
    assert.notEqual(before.findings[0]?.fingerprint, before.findings[1]?.fingerprint);
  });

  it("is deterministic", async () => {
    const dir = tmpDir({ "b.txt": "TODO", "a.txt": "TODO TODO", "c/d.txt": "TODO" });
    const one = await scan({ path: dir, policy: defaultPolicy(), rules: [marksTodo], now });
    const two = await scan({ path: dir, policy: defaultPolicy(), rules: [marksTodo], now, concurrency: 1 });
    assert.deepEqual(two, one);
    assert.deepEqual(one.findings.map((f) => f.locations[0]?.path), ["a.txt", "a.txt", "b.txt", "c/d.txt"]);
  });

  it("records a malformed file once however many rules parse it, and goes on", async () => {
    const { yamlParser } = await import("../../src/ecosystems/formats/yaml.js");
    const parses = (id: string): Rule => ({ meta: meta(id), async run(ctx) { for (const f of ctx.glob("*.yml")) await ctx.parse(f.path, yamlParser); } });
    const a = await scan({ path: tmpDir({ "bad.yml": "a: [\n", "good.yml": "a: 1\n" }), policy: defaultPolicy(), rules: [parses("test/p1"), parses("test/p2")], now });
    assert.equal(a.diagnostics.filter((d) => d.code === "parse-error").length, 1);
    // Fail closed: the rules asked for evidence they could not parse, so neither passes.
    assert.deepEqual(a.rules.map((r) => r.outcome), ["incomplete", "incomplete"]);
  });
});

describe("engine: edits", () => {
  const edit = { path: "a.txt", offset: 0, replace: "TODO", with: "DONE" };
  const editing = (fixable: boolean): Rule => ({
    meta: meta(`test/edit-${fixable}`, fixable ? { fixable: true } : {}),
    run: (ctx) => ctx.report({ message: "m", locations: [{ path: "a.txt", startLine: 1 }], edits: [edit] }),
  });
  it("keeps edits from rules that declare themselves fixable, and drops them otherwise", async () => {
    const a = await scan({ path: tmpDir({ "a.txt": "TODO" }), policy: defaultPolicy(), rules: [editing(true), editing(false)], now });
    assert.deepEqual(a.findings.find((f) => f.ruleId === "test/edit-true")?.edits, [edit]);
    assert.equal(a.findings.find((f) => f.ruleId === "test/edit-false")?.edits, undefined);
  });
});
