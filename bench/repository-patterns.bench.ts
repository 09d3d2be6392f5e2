// `npx tsx bench/repository-patterns.bench.ts`: patterns the scanned repository writes (assay.yml
// globs, a chart's .Files.Glob and regular expressions) on the names and values that make a
// backtracking matcher blow up. Each case must finish in under a second; before the linear matcher
// and the Helm bounds, each of them ran for minutes. The unit tests check the verdicts, this the time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { safeGlob } from "../src/core/glob.js";
import { memorySource } from "../src/core/memory-source.js";
import { renderChart } from "../src/ecosystems/helm/chart.js";
import { Workspace } from "../src/workspace/workspace.js";

const TARGET_MS = 1000;

function chart(template: string, values = "", files: Record<string, string> = {}) {
  const all: Record<string, string> = { "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n", "values.yaml": values, "templates/t.yaml": template, ...files };
  return memorySource(new Map(Object.entries(all).map(([k, v]) => [k, new TextEncoder().encode(v)])));
}

const dir = mkdtempSync(join(tmpdir(), "assay-bench-patterns-"));
mkdirSync(join(dir, "src"));
writeFileSync(join(dir, `${"a".repeat(250)}.txt`), "x");
writeFileSync(join(dir, "src", "aab"), "y");

const cases: [string, () => unknown][] = [
  ["safeGlob `*a*a*a*a*a*a*a*a*b` on a 250-character name", () => safeGlob("*a*a*a*a*a*a*a*a*b", { dot: true })("a".repeat(250))],
  ["safeGlob `**/x/**/x/**/x/**/y` on 2,000 segments", () => safeGlob("**/x/**/x/**/x/**/y", { dot: true })(`${"x/".repeat(2000)}z`)],
  ["safeGlob `**a**a**a**a**b` on 4,000 characters", () => safeGlob("**a**a**a**a**b", { dot: true })("a".repeat(4000))],
  ["safeGlob `(a|aa)+b` and 25 brace groups", () => [safeGlob("(a|aa)+b", { dot: true })(`${"a".repeat(60)}c`), safeGlob("{a,aa}".repeat(25), { dot: true })(`${"a".repeat(37)}c`)]],
  ["Workspace.open with a backtracking exclude (assay.yml)", () => Workspace.open(dir, { exclude: ["*a*a*a*a*a*a*a*a*b", "src/*a*b"] })],
  ["Helm `.Files.Glob \"**a**a**a**a**a**a**b\"` with a 240-character file name", () => renderChart(chart('{{ (.Files.Glob "**a**a**a**a**a**a**b").AsConfig }}\n', "", { [`files/${"a".repeat(240)}.txt`]: "x" }), "")],
  ["Helm `regexMatch \"^(a|a)*$\"` on 40 a's and a b", () => renderChart(chart('m: {{ regexMatch "^(a|a)*$" .Values.s }}\n', `s: "${"a".repeat(40)}b"\n`), "")],
  ["Helm `regexFind \".*a.*a.*a.*a.*b\"` on 5,000 characters", () => renderChart(chart('m: {{ regexFind ".*a.*a.*a.*a.*b" .Values.s }}\n', `s: "${"a".repeat(5000)}"\n`), "")],
];

console.log("| pattern from the repository | time | target |\n|---|---|---|");
let failed = false;
try {
  for (const [name, run] of cases) {
    const started = performance.now();
    await run();
    const ms = performance.now() - started;
    failed ||= ms >= TARGET_MS;
    console.log(`| ${name} | ${ms.toFixed(1)} ms ${ms < TARGET_MS ? "✅" : "❌"} | < ${TARGET_MS} ms |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
