import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ASSESSMENT_VERSION, type Assessment } from "../core/assessment.js";
import { AssayError } from "../core/errors.js";
import { parseJsonText } from "../core/json-text.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { parse } from "./args.js";
import { EXIT, useColor, type ExitCode, type Io } from "./io.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage: assay report --from ASSESSMENT.json [--format text|json|sarif|markdown|github] [--output FILE] [--no-color]

Re-renders an assessment saved with \`assay scan --format json\` and exits with its gate verdict.`;

/** `assay report`: re-renders a saved assessment without scanning again; exits with its gate verdict. */
export function reportCommand(args: readonly string[], io: Io): ExitCode {
  const { values } = parse(args, { from: { type: "string" }, format: { type: "string", short: "f" }, output: { type: "string", short: "o" }, "no-color": { type: "boolean" } }, 0, USAGE);
  if (values.from === undefined) throw new AssayError("USAGE", "--from is required", { hint: USAGE });
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new AssayError("USAGE", `unknown format \`${values.format}\``, { hint: `one of: ${FORMATS.join(", ")}` });
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, values.from), "utf8");
  } catch (e) {
    throw new AssayError("ASSESSMENT_INVALID", `could not read ${values.from} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const data = parseJsonText(text, values.from, "ASSESSMENT_INVALID", "produce it with `assay scan --format json`") as Partial<Assessment>;
  const major = (v: unknown) => (typeof v === "string" ? v.split(".")[0] : undefined);
  if (typeof data !== "object" || data === null || major(data.schemaVersion) !== major(ASSESSMENT_VERSION)) {
    throw new AssayError("ASSESSMENT_INVALID", `${values.from} is not an assay assessment of schema ${ASSESSMENT_VERSION}`, { hint: "produce it with `assay scan --format json`" });
  }
  const a = data as Assessment;
  const color = format === "text" && values.output === undefined && useColor(io, "stdout", values["no-color"] ? false : undefined);
  writeOutput(io, render(a, format, { color }), values.output);
  return a.gate.passed ? EXIT.passed : EXIT.failed;
}
