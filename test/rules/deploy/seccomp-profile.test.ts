import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../../../src/core/apply-edits.js";
import { rule } from "../../../src/rules/deploy/seccomp-profile.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/seccomp-profile", () => {
  it("reports Unconfined (baseline) at high and an unset profile (restricted) at medium", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", podSc: "        seccompProfile:\n          type: Unconfined\n" }),
      "b.yaml": deployment({ name: "b", podSc: "        runAsNonRoot: true\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["control"]]), [
      ["a.yaml", "high", "PSS baseline: Seccomp"],
      ["b.yaml", "medium", "PSS restricted: Seccomp"],
    ]);
  });

  it("says which containers a pod's Unconfined reaches, and only that admission refuses it when every container sets its own", async () => {
    const pod = "        seccompProfile:\n          type: Unconfined\n";
    const own = "            seccompProfile:\n              type: RuntimeDefault\n";
    const { findings } = await run({ "none.yaml": deployment({ name: "none", podSc: pod, containerSc: own }) });
    assert.deepEqual(findings.map((f) => f.severity), ["low"]);
    assert.match(findings[0]?.message ?? "", /sets seccomp Unconfined for the pod; every container sets its own profile today/);
  });

  it("accepts a profile set on every container instead of the pod", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", podSc: "        runAsNonRoot: true\n", containerSc: "            seccompProfile:\n              type: Localhost\n              localhostProfile: profiles/app.json\n" }),
    });
    assert.deepEqual(findings, []);
  });

  it("takes the legacy annotations for no profile, unconfined or not, as Kubernetes (since 1.27) and admission (policy v1.19+) do", async () => {
    const annotated = (name: string, key: string, value: string): string =>
      deployment({ name, podSc: "        runAsNonRoot: true\n" }).replace(`      labels:\n        app: ${name}\n    spec:`, `      labels:\n        app: ${name}\n      annotations:\n        ${key}: ${value}\n    spec:`);
    const { findings } = await run({
      "a.yaml": annotated("a", "seccomp.security.alpha.kubernetes.io/pod", "runtime/default"),
      "b.yaml": annotated("b", "seccomp.security.alpha.kubernetes.io/pod", "unconfined"),
      "c.yaml": annotated("c", "container.seccomp.security.alpha.kubernetes.io/c", "unconfined"),
    });
    // The baseline admits b and c (it reads the fields only); the restricted profile refuses all three for setting no profile.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence["control"], (f.edits ?? []).length > 0]), [
      ["a.yaml", "medium", "PSS restricted: Seccomp", true],
      // An annotation asking for unconfined gets no unattended edit: the workload may need no filter.
      ["b.yaml", "medium", "PSS restricted: Seccomp", false],
      ["c.yaml", "medium", "PSS restricted: Seccomp", false],
    ]);
    for (const f of findings) assert.match(f.message, /annotations, unconfined or not, are ignored since Kubernetes 1\.27/);
  });

  it("fixes a pod with no profile by adding RuntimeDefault to its securityContext", async () => {
    const text = deployment({ podSc: "        runAsNonRoot: true\n" });
    const { findings } = await run({ "a.yaml": text });
    const fixed = applyEdits(text, findings.flatMap((f) => f.edits ?? [])).text;
    assert.match(fixed, /securityContext:\n {8}seccompProfile:\n {10}type: RuntimeDefault\n {8}runAsNonRoot: true/);
    assert.deepEqual((await run({ "a.yaml": fixed })).findings, []);
  });
});
