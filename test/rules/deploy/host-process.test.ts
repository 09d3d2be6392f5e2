import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/host-process.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/host-process", () => {
  it("reports a HostProcess container and leaves ordinary Windows pods alone", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", podSpec: "      os:\n        name: windows\n", containerSc: "            windowsOptions:\n              hostProcess: true\n" }),
      "b.yaml": deployment({ name: "b", podSpec: "      os:\n        name: windows\n", containerSc: "            windowsOptions:\n              runAsUserName: ContainerUser\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["a.yaml", "critical"]]);
  });
});
