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

  it("allows the sysctls admission added to the safe set at policy v1.32 and v1.37", async () => {
    const sysctls = "        sysctls:\n" + ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat", "net.ipv4.ip_local_reserved_ports"].map((n) => `          - name: ${n}\n            value: "1"\n`).join("");
    const { findings } = await run({ "a.yaml": deployment({ podSc: sysctls }) });
    assert.deepEqual(findings, []);
  });

  it("reports a safe sysctl spelt with slashes low: admission compares the name as written", async () => {
    const sysctls = "        sysctls:\n          - name: net/ipv4/ip_local_port_range\n            value: \"1024 65535\"\n";
    const { findings } = await run({ "a.yaml": deployment({ podSc: sysctls }) });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "low");
    assert.match(findings[0]?.message ?? "", /net\/ipv4\/ip_local_port_range, the safe net\.ipv4\.ip_local_port_range spelt with slashes.*refuses the pod \[CN8-3; PSS baseline: Sysctls\]/);
  });
});
