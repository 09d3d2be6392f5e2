// Runs the real CLI entry (bin/assay.js) and, at exit, writes its peak RSS to the file named by
// ASSAY_BENCH_RSS: Node cannot read a child's rusage, so the child reports its own.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.ASSAY_BENCH_RSS) writeFileSync(process.env.ASSAY_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024));
});
process.argv = [process.argv[0], new URL("../bin/assay.js", import.meta.url).pathname, ...process.argv.slice(2)];
await import("../bin/assay.js");
