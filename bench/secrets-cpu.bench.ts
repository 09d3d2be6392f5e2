// `npx tsx bench/secrets-cpu.bench.ts [DIR]`: the file scan of the secrets family alone, on this
// thread, in CPU time (process.cpuUsage; best of BENCH_RUNS, default 5), so a shared machine's
// load does not hide a change. DIR defaults to the tree bench/secrets.bench.ts generates. For
// figures comparable with the CLI's bundle, bundle this file with esbuild and run it with node.
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { secretsTextScanner } from "../src/secrets/text-scanner.js";
import { scanFileBatch } from "../src/workspace/file-scan.js";

const root = process.argv[2] ?? join(process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench-secrets"), "tree");
const paths = execFileSync("find", [".", "-type", "f"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }).trim().split("\n").map((p) => p.replace(/^\.\//, "")).sort();
const scan = secretsTextScanner.create();
const runs = Number(process.env.BENCH_RUNS ?? 5);
let best = Infinity;
let bytes = 0;
let matches = 0;
for (let r = 0; r < runs; r++) {
  const before = process.cpuUsage();
  bytes = 0;
  matches = 0;
  for (let i = 0; i < paths.length; i += 64) {
    const res = scanFileBatch(root, paths.slice(i, i + 64), { scanVendored: false, scanMinified: false }, scan);
    bytes += res.bytes;
    for (const f of res.files) matches += f.matches.length;
  }
  const used = process.cpuUsage(before);
  best = Math.min(best, (used.user + used.system) / 1000);
}
console.log(`${paths.length} files, ${(bytes / 1048576).toFixed(1)} MiB scanned, ${matches} matches: best ${best.toFixed(0)} ms CPU = ${(bytes / 1048576 / (best / 1000)).toFixed(0)} MiB/s of CPU on one thread`);
