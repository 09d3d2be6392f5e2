import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { ParseFailure } from "../../../src/core/files.js";
import { parseYaml, parseYamlDocuments } from "../../../src/ecosystems/formats/yaml.js";
import { parseYamlData } from "../../../src/ecosystems/formats/yaml-data.js";
import { MAX_YAML_DOCUMENTS } from "../../../src/ecosystems/formats/yaml-bounds.js";
import { parseManifest } from "../../../src/ecosystems/kubernetes/manifest.js";
import { parseCompose } from "../../../src/ecosystems/compose/compose.js";
import { readValues } from "../../../src/ecosystems/helm/values.js";
import { Renderer, type RenderEnv } from "../../../src/ecosystems/helm/template-exec.js";
import { parseTemplate } from "../../../src/ecosystems/helm/template-parse.js";
import { parseYarnSource } from "../../../src/ecosystems/npm/yarn-lock.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { RULES } from "../../../src/rules/index.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

// Every YAML reader goes through one set of bounds (src/ecosystems/formats/yaml-bounds.ts). Each
// caller is fed a billion-laughs document and 10,000 levels of nesting: one failure with a
// position, and nothing blows up (no timing here: bench/hostile.bench.ts measures).

/** Nine levels of ten aliases: 10^9 nodes once followed; `head` goes first (a manifest's apiVersion/kind). */
function billionLaughs(head = ""): { text: string; firstAliasLine: number } {
  const lines = head ? head.split("\n") : [];
  lines.push(`l0: &l0 [${Array.from({ length: 10 }, () => '"lol"').join(", ")}]`);
  const firstAliasLine = lines.length + 1;
  for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
  return { text: `${lines.join("\n")}\n`, firstAliasLine };
}

const DEEP_BLOCK = `${"- ".repeat(10_000)}x\n`;
const DEEP_FLOW = `a: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`;

function failsAt(f: () => unknown, message: RegExp, line?: number): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ParseFailure, String(e));
    assert.match(e.message, message);
    assert.ok(typeof e.line === "number" && typeof e.column === "number", "has a position");
    if (line !== undefined) assert.equal(e.line, line);
    return true;
  });
}

describe("every YAML reader is bounded the same way", () => {
  const bomb = billionLaughs();
  for (const [name, read] of [
    ["the document model (workflows, configuration)", (t: string) => parseYaml(t)],
    ["multi-document YAML", (t: string) => parseYamlDocuments(t)],
    ["YAML read as data (pnpm-lock.yaml, pubspec.lock)", (t: string) => parseYamlData(t)],
    ["berry yarn.lock", (t: string) => parseYarnSource(`__metadata:\n  version: 6\n${t}`)],
    ["Helm values", (t: string) => readValues(t, "values.yaml")],
  ] as const) {
    it(`${name}: billion laughs and 10,000 levels are one failure with a position`, () => {
      failsAt(() => read(bomb.text), /alias bomb/);
      failsAt(() => read(DEEP_BLOCK), /nested more than 256 levels/, name === "berry yarn.lock" ? 3 : 1);
      failsAt(() => read(DEEP_FLOW), /nested more than 256 levels/);
    });
  }

  it("places an alias bomb at its first alias", () => {
    failsAt(() => parseYaml(bomb.text), /alias bomb/, bomb.firstAliasLine);
    failsAt(() => parseYamlData(bomb.text), /alias bomb/, bomb.firstAliasLine);
  });

  it("Kubernetes streams: the hostile document fails at its position in the file, the others are read", () => {
    const good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n";
    const laughs = billionLaughs("apiVersion: v1\nkind: ConfigMap");
    const text = `${good}---\n${laughs.text}---\n${DEEP_BLOCK}---\n${good}`;
    const m = parseManifest(text);
    assert.deepEqual(m.objects.map((o) => o.name), ["ok", "ok"]);
    const errors = m.docs.filter((d) => d.error).map((d) => d.error);
    assert.equal(errors.length, 2);
    assert.match(errors[0]?.message ?? "", /alias bomb/);
    assert.equal(errors[0]?.line, 5 + laughs.firstAliasLine);
    assert.match(errors[1]?.message ?? "", /nested more than 256 levels/);
    assert.equal(errors[1]?.line, 6 + laughs.text.split("\n").length);
  });

  it("Kubernetes streams: past the document bound one error says the rest was not read", () => {
    const m = parseManifest("a: 1\n---\n".repeat(MAX_YAML_DOCUMENTS + 5));
    assert.equal(m.docs.length, MAX_YAML_DOCUMENTS + 1);
    assert.match(m.docs.at(-1)?.error?.message ?? "", /more than 10,000 documents/);
    assert.equal(m.docs.at(-1)?.error?.line, 2 * MAX_YAML_DOCUMENTS + 1);
  });

  it("compose files: billion laughs and deep nesting are errors with positions", () => {
    for (const text of [billionLaughs("services:\n  web:\n    image: nginx").text, `services:\n  web:\n    x: ${DEEP_BLOCK}`]) {
      const c = parseCompose(text);
      assert.ok(c.error, "an error");
      assert.ok(c.error.line >= 1 && c.error.column >= 1);
    }
  });
});

describe("a scan over every hostile YAML file goes on", () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("gives one diagnostic with a position per hostile file and still judges the rest", async () => {
    const chart = "apiVersion: v2\nname: c\nversion: 1.0.0\n";
    const workload = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n";
    const dir = tmpDir({
      ".github/workflows/bomb.yml": billionLaughs("on: push").text,
      ".github/workflows/deep.yml": `on: push\njobs: ${DEEP_FLOW}`,
      "pnpm-lock.yaml": billionLaughs("lockfileVersion: '9.0'").text,
      "yarn.lock": `__metadata:\n  version: 6\n${DEEP_BLOCK}`,
      "k8s/bomb.yaml": billionLaughs("apiVersion: v1\nkind: ConfigMap").text,
      "k8s/pod.yaml": workload,
      "docker-compose.yml": billionLaughs("services:\n  web:\n    image: nginx").text,
      "chart/Chart.yaml": chart,
      "chart/values.yaml": billionLaughs().text,
      "chart/templates/pod.yaml": workload,
    });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES.filter((r) => !r.meta.network && !r.meta.advisories), now: new Date("2026-06-01T00:00:00Z") });
    const parseErrors = a.diagnostics.filter((d) => d.code === "parse-error");
    for (const path of [".github/workflows/bomb.yml", ".github/workflows/deep.yml", "pnpm-lock.yaml", "yarn.lock"]) {
      const mine = parseErrors.filter((d) => d.path === path);
      assert.equal(mine.length, 1, `${path}: ${JSON.stringify(parseErrors)}`);
      assert.ok((mine[0]?.line ?? 0) >= 1, `${path} has a line`);
    }
    // The deploy family reads manifests, compose files and charts itself: each hostile one makes its
    // checks incomplete with the file and position, and the privileged pod is still found.
    const privileged = a.findings.filter((f) => f.ruleId === "deploy/privileged-container").map((f) => f.locations[0]?.path);
    assert.ok(privileged.includes("k8s/pod.yaml"), JSON.stringify(privileged));
    const reasons = a.rules.filter((r) => r.outcome === "incomplete" || r.outcome === "fail").map((r) => r.reason ?? "").join("\n");
    for (const path of ["k8s/bomb.yaml", "docker-compose.yml", "chart/values.yaml"]) assert.match(reasons, new RegExp(`${path.replace(/[./]/g, "\\$&")}:\\d+:\\d+`), `${path} in ${reasons}`);
  });
});

describe("Helm's fromYaml goes through the same bounds", () => {
  it("an alias bomb or deep nesting in a string becomes fromYaml's error value, not a blow-up", () => {
    const env: RenderEnv = { defines: new Map(), unresolved: [], files: new Map(), parse: parseTemplate, steps: 0 };
    for (const hostile of [billionLaughs().text, DEEP_BLOCK]) {
      const root = { v: { Values: { s: hostile } }, o: undefined };
      const out = new Renderer(env, "templates/t.yaml").render(parseTemplate("{{ (fromYaml .Values.s).Error }}").nodes, root, root);
      assert.match(out.runs.map((r) => r.text).join(""), /alias bomb|nested more than 256 levels/);
    }
  });
});
