import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { memorySource } from "../../../src/core/memory-source.js";
import { renderChart } from "../../../src/ecosystems/helm/chart.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../src/rules/index.js";
import { fixtureDir, FIXTURE_NOW } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const rules = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules);

// A chart written in the shape of a Bitnami chart: a `common` library whose helpers take
// `(dict "value" … "context" $)`, render values through `tpl (cat …)`, test the image tag with a
// semver regular expression, and pass `containerSecurityContext` through `omit … "enabled"`.
const root = fixtureDir("deploy/samples", "bitnami-style");
function chartFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[`web/${relative(root, p)}`] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return out;
}

/** The chart with its values.yaml edited. */
function withValues(edit: (values: string) => string): Record<string, string> {
  const files = chartFiles();
  files["web/values.yaml"] = edit(files["web/values.yaml"] ?? "");
  return files;
}

async function assess(files: Record<string, string>) {
  const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
  return { outcomes: new Map(a.rules.map((r) => [r.id, `${r.outcome}${r.reason && r.outcome === "incomplete" ? `: ${r.reason}` : ""}`])), findings: a.findings.map((f) => `${f.ruleId} ${f.locations[0]?.path}:${f.locations[0]?.startLine}`).sort() };
}

describe("a chart in the shape of a Bitnami chart", () => {
  it("renders its helpers as Helm does: securityContext without `enabled`, labels through tpl, the semver test decided", async () => {
    const files = chartFiles();
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "web");
    const deployment = chart.templates.find((t) => t.path === "web/templates/deployment.yaml")?.output ?? "";
    // common.images.version matched the tag against its semver expression (a nested quantifier).
    assert.match(deployment, /app\.kubernetes\.io\/version: 2\.3\.1\n/);
    assert.match(deployment, /securityContext:\n {12}allowPrivilegeEscalation: false\n/);
    assert.doesNotMatch(deployment, /enabled:/);
    // The checksum annotation includes a template file by the name Helm gives it (the chart's name, not its folder's).
    assert.match(deployment, /checksum\/config: [0-9a-f]{64}\n/);
    // go-yaml writes a string opening with `{` single-quoted: tpl then fills the quotes.
    assert.match(deployment, /value: 'release-name'/);
    const cm = chart.templates.find((t) => t.path === "web/templates/cm.yaml")?.output ?? "";
    assert.match(cm, /team: 'release-name-team'/);
    // A scoped render is one pass of tpl: the scope's value is printed as written.
    assert.match(cm, /scoped: "\{\{ \.Release\.Name \}\}-team"/);
    const np = chart.templates.find((t) => t.path === "web/templates/metrics-np.yaml")?.output ?? "";
    assert.match(np, /kind: NetworkPolicy/);
    // Helm names a template by its chart's name, not by the folder that holds the chart.
    assert.match(np, /source: "webapp\/templates\/metrics-np\.yaml"\n {4}base: "webapp\/templates"\n/);
    assert.deepEqual(chart.unresolved, []);
  });

  it("passes every deploy rule with its secure defaults", async () => {
    const r = await assess(chartFiles());
    assert.deepEqual(r.findings, []);
    for (const [id, outcome] of r.outcomes) assert.match(outcome, /^(pass|not-applicable)$/, id);
  });

  it("reports what turning the security contexts and the NetworkPolicy off leaves out, at the values that turn them off", async () => {
    const r = await assess(
      withValues((v) =>
        v
          .replace("containerSecurityContext:\n  enabled: true", "containerSecurityContext:\n  enabled: false")
          .replace("podSecurityContext:\n  enabled: true", "podSecurityContext:\n  enabled: false")
          .replace("networkPolicy:\n  enabled: true", "networkPolicy:\n  enabled: false")
          .replace("metrics:\n  enabled: true", "metrics:\n  enabled: false"),
      ),
    );
    assert.deepEqual(r.findings, [
      "deploy/capabilities-not-dropped web/values.yaml:21",
      "deploy/missing-network-policy web/Chart.yaml:1",
      "deploy/privilege-escalation web/values.yaml:21",
      "deploy/run-as-root web/values.yaml:21",
      "deploy/seccomp-profile web/values.yaml:15",
      "deploy/writable-root-filesystem web/values.yaml:21",
    ]);
  });

  it("keeps the metrics NetworkPolicy behind `not`, `ne`, `eq`, `and` and `or` as the values decide", async () => {
    const off = await assess(withValues((v) => v.replace("networkPolicy:\n  enabled: true", "networkPolicy:\n  enabled: false").replace("networkPolicy:\n    disabled: false", "networkPolicy:\n    disabled: true")));
    assert.deepEqual(off.findings, ["deploy/missing-network-policy web/Chart.yaml:1"]);
    const on = await assess(withValues((v) => v.replace("networkPolicy:\n  enabled: true", "networkPolicy:\n  enabled: false")));
    assert.deepEqual(on.findings, []);
  });
});
