import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unglueComments } from "../../../src/ecosystems/helm/glued-comments.js";
import type { Run } from "../../../src/ecosystems/helm/located.js";

const text = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");
const at = (offset: number): Run["origin"] => ({ path: "templates/role.yaml", offset });

describe("unglueComments", () => {
  it("moves an apiVersion or kind that `{{- … -}}` trimming glued to a comment onto a line of its own", () => {
    // `# The controller's role` `{{- if .Values.rbac.create -}}` `apiVersion: …`: Helm writes the two together.
    const runs: Run[] = [
      { text: "# The controller's role", origin: at(0) },
      { text: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n", origin: at(55) },
      { text: "---\n  # indented note", origin: at(120) },
      { text: "kind: ConfigMap\n", origin: at(160) },
    ];
    const out = unglueComments(runs);
    assert.equal(text(out), "# The controller's role\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n---\n  # indented note\nkind: ConfigMap\n");
    assert.deepEqual(out.filter((r) => r.origin).map((r) => r.origin?.offset), [0, 55, 120, 160]);
  });

  it("leaves text that is not a comment, or not a document's key, as Helm wrote it", () => {
    const runs: Run[] = [
      { text: "name: web", origin: at(0) },
      { text: "kind: x\n", origin: at(9) },
      { text: "# version ", origin: at(20) },
      { text: "1.2.3\n# apiVersion: v1 is written below\n", origin: at(30) },
      { text: "# note", origin: at(70) },
      { text: "apiVersion:v1\n", origin: at(76) },
    ];
    assert.equal(text(unglueComments(runs)), text(runs));
  });
});
