import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { parseYaml } from "../../src/ecosystems/formats/yaml.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} });
  return { code, stdout, stderr };
}

const CO = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
const WORKFLOW = `name: Triage
on:
  issues:
    types: [opened]
jobs:
  triage:
    if: |
      \${{ github.event.issue.user.login != 'ghost' }}
    runs-on: ubuntu-latest
    steps:
      # Check out with the token kept: the bundle below uploads it.
      - uses: actions/checkout@v4.2.2
      - name: Echo
        run: |
          echo "New issue: \${{ github.event.issue.title }}"
      - uses: actions/upload-artifact@65462800fd760344b1a7b4382951275a0abb4808 # v4.3.3
        with:
          path: .
`;
const RULES = ["template-injection", "excessive-permissions", "artipacked", "unpinned-uses", "unsound-condition"].flatMap((r) => ["--rule", `workflows/${r}`]);

describe("assay fix: workflows", () => {
  it("applies every fixable workflow finding in one file without conflicts; the file parses and the rules then pass", async () => {
    const dir = tmpRepo({ ".github/workflows/triage.yml": WORKFLOW, ".github/workflows/ci.yml": `name: CI\non: push\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n        with:\n          persist-credentials: false\n` });
    const before = await run(["scan", ".", "--format", "json", ...RULES], dir);
    const ids = (JSON.parse(before.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ["workflows/artipacked", "workflows/excessive-permissions", "workflows/template-injection", "workflows/unpinned-uses", "workflows/unsound-condition"]);
    const fixed = await run(["fix", ".", ...RULES], dir);
    assert.match(fixed.stderr, /fixed 5 findings in 1 file/);
    const text = readFileSync(join(dir, ".github/workflows/triage.yml"), "utf8");
    assert.doesNotThrow(() => parseYaml(text));
    assert.match(text, /^permissions:\n {2}contents: read\n\njobs:/m);
    assert.match(text, /if: \|-\n/);
    assert.match(text, /- uses: actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\.2\.2\n {8}with:\n {10}persist-credentials: false\n/);
    assert.match(text, /echo "New issue: \$\{ISSUE_TITLE\}"\n {8}env:\n {10}ISSUE_TITLE: \$\{\{ github\.event\.issue\.title \}\}\n/);
    assert.match(text, /# Check out with the token kept: the bundle below uploads it\./);
    const after = await run(["scan", ".", "--format", "json", ...RULES], dir);
    assert.deepEqual((JSON.parse(after.stdout) as { findings: unknown[] }).findings, []);
  });
});
