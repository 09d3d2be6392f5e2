// `npx tsx bench/secrets.bench.ts`: the secrets family's speed.
// 1. Working tree: `assay secrets DIR` (the real CLI, every detector, both cores) on a generated
//    tree, in MiB/s.
// 2. ripgrep with the same patterns (when `rg` is installed), side by side with assay on a smaller
//    tree of the same text, whole process against whole process, reported as a ratio. ripgrep
//    gets the patterns rewritten for its default engine (bench/lib/rg-pattern.ts): lookarounds
//    dropped, which it cannot run, and the patterns that mention a line break left out (its
//    multi-line mode is hundreds of times slower on this set). Both only make its job smaller.
//    A ripgrep that exits with an error fails the bench instead of being timed.
// 3. History: `assay secrets REPO --history` on a generated repository of 10,000 commits, in MiB/s
//    of patch text (`git log -p -U0 --all`), with peak memory.
// 1b. The same tree as a git checkout (one commit), which is what a maintainer scans: the file list
//    comes from git's index instead of a walk of the folders.
// Sizes: BENCH_SECRETS_MB (default 256), BENCH_RG_MB (16), BENCH_COMMITS (10000). The trees are
// real source text (this checkout's node_modules, copied under src/ in the bench folder) so keyword
// hits are as dense as in real code.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS } from "../src/secrets/detectors/index.js";
import { toRipgrep } from "./lib/rg-pattern.js";
import { generateHistory, generateTree } from "./secrets-generate.js";

const root = new URL("..", import.meta.url).pathname;
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench-secrets");
const mb = Number(process.env.BENCH_SECRETS_MB ?? 256);
const commits = Number(process.env.BENCH_COMMITS ?? 10_000);
const rgMb = Number(process.env.BENCH_RG_MB ?? 16);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Wall time (ms) and peak RSS (MiB) of a command, the median of `runs`. */
function time(cmd: string, args: string[], runs: number, cwd = root): { ms: number; rssMb: number; out: string; status: number | null; stderr: string } {
  const times: number[] = [];
  let rss = 0;
  let out = "";
  let status: number | null = 0;
  let stderr = "";
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
    times.push(performance.now() - t);
    const lines = r.stderr.trim().split("\n");
    rss = Math.max(rss, Number(lines[lines.length - 1]) / 1024);
    out = r.stdout;
    status = r.status;
    stderr = lines.slice(0, -1).join("\n");
  }
  return { ms: median(times), rssMb: rss, out, status, stderr };
}

/** The detectors' patterns for ripgrep's default engine, one per line, and how many were left out. */
function patternFile(): { file: string; left: number } {
  const all = DETECTORS.map((d) => toRipgrep(d.pattern.source, d.pattern.flags));
  // Patterns that mention a line break are left out: the multi-line ones need ripgrep's -U mode,
  // and on the few with a bounded gap to the line's end (`curl [^\n]{0,400}?-u`) ripgrep took
  // 140 s instead of 11 s on the 18 MiB tree. Leaving them out only makes its job smaller.
  const lines = all.filter((p) => !/\\[nr]/.test(p));
  const file = join(work, "patterns.txt");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return { file, left: all.length - lines.length };
}

const hasRg = spawnSync("rg", ["--version"]).status === 0;
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
if (!hasTime) {
  console.error("bench needs /usr/bin/time (Debian package `time`)");
  process.exit(1);
}
const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);

console.error(`generating a ${mb} MiB tree and a repository of ${commits} commits (cached)…`);
const tree = generateTree(join(work, "tree"), { totalBytes: mb * 1024 * 1024, source: join(root, "node_modules") });
const sample = generateTree(join(work, "rg-sample"), { totalBytes: rgMb * 1024 * 1024, source: join(root, "node_modules") });
const du = (dir: string): number => Number(execFileSync("du", ["-sb", "--exclude=.bench-stamp", dir], { encoding: "utf8" }).split("\t")[0]);
const bytes = du(tree.dir);
const sampleBytes = du(sample.dir);
const repo = generateHistory(join(work, "history"), { commits, bytesPerCommit: 6000 });
const patchBytes = Number(execFileSync("sh", ["-c", "git log -p -U0 --no-color --no-ext-diff --no-textconv --no-renames --full-history --all | wc -c"], { cwd: repo, encoding: "utf8" }).trim());

/** A git checkout of `dir` with everything in one commit, made once per generated tree. */
function gitCheckoutOf(dir: string, dest: string): string {
  const stamp = `${dest}.stamp`;
  const want = readFileSync(join(dir, ".bench-stamp"), "utf8");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return dest;
  rmSync(dest, { recursive: true, force: true });
  execFileSync("cp", ["-r", dir, dest]);
  const git = (...args: string[]): void => void execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "core.autocrlf=false", ...args], { cwd: dest, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "--no-verify", "-m", "tree");
  writeFileSync(stamp, want);
  return dest;
}
const checkout = gitCheckoutOf(tree.dir, join(work, "checkout"));

// Warm the page cache so both tools read from memory.
spawnSync("cat", ["-"], { input: "" });
execFileSync("sh", ["-c", `find ${tree.dir} ${sample.dir} ${checkout} -type f -exec cat {} + > /dev/null`]);

const out = join(work, "out.json");
const inCheckout = time(process.execPath, [join(root, "bin/assay.js"), "secrets", checkout, "--format", "json", "--output", join(work, "checkout.json")], 5);
const assay = time(process.execPath, [join(root, "bin/assay.js"), "secrets", tree.dir, "--format", "json", "--output", out], 5);
const found = (JSON.parse(readFileSync(out, "utf8")) as { findings: { ruleId: string; severity: string }[] }).findings.filter((f) => f.severity !== "info").length;
const mibs = (b: number, ms: number): number => b / 1024 / 1024 / (ms / 1000);
let rg: { ms: number; assayMs: number; left: number } | undefined;
if (hasRg) {
  const p = patternFile();
  // The set compiles past ripgrep's default size limits; raising them is what its users would do.
  const r = time("rg", ["--no-messages", "--regex-size-limit", "2G", "--dfa-size-limit", "2G", "-c", "-f", p.file, sample.dir], 3);
  if (r.status !== 0 && r.status !== 1) {
    console.error(`ripgrep failed (exit ${r.status}):\n${r.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  const a = time(process.execPath, [join(root, "bin/assay.js"), "secrets", sample.dir, "--format", "json", "--output", join(work, "sample.json")], 3);
  rg = { ms: r.ms, assayMs: a.ms, left: p.left };
}
// What reading the big tree costs a native tool that does nothing else: ripgrep with one literal
// that never occurs. On a machine whose system calls are slow, this floor is a large part of assay's time too.
const floor = hasRg ? time("rg", ["--no-messages", "-c", "-F", "zq\u0001never-here\u0001qz", tree.dir], 3) : undefined;
const hist = time(process.execPath, [join(root, "bin/assay.js"), "secrets", repo, "--history", "--format", "json", "--output", join(work, "history.json")], 3);
const treeOnly = time(process.execPath, [join(root, "bin/assay.js"), "secrets", repo, "--format", "json", "--output", join(work, "history-tree.json")], 3);
const historyMs = Math.max(1, hist.ms - treeOnly.ms);
const historyFound = (JSON.parse(readFileSync(join(work, "history.json"), "utf8")) as { findings: unknown[] }).findings.length;

const ok = (v: boolean): string => (v ? "✅" : "❌");
const treeRate = mibs(bytes, assay.ms);
console.log(`| measure | result | target |
|---|---|---|
| working tree, \`assay secrets\` (${(bytes / 1024 / 1024).toFixed(0)} MiB, ${tree.files} files, ${DETECTORS.length} detectors; median of 5) | ${assay.ms.toFixed(0)} ms = **${treeRate.toFixed(0)} MiB/s** ${ok(treeRate >= 150)} (${found} secrets of ${tree.secrets} planted; peak ${assay.rssMb.toFixed(0)} MiB) | ≥ 150 MiB/s |
| the same tree as a git checkout (one commit: the file list comes from git; median of 5) | ${inCheckout.ms.toFixed(0)} ms = **${mibs(bytes, inCheckout.ms).toFixed(0)} MiB/s** ${ok(mibs(bytes, inCheckout.ms) >= 150)} | ≥ 150 MiB/s |
| reading floor: ripgrep with one literal that never occurs, same tree (median of 3) | ${floor ? `${floor.ms.toFixed(0)} ms = ${mibs(bytes, floor.ms).toFixed(0)} MiB/s` : "n/a (rg not installed)"} | (for scale) |
| ripgrep against assay on a ${(sampleBytes / 1024 / 1024).toFixed(0)} MiB tree (${sample.files} files; ripgrep's default engine, lookarounds dropped, ${rg?.left ?? 0} patterns that mention a line break left out; median of 3) | ${rg ? `ripgrep ${rg.ms.toFixed(0)} ms = ${mibs(sampleBytes, rg.ms).toFixed(1)} MiB/s, assay ${rg.assayMs.toFixed(0)} ms = ${mibs(sampleBytes, rg.assayMs).toFixed(0)} MiB/s → assay is **${(rg.ms / rg.assayMs).toFixed(2)}×** ripgrep's speed ${ok(rg.ms / rg.assayMs >= 0.9)}` : "n/a (rg not installed)"} | ≥ 0.9× |
| history, \`assay secrets --history\` (${commits} commits, ${(patchBytes / 1024 / 1024).toFixed(0)} MiB of patch text) | ${hist.ms.toFixed(0)} ms in all ${ok(hist.ms < 30_000)}; history alone ≈ ${historyMs.toFixed(0)} ms = **${mibs(patchBytes, historyMs).toFixed(0)} MiB/s** of patch text; ${historyFound} findings; peak ${hist.rssMb.toFixed(0)} MiB | < 30 s, bounded memory |

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}${hasRg ? `, ${execFileSync("rg", ["--version"], { encoding: "utf8" }).split("\n")[0]}` : ""}.`);
if (process.env.BENCH_CLEAN) rmSync(work, { recursive: true, force: true });
