import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { rule as packageInstall } from "../../../src/rules/supply-chain/unpinned-package-install.js";
import { rule } from "../../../src/rules/workflows/adhoc-packages.js";
import { FIXTURE_NOW } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const run = (script: string) => one(`name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`);

describe("workflows/adhoc-packages", () => {
  it("does not weigh on Pinned-Dependencies' pinned share: what is left to it (yarn add) Scorecard does not count", async () => {
    const wf = "name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: yarn global add left-pad\n";
    const a = await scan({ path: tmpDir({ ".github/workflows/a.yml": wf }), policy: defaultPolicy(), rules: [rule, packageInstall], now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.dependency]), [["workflows/adhoc-packages", undefined]]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [10, "pinned: 1/1 npm installs; also found, not scored: package installed in CI outside any lockfile"]);
  });

  it("is not applicable to a workflow whose scripts install nothing, so Pinned-Dependencies scores only what the repository uses, as Scorecard does", async () => {
    const { findings, outcome, assessment } = await one("name: L\non: push\npermissions:\n  contents: read\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0\n      - run: make test\n");
    assert.deepEqual([findings, outcome], [[], "not-applicable"]);
    assert.match(assessment.rules[0]?.reason ?? "", /no workflow script installs packages/);
  });

  it("reports floating installs of pip, npm -g, gem, cargo, go and uv tool, at the command", async () => {
    const { findings } = await run("pip install requests\nsudo npm install -g typescript\ngem install bundler\ncargo install cargo-deny --locked\ngo install golang.org/x/tools/cmd/goimports@latest\nuv tool install ruff\npython3 -m pip install 'black>=24'");
    assert.deepEqual(where(findings), [[8, 11], [9, 11], [10, 11], [11, 11], [12, 11], [13, 11], [14, 11]]);
    assert.match(findings[0]?.message ?? "", /installing `requests` at whatever version is newest/);
  });

  it("stays quiet on lockfiles, constraints files, hashes, exact pins, local paths and bootstrap upgrades", async () => {
    const { findings } = await run("pip install -r requirements.txt\npip install --require-hashes -r r.txt\npip install foo==1.2.3\npip install .\npip install -e .[dev]\npython -m pip install --upgrade pip setuptools wheel\nnpm ci\nnpm install\nyarn install --frozen-lockfile\ngo install example.com/tool@v1.2.3\ncargo install cargo-audit --version 0.21.0\nbundle install\npython3 -m pip install --constraint requirements-build.txt build\npip install -c constraints.txt twine\npip install --constraint=c.txt build");
    assert.deepEqual(findings, []);
  });
});
