// Where a scan's CPU goes, in-process: opening the workspace (git, inventory), parsing every
// workflow and action once, then each rule alone (sequentially, so its CPU is its own), then
// rendering. `npx tsx bench/profile.ts [TREE]` (default: the generated project tree). CPU time,
// not wall time: the machine is shared.
import { join } from "node:path";
import { tmpdir } from "node:os";
import { actionParser, workflowParser } from "../src/ecosystems/github-actions/index.js";
import { yamlParser } from "../src/ecosystems/formats/yaml.js";
import { runRules } from "../src/engine/run-rules.js";
import { RULES } from "../src/rules/index.js";
import { Workspace } from "../src/workspace/workspace.js";
import { readStats } from "../src/workspace/read-stats.js";

const tree = process.argv[2] ?? join(process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench"), "project");
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rows: [string, number][] = [];
let t = cpu();
const lap = (label: string) => {
  const now = cpu();
  rows.push([label, now - t]);
  t = now;
};

const ws = await Workspace.open(tree);
lap(`open the workspace (${ws.files.length} files, ${ws.vcs})`);
const workflows = ws.index.inFolder(".github/workflows").filter((f) => /\.ya?ml$/.test(f.path));
for (const f of workflows) await ws.readText(f.path);
lap(`read ${workflows.length} workflow files`);
for (const f of workflows) await ws.parse(f.path, yamlParser);
lap(`parse ${workflows.length} workflows as YAML`);
for (const f of workflows) await ws.parse(f.path, workflowParser);
lap(`build ${workflows.length} workflow models from the YAML`);
const actions = [...ws.index.named("action.yml"), ...ws.index.named("action.yaml")];
for (const f of actions) await ws.parse(f.path, actionParser);
lap(`parse ${actions.length} actions`);
for (const rule of RULES) {
  await runRules(ws, [rule], { offline: true, now: new Date(), settings: {}, ruleTimeoutMs: 600_000, concurrency: 1 });
  lap(rule.meta.id);
}
const total = rows.reduce((a, [, ms]) => a + ms, 0);
for (const [label, ms] of rows.sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(1).padStart(8)} ms  ${label}`);
console.log(`${total.toFixed(1).padStart(8)} ms  total; the workspace read ${readStats.files} files, ${(readStats.bytes / 1024 / 1024).toFixed(1)} MiB`);
