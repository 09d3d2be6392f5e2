import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unpinned-tools.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const steps = (s: string) => `name: T\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${s}`;

describe("workflows/unpinned-tools", () => {
  it("is not applicable to a workflow whose steps install no tool through an action, so Pinned-Dependencies scores only what the repository uses, as Scorecard does", async () => {
    const { findings, outcome, assessment } = await one("name: L\non: push\npermissions:\n  contents: read\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0\n      - run: make test\n");
    assert.deepEqual([findings, outcome], [[], "not-applicable"]);
    assert.match(assessment.rules[0]?.reason ?? "", /no workflow step installs a tool/);
  });

  it("reports version inputs set to latest or *, at the input, and actions whose default is latest, at uses:", async () => {
    const { findings } = await one(steps("      - uses: astral-sh/setup-uv@bd01e18f51369d5a26f1651c3cb451d3417e3bba # v6.3.1\n        with:\n          version: latest\n      - uses: extractions/setup-just@e33e0265a09d6d736e2ee1e0eb685ef1de4669ff # v3\n"));
    assert.deepEqual(where(findings), [[9, 20], [10, 15]]);
    assert.match(findings[1]?.message ?? "", /does not set `just-version`/);
  });

  it("stays quiet for exact versions and version files", async () => {
    const { findings } = await one(steps("      - uses: aquasecurity/setup-trivy@ff1b8b060f23b650436d419b5e13f67f5d4c3087 # v0.2.6\n        with:\n          version: v0.69.3\n      - uses: actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5 # v5.5.0\n        with:\n          go-version-file: go.mod\n"));
    assert.deepEqual(findings, []);
  });
});
