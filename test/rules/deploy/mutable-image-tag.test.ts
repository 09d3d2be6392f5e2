import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule, mutableTag } from "../../../src/rules/deploy/mutable-image-tag.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/mutable-image-tag", () => {
  it("tells untagged and latest references from releases, registry ports and digests", () => {
    assert.equal(mutableTag("nginx"), "has no tag, so it means :latest");
    assert.equal(mutableTag("registry:5000/team/app"), "has no tag, so it means :latest");
    assert.equal(mutableTag("ghcr.io/org/app:LATEST"), "uses the :latest tag");
    assert.equal(mutableTag("registry:5000/team/app:1.2"), undefined);
    assert.equal(mutableTag(`nginx@sha256:${"a".repeat(64)}`), undefined);
    assert.equal(mutableTag(`nginx:latest@sha256:${"b".repeat(64)}`), undefined);
  });

  it("reports an empty tag, as a chart's repository:tag renders with the tag value left empty", () => {
    assert.equal(mutableTag("ghcr.io/org/sidecar:"), "has an empty tag, so it names no release");
    assert.equal(mutableTag("registry:5000/team/app:"), "has an empty tag, so it names no release");
    // Not a reference at all, or pinned by digest: nothing to say.
    assert.equal(mutableTag("app:1.0:"), undefined);
    assert.equal(mutableTag(`app:@sha256:${"a".repeat(64)}`), undefined);
    assert.equal(mutableTag(":"), undefined);
  });

  it("does not call a reference with a template or variable left in it untagged", () => {
    assert.equal(mutableTag("{{ .Values.image }}"), undefined);
    assert.equal(mutableTag("${REGISTRY}/app"), undefined);
    assert.equal(mutableTag("$(IMAGE)"), undefined);
  });

  it("judges a Compose image by the defaults of its variables, unless a .env file beside it may set them", async () => {
    const compose = "services:\n  app:\n    image: ghcr.io/org/app:${TAG:-latest}\n  web:\n    image: ${REGISTRY-ghcr.io}/org/web:${TAG:-1.2.0}\n  db:\n    image: postgres:${PG_TAG}\n";
    const { findings } = await run({ "docker-compose.yml": compose });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /service "app": image ghcr\.io\/org\/app:\$\{TAG:-latest\} \(ghcr\.io\/org\/app:latest unless its variables are set\) uses the :latest tag/);
    assert.equal(findings[0]?.confidence, "medium");
    const withEnv = await run({ "docker-compose.yml": compose, ".env": "TAG=1.3.0\n" });
    assert.deepEqual(withEnv.findings, []);
  });

  it("judges the image kustomize deploys when the kustomization listing the manifest rewrites it (images:)", async () => {
    // As kubebuilder lays out config/manager: a placeholder image that the kustomization's images: entry names.
    const manager = deployment().replace("registry.example.org/web:1.2.3", "controller:latest");
    const kustomization = (entry: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- manager.yaml\nimages:\n- name: controller\n${entry}`;
    const pinned = await run({ "config/manager/manager.yaml": manager, "config/manager/kustomization.yaml": kustomization("  newName: ghcr.io/org/operator\n  newTag: v0.4.2\n") });
    assert.deepEqual(pinned.findings, []);
    const digest = await run({ "config/manager/manager.yaml": manager, "config/manager/kustomization.yaml": kustomization(`  digest: sha256:${"c".repeat(64)}\n`) });
    assert.deepEqual(digest.findings, []);
    const latest = await run({ "config/manager/manager.yaml": manager, "config/manager/kustomization.yaml": kustomization("  newName: ghcr.io/org/operator\n") });
    assert.match(latest.findings[0]?.message ?? "", /image controller:latest \(ghcr\.io\/org\/operator:latest once kustomize's images: entry applies\) uses the :latest tag/);
    // An entry for another image leaves this one as written.
    const other = await run({ "config/manager/manager.yaml": manager, "config/manager/kustomization.yaml": "resources:\n- manager.yaml\nimages:\n- name: proxy\n  newTag: v1\n" });
    assert.equal(other.findings.length, 1);
  });

  it("takes an image Skaffold builds (build.artifacts) as a placeholder it replaces at deploy time", async () => {
    const manifest = deployment().replace("registry.example.org/web:1.2.3", "web");
    const skaffold = "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: web\n      context: src/web\nmanifests:\n  rawYaml:\n    - k8s/*.yaml\n";
    assert.deepEqual((await run({ "k8s/web.yaml": manifest, "skaffold.yaml": skaffold })).findings, []);
    // Not for manifests outside the Skaffold project's folder, nor for images it does not build.
    assert.equal((await run({ "other/web.yaml": manifest, "app/skaffold.yaml": skaffold })).findings.length, 1);
    assert.equal((await run({ "k8s/web.yaml": manifest.replace("image: web", "image: redis"), "skaffold.yaml": skaffold })).findings.length, 1);
  });

  it("resolves a chart's image from its values and appVersion", async () => {
    const chart = (tag: string) => ({
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: 2.3.4\n",
      "values.yaml": `image:\n  repository: ghcr.io/org/app\n  tag: ${tag}\n`,
      "templates/deploy.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
    });
    assert.deepEqual((await run(chart('""'))).findings, []);
    const { findings } = await run(chart("latest"));
    assert.equal(findings[0]?.message, 'Deployment/app (Helm chart ., default values): container "app" image ghcr.io/org/app:latest uses the :latest tag [CN8-7]');
    // The tag's line decides, not the repository's written before it.
    assert.deepEqual([findings[0]?.locations[0]?.path, findings[0]?.locations[0]?.startLine], ["values.yaml", 3]);
    // An empty tag with no default renders `repository:`: no release is named.
    const empty = await run({ ...chart('""'), "templates/deploy.yaml": chart("")["templates/deploy.yaml"].replace(" | default .Chart.AppVersion", "") });
    assert.match(empty.findings[0]?.message ?? "", /image ghcr\.io\/org\/app: has an empty tag, so it names no release/);
  });

  it("points an image a helper assembles with printf (registry/repository:tag@digest parts) at the values line of the tag", async () => {
    const helper = `{{- define "lib.image" -}}
{{- $registry := default .imageRoot.registry ((.global).imageRegistry) -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest }}{{- $separator = "@" -}}{{- $termination = .imageRoot.digest | toString -}}{{- end -}}
{{- if $registry }}{{- printf "%s/%s%s%s" $registry .imageRoot.repository $separator $termination -}}
{{- else -}}{{- printf "%s%s%s" .imageRoot.repository $separator $termination -}}{{- end -}}
{{- end -}}
`;
    const chart = (image: string) => ({
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": `global:\n  imageRegistry: ""\nimage:\n${image}`,
      "templates/_helpers.tpl": helper,
      "templates/deploy.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ include "lib.image" (dict "imageRoot" .Values.image "global" .Values.global) }}\n',
    });
    const latest = await run(chart("  registry: docker.io\n  repository: example/app\n  tag: latest\n  digest: \"\"\n"));
    assert.match(latest.findings[0]?.message ?? "", /image docker\.io\/example\/app:latest uses the :latest tag/);
    assert.deepEqual([latest.findings[0]?.locations[0]?.path, latest.findings[0]?.locations[0]?.startLine], ["values.yaml", 6]);
    // A digest wins over the tag, as the helper writes it.
    assert.deepEqual((await run(chart(`  registry: docker.io\n  repository: example/app\n  tag: latest\n  digest: sha256:${"a".repeat(64)}\n`))).findings, []);
  });

  it("is incomplete when a chart requires the image with no default", async () => {
    const { findings, outcome, assessment } = await run({
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "image: \"\"\n",
      "templates/pod.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: {{ required "image is required" .Values.image }}\n',
    });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /cannot be known statically \(a required value with no default: image is required\)/);
  });

  it("skips Compose services that build their image", async () => {
    const { findings } = await run({ "docker-compose.yml": "services:\n  app:\n    build: .\n    image: app\n  db:\n    image: postgres:latest\n", "k.yaml": deployment() });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [6]);
  });
});
