import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyJson6902, deciderOp } from "../../../../src/rules/deploy/lib/json6902.js";

// Operations as RFC 6902 and kustomize's patches documentation write them.
const base = (): Record<string, unknown> => ({
  spec: { template: { spec: { containers: [{ name: "app", args: ["--a"], securityContext: { allowPrivilegeEscalation: false } }], volumes: [] } } },
});

describe("JSON 6902 patches", () => {
  it("applies adds of keys and at a list's end, replacements and removals of keys, and leaves the base unchanged", () => {
    const b = base();
    const before = JSON.stringify(b);
    const r = applyJson6902(b, [
      { op: "test", path: "/spec/template/spec/containers/0/name", value: "app" },
      { op: "add", path: "/spec/template/spec/volumes/-", value: { name: "certs", secret: { secretName: "c" } } },
      { op: "add", path: "/spec/template/spec/containers/0/securityContext/privileged", value: true },
      { op: "remove", path: "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation" },
      { op: "replace", path: "/spec/template/spec/containers/0/args/0", value: "--b" },
      { op: "add", path: "/metadata~1x", value: 1 },
    ]);
    assert.equal(JSON.stringify(b), before);
    assert.deepEqual(r.value, {
      spec: { template: { spec: { containers: [{ name: "app", args: ["--b"], securityContext: { privileged: true } }], volumes: [{ name: "certs", secret: { secretName: "c" } }] } } },
      "metadata/x": 1,
    });
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(r.applied.map((a) => [a.path.join("."), a.index, a.removed]), [
      ["spec.template.spec.volumes.0", 1, false],
      ["spec.template.spec.containers.0.securityContext.privileged", 2, false],
      ["spec.template.spec.containers.0.securityContext.allowPrivilegeEscalation", 3, true],
      ["spec.template.spec.containers.0.args.0", 4, false],
      ["metadata/x", 5, false],
    ]);
    assert.equal(deciderOp(r.applied, ["spec", "template", "spec", "volumes", 0, "secret", "secretName"])?.index, 1);
    assert.equal(deciderOp(r.applied, ["spec", "template", "spec", "containers", 0, "image"]), undefined);
  });

  it("does not apply what moves list items or misses its path, and leaves later operations under that list unknown", () => {
    const r = applyJson6902(base(), [
      { op: "add", path: "/spec/template/spec/containers/0/args/0", value: "--first" },
      { op: "replace", path: "/spec/template/spec/containers/0/args/0", value: "--x" },
      { op: "remove", path: "/spec/template/spec/volumes/0" },
      { op: "copy", from: "/spec/template", path: "/spec/other" },
      { op: "replace", path: "/spec/template/spec/hostNetwork", value: true },
      { op: "add", path: "/spec/missing/key", value: true },
      { op: "add", path: "/spec/template/spec/hostPID", value: true },
    ]);
    assert.deepEqual(r.skipped.map((s) => [s.path.join("."), s.reason]), [
      ["spec.template.spec.containers.0.args.0", "an insertion inside a list"],
      ["spec.template.spec.containers.0.args.0", "after an operation assay does not apply"],
      ["spec.template.spec.volumes.0", "a removal from a list"],
      ["spec.other", "a copy operation"],
      ["spec.template.spec.hostNetwork", "a path the object does not have"],
      ["spec.missing.key", "a path the object does not have"],
    ]);
    assert.deepEqual(r.applied.map((a) => a.path.join(".")), ["spec.template.spec.hostPID"]);
  });

  it("does not apply a __proto__ key, which would give the object inherited values kustomize's output lacks", () => {
    const r = applyJson6902(base(), [
      { op: "add", path: "/spec/template/spec/containers/0/securityContext/__proto__", value: { runAsNonRoot: true, privileged: false } },
      { op: "add", path: "/spec/template/__proto__/spec", value: {} },
    ]);
    const sc = ((r.value["spec"] as { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } }).template.spec.containers[0]?.securityContext ?? {});
    assert.equal(sc["runAsNonRoot"], undefined);
    assert.equal(Object.getPrototypeOf(sc), Object.prototype);
    assert.deepEqual(r.applied, []);
    assert.deepEqual(r.skipped.map((s) => s.reason), ["a `__proto__` key", "a `__proto__` key"]);
  });
});
