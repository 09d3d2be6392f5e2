import { join, resolve } from "node:path";
import { createBaseline } from "../policy/baseline.js";
import { scan } from "../api/scan.js";
import { RULES } from "../rules/index.js";
import { parse } from "./args.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { DEFAULT_BASELINE, loadPolicy } from "./load-config.js";
import { clock } from "./scan.js";
import { writeOutput } from "./write-output.js";

const USAGE = "usage: assay baseline [PATH] [--output FILE] [--policy FILE]";

/** `assay baseline`: records today's findings so the gate shows only new ones. */
export async function baselineCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { output: { type: "string", short: "o" }, policy: { type: "string" } }, 1, USAGE);
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const policy = loadPolicy(target, values.policy, io.cwd);
  const assessment = await scan({ path: target, displayPath: positionals[0] ?? ".", policy, rules: RULES, now: clock(io) });
  // Suppressed and excepted findings are already handled by their own mechanisms; only open ones are debt.
  const baseline = createBaseline(assessment.findings);
  const output = values.output ?? join(target, DEFAULT_BASELINE);
  writeOutput(io, `${JSON.stringify(baseline, null, 2)}\n`, output);
  io.stderr.write(`assay: recorded ${baseline.findings.length} finding${baseline.findings.length === 1 ? "" : "s"} in ${values.output ?? join(positionals[0] ?? ".", DEFAULT_BASELINE)}; scans now report them as baselined\n`);
  return assessment.summary.ruleErrors > 0 ? EXIT.internal : EXIT.passed;
}
