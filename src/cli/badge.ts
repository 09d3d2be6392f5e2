import { resolve } from "node:path";
import { scan } from "../api/scan.js";
import type { Assessment } from "../core/assessment.js";
import { renderBadgeEndpoint, renderBadgeSvg } from "../report/badge/render-badge.js";
import { RULES } from "../rules/index.js";
import { parse } from "./args.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { loadAssessment } from "./load-assessment.js";
import { loadPolicy } from "./load-config.js";
import { clocks } from "./clock.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage: assay badge [PATH] [--from ASSESSMENT.json] [--output badge.svg] [--endpoint badge.json] [--label TEXT] [--policy FILE]

Draws an SVG badge with the score and grade for a README, from a scan of PATH (default .) or from
an assessment saved with \`assay scan --format json\` (--from); --endpoint also writes a Shields.io
endpoint document. The badge shows the score whatever the gate says: it exits 0 unless a rule failed (3).`;

/**
 * `assay badge`: an SVG badge with the score and grade for a README, and optionally a Shields.io
 * endpoint file; from a saved assessment, or from a fresh scan of PATH.
 */
export async function badgeCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { from: { type: "string" }, output: { type: "string", short: "o" }, endpoint: { type: "string" }, label: { type: "string" }, policy: { type: "string" } }, 1, USAGE);
  let a: Assessment;
  if (values.from !== undefined) a = loadAssessment(io, values.from);
  else {
    const target = resolve(io.cwd, positionals[0] ?? ".");
    a = await scan({ path: target, displayPath: positionals[0] ?? ".", policy: await loadPolicy(target, values.policy, io.cwd), rules: RULES, ...clocks(io, undefined) });
  }
  const label = values.label ?? "assay";
  writeOutput(io, renderBadgeSvg(a, label), values.output);
  if (values.endpoint !== undefined) writeOutput(io, renderBadgeEndpoint(a, label), values.endpoint);
  if (values.output !== undefined && values.output !== "-") io.stderr.write(`assay: wrote ${values.output}${values.endpoint ? ` and ${values.endpoint}` : ""}\n`);
  return a.summary.ruleErrors > 0 ? EXIT.internal : EXIT.passed;
}
