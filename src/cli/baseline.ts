import { relative, resolve } from "node:path";
import { createBaseline } from "../policy/baseline.js";
import { scan } from "../api/scan.js";
import { RULES } from "../rules/index.js";
import { parse } from "./args.js";
import { clocks } from "./clock.js";
import { EXIT, say, shownPath, type ExitCode, type Io } from "./io.js";
import { baselinePath, loadPolicy } from "./load-config.js";
import { writeOutput } from "./write-output.js";
import { writeCheckoutFile } from "../workspace/guarded-write.js";
import { safeJson } from "../core/escape.js";

const USAGE = `usage: assay baseline [PATH] [--output FILE] [--policy FILE] [--now DATE]

Records today's open findings so later scans report them as baselined and the gate fails only on
new ones. Writes where the policy's \`baseline:\` says (a path inside the checkout), else
.assay/baseline.json; --output writes anywhere (- for standard output).`;

/** `assay baseline`: records today's findings so the gate shows only new ones. */
export async function baselineCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { output: { type: "string", short: "o" }, policy: { type: "string" }, now: { type: "string" } }, 1, USAGE);
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const clock = clocks(io, values.now);
  const policy = await loadPolicy(target, values.policy, io.cwd);
  // Where the next scan will look: the policy's `baseline:` (checked to stay inside the checkout) or the default.
  const looked = baselinePath(target, policy, undefined, io.cwd).path;
  const output = values.output !== undefined ? resolve(io.cwd, values.output) : looked;
  const assessment = await scan({ path: target, displayPath: positionals[0] ?? ".", policy, rules: RULES, now: clock.now, generatedAt: clock.generatedAt });
  // Suppressed and excepted findings are already handled by their own mechanisms; only open ones are debt.
  const baseline = createBaseline(assessment.findings);
  // `--output -` is standard output, as for every other command (it wrote a file named "-"); an
  // empty one is writeOutput's usage error.
  const stdout = values.output === "-";
  const text = `${safeJson(JSON.stringify(baseline, null, 2))}\n`;
  // The checkout's own place for it (the default, or the policy's `baseline:`) is repository content:
  // a link there, or a folder on the way that leads out, is refused rather than written through.
  if (values.output === undefined) writeCheckoutFile(target, relative(target, output), text);
  else writeOutput(io, text, stdout || values.output === "" ? values.output : output);
  const n = baseline.findings.length;
  if (stdout) {
    say(io, `assay: printed a baseline of ${n} finding${n === 1 ? "" : "s"}; save it to a file and pass it to scans with --baseline FILE`);
    return assessment.summary.ruleErrors > 0 ? EXIT.internal : EXIT.passed;
  }
  // What makes the baseline count where it matters: CI reads the committed file, or only the one it is
  // told of. A folder that is no git checkout has nothing to commit to: scans of it read the file where it is.
  const kept = assessment.target.vcs === "git" ? "commit it, so CI's scans do too" : "keep it with the folder (it is not a git checkout, so there is nothing to commit it to)";
  const next = output === looked ? kept : `pass \`--baseline ${shownPath(io.cwd, output)}\` to scans that should use it`;
  say(io, `assay: recorded ${n} finding${n === 1 ? "" : "s"} in ${shownPath(io.cwd, output)}; scans now report them as baselined: ${next}`);
  return assessment.summary.ruleErrors > 0 ? EXIT.internal : EXIT.passed;
}
