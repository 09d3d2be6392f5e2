import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/unsafe-sysctls.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/unsafe-sysctls", () => {
  it("reports sysctls outside the safe set, including the slash spelling", async () => {
    const sysctls = "        sysctls:\n          - name: net.ipv4.tcp_keepalive_time\n            value: \"600\"\n          - name: net/core/somaxconn\n            value: \"1024\"\n          - name: vm.overcommit_memory\n            value: \"1\"\n";
    const { findings } = await run({ "a.yaml": deployment({ podSc: sysctls }) });
    assert.deepEqual(findings.map((f) => f.evidence["resource"] + " " + f.message.replace(/^.*sets sysctl ([^, ]+).*$/, "$1")).sort(), ["Deployment/web net/core/somaxconn", "Deployment/web vm.overcommit_memory"]);
  });
});
