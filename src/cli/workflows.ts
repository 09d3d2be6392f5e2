import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { scan } from "../api/scan.js";
import { AssayError } from "../core/errors.js";
import { isSeverity, SEVERITIES } from "../core/severity.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { formatFor, parse } from "./args.js";
import { clocks } from "./clock.js";
import { EXIT, useColor, type ExitCode, type Io } from "./io.js";
import { checkoutPolicyNotes, loadBaseline, loadPolicy } from "./load-config.js";
import { personaFlag, subfolderNotes } from "./scan.js";
import { selectRules } from "./select-rules.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage: assay workflows [DIR | FILE…] [--policy FILE] [--persona NAME] [--fail-on SEVERITY|none] [--format FORMAT] [--output FILE] [-v|--verbose] [--no-color]

Audits the CI workflows and actions of the repository in DIR, else in the current directory (the
workflows/ rules, with its assay.yml); a DIR inside a checkout's .github (.github/workflows) audits
that checkout and reports the findings in the DIR's files. With FILEs of the current directory's
checkout it reports only findings in them: the pre-commit hook assay-workflows passes the workflow
and action files a commit changes.
--persona pedantic adds hygiene rules and findings (a workflow without a name), auditor also what
needs the project's setup to judge (self-hosted runners), as zizmor's personas; default: the
policy's persona:, else regular.`;

const OPTIONS = {
  policy: { type: "string" },
  persona: { type: "string" },
  "fail-on": { type: "string" },
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  "no-color": { type: "boolean" },
  color: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
} as const;

/** A FILE argument as a path inside the checkout, or a usage error when it points outside or names nothing. */
function insideCheckout(root: string, cwd: string, file: string): string {
  const rel = relative(root, resolve(cwd, file));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) throw new AssayError("USAGE", `\`${file}\` is not a file inside the checkout`, { hint: "run it from the repository's root, as pre-commit does" });
  // A mistyped path would otherwise report nothing and pass: hooks pass only files that exist.
  if (!existsSync(resolve(cwd, file))) throw new AssayError("USAGE", `\`${file}\` does not exist`, { hint: "name workflow or action files of the checkout, or none to audit them all" });
  // A folder among files would filter every finding out and pass, as if its workflows were clean.
  if (isDirectory(resolve(cwd, file))) throw new AssayError("USAGE", `\`${file}\` is a folder: give one folder to audit it, or files of the checkout`, { hint: `assay workflows ${file}` });
  return rel.split(sep).join("/");
}

/**
 * For a folder that is or lies in a checkout's `.github`: that checkout, and the folder under it to
 * report on (none for `.github` itself: the whole audit is its files). Undefined otherwise. The
 * scan resolves the folder against the checkout's inventory, so no second listing of it is made.
 */
function githubFolder(full: string): { root: string; under?: string } | undefined {
  const parts = full.split(sep);
  const at = parts.lastIndexOf(".github");
  if (at < 1) return undefined;
  const root = parts.slice(0, at).join(sep) || sep;
  return at === parts.length - 1 ? { root } : { root, under: parts.slice(at).join("/") };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `assay workflows [DIR | FILE…]`: the workflow audit of a checkout, or of the current one reported for the given files only (the pre-commit hook). */
export async function workflowsCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, OPTIONS, Number.MAX_SAFE_INTEGER, USAGE);
  const format: Format = formatFor(values.format, values.output, FORMATS, "text");
  // One folder (`assay workflows .`, `assay workflows ../repo`) is the repository to audit, as zizmor takes one; a
  // folder of its `.github` (`assay workflows .github/workflows`) is that repository's, reported for its files.
  const dir = positionals.length === 1 && isDirectory(resolve(io.cwd, positionals[0] as string)) ? (positionals[0] as string) : undefined;
  const github = dir === undefined ? undefined : githubFolder(resolve(io.cwd, dir));
  const root = github?.root ?? resolve(io.cwd, dir ?? ".");
  const shown = github ? relative(io.cwd, github.root) || "." : (dir ?? ".");
  const policy = await loadPolicy(root, values.policy, io.cwd);
  const persona = personaFlag(values.persona);
  const { rules, checks } = await selectRules(["workflows"]);
  const failOn = values["fail-on"];
  // As scan says them: the audited checkout's own assay.yml turning rules off, and a folder audited without its repository's top.
  const notes = [...(await subfolderNotes(root, shown, "workflows")), ...checkoutPolicyNotes(policy, rules, { policy: values.policy, failOn })];
  if (failOn !== undefined) {
    if (failOn !== "none" && !isSeverity(failOn)) throw new AssayError("USAGE", `--fail-on takes a severity or none, not \`${failOn}\``, { hint: `one of: ${SEVERITIES.join(", ")}, none` });
    policy.fail.severity = failOn;
  }
  const only = dir === undefined ? positionals.map((f) => insideCheckout(root, io.cwd, f)) : [];
  const baseline = loadBaseline(root, policy, undefined, io.cwd);
  const clock = clocks(io, undefined);
  const assessment = await scan({
    path: root,
    displayPath: shown,
    policy,
    rules,
    checks,
    ...(persona ? { persona } : {}),
    now: clock.now,
    generatedAt: clock.generatedAt,
    ...(baseline ? { baseline: baseline.set, baselinePath: baseline.path } : {}),
    ...(only.length > 0 ? { only } : {}),
    ...(github?.under !== undefined ? { onlyUnder: github.under } : {}),
    notes,
  });
  const color = format === "text" && values.output === undefined && useColor(io, "stdout", values["no-color"] ? false : values.color);
  writeOutput(io, render(assessment, format, { color, verbose: Boolean(values.verbose) }), values.output);
  if (assessment.summary.ruleErrors > 0) return EXIT.internal;
  return assessment.gate.passed ? EXIT.passed : EXIT.failed;
}
