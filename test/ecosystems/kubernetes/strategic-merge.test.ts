import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergesAt, patchPathOf, strategicMerge } from "../../../src/ecosystems/kubernetes/strategic-merge.js";

// Cases written from the Kubernetes documentation of strategic merge patches
// (kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/).
const base = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" } },
  spec: {
    template: {
      spec: {
        containers: [
          { name: "app", image: "web:1", ports: [{ containerPort: 8080 }], env: [{ name: "A", value: "1" }] },
          { name: "proxy", image: "proxy:2" },
        ],
        tolerations: [{ key: "a", operator: "Exists" }],
      },
    },
  },
};

describe("strategic merge patches", () => {
  it("merges maps, merges containers by name and appends new ones, and replaces lists without a merge key", () => {
    const r = strategicMerge(base, {
      metadata: { labels: { tier: "front" } },
      spec: {
        template: {
          spec: {
            securityContext: { runAsNonRoot: true },
            containers: [
              { name: "sidecar", image: "side:3" },
              { name: "app", securityContext: { allowPrivilegeEscalation: false }, env: [{ name: "B", value: "2" }] },
            ],
            tolerations: [{ key: "b", operator: "Exists" }],
          },
        },
      },
    });
    assert.equal(r.unsupported, undefined);
    assert.deepEqual(r.value["metadata"], { name: "web", labels: { app: "web", tier: "front" } });
    const pod = (r.value["spec"] as { template: { spec: Record<string, unknown> } }).template.spec;
    assert.deepEqual(pod["securityContext"], { runAsNonRoot: true });
    assert.deepEqual(pod["tolerations"], [{ key: "b", operator: "Exists" }]);
    const containers = pod["containers"] as Record<string, unknown>[];
    assert.deepEqual(containers.map((c) => c["name"]), ["app", "proxy", "sidecar"]);
    assert.deepEqual(containers[0]?.["env"], [{ name: "A", value: "1" }, { name: "B", value: "2" }]);
    assert.deepEqual(containers[0]?.["ports"], [{ containerPort: 8080 }]);
    assert.equal(containers[0]?.["image"], "web:1");
    // The merged app (index 0) is the patch's item 1; the appended sidecar (index 2) its item 0.
    assert.deepEqual(patchPathOf(["spec", "template", "spec", "containers", 0, "securityContext"], r.indexes), ["spec", "template", "spec", "containers", 1, "securityContext"]);
    assert.deepEqual(patchPathOf(["spec", "template", "spec", "containers", 2, "image"], r.indexes), ["spec", "template", "spec", "containers", 0, "image"]);
    assert.deepEqual(patchPathOf(["spec", "template", "spec", "containers", 1, "image"], r.indexes), ["spec", "template", "spec", "containers"]);
    assert.equal(base.spec.template.spec.containers.length, 2, "the base is left as it was");
  });

  it("deletes with null and $patch: delete, and replaces a map with $patch: replace", () => {
    const r = strategicMerge(base, {
      metadata: { labels: { app: null } },
      spec: { template: { spec: { containers: [{ name: "proxy", $patch: "delete" }, { name: "app", ports: [{ containerPort: 9090 }], env: { $patch: "replace" } }] } } },
    });
    assert.equal(r.unsupported, undefined);
    assert.deepEqual(r.value["metadata"], { name: "web", labels: {} });
    const containers = (r.value["spec"] as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => c["name"]), ["app"]);
    assert.deepEqual(containers[0]?.["ports"], [{ containerPort: 8080 }, { containerPort: 9090 }]);
  });

  it("says what it cannot apply instead of guessing", () => {
    assert.deepEqual(strategicMerge(base, { spec: { template: { spec: { $retainKeys: ["containers"] } } } }).unsupported?.path, ["spec", "template", "spec", "$retainKeys"]);
    assert.ok(strategicMerge(base, { spec: { template: { spec: { containers: [{ image: "no-name:1" }] } } } }).unsupported);
    assert.ok(strategicMerge(base, { $patch: "delete" }).unsupported);
  });

  it("tells merged values (the base still holds them) from written ones", () => {
    const patch = { spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: true } }], tolerations: [] } } } };
    assert.equal(mergesAt(patch, ["spec", "template", "spec", "containers"]), true);
    assert.equal(mergesAt(patch, ["spec", "template", "spec", "containers", 0, "securityContext"]), true);
    assert.equal(mergesAt(patch, ["spec", "template", "spec", "containers", 0, "securityContext", "privileged"]), false);
    assert.equal(mergesAt(patch, ["spec", "template", "spec", "tolerations"]), false);
    assert.equal(mergesAt(patch, ["spec", "template", "spec", "containers", 0, "name"]), true, "the merge key names the item, it is not written");
  });
});

describe("strategic merge bounds", () => {
  it("stops, saying why, when a patch (or the scan's merges together) would do too much work", () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ name: `c${i}` }));
    const big = { spec: { template: { spec: { containers: many } } } };
    const r = strategicMerge(big, big);
    assert.match(r.unsupported?.reason ?? "", /too large/);
    const shared = { nodes: 10 };
    assert.ok(strategicMerge(base, { metadata: { labels: { a: "1" } }, spec: { template: { spec: { containers: [{ name: "app" }, { name: "x" }] } } } }, shared).unsupported);
    assert.ok(shared.nodes <= 0);
  });
});
