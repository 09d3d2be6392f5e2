import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/misfeature.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
const head = "name: W\non: push\npermissions: {}\njobs:\n  w:\n    runs-on: windows-latest\n";

describe("workflows/misfeature", () => {
  it("reports setup-python's pip-install at the input, naming what it installs", async () => {
    const { findings } = await one(`${head}    steps:\n      - uses: actions/setup-python@v6\n        with:\n          python-version: '3.13'\n          pip-install: -r requirements.txt\n`);
    assert.deepEqual(where(findings), [[11, 24]]);
    assert.equal(findings[0]?.severity, "low");
    assert.match(findings[0]?.message ?? "", /^`actions\/setup-python@v6` in job `w` in \.github\/workflows\/ci\.yml installs `-r requirements\.txt` with `pip-install:`, into the runner's global Python/);
    // The action's own line is a related location (where zizmor's finding also points).
    assert.equal(findings[0]?.locations[1]?.startLine, 8);
  });

  it("reports a CMD shell where it is written: a step's, or a default once however many steps run under it", async () => {
    const step = await one(`${head}    steps:\n      - run: dir\n        shell: cmd\n      - run: dir\n        shell: C:\\Windows\\System32\\cmd.exe /D /E:ON /V:OFF /S /C "CALL "{0}""\n`);
    assert.deepEqual(where(step.findings), [[9, 16], [11, 16]]);
    assert.equal((await ruleRunner(rule, "regular")({ ".github/workflows/ci.yml": `${head}    steps:\n      - run: dir\n        shell: cmd\n` })).findings.length, 1);
    assert.match(step.findings[0]?.message ?? "", /^a step in job `w` in \.github\/workflows\/ci\.yml runs `run:` scripts under Windows CMD/);
    const job = await one(`${head}    defaults:\n      run:\n        shell: cmd\n    steps:\n      - run: dir\n      - run: echo hi\n`);
    assert.deepEqual(where(job.findings), [[9, 16]]);
    assert.match(job.findings[0]?.message ?? "", /^the default shell of job `w`/);
    const wf = await one(`name: W\non: push\ndefaults:\n  run:\n    shell: cmd\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: dir\n  b:\n    runs-on: windows-latest\n    steps:\n      - run: dir\n`);
    assert.deepEqual(where(wf.findings), [[5, 12]]);
    // In a composite action too.
    const action = await run({ "action.yml": "name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: dir\n      shell: cmd\n" });
    assert.deepEqual(where(action.findings), [[7, 14]]);
  });

  it("stays quiet for the shells GitHub knows, a shell an expression picks, the Windows default, and steps that run nothing", async () => {
    const { findings } = await one(`${head}    steps:\n      - run: dir\n      - run: ls\n        shell: bash -e {0}\n      - run: print(1)\n        shell: python\n      - run: Get-ChildItem\n        shell: powershell\n      - run: echo\n        shell: \${{ matrix.shell }}\n      - uses: actions/setup-python@v6\n        with:\n          python-version: '3.13'\n`);
    assert.deepEqual(findings, []);
  });

  it("reports a shell GitHub does not know to auditors only, as zizmor does", async () => {
    const wf = `${head}    steps:\n      - run: print "hi"\n        shell: perl {0}\n`;
    assert.deepEqual((await ruleRunner(rule, "regular")({ ".github/workflows/ci.yml": wf })).findings, []);
    assert.deepEqual((await ruleRunner(rule, "pedantic")({ ".github/workflows/ci.yml": wf })).findings, []);
    const audited = await one(wf);
    assert.deepEqual(where(audited.findings), [[9, 16]]);
    assert.match(audited.findings[0]?.message ?? "", /under `perl \{0\}`, a shell GitHub Actions does not know/);
  });
});
