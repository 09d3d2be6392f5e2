import { AssayError } from "../core/errors.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { withOwnMeta } from "../report/rule-meta.js";
import { CHECKS, RULES } from "../rules/index.js";
import { formatFor, parse, usageLines } from "./args.js";
import { gateHint } from "./gate-hint.js";
import { EXIT, say, useColor, type ExitCode, type Io } from "./io.js";
import { loadAssessment, renderLoaded } from "./load-assessment.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage: assay report --from ASSESSMENT.json [--format ${FORMATS.join("|")}] [--output FILE] [--no-color]

Re-renders an assessment saved with \`assay scan --format json\` and exits with its gate verdict.
Rules and checks this assay knows are described in its own words, not the file's; a rule it does
not know keeps the file's words as plain text, and only its https references, shown as text.`;

/** `assay report`: re-renders a saved assessment without scanning again; exits with its gate verdict. */
export function reportCommand(args: readonly string[], io: Io): ExitCode {
  const { values, positionals } = parse(args, { from: { type: "string" }, format: { type: "string", short: "f" }, output: { type: "string", short: "o" }, "no-color": { type: "boolean" } }, 1, USAGE);
  // `assay report saved.json` is the natural first guess: name the flag it needs, with that file.
  const named = positionals[0];
  if (named !== undefined) throw new AssayError("USAGE", `unexpected argument \`${named}\`${values.from === undefined ? ": the saved assessment is given with --from" : ""}`, { hint: values.from === undefined ? `assay report --from ${named}` : usageLines(USAGE) });
  if (values.from === undefined) throw new AssayError("USAGE", "`assay report` needs --from FILE: an assessment saved with `assay scan --format json --output FILE`", { hint: usageLines(USAGE) });
  const format: Format = formatFor(values.format, values.output, FORMATS, "text");
  // Rule and check meta come from this assay, never from the file (see rule-meta.ts).
  const loaded = loadAssessment(io, values.from);
  const a = renderLoaded(values.from, () => withOwnMeta(loaded, { rules: RULES, checks: CHECKS }));
  const toTerminal = format === "text" && values.output === undefined;
  const color = toTerminal && useColor(io, "stdout", values["no-color"] ? false : undefined);
  // As `assay scan` does: wrap for a person at a terminal, and after the text say what to do about a failed gate.
  const width = toTerminal && io.stdout.isTTY ? (io.stdout.columns ?? 0) : 0;
  writeOutput(io, renderLoaded(values.from, () => render(a, format, { color, width })), values.output);
  const hint = toTerminal ? gateHint(a) : undefined;
  if (hint !== undefined) say(io, hint);
  return a.gate.passed ? EXIT.passed : EXIT.failed;
}
