import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/writable-root-filesystem.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/writable-root-filesystem", () => {
  it("reports an unset or false readOnlyRootFilesystem at low severity", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            readOnlyRootFilesystem: false\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            runAsUser: 1000\n" }),
      "c.yaml": deployment({ name: "c" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["a.yaml", "low"], ["b.yaml", "low"]]);
    assert.match(findings[0]?.message ?? "", /sets readOnlyRootFilesystem: false/);
  });
});
