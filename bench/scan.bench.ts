// `npm run bench`: what users run, against floors measured on the same tree in the same run.
//
// - start-up: `assay --version` against `node -e 0`;
// - project: `assay scan` of a ~2,000-file repository with 60 workflows, manifests and lockfiles of
//   five ecosystems (bench/generate-project.ts), against `git ls-files` and reading every tracked
//   byte once (`git ls-files -z | xargs -0 cat`);
// - large (git) and large (plain): the 50,000-file, 1 GiB tree (bench/generate-large.ts) as a git
//   checkout and as a plain directory (floors: `find` and `find | xargs cat` for the latter).
//
// Each workload is warmed up, then timed at least 5 times, interleaved with its floors; every exit
// code and every JSON report is checked. Printed as Markdown for bench/RESULTS.md. Knobs:
// BENCH_ONLY=startup,project,large-git,large-plain  BENCH_RUNS=N  BENCH_FILES / BENCH_MB (large tree)
// BENCH_DIR (where trees are generated, default $TMPDIR/assay-bench).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { generateLarge } from "./generate-large.js";
import { generateProject } from "./generate-project.js";
import { exitZero, measure, summary, type Sample, type Timed } from "./lib/measure.js";
import type { TreeInfo } from "./lib/tree.js";

const root = new URL("..", import.meta.url).pathname;
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench");
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const runsOverride = process.env.BENCH_RUNS ? Math.max(5, Number(process.env.BENCH_RUNS)) : undefined;
const largeFiles = Number(process.env.BENCH_FILES ?? 50_000);
const largeBytes = Number(process.env.BENCH_MB ?? 1024) * 1024 * 1024;
const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ScanData {
  exit: number;
  files: number;
  cpuS: number;
  gitCpuS: number | null;
  rssMb: number;
  readFiles: number;
  readBytes: number;
}

/** `assay scan TREE --format json` through bench/child.mjs, checked: exit 0 or 1, no rule errors, the expected VCS, no parse errors. */
function scanCommand(name: string, tree: TreeInfo, vcs: "git" | "none"): Timed<ScanData> {
  const out = join(work, `${name}.json`);
  const stats = join(work, `${name}.stats.json`);
  return {
    label: `scan ${name}`,
    cmd: process.execPath,
    args: [join(root, "bench/child.mjs"), "scan", tree.dir, "--format", "json", "--output", out],
    env: { ...process.env, ASSAY_BENCH_STATS: stats, NO_COLOR: "1", SOURCE_DATE_EPOCH: "1767225600" },
    check(r) {
      if (r.status !== 0 && r.status !== 1) throw new Error("scan did not complete");
      const a = JSON.parse(readFileSync(out, "utf8")) as { target: { vcs: string }; summary: { files: number; ruleErrors: number }; diagnostics: { code: string; path?: string }[] };
      rmSync(out);
      if (a.summary.ruleErrors !== 0) throw new Error(`${a.summary.ruleErrors} rules failed`);
      if (a.target.vcs !== vcs) throw new Error(`scanned as ${a.target.vcs}, expected ${vcs}`);
      const bad = a.diagnostics.find((d) => d.code === "parse-error");
      if (bad) throw new Error(`generated file did not parse: ${bad.path}`);
      const s = JSON.parse(readFileSync(stats, "utf8")) as { userUs: number; sysUs: number; maxRssKb: number; childTicks: number | null; read: { files: number; bytes: number } | null };
      rmSync(stats);
      if (!s.read) throw new Error("the CLI did not publish its read counters");
      return {
        exit: r.status,
        files: a.summary.files,
        cpuS: (s.userUs + s.sysUs) / 1e6,
        gitCpuS: s.childTicks === null ? null : s.childTicks / clockTicks,
        rssMb: s.maxRssKb / 1024,
        readFiles: s.read.files,
        readBytes: s.read.bytes,
      };
    },
  };
}

function shell(label: string, script: string, cwd: string): Timed<null> {
  return { label, cmd: "bash", args: ["-o", "pipefail", "-c", script], cwd, check: exitZero };
}

interface Target {
  /** Ratio of the scan's median to this floor's median must stay under `max`. */
  floor: string;
  max: number;
}

interface Result {
  name: string;
  tree?: TreeInfo;
  runs: number;
  main: { min: number; median: number };
  floors: { label: string; min: number; median: number }[];
  data?: ScanData[];
  targets: Target[];
  cpuMax?: number;
}

function run(name: string, main: Timed<unknown>, floors: Timed<null>[], runs: number, targets: Target[], tree?: TreeInfo, cpuMax?: number): Result {
  console.error(`timing ${name}: ${runs} runs after warm-up…`);
  const samples = measure([main, ...floors], runs, 2);
  const [mainSamples = [], ...floorSamples] = samples;
  const ms = (xs: Sample<unknown>[]) => summary(xs.map((x) => x.ms));
  return {
    name,
    ...(tree ? { tree } : {}),
    runs,
    main: ms(mainSamples),
    floors: floors.map((f, i) => ({ label: f.label, ...ms(floorSamples[i] ?? []) })),
    ...(main.label.startsWith("scan") ? { data: mainSamples.map((s) => s.data as ScanData) } : {}),
    targets,
    ...(cpuMax !== undefined ? { cpuMax } : {}),
  };
}

const wanted = (w: string) => !only || only.includes(w);
const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);
mkdirSync(work, { recursive: true });
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
const results: Result[] = [];
const loadBefore = loadavg();
let nodeCpu: number | undefined;

if (wanted("startup")) {
  const assay: Timed<null> = {
    label: "assay --version",
    cmd: process.execPath,
    args: [join(root, "bin/assay.js"), "--version"],
    check(r) {
      if (r.status !== 0 || r.stdout.toString().trim() !== version) throw new Error("did not print the version");
      return null;
    },
  };
  const node: Timed<null> = { label: "node -e 0", cmd: process.execPath, args: ["-e", "0"], check: exitZero };
  results.push(run("start-up", assay, [node], runsOverride ?? 20, [{ floor: "node -e 0", max: 1.3 }]));
  // The CPU an empty Node process costs on this machine now: the scale for the CPU figures below.
  const cpu: Timed<number> = {
    label: "node -e 0 (CPU)",
    cmd: process.execPath,
    args: ["-e", "process.on('exit', () => { const u = process.resourceUsage(); process.stdout.write(String(u.userCPUTime + u.systemCPUTime)); })"],
    check(r) {
      if (r.status !== 0) throw new Error("exited non-zero");
      return Number(r.stdout.toString()) / 1e6;
    },
  };
  nodeCpu = summary(measure([cpu], 10, 1)[0]?.map((s) => s.data as number) ?? [0]).median;
}

if (wanted("project")) {
  console.error("generating the project tree (cached between runs)…");
  const tree = generateProject(join(work, "project"), true);
  const floors = [shell("git ls-files", "git ls-files -z >/dev/null", tree.dir), shell("read every byte", "git ls-files -z | xargs -0 cat >/dev/null", tree.dir)];
  results.push(run("project (git, 60 workflows)", scanCommand("project", tree, "git"), floors, runsOverride ?? 10, [{ floor: "read every byte", max: 3 }], tree, 0.5));
}

if (wanted("large-git") || wanted("large-plain")) {
  console.error(`generating the large trees, ${largeFiles} files and ${(largeBytes / 1024 / 1024).toFixed(0)} MiB each (cached between runs)…`);
  if (wanted("large-git")) {
    const tree = generateLarge(join(work, "large-git"), { files: largeFiles, totalBytes: largeBytes }, true);
    const floors = [shell("git ls-files", "git ls-files -z >/dev/null", tree.dir), shell("read every byte", "git ls-files -z | xargs -0 cat >/dev/null", tree.dir)];
    results.push(run("large (git)", scanCommand("large-git", tree, "git"), floors, runsOverride ?? 5, [{ floor: "read every byte", max: 1.5 }], tree));
  }
  if (wanted("large-plain")) {
    const tree = generateLarge(join(work, "large-plain"), { files: largeFiles, totalBytes: largeBytes }, false);
    const floors = [shell("find -type f", "find . -type f >/dev/null", tree.dir), shell("read every byte", "find . -type f -print0 | xargs -0 cat >/dev/null", tree.dir)];
    results.push(run("large (plain directory)", scanCommand("large-plain", tree, "none"), floors, runsOverride ?? 5, [{ floor: "read every byte", max: 1.5 }], tree));
  }
}

// The report: one table of ratios (what RESULTS.md records), then the absolute figures as context.
const ok = (pass: boolean) => (pass ? "✅" : "❌");
const f0 = (ms: number) => `${ms.toFixed(0)} ms`;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const lines: string[] = ["| workload | ratio to floor, median (min) | target | CPU s (node + git), median | peak RSS | bytes read by the scan |", "|---|---|---|---|---|---|"];
let allMet = true;
for (const r of results) {
  for (const t of r.targets) {
    const fl = r.floors.find((f) => f.label === t.floor);
    if (!fl) continue;
    const ratio = r.main.median / fl.median;
    const ratioMin = r.main.min / fl.min;
    const cpu = r.data ? summary(r.data.map((d) => d.cpuS + (d.gitCpuS ?? 0))).median : undefined;
    const node = r.data ? summary(r.data.map((d) => d.cpuS)).median : undefined;
    const rss = r.data ? Math.max(...r.data.map((d) => d.rssMb)) : undefined;
    const d0 = r.data?.[0];
    const met = ratio < t.max && (r.cpuMax === undefined || (cpu ?? 0) < r.cpuMax) && (rss === undefined || rss < 200);
    allMet &&= met;
    lines.push(
      `| ${r.name} | ${ratio.toFixed(2)}× \`${t.floor}\` (${ratioMin.toFixed(2)}×) ${ok(ratio < t.max)} | < ${t.max}×${r.cpuMax !== undefined ? `, < ${r.cpuMax} s CPU` : ""}${rss !== undefined ? ", < 200 MB" : ""} | ` +
        `${cpu !== undefined ? `${cpu.toFixed(2)} (${(node ?? 0).toFixed(2)} + ${(cpu - (node ?? 0)).toFixed(2)})${r.cpuMax !== undefined ? ` ${ok(cpu < r.cpuMax)}` : ""}` : "–"} | ` +
        `${rss !== undefined ? `${rss.toFixed(0)} MB ${ok(rss < 200)}` : "–"} | ${d0 && r.tree ? `${d0.readFiles} files, ${mib(d0.readBytes)} of ${mib(r.tree.bytes)} (${((100 * d0.readBytes) / r.tree.bytes).toFixed(1)}%)` : "–"} |`,
    );
  }
}
lines.push("", "| workload | command | min | median | runs |", "|---|---|---|---|---|");
for (const r of results) {
  lines.push(`| ${r.name} | ${r.data ? "`assay scan`" : "`assay --version`"} | ${f0(r.main.min)} | ${f0(r.main.median)} | ${r.runs} |`);
  for (const f of r.floors) lines.push(`| | \`${f.label}\` | ${f0(f.min)} | ${f0(f.median)} | ${r.runs} |`);
}
lines.push("");
for (const r of results) if (r.tree) lines.push(`- ${r.name}: ${r.tree.files.toLocaleString("en")} files, ${mib(r.tree.bytes)}; the scan saw ${r.data?.[0]?.files.toLocaleString("en")} files (after the policy's excludes), exit ${r.data?.[0]?.exit}.`);
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
lines.push(`- machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${load(loadBefore)} before, ${load(loadavg())} after${nodeCpu !== undefined ? `; \`node -e 0\` costs ${nodeCpu.toFixed(3)} s of CPU here now (the scale for the CPU figures)` : ""}.`);
lines.push(`- ${allMet ? "every target met" : "some targets missed"}.`);
console.log(lines.join("\n"));
