import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { memorySource } from "../../../src/core/memory-source.js";
import { renderChart } from "../../../src/ecosystems/helm/chart.js";
import { HelmIgnoreError, parseHelmIgnore } from "../../../src/ecosystems/helm/helmignore.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { rule as privileged } from "../../../src/rules/deploy/privileged-container.js";
import { FIXTURE_NOW } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const pod = (name: string, privileged: boolean): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext:\n        privileged: ${privileged}\n`;

function source(files: Record<string, string>): Parameters<typeof renderChart>[0] {
  return memorySource(new Map(Object.entries(files).map(([p, t]) => [p, new TextEncoder().encode(t)])));
}

describe(".helmignore", () => {
  it("reads Helm's documented syntax: names without a slash match any file's name, paths with one from the chart folder, a trailing slash folders only", () => {
    // The example of Helm's documentation, and its notes on what differs from .gitignore.
    const rules = parseHelmIgnore("# comment\n.git\n*/temp*\n*/*/temp*\ntemp?\n*.[Oo]\n*.a\n*~   \n/ci-values.yaml\ntests/\n");
    for (const p of [".git/config", "docs/temp.txt", "a/b/tempfile", "tempx", "src/x.o", "src/x.O", "lib.a", "values.yaml~", "ci-values.yaml", "templates/tests/pod.yaml"]) assert.equal(rules.ignores(p), true, p);
    for (const p of ["a/b/c/temp.txt", "temp", "tempxy", "x.oo", "values.yaml", "sub/ci-values.yaml", "templates/tests.yaml", "templates/pod.yaml"]) assert.equal(rules.ignores(p), false, p);
  });

  it("always leaves out hidden files in templates/, as Helm's default rule does", () => {
    const none = parseHelmIgnore(undefined);
    assert.equal(none.ignores("templates/.pod.yaml"), true);
    assert.equal(none.ignores("templates/pod.yaml"), false);
    assert.equal(none.ignores(".helmignore"), false);
  });

  it("negates as Helm does: a negated rule leaves out every path it does not match, folders included", () => {
    const rules = parseHelmIgnore("!*.yaml\n");
    assert.equal(rules.ignores("values.yaml"), false);
    assert.equal(rules.ignores("NOTES.txt"), true);
    // Helm walks templates/ first, and that folder's name is no *.yaml: Helm skips it whole.
    assert.equal(rules.ignores("templates/pod.yaml"), true);
  });

  it("refuses what Helm refuses (**, an unclosed class), and matches hostile patterns in bounded time", () => {
    assert.throws(() => parseHelmIgnore("templates/**/x.yaml\n"), HelmIgnoreError);
    assert.throws(() => parseHelmIgnore("x[ab\n"), HelmIgnoreError);
    const hostile = parseHelmIgnore(`${"*a".repeat(200)}b\n`);
    assert.equal(hostile.ignores(`${"a".repeat(900)}c`), false);
    // Counted, not timed: a backtracking matcher would take far more than the step budget here, a
    // matcher linear in pattern × path stays well inside it.
    assert.equal(hostile.exhausted, false, "linear in pattern × path");
    // A thousand such rules over a thousand long paths: the budget stops matching, and what is left keeps being judged.
    const costly = parseHelmIgnore(`${`!*${"a".repeat(300)}b\n`.repeat(1000)}`);
    const kept = Array.from({ length: 1000 }, (_, i) => costly.ignores(`${"a".repeat(900)}${i}`)).filter((x) => !x).length;
    assert.equal(costly.exhausted, true, "bounded by the step budget");
    assert.ok(kept > 0, "past the budget paths are kept, not hidden");
  });

  it("leaves the templates a chart's .helmignore lists out of the rendered chart, in subcharts of charts/ too", async () => {
    const chart = await renderChart(
      source({
        "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
        "chart/.helmignore": "# examples are not shipped\nexamples/\ntemplates/debug-*.yaml\n",
        "chart/templates/pod.yaml": pod("web", false),
        "chart/templates/debug-pod.yaml": pod("debug", true),
        "chart/templates/examples/privileged.yaml": pod("example", true),
        "chart/templates/.hidden.yaml": pod("hidden", true),
        "chart/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
        "chart/charts/sub/templates/pod.yaml": pod("sub", false),
        // The parent's rules apply to charts/ (Helm loads the folder whole): a path pattern is from the parent's folder.
        "chart/charts/sub/templates/debug-x.yaml": pod("sub-debug", false),
        "chart/charts/sub/templates/examples/x.yaml": pod("sub-example", true),
      }),
      "chart",
    );
    assert.deepEqual(chart.templates.map((t) => t.path).sort(), ["chart/charts/sub/templates/debug-x.yaml", "chart/charts/sub/templates/pod.yaml", "chart/templates/pod.yaml"]);
    assert.deepEqual(chart.unreadable, []);
  });

  it("does not judge a privileged pod in a template the chart's .helmignore leaves out, and judges the same pod when it is shipped", async () => {
    const files = { "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "chart/templates/pod.yaml": pod("web", false), "chart/templates/debug.yaml": pod("debug", true) };
    const judged = async (extra: Record<string, string>): Promise<string[]> => {
      const a = await scan({ path: tmpDir({ ...files, ...extra }), policy: defaultPolicy(), rules: [privileged], now: FIXTURE_NOW });
      return a.findings.map((f) => f.locations[0]?.path ?? "");
    };
    assert.deepEqual(await judged({}), ["chart/templates/debug.yaml"]);
    assert.deepEqual(await judged({ "chart/.helmignore": "debug.yaml\n" }), []);
  });

  it("judges every template when Helm would refuse the .helmignore, and says so", async () => {
    const chart = await renderChart(source({ "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", ".helmignore": "templates/**\n", "templates/pod.yaml": pod("web", true) }), "");
    assert.deepEqual(chart.templates.map((t) => t.path), ["templates/pod.yaml"]);
    assert.match(chart.unreadable[0]?.problem ?? "", /^is refused by Helm \(`templates\/\*\*`: Helm does not support `\*\*`\)/);
  });
});
