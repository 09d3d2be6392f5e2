import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { appendVexStatement, decisionProblem, VEX_JUSTIFICATIONS, VEX_STATUSES, type VexDecision, type VexStatus } from "../advisories/openvex.js";
import { AssayError } from "../core/errors.js";
import { parseJsonText } from "../core/json-text.js";
import { didYouMean } from "../core/suggest.js";
import { parse } from "./args.js";
import { EXIT, shownPath, type ExitCode, type Io } from "./io.js";
import { clocks } from "./clock.js";
import { readUserFile } from "./load-config.js";
import { assertCheckoutTarget, writeCheckoutFile } from "../workspace/guarded-write.js";
import { checkoutRoot } from "../workspace/workspace.js";

const USAGE = `usage: assay vex [PATH] --vulnerability ID --product PURL… --status not_affected|affected|fixed|under_investigation [--justification J] [--impact TEXT] [--action TEXT] [--alias ID]… [--author NAME] [--file FILE]

Records a triage decision about a vulnerability as an OpenVEX statement, in .vex/assay.openvex.json
of the checkout (or --file), which later scans apply: not_affected (with a --justification such as
vulnerable_code_not_in_execute_path, or an --impact statement) and fixed close the finding;
affected (with an --action saying what users should do) and under_investigation only annotate it.
Products are package URLs (pkg:npm/name@1.2.3), as the scan's finding names the package. e.g.
  assay vex --vulnerability GHSA-p6mc-m468-83gw --product pkg:npm/lodash@4.17.15 --status not_affected --justification vulnerable_code_not_in_execute_path`;

/** Where decisions are written by default: an OpenVEX document the scan reads back. */
export const DEFAULT_VEX_FILE = ".vex/assay.openvex.json";

/** A VEX document is statements, kilobytes each: past this it is not one worth reading whole. */
const MAX_VEX_BYTES = 64 * 1024 * 1024;

/** `assay vex`: records a triage decision as an OpenVEX statement (a new document, or appended to one). */
export function vexCommand(args: readonly string[], io: Io): ExitCode {
  const { values, positionals } = parse(
    args,
    {
      vulnerability: { type: "string" },
      product: { type: "string", multiple: true },
      status: { type: "string" },
      justification: { type: "string" },
      impact: { type: "string" },
      action: { type: "string" },
      alias: { type: "string", multiple: true },
      author: { type: "string" },
      file: { type: "string" },
    },
    1,
    USAGE,
  );
  if (!values.vulnerability || !values.status) throw new AssayError("USAGE", "`assay vex` needs --vulnerability and --status", { hint: USAGE.split("\n")[0] });
  const decision: VexDecision = {
    vulnerability: values.vulnerability,
    products: values.product ?? [],
    status: values.status as VexStatus,
    ...(values.alias ? { aliases: values.alias } : {}),
    ...(values.justification ? { justification: values.justification } : {}),
    ...(values.impact ? { impactStatement: values.impact } : {}),
    ...(values.action ? { actionStatement: values.action } : {}),
  };
  // A typo in a fixed vocabulary is named with the word it is closest to, before the list.
  for (const [flag, value, words] of [["--status", values.status, VEX_STATUSES], ["--justification", values.justification, VEX_JUSTIFICATIONS]] as const) {
    if (value !== undefined && !(words as readonly string[]).includes(value)) throw new AssayError("USAGE", `${flag} \`${value}\` is not an OpenVEX ${flag.slice(2)}${didYouMean(value, words)}`, { hint: `one of: ${words.join(", ")}` });
  }
  const problem = decisionProblem(decision);
  if (problem) throw new AssayError("USAGE", problem, { hint: USAGE.split("\n")[0] });
  const root = checkoutRoot(resolve(io.cwd, positionals[0] ?? "."));
  // The default file is in the checkout, which may hold a link out of it there: refused, never read or written through.
  const file = values.file !== undefined ? resolve(io.cwd, values.file) : assertCheckoutTarget(root, DEFAULT_VEX_FILE);
  const shown = shownPath(io.cwd, file);
  // The checkout's document is repository content: a regular file of a bounded size (a FIFO would
  // hang the read), and a syntax error names its position, never an excerpt of what it holds.
  const existing = existsSync(file) ? readUserFile(file, shown, { missing: "FILE_UNREADABLE", invalid: "VEX_INVALID" }, "VEX document", MAX_VEX_BYTES) : undefined;
  if (existing !== undefined) parseJsonText(existing, shown, "VEX_INVALID", "choose another --file");
  let text: string;
  try {
    text = appendVexStatement(existing, decision, { author: values.author ?? io.env.ASSAY_VEX_AUTHOR ?? "assay", now: clocks(io, undefined).generatedAt });
  } catch (e) {
    throw new AssayError("VEX_INVALID", `${shown} is not an OpenVEX document (${e instanceof Error ? e.message : String(e)})`, { hint: "choose another --file" });
  }
  if (values.file === undefined) writeCheckoutFile(root, DEFAULT_VEX_FILE, text);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  io.stdout.write(`${existing ? "appended to" : "wrote"} ${shownPath(io.cwd, file)}: ${decision.vulnerability} ${decision.status} for ${decision.products.join(", ")}\n`);
  return EXIT.passed;
}
