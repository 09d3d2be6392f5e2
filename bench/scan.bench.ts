// `npm run bench`: times `assay --version` (start-up) and `assay scan` on a generated repository
// of 50,000 files and 1 GiB, as a git checkout and as a plain directory, with peak memory.
// Results are printed as Markdown for bench/RESULTS.md. Sizes can be lowered with BENCH_FILES / BENCH_MB.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "./generate.js";

const root = new URL("..", import.meta.url).pathname;
const files = Number(process.env.BENCH_FILES ?? 50_000);
const bytes = Number(process.env.BENCH_MB ?? 1024) * 1024 * 1024;
// Outside this checkout: inside it, git would see the tree as an ignored folder of assay itself.
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeCli(args: string[], runs: number): { ms: number; rssMb: number; code: number | null } {
  const times: number[] = [];
  const rss: number[] = [];
  let code: number | null = null;
  const rssFile = join(tmpdir(), `assay-bench-rss-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, "bench/child.mjs"), ...args], { env: { ...process.env, ASSAY_BENCH_RSS: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    times.push(performance.now() - t);
    code = r.status;
    rss.push(Number(readFileSync(rssFile, "utf8")) / 1024 / 1024);
  }
  rmSync(rssFile, { force: true });
  return { ms: median(times), rssMb: Math.max(...rss), code };
}

function timeVersion(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [join(root, "bin/assay.js"), "--version"], { stdio: "ignore" });
    times.push(performance.now() - t);
  }
  return median(times);
}

const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);

console.error(`generating ${files} files, ${(bytes / 1024 / 1024).toFixed(0)} MiB (cached between runs)…`);
const gitTree = generate(join(work, "git"), { files, totalBytes: bytes, git: true });
const plainTree = generate(join(work, "plain"), { files, totalBytes: bytes, git: false });

const version = timeVersion(15);
const gitScan = timeCli(["scan", gitTree, "--format", "json", "--output", join(work, "git.json")], 5);
const plainScan = timeCli(["scan", plainTree, "--format", "json", "--output", join(work, "plain.json")], 5);

const target = { version: 150, scan: 2000, rss: 500 };
const ok = (v: number, t: number) => (v <= t ? "✅" : "❌");
console.log(`| measure | result | target |
|---|---|---|
| start-up, \`assay --version\` (median of 15) | ${version.toFixed(0)} ms ${ok(version, target.version)} | < ${target.version} ms |
| posture scan, git checkout (median of 5) | ${gitScan.ms.toFixed(0)} ms ${ok(gitScan.ms, target.scan)} | < ${target.scan} ms |
| posture scan, plain directory (median of 5) | ${plainScan.ms.toFixed(0)} ms ${ok(plainScan.ms, target.scan)} | < ${target.scan} ms |
| peak memory (max RSS over scans) | ${Math.max(gitScan.rssMb, plainScan.rssMb).toFixed(0)} MB ${ok(Math.max(gitScan.rssMb, plainScan.rssMb), target.rss)} | < ${target.rss} MB |

Tree: ${files} files, ${(bytes / 1024 / 1024).toFixed(0)} MiB; machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}.`);
