import { existsSync, lstatSync, realpathSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { scan } from "../api/scan.js";
import { answersTemplate, DEFAULT_ANSWERS, noAnswers, parseAnswers, type Answers } from "../assess/answers.js";
import { documentChanges } from "../assess/check.js";
import { buildSelfAssessment } from "../assess/document.js";
import { renderAssessmentHtml } from "../assess/html.js";
import { renderAssessmentMarkdown } from "../assess/markdown.js";
import { attackSurface } from "../assess/surface.js";
import { AssayError } from "../core/errors.js";
import { inertText } from "../core/escape.js";
import { RULES } from "../rules/index.js";
import { Workspace } from "../workspace/workspace.js";
import { formatFor, parse } from "./args.js";
import { EXIT, say, shownPath, type ExitCode, type Io } from "./io.js";
import { loadPolicy, readUserFile } from "./load-config.js";
import { clocks } from "./clock.js";
import { connectAdvisories } from "./advisory-connection.js";
import { writeOutput } from "./write-output.js";
import { writeCheckoutFile } from "../workspace/guarded-write.js";
import { insideCheckout } from "../workspace/inside-checkout.js";

const USAGE = `usage: assay assess [PATH] [--output FILE] [--format markdown|html] [--check] [--answers FILE] [--policy FILE] [--db DIR] | assay assess [PATH] --init [--force]

Drafts the project's CNCF TAG-Security self-assessment from the evidence of a scan (every rule's
verdict, cited by file, line and rule) and the answers only maintainers can give.
  --init             write .assay/assessment.yml, every question commented, to answer (--force overwrites)
  --answers FILE     the answers (default: .assay/assessment.yml)
  -o, --output FILE  write the document to FILE (default: standard output)
  --check            exit 1 when the committed document (--output, or SECURITY-ASSESSMENT.md) is stale
                     or a required answer is missing: for CI`;
/** Where `--check` looks for the committed document when `--output` does not say. */
export const DEFAULT_DOCUMENT = "SECURITY-ASSESSMENT.md";

/** An answers file larger than this is not one people wrote. */
const MAX_ANSWERS_BYTES = 1024 * 1024;

/** A committed self-assessment larger than this is not one assay wrote. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * `assay assess`: the project's security self-assessment, drafted from evidence (every rule's
 * verdict, cited by file, line and rule) and the maintainers' answers; `--check` fails when the
 * committed document is stale or a required answer is missing; `--init` writes the answers file.
 */
export async function assessCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, {
    output: { type: "string", short: "o" }, format: { type: "string", short: "f" }, check: { type: "boolean" }, init: { type: "boolean" },
    force: { type: "boolean" }, answers: { type: "string" }, policy: { type: "string" }, db: { type: "string" },
  }, 1, USAGE);
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const format = formatFor(values.format, values.output, ["markdown", "html"] as const, "markdown");
  const answersPath = values.answers !== undefined ? resolve(io.cwd, values.answers) : join(target, DEFAULT_ANSWERS);

  if (values.init) {
    if (existsSync(answersPath) && !values.force) throw new AssayError("USAGE", `${shownPath(io.cwd, answersPath)} already exists`, { hint: "edit it, or pass --force to overwrite it" });
    if (values.answers !== undefined) writeOutput(io, answersTemplate(), answersPath);
    else writeCheckoutFile(target, DEFAULT_ANSWERS, answersTemplate());
    io.stderr.write(`assay: wrote ${shownPath(io.cwd, answersPath)}: answer its questions, then run \`assay assess\`\n`);
    return EXIT.passed;
  }

  const answers = readAnswers(io, target, answersPath, values.answers !== undefined);
  const policy = await loadPolicy(target, values.policy, io.cwd);
  // Known vulnerabilities belong in the document: the same advisory store a scan reads.
  const advisories = connectAdvisories(io, values.db);
  const assessment = await scan({ path: target, displayPath: positionals[0] ?? ".", policy, rules: RULES, advisories, ...clocks(io, undefined) }).finally(() => {
    if ("database" in advisories) (advisories.database as { close?: () => void }).close?.();
  });
  const ws = await Workspace.open(target, { exclude: policy.exclude });
  const surface = await attackSurface(ws);
  const doc = buildSelfAssessment(assessment, answers, surface.items, basename(target));
  // Printed to a CI log, the Markdown's quotes of repository text (a file named `x##[error]y`, in a
  // code span) must not act as workflow commands, as the Markdown report's must not.
  const text = format === "html" ? renderAssessmentHtml(doc) : inertText(renderAssessmentMarkdown(doc));

  if (values.check) {
    const committedPath = resolve(io.cwd, values.output ?? join(target, DEFAULT_DOCUMENT));
    const shown = shownPath(io.cwd, committedPath);
    const problems: string[] = [];
    if (!existsSync(committedPath)) problems.push(`${shown} does not exist: run \`assay assess --output ${shown}\``);
    else {
      // The checkout's own document is repository content: a link out of the checkout is refused, and
      // any document is read whole only when it is a regular file of a bounded size (not /dev/zero).
      if (values.output === undefined) {
        const r = insideCheckout(target, DEFAULT_DOCUMENT);
        if (!r.ok) throw new AssayError("ASSESSMENT_INVALID", `${shown} ${r.why}`, { hint: "keep the self-assessment a file in the repository, or name one with --output" });
      }
      const committed = readUserFile(committedPath, shown, { missing: "FILE_UNREADABLE", invalid: "ASSESSMENT_INVALID" }, "self-assessment document", MAX_DOCUMENT_BYTES);
      const changes = documentChanges(committed, text, relative(target, answersPath).startsWith("..") ? answersPath : relative(target, answersPath));
      if (changes.length > 0) problems.push(`${shown} is stale against today's evidence: run \`assay assess --output ${shown}\` and commit it`, ...changes.map((c) => `  ${c}`));
    }
    if (doc.missingRequired.length > 0) problems.push(`required answers missing in ${shownPath(io.cwd, answersPath)}: ${doc.missingRequired.join(", ")}`);
    // Changes quote the committed document's headings and lines: say() keeps them from acting on the terminal.
    for (const p of problems) say(io, `assay: ${p}`);
    if (problems.length === 0) io.stderr.write(`assay: ${shown} is current\n`);
    return problems.length > 0 ? EXIT.failed : EXIT.passed;
  }
  writeOutput(io, text, values.output);
  if (values.output !== undefined && values.output !== "-") {
    io.stderr.write(`assay: wrote ${values.output}${doc.missingRequired.length > 0 ? `; ${doc.missingRequired.length} required answer${doc.missingRequired.length === 1 ? " is" : "s are"} still missing (${doc.missingRequired.join(", ")})` : ""}\n`);
  }
  return assessment.summary.ruleErrors > 0 ? EXIT.internal : EXIT.passed;
}

/**
 * The answers file: a `--answers` path may be anywhere; the default one, in the scanned checkout,
 * must not lead out of it through a symbolic link (the repository is hostile input).
 */
function readAnswers(io: Io, target: string, path: string, fromFlag: boolean): Answers {
  if (!existsSync(path)) {
    if (fromFlag) throw new AssayError("USAGE", `answers file not found: ${shownPath(io.cwd, path)}`, { hint: "write one with `assay assess --init`" });
    return noAnswers();
  }
  const shown = shownPath(io.cwd, path);
  if (!fromFlag) {
    const real = realpathSync(path);
    const root = realpathSync(target);
    if (lstatSync(path).isSymbolicLink() || !(real === root || real.startsWith(root + sep))) throw new AssayError("ANSWERS_INVALID", `${shown} is a symbolic link out of the checkout`, { hint: "keep the answers file in the repository" });
  }
  // The document names the answers file relative to the checkout, so it reads the same wherever assay runs.
  const inside = relative(target, path);
  return parseAnswers(readUserFile(path, shown, { missing: "ANSWERS_INVALID", invalid: "ANSWERS_INVALID" }, "answers file", MAX_ANSWERS_BYTES), inside.startsWith("..") ? shown : inside);
}
