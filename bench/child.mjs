// Runs the real CLI entry (bin/assay.js) and, at exit, writes what only the process itself can
// know to the file named by ASSAY_BENCH_STATS: its CPU time and peak RSS (Node cannot read a
// child's rusage), the CPU time of the git processes it waited for (/proc/self/stat), and the
// bytes the workspace read (counted in src/workspace/read-stats.ts).
import { readFileSync, writeFileSync } from "node:fs";

process.on("exit", () => {
  const out = process.env.ASSAY_BENCH_STATS;
  if (!out) return;
  const u = process.resourceUsage();
  let childTicks = null;
  try {
    // Fields after the command name: state is field 3, cutime and cstime are fields 16 and 17.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    childTicks = Number(f[13]) + Number(f[14]);
  } catch {
    // Not Linux: children's CPU is unknown.
  }
  const read = globalThis[Symbol.for("assay.readStats")] ?? null;
  writeFileSync(out, JSON.stringify({ userUs: u.userCPUTime, sysUs: u.systemCPUTime, maxRssKb: u.maxRSS, childTicks, read }));
});
process.argv = [process.argv[0], new URL("../bin/assay.js", import.meta.url).pathname, ...process.argv.slice(2)];
await import("../bin/assay.js");
