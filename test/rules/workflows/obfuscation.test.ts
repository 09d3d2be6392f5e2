import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/obfuscation.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/obfuscation", () => {
  it("reports uses paths with ., .. or empty parts, and expressions that always give the same value", async () => {
    const { findings } = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/./init@v3\n      - uses: github/codeql-action//analyze@v3\n      - run: echo ${{ format('{0}', 'curl') }} ${{ !false }}\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15], [9, 19], [9, 48]]);
  });

  it("stays quiet for plain paths, literals, hashFiles and status functions", async () => {
    const { findings } = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/init@v3\n        if: ${{ always() }}\n      - run: echo ${{ 'x' }} ${{ 3 }} ${{ hashFiles('a') }} ${{ github.sha }}\n");
    assert.deepEqual(findings, []);
  });

  it("reports a step's `with:` written as one expression at info, at the `with:` line, as zizmor does; a zizmor ignore on the action's line holds", async () => {
    const wf = (uses: string) => `name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with: \${{ fromJSON(steps.setup.outputs.options) }}\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0\n        with:\n          node-version: \${{ matrix.node }}\n`;
    const { findings } = await ruleRunner(rule, "regular")({ ".github/workflows/ci.yml": wf("actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd") });
    assert.deepEqual(findings.map((f) => [f.severity, f.confidence, f.locations.map((l) => l.startLine)]), [["info", "high", [8, 7]]]);
    assert.match(findings[0]?.message ?? "", /^the `with:` of step 1 \(actions\/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd\) in job `o` in \.github\/workflows\/ci\.yml is one expression/);
    const ignored = await one(wf("actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # zizmor: ignore[obfuscation]"));
    assert.deepEqual(ignored.findings.map((f) => f.status), ["suppressed"]);
  });

  it("reports an index computed from another value in the pedantic persona only, at its brackets, as zizmor does", async () => {
    const wf = "name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      # ${{ inputs[inputs.foo] }} in a comment is not read\n      - if: ${{ inputs[inputs.foo] }}\n        run: echo ${{ github.event[format('{0}', inputs.kind)].title }} ${{ toJSON(needs[matrix.job].outputs) }}\n";
    const { findings } = await one(wf);
    assert.deepEqual(where(findings), [[8, 23], [9, 35], [9, 89]]);
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["index"]]), [["low", "inputs.foo"], ["low", "format('{0}', inputs.kind)"], ["low", "matrix.job"]]);
    assert.deepEqual(findings.map((f) => f.locations[0]?.endColumn), [34, 62, 100]);
    assert.match(findings[0]?.message ?? "", /^`\$\{\{ inputs\[inputs\.foo\] \}\}` in \.github\/workflows\/ci\.yml indexes with a computed value \(`inputs\.foo`\)/);
    // A regular scan keeps none of them: computed indexes have legitimate uses.
    assert.deepEqual((await ruleRunner(rule, "regular")({ ".github/workflows/ci.yml": wf })).findings, []);
  });

  it("takes literal and star indexes as plain (a string, a number, `*`), and reports each computed index of a chain once", async () => {
    const plain = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event['pull_request'].labels[0].name }} ${{ github.event.commits[*].message }} ${{ needs.*.result }}\n");
    assert.deepEqual(plain.findings, []);
    const chain = await one("name: O\non: push\njobs:\n  o:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ fromJSON(inputs.map)[inputs.a][inputs.b[inputs.c]] }}\n");
    assert.deepEqual(chain.findings.map((f) => f.evidence["index"]), ["inputs.a", "inputs.b[inputs.c]"]);
  });
});
