import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/insecure-commands.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

describe("workflows/insecure-commands", () => {
  it("reports ACTIONS_ALLOW_UNSECURE_COMMANDS at workflow, job and step level, and ::set-env in scripts", async () => {
    const { findings } = await one(`name: L\non: push\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\njobs:\n  l:\n    runs-on: ubuntu-latest\n    env:\n      ACTIONS_ALLOW_UNSECURE_COMMANDS: "yes"\n    steps:\n      - run: echo "::set-env name=A::b"\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: 1\n`);
    assert.deepEqual(where(findings), [[4, 36], [9, 40], [11, 20], [13, 44]]);
    assert.deepEqual(findings.map((f) => f.severity), ["high", "high", "medium", "high"]);
  });

  it("rates ::set-env low where nothing enables it: the runner refuses it and the step fails (containerd's old release step)", async () => {
    const { findings } = await one(`name: L\non: push\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "::set-env name=A::b"\n`);
    assert.deepEqual(findings.map((f) => f.severity), ["low"]);
    assert.match(findings[0]?.message ?? "", /the runner refuses it and the step fails/);
  });

  it("stays quiet when it is explicitly false, and reads action.yml runs.env", async () => {
    const off = await one(`name: L\non: push\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: false\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n`);
    assert.deepEqual(off.findings, []);
    const action = await run({ "action.yml": "name: D\ndescription: d\nruns:\n  using: docker\n  image: Dockerfile\n  env:\n    ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n" });
    assert.equal(action.findings.length, 1);
  });
});
