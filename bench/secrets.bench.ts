// `npx tsx bench/secrets.bench.ts`: the secrets family's speed.
// 1. Working tree: `assay secrets DIR` (the real CLI, every detector, both cores) on a generated
//    tree, in MiB/s, side by side in the same run with ripgrep searching the same patterns (when
//    `rg` is installed: the default engine with the patterns' lookarounds dropped, which it cannot
//    run, and PCRE2 with them), reported as a ratio.
// 2. History: `assay secrets REPO --history` on a generated repository of 10,000 commits, in MiB/s
//    of patch text (`git log -p -U0 --all`), with peak memory.
// Sizes: BENCH_SECRETS_MB (default 256), BENCH_COMMITS (10000). The tree is real source text (this
// checkout's node_modules, copied under src/ in the bench folder) so keyword hits are as dense as in
// real code.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS } from "../src/secrets/detectors/index.js";
import { generateHistory, generateTree } from "./secrets-generate.js";

const root = new URL("..", import.meta.url).pathname;
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench-secrets");
const mb = Number(process.env.BENCH_SECRETS_MB ?? 256);
const commits = Number(process.env.BENCH_COMMITS ?? 10_000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Wall time (ms) and peak RSS (MiB) of a command, the median of `runs`. */
function time(cmd: string, args: string[], runs: number, cwd = root): { ms: number; rssMb: number; out: string } {
  const times: number[] = [];
  let rss = 0;
  let out = "";
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
    times.push(performance.now() - t);
    const lines = r.stderr.trim().split("\n");
    rss = Math.max(rss, Number(lines[lines.length - 1]) / 1024);
    out = r.stdout;
  }
  return { ms: median(times), rssMb: rss, out };
}

/** The detectors' patterns for ripgrep: PCRE2 as written, and for the default engine without lookarounds. */
function patternFiles(): { pcre: string; plain: string } {
  const pcre = DETECTORS.map((d) => d.pattern.source);
  const plain = pcre.map((p) => p.replace(/\(\?<?[!=](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)/g, ""));
  const pcreFile = join(work, "patterns.pcre");
  const plainFile = join(work, "patterns.txt");
  writeFileSync(pcreFile, `${pcre.join("\n")}\n`);
  writeFileSync(plainFile, `${plain.join("\n")}\n`);
  return { pcre: pcreFile, plain: plainFile };
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
const bytes = Number(execFileSync("du", ["-sb", "--exclude=.bench-stamp", tree.dir], { encoding: "utf8" }).split("\t")[0]);
const repo = generateHistory(join(work, "history"), { commits, bytesPerCommit: 6000 });
const patchBytes = Number(execFileSync("sh", ["-c", "git log -p -U0 --no-color --no-ext-diff --no-textconv --no-renames --full-history --all | wc -c"], { cwd: repo, encoding: "utf8" }).trim());

// Warm the page cache so both tools read from memory.
spawnSync("cat", ["-"], { input: "" });
execFileSync("sh", ["-c", `find ${tree.dir} -type f -exec cat {} + > /dev/null`]);

const out = join(work, "out.json");
const assay = time(process.execPath, [join(root, "bin/assay.js"), "secrets", tree.dir, "--format", "json", "--output", out], 5);
const found = (JSON.parse(readFileSync(out, "utf8")) as { findings: { ruleId: string; severity: string }[] }).findings.filter((f) => f.severity !== "info").length;
const mibs = (b: number, ms: number): number => b / 1024 / 1024 / (ms / 1000);
let rgPlain: { ms: number } | undefined;
let rgPcre: { ms: number } | undefined;
if (hasRg) {
  const p = patternFiles();
  rgPlain = time("rg", ["--no-messages", "-c", "-f", p.plain, tree.dir], 5);
  rgPcre = time("rg", ["--no-messages", "-P", "-c", "-f", p.pcre, tree.dir], 3);
}
const hist = time(process.execPath, [join(root, "bin/assay.js"), "secrets", repo, "--history", "--format", "json", "--output", join(work, "history.json")], 3);
const treeOnly = time(process.execPath, [join(root, "bin/assay.js"), "secrets", repo, "--format", "json", "--output", join(work, "history-tree.json")], 3);
const historyMs = Math.max(1, hist.ms - treeOnly.ms);
const historyFound = (JSON.parse(readFileSync(join(work, "history.json"), "utf8")) as { findings: unknown[] }).findings.length;

const ok = (v: boolean): string => (v ? "✅" : "❌");
const treeRate = mibs(bytes, assay.ms);
console.log(`| measure | result | target |
|---|---|---|
| working tree, \`assay secrets\` (${(bytes / 1024 / 1024).toFixed(0)} MiB, ${tree.files} files, ${DETECTORS.length} detectors; median of 5) | ${assay.ms.toFixed(0)} ms = **${treeRate.toFixed(0)} MiB/s** ${ok(treeRate >= 150)} (${found} secrets of ${tree.secrets} planted; peak ${assay.rssMb.toFixed(0)} MiB) | ≥ 150 MiB/s |
| ripgrep, same patterns, default engine (lookarounds dropped) | ${rgPlain ? `${rgPlain.ms.toFixed(0)} ms = ${mibs(bytes, rgPlain.ms).toFixed(0)} MiB/s → assay is **${(rgPlain.ms / assay.ms).toFixed(2)}×** ripgrep ${ok(rgPlain.ms / assay.ms >= 0.9)}` : "n/a (rg not installed)"} | ≥ 0.9× |
| ripgrep, same patterns, PCRE2 (-P, as written) | ${rgPcre ? `${rgPcre.ms.toFixed(0)} ms = ${mibs(bytes, rgPcre.ms).toFixed(0)} MiB/s → assay is ${(rgPcre.ms / assay.ms).toFixed(2)}× ripgrep -P` : "n/a"} | |
| history, \`assay secrets --history\` (${commits} commits, ${(patchBytes / 1024 / 1024).toFixed(0)} MiB of patch text) | ${hist.ms.toFixed(0)} ms in all ${ok(hist.ms < 30_000)}; history alone ≈ ${historyMs.toFixed(0)} ms = **${mibs(patchBytes, historyMs).toFixed(0)} MiB/s** of patch text; ${historyFound} findings; peak ${hist.rssMb.toFixed(0)} MiB | < 30 s, bounded memory |

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}${hasRg ? `, ${execFileSync("rg", ["--version"], { encoding: "utf8" }).split("\n")[0]}` : ""}.`);
if (process.env.BENCH_CLEAN) rmSync(work, { recursive: true, force: true });
