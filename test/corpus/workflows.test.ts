// The workflows corpus: realistic workflows written from advisories, GitHub's hardening guide and
// the audits' documentation, each with the findings a careful reviewer expects (manifest.json, and
// `# expect:` comments in the files). Every offline rule of the family runs over every case;
// precision and recall are computed per rule and overall, and printed.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { RULES } from "../../src/rules/index.js";
import { FIXTURE_NOW } from "../helpers/run-rule.js";

const dir = new URL("./workflows/", import.meta.url).pathname;

interface Expected {
  rule: string;
  path: string;
  line: number;
}

const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { cases: Record<string, { description: string; expected: Expected[] }> };
const rules = RULES.filter((r) => r.meta.id.startsWith("workflows/") && !r.meta.network);

describe("workflows corpus", () => {
  it("has a manifest entry for every case folder, and at least 150 cases", () => {
    const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepEqual(folders, Object.keys(manifest.cases).sort());
    assert.ok(folders.length >= 150, `${folders.length} cases`);
  });

  it("finds what the manifest expects, with precision and recall of at least 95%", async () => {
    const stats = new Map<string, { tp: number; fp: number; fn: number }>();
    const stat = (rule: string) => stats.get(rule) ?? (stats.set(rule, { tp: 0, fp: 0, fn: 0 }).get(rule) as { tp: number; fp: number; fn: number });
    const misses: string[] = [];
    for (const [name, c] of Object.entries(manifest.cases)) {
      // The careful reviewer of the manifest sees everything: the auditor persona (zizmor's widest).
      const a = await scan({ path: join(dir, name), policy: defaultPolicy(), rules, persona: "auditor", now: FIXTURE_NOW });
      for (const r of a.rules) if (r.outcome === "error" || r.outcome === "incomplete") misses.push(`${name}: ${r.id} ${r.outcome}: ${r.reason}`);
      const found = a.findings.map((f) => `${f.ruleId} ${f.locations[0]?.path}:${f.locations[0]?.startLine}`);
      const want = c.expected.map((e) => `${e.rule} ${e.path}:${e.line}`);
      const left = [...found];
      for (const w of want) {
        const i = left.indexOf(w);
        const rule = w.split(" ")[0] as string;
        if (i >= 0) {
          left.splice(i, 1);
          stat(rule).tp++;
        } else {
          stat(rule).fn++;
          misses.push(`${name}: missed ${w}`);
        }
      }
      for (const extra of left) {
        stat(extra.split(" ")[0] as string).fp++;
        const f = a.findings.find((x) => `${x.ruleId} ${x.locations[0]?.path}:${x.locations[0]?.startLine}` === extra);
        misses.push(`${name}: unexpected ${extra} — ${f?.message ?? ""}`);
      }
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const rows: string[] = [];
    for (const [rule, s] of [...stats].sort(([x], [y]) => x.localeCompare(y))) {
      tp += s.tp;
      fp += s.fp;
      fn += s.fn;
      rows.push(`${rule.padEnd(44)} tp ${String(s.tp).padStart(3)}  fp ${String(s.fp).padStart(3)}  fn ${String(s.fn).padStart(3)}`);
    }
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, tp + fn);
    console.log(`workflows corpus: ${Object.keys(manifest.cases).length} cases, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (tp ${tp}, fp ${fp}, fn ${fn})\n${rows.join("\n")}${misses.length > 0 ? `\n${misses.join("\n")}` : ""}`);
    assert.deepEqual(misses.filter((m) => / (?:error|incomplete): /.test(m)), [], "every rule ran on every case");
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}:\n${misses.join("\n")}`);
    assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}:\n${misses.join("\n")}`);
  });

  it("reports at the regular persona (the default) a subset of the auditor's, with no rule that needs a wider persona", async () => {
    const wider = new Set(rules.filter((r) => r.meta.persona !== undefined).map((r) => r.meta.id));
    let dropped = 0;
    for (const name of Object.keys(manifest.cases)) {
      const key = (f: { ruleId: string; fingerprint: string }) => `${f.ruleId} ${f.fingerprint}`;
      const regular = await scan({ path: join(dir, name), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
      const auditor = new Set((await scan({ path: join(dir, name), policy: defaultPolicy(), rules, persona: "auditor", now: FIXTURE_NOW })).findings.map(key));
      for (const f of regular.findings) {
        assert.ok(!wider.has(f.ruleId), `${name}: ${f.ruleId} ran at the regular persona`);
        assert.ok(auditor.has(key(f)), `${name}: ${key(f)} only at the regular persona`);
      }
      dropped += auditor.size - regular.findings.length;
    }
    assert.ok(dropped > 0, "the corpus has pedantic or auditor findings the default leaves out");
  });
});
