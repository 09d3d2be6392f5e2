import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/persisted-credentials.js";
import { rule as artipacked } from "../../../src/rules/workflows/artipacked.js";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FIXTURE_NOW, ruleRunner } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
const CO = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
const job = (steps: string) => `name: A\non: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("workflows/persisted-credentials", () => {
  it("reports a checkout that leaves its token to the later steps, at the checkout step (from its first key, as zizmor's artipacked), v6 included", async () => {
    const { findings } = await one(job(`      - uses: ${CO}\n      - run: make test\n`));
    assert.deepEqual(where(findings), [[9, 9]]);
    assert.deepEqual(where((await one(job(`      - name: Check out\n        uses: ${CO}\n      - run: make test\n`))).findings), [[9, 9]]);
    assert.match(findings[0]?.message ?? "", /^step 1 \(actions\/checkout@.*\) of job `a` .* leaves the job's token in git's configuration, where every later step and whatever it runs can read it$/);
    assert.equal((await one(job("      - uses: actions/checkout@v6\n"))).findings.length, 1);
  });

  it("stays quiet when persist-credentials is set either way, and on other actions", async () => {
    const off = await one(job(`      - uses: ${CO}\n        with:\n          persist-credentials: false\n`));
    const on = await one(job(`      - uses: ${CO}\n        with:\n          persist-credentials: "true"\n      - run: git push\n`));
    const other = await one(job("      - uses: actions/setup-node@v4\n"));
    assert.deepEqual([off.findings, on.findings, other.findings], [[], [], []]);
  });

  it("leaves persist-credentials set by an expression to the pedantic persona, as zizmor does", async () => {
    const files = { ".github/workflows/ci.yml": job(`      - uses: ${CO}\n        with:\n          persist-credentials: \${{ inputs.push }}\n      - run: make\n`) };
    assert.deepEqual((await ruleRunner(rule, "regular")(files)).findings, []);
    assert.equal((await ruleRunner(rule, "pedantic")(files)).findings.length, 1);
    // A whole `with:` written as one expression may set it either way (zizmor's fix for its issue 1769): pedantic, and no edit.
    const whole = { ".github/workflows/ci.yml": job(`      - uses: ${CO}\n        with: \${{ fromJSON(needs.setup.outputs.checkout) }}\n      - run: make\n`) };
    assert.deepEqual((await ruleRunner(rule, "regular")(whole)).findings, []);
    assert.deepEqual((await ruleRunner(rule, "pedantic")(whole)).findings.map((f) => [f.locations[0]?.startLine, f.edits?.length ?? 0]), [[9, 0]]);
  });

  it("does not offer to turn persistence off under a step that pushes with git or an action that does", async () => {
    for (const later of ["      - run: |\n          git commit -am bump\n          git push origin HEAD\n", "      - uses: stefanzweifel/git-auto-commit-action@v5\n", "      - run: git submodule update --init\n", "      - run: git -C site -c user.name=bot push\n"]) {
      const { findings } = await one(job(`      - uses: ${CO}\n${later}`));
      assert.equal(findings.length, 1, later);
      assert.equal(findings[0]?.edits, undefined, later);
      assert.match(findings[0]?.message ?? "", /step 2 .* uses git's remote, so give that command the token itself or set persist-credentials: true/);
      assert.match(findings[0]?.fix ?? "", /persist-credentials: true {2}# step 2 uses git's remote$/);
    }
    const local = await one(job(`      - uses: ${CO}\n      - run: git log -1 --format=%H && git diff --stat && echo "run git push later"\n`));
    assert.ok(local.findings[0]?.edits, "local git commands need no token");
  });

  it("leaves a checkout whose workspace is uploaded to workflows/artipacked", async () => {
    const files = { ".github/workflows/ci.yml": job(`      - uses: ${CO}\n      - uses: actions/upload-artifact@65462800fd760344b1a7b4382951275a0abb4808 # v4.3.3\n        with:\n          path: .\n`) };
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules: [rule, artipacked], now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => f.ruleId), ["workflows/artipacked"]);
    assert.equal(a.rules.find((r) => r.id === rule.meta.id)?.outcome, "pass");
  });

  it("fixes by adding persist-credentials: false, and the result passes", async () => {
    const files = { ".github/workflows/ci.yml": job(`      - uses: ${CO}\n        with:\n          fetch-depth: 0\n      - run: make\n`) };
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /fetch-depth: 0\n {10}persist-credentials: false\n/);
  });
});
