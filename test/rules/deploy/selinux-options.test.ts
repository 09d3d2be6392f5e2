import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/selinux-options.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/selinux-options", () => {
  it("reports custom types, users and roles; allows the container types and a level", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            seLinuxOptions:\n              user: system_u\n              type: container_t\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            seLinuxOptions:\n              type: container_init_t\n              level: s0:c123,c456\n" }),
    });
    assert.deepEqual(findings.map((f) => f.message), ['Deployment/a: container "a" sets SELinux user system_u [CN8-7; PSS baseline: SELinux]']);
  });

  it("reports Compose label:disable", async () => {
    const { findings } = await run({ "compose.yml": "services:\n  a:\n    image: x:1\n    security_opt: [\"label:disable\"]\n" });
    assert.equal(findings[0]?.severity, "high");
  });

  it("reports Compose label options that set a custom type, user or role, not the container types or a level", async () => {
    const { findings } = await run({ "compose.yml": "services:\n  a:\n    image: x:1\n    security_opt:\n      - label=type:spc_t\n      - label:user:system_u\n      - label=type:container_t\n      - label=level:s0:c100,c200\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[5, "high"], [6, "medium"]]);
  });
});
