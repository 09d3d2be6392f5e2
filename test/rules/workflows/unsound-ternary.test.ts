import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseExpression } from "../../../src/ecosystems/github-actions/index.js";
import { rule, unsoundTrueValues } from "../../../src/rules/workflows/unsound-ternary.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

/** The text of each falsy true value the rule finds in an expression. */
function values(text: string): string[] {
  const e = parseExpression(text);
  assert.ok(e, text);
  return unsoundTrueValues(e).map((v) => text.slice(v.start, v.end));
}

describe("workflows/unsound-ternary", () => {
  it("reports the falsy true value of `cond && <falsy> || other`, in workflows and composite actions", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.confidence]),
      [
        [".github/actions/notify/action.yml", 12, 49, "low", "high"],
        [".github/workflows/publish.yml", 16, 70, "low", "high"],
        [".github/workflows/publish.yml", 19, 50, "low", "high"],
      ],
    );
    assert.match(findings[1]?.message ?? "", /never yields `''`/);
  });

  it("stays quiet on truthy true values, constant expressions and a trailing `&&`", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
  });

  it("finds them where zizmor does: in every `||` chain, through parentheses and calls", () => {
    assert.deepEqual(values("foo && '' || 'bar'"), ["''"]);
    assert.deepEqual(values("foo && 0 || 'bar'"), ["0"]);
    assert.deepEqual(values("foo && false || 'bar'"), ["false"]);
    assert.deepEqual(values("foo && null || 'bar'"), ["null"]);
    assert.deepEqual(values("foo && fromJSON('false') || 'bar'"), ["fromJSON('false')"]);
    assert.deepEqual(values("foo && format('{0}', '') || 'bar'"), ["format('{0}', '')"]);
    assert.deepEqual(values("foo || bar && '' || 'baz'"), ["''"]);
    assert.deepEqual(values("foo || (bar && '' || 'baz')"), ["''"]);
    assert.deepEqual(values("(foo && '' || 'bar') || baz"), ["''"]);
    assert.deepEqual(values("foo && '' || bar && 0 || 'baz'"), ["''", "0"]);
    assert.deepEqual(values("format('{0}', foo && '' || 'x')"), ["''"]);
    assert.deepEqual(values("foo || (true && '' || 'bar')"), []);
    assert.deepEqual(values("!foo && 'bar' || ''"), []);
    assert.deepEqual(values("foo && 'bar' || ''"), []);
    assert.deepEqual(values("foo || bar && ''"), []);
    assert.deepEqual(values("true && '' || 'bar'"), []);
    assert.deepEqual(values("foo && format('{0}', 'x') || 'bar'"), []);
    assert.deepEqual(values("foo && fromJSON('[]') || 'bar'"), []);
  });

  it("reads expressions in any value, once per occurrence", async () => {
    const { findings } = await one("name: CI\non: push\npermissions: {}\njobs:\n  t:\n    runs-on: ${{ github.ref == 'refs/heads/main' && '' || 'ubuntu-latest' }}\n    steps:\n      - run: echo ${{ inputs.a && '' || 'x' }} ${{ inputs.b && '' || 'y' }}\n");
    assert.deepEqual(where(findings), [[6, 53], [8, 35], [8, 64]]);
  });
});
