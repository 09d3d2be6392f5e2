// `npx tsx bench/workflows.bench.ts`: the workflows family's speed, in process on the built bundle.
//  1. 1,000 generated workflows of realistic sizes (30–250 lines: CI matrices, releases,
//     pull_request_target bots, issue ops, reusable calls, composite actions): CPU time of the
//     family's offline rules beyond start-up (a scan with no rules over the same tree). Target < 1 s.
//  2. A ~2,000-file repository with 60 workflows: the scan with the repo family alone, and with the
//     workflows family added. Target: under 1.5×.
// Inputs are generated (deterministic) under $TMPDIR/assay-bench-workflows, or BENCH_DIR. Sizes
// follow public repositories: ~60 lines a workflow on average, a few up to ~250.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type * as Api from "../src/index.js";

const root = new URL("..", import.meta.url).pathname;
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench-workflows");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** mulberry32: the same trees every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const ACTIONS = [`actions/checkout@${SHA} # v4.2.2`, "actions/setup-node@v4", "actions/setup-python@v5", "actions/cache@v4", "docker/build-push-action@v6", "golangci/golangci-lint-action@v6", "codecov/codecov-action@v5", "actions/upload-artifact@v4", "softprops/action-gh-release@v2", "peter-evans/create-pull-request@v7", "tj-actions/changed-files@v46", "aws-actions/configure-aws-credentials@v4"];
const TRIGGERS = ["push", "pull_request", "pull_request_target", "issues", "issue_comment", "workflow_dispatch", "release", "schedule", "workflow_run", "workflow_call"];
// Mostly what real scripts expand (SHAs, numbers, matrix values, env), with an untrusted value now and then.
const EXPRS = ["${{ github.sha }}", "${{ github.event.pull_request.number }}", "${{ matrix.node }}", "${{ matrix.os }}", "${{ env.VERSION }}", "${{ steps.meta.outputs.version }}", "${{ github.run_id }}", "${{ runner.os }}", "${{ github.ref_name }}", "${{ hashFiles('**/package-lock.json') }}", "${{ secrets.NPM_TOKEN }}", "${{ github.repository }}", "${{ github.event.issue.title }}", "${{ inputs.target }}"];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** One realistic workflow: triggers, permissions, a few jobs of 3–15 steps with scripts that expand expressions. */
function workflow(r: () => number, i: number): string {
  const on = Array.from(new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, TRIGGERS))));
  const lines = [`name: workflow ${i}`, "on:"];
  for (const t of on) lines.push(t === "schedule" ? "  schedule:\n    - cron: '0 4 * * 1'" : t === "workflow_run" ? "  workflow_run:\n    workflows: [CI]\n    types: [completed]" : `  ${t}:`);
  if (r() < 0.7) lines.push("permissions:", "  contents: read");
  if (r() < 0.3) lines.push("concurrency:", "  group: ${{ github.workflow }}-${{ github.ref }}", "  cancel-in-progress: true");
  lines.push("env:", `  VERSION: "1.${i}.0"`, "jobs:");
  const jobs = 1 + Math.floor(r() * 3);
  for (let j = 0; j < jobs; j++) {
    lines.push(`  job${j}:`, `    name: Job ${j}`, `    runs-on: ${pick(r, ["ubuntu-latest", "windows-latest", "macos-latest", "${{ matrix.os }}"])}`);
    if (j > 0) lines.push(`    needs: job${j - 1}`);
    if (r() < 0.4) lines.push("    strategy:", "      matrix:", "        os: [ubuntu-latest, macos-latest]", "        node: [18, 20, 22]");
    if (r() < 0.3) lines.push("    permissions:", "      contents: write # pushes tags", "      pull-requests: write # opens the release PR");
    if (r() < 0.2) lines.push("    outputs:", "      version: ${{ steps.meta.outputs.version }}");
    lines.push("    steps:");
    const steps = 2 + Math.floor(r() * r() * 12);
    for (let s = 0; s < steps; s++) {
      if (r() < 0.45) {
        lines.push(`      - uses: ${pick(r, ACTIONS)}`);
        if (r() < 0.6) lines.push("        with:", `          node-version: ${pick(r, ["18", "20", "${{ matrix.node }}"])}`, "          cache: npm");
      } else {
        lines.push(`      - name: step ${s}`, s === 0 ? "        id: meta" : `        id: s${s}`, "        run: |");
        const n = 1 + Math.floor(r() * r() * 6);
        for (let k = 0; k < n; k++) {
          const cmd = pick(r, ["echo", "npm run build --", "make", "./scripts/do.sh", "go test ./... -run", "cargo test --", "python -m pytest -k"]);
          lines.push(r() < 0.4 ? `          ${cmd} "${pick(r, EXPRS)}" ${pick(r, ["", ">> \"$GITHUB_OUTPUT\"", ">> \"$GITHUB_ENV\"", "| tee out.log"])}` : `          ${cmd} --flag value-${k}`);
        }
        if (r() < 0.5) lines.push("        env:", `          TITLE: ${pick(r, EXPRS)}`, "          GH_TOKEN: ${{ github.token }}");
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** 1,000 workflows and 50 composite actions. */
function manyWorkflows(dir: string): { lines: number } {
  rmSync(dir, { recursive: true, force: true });
  const r = rng(13);
  let lines = 0;
  for (let i = 0; i < 1000; i++) {
    const text = workflow(r, i);
    lines += text.split("\n").length;
    write(join(dir, `.github/workflows/wf-${i}.yml`), text);
  }
  for (let a = 0; a < 50; a++) write(join(dir, `.github/actions/a${a}/action.yml`), `name: a${a}\ndescription: d\ninputs:\n  who:\n    description: w\nruns:\n  using: composite\n  steps:\n    - run: echo "\${{ inputs.who }}"\n      shell: bash\n    - uses: actions/setup-go@v5\n`);
  return { lines };
}

/** ~2,000 files: sources, manifests, docs, and 60 workflows. */
function typicalRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const r = rng(7);
  for (let i = 0; i < 1930; i++) write(join(dir, `src/pkg${i % 40}/mod${i}.${pick(r, ["ts", "py", "go", "md"])}`), `// module ${i}\n${"export const x = 1;\n".repeat(5 + Math.floor(r() * 60))}`);
  for (let i = 0; i < 60; i++) write(join(dir, `.github/workflows/wf-${i}.yml`), workflow(r, i));
  write(join(dir, "package.json"), '{"name":"bench","version":"1.0.0"}\n');
  write(join(dir, "README.md"), "# bench\n");
  write(join(dir, "LICENSE"), "MIT License\n");
  write(join(dir, ".github/dependabot.yml"), "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);
const api = (await import(join(root, "dist/index.js"))) as typeof Api;
const offline = api.RULES.filter((r) => !r.meta.network);
const family = offline.filter((r) => r.meta.id.startsWith("workflows/"));
const repoFamily = offline.filter((r) => r.meta.id.startsWith("repo/"));

/** CPU and wall time of one in-process scan (median of RUNS, after one warm-up). */
async function time(path: string, rules: typeof offline): Promise<{ cpu: number; wall: number; findings: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  let findings = 0;
  for (let i = 0; i <= RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const a = await api.scan({ path, policy: api.defaultPolicy(), rules, now: new Date("2026-06-01T00:00:00Z") });
    const used = process.cpuUsage(c);
    if (i === 0) continue;
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - t);
    findings = a.findings.length;
  }
  return { cpu: median(cpu), wall: median(wall), findings };
}

const many = join(work, "many");
const { lines } = manyWorkflows(many);
const base = await time(many, []);
// Reading and parsing the files (the yaml library) and walking the steps, with a rule that does nothing else.
const floor = await time(many, family.filter((r) => r.meta.id === "workflows/anonymous-definition"));
const audit = await time(many, family);
const beyond = audit.cpu - base.cpu;

const typical = join(work, "typical");
typicalRepo(typical);
const repoOnly = await time(typical, repoFamily);
const both = await time(typical, [...repoFamily, ...family]);
const ratio = both.cpu / repoOnly.cpu;
const wallRatio = both.wall / repoOnly.wall;

const ok = (good: boolean) => (good ? "✅" : "❌");
console.log(`| measure | result | target |
|---|---|---|
| 1,000 workflows (${lines.toLocaleString("en")} lines) + 50 actions, ${family.length} offline rules: CPU beyond start-up (median of ${RUNS}) | ${beyond.toFixed(0)} ms ${ok(beyond < 1000)} | < 1000 ms |
| of which reading, parsing (yaml) and modelling the files, walking the steps | ${(floor.cpu - base.cpu).toFixed(0)} ms | |
| of which the ${family.length} rules' own analysis | ${(audit.cpu - floor.cpu).toFixed(0)} ms | |
| same, wall clock (scan ${audit.wall.toFixed(0)} ms − start-up ${base.wall.toFixed(0)} ms) | ${(audit.wall - base.wall).toFixed(0)} ms | |
| 2,000-file repository with 60 workflows: repo family alone / with workflows (CPU) | ${repoOnly.cpu.toFixed(0)} ms / ${both.cpu.toFixed(0)} ms = ${ratio.toFixed(2)}× ${ok(ratio < 1.5)} | < 1.5× |
| same, wall clock | ${repoOnly.wall.toFixed(0)} ms / ${both.wall.toFixed(0)} ms = ${wallRatio.toFixed(2)}× | |
| findings on the 1,000 workflows / on the 2,000-file repository | ${audit.findings} / ${both.findings} | |`);
