import { resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { applyEdits, type RejectedEdit } from "../core/apply-edits.js";
import { AssayError } from "../core/errors.js";
import { inertLine, visible } from "../core/escape.js";
import type { Finding, TextEdit } from "../core/finding.js";
import { scan } from "../api/scan.js";
import type { Assessment } from "../core/assessment.js";
import { filterOverrides, nearestDotGit, runGitStatus } from "../workspace/git.js";
import { GuardedReader } from "../workspace/guarded-read.js";
import { rewriteFile } from "../workspace/guarded-write.js";
import { DEFAULT_LIMITS } from "../workspace/workspace.js";
import { parse } from "./args.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { loadPolicy } from "./load-config.js";
import { clocks } from "./clock.js";
import { askForNamedRules, personaFlag } from "./scan.js";
import { selectRules } from "./select-rules.js";

const USAGE = `usage: assay fix [PATH] [--rule ID]… [--persona NAME] [--dry-run] [--allow-dirty] [--policy FILE] [--now DATE]

Applies the edits fixable rules attach to open and baselined findings. --dry-run prints a unified
diff instead and exits 1 when something is fixable; --rule limits it to a rule or family, and
--persona (regular, pedantic, auditor) fixes what that persona reports. In a git checkout it
refuses to edit a file with uncommitted changes (commit or stash them first, so the fixes can be
reviewed and undone on their own); --allow-dirty edits it anyway.`;
/** At most this many files are named when fixing is refused; the rest are counted. */
const NAMED_FILES = 5;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A diff of repository files, shown to people and CI logs: controls made visible (tabs and a line's
 * final CR kept, so ordinary patches still apply) and no line able to act as a workflow command.
 */
function printableDiff(diff: string): string {
  return diff
    .split("\n")
    .map((l) => {
      const cr = l.endsWith("\r") ? "\r" : "";
      return inertLine(visible(cr ? l.slice(0, -1) : l, true)) + cr;
    })
    .join("\n");
}

/**
 * `assay fix`: applies the edits rules attach to open (and baselined) findings. Suppressed and
 * excepted findings were accepted on purpose and are left alone. `--dry-run` prints a unified
 * diff and exits 1 when there is something to fix, so CI can ask "is anything fixable?".
 */
export async function fixCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { rule: { type: "string", multiple: true }, persona: { type: "string" }, "dry-run": { type: "boolean" }, "allow-dirty": { type: "boolean" }, policy: { type: "string" }, now: { type: "string" } }, 1, USAGE);
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const clock = clocks(io, values.now);
  const policy = await loadPolicy(target, values.policy, io.cwd);
  const persona = personaFlag(values.persona);
  const { rules, checks } = await selectRules(values.rule);
  askForNamedRules(policy, values.rule, rules);
  const assessment = await scan({ path: target, displayPath: positionals[0] ?? ".", policy, rules, checks, ...(persona ? { persona } : {}), now: clock.now, generatedAt: clock.generatedAt });
  const fixable = assessment.findings.filter((f) => (f.status === "open" || f.status === "baselined") && f.edits !== undefined);
  const byFile = new Map<string, { edits: TextEdit[]; findings: Set<Finding> }>();
  for (const f of fixable) {
    for (const e of f.edits ?? []) {
      const entry = byFile.get(e.path) ?? { edits: [], findings: new Set<Finding>() };
      entry.edits.push(e);
      entry.findings.add(f);
      byFile.set(e.path, entry);
    }
  }
  const reader = new GuardedReader(target);
  let changedFiles = 0;
  const fixedFindings = new Set<Finding>();
  const refused: RejectedEdit[] = [];
  const changes: { path: string; bytes: Uint8Array }[] = [];
  for (const [path, { edits, findings }] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const read = await reader.read(path, { limit: DEFAULT_LIMITS.maxFileBytes, maxSize: DEFAULT_LIMITS.maxFileBytes, whole: true });
    if (!read.ok) throw new AssayError("INTERNAL", `${path}: could not be read for fixing (${read.reason})`);
    let text: string;
    try {
      text = UTF8.decode(read.bytes);
    } catch {
      refused.push(...edits.map((edit) => ({ edit, reason: "stale" as const })));
      continue;
    }
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    const result = applyEdits(text, edits);
    refused.push(...result.rejected);
    if (result.text === text) continue;
    changedFiles++;
    for (const f of findings) if ((f.edits ?? []).some((e) => result.applied.includes(e))) fixedFindings.add(f);
    // jsdiff starts with a "====" banner line; a plain unified diff is what `git apply` and people expect.
    if (values["dry-run"]) io.stdout.write(printableDiff(createTwoFilesPatch(`a/${path}`, `b/${path}`, text, result.text, "", "", { context: 3 }).replace(/^=+\n/, "")));
    else changes.push({ path, bytes: new TextEncoder().encode(`${bom ? "\ufeff" : ""}${result.text}`) });
  }
  // Nothing is written until every file to change is known to be committed: a refusal leaves the tree as it was.
  if (!values["allow-dirty"]) await refuseUncommitted(target, assessment, changes.map((c) => c.path));
  for (const c of changes) await rewriteFile(target, c.path, c.bytes);
  const verb = values["dry-run"] ? "would fix" : "fixed";
  const fixed = fixedFindings.size;
  // Files this run changed are uncommitted now: the next run would refuse them until they are committed.
  const again = !values["dry-run"] && changes.length > 0 && assessment.target.vcs === "git" && !values["allow-dirty"] ? "review and commit these fixes, then run again" : "run again";
  const refusedNote = refused.length > 0 ? `; ${refused.length} edit${refused.length === 1 ? "" : "s"} refused (the file changed since the scan, or edits overlap): ${again}` : "";
  io.stderr.write(`assay: ${verb} ${fixed} finding${fixed === 1 ? "" : "s"} in ${changedFiles} file${changedFiles === 1 ? "" : "s"}${refusedNote}\n`);
  const manual = assessment.findings.filter((f) => f.status === "open" && f.edits === undefined).length;
  if (manual > 0) io.stderr.write(`assay: ${manual} open finding${manual === 1 ? " needs" : "s need"} a manual fix; \`assay scan\` explains how\n`);
  return values["dry-run"] && changedFiles > 0 ? EXIT.failed : EXIT.passed;
}

/**
 * Refuses to edit files of a git checkout that have uncommitted changes (modified, staged or
 * untracked): the fixes would mix with the user's own edits, and `git checkout` could no longer undo
 * them alone (cargo fix refuses likewise). Fails closed when git cannot say. A folder that is not a
 * git checkout has nothing to compare with, and is edited.
 */
async function refuseUncommitted(target: string, assessment: Assessment, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const hint = "commit or stash your changes first, so the fixes can be reviewed and undone on their own (`git diff`); --dry-run shows them without writing, --allow-dirty edits anyway";
  if (assessment.target.vcs !== "git") {
    // Without git, a checkout is walked as a plain folder: whether its files are committed cannot be known.
    if (assessment.diagnostics.some((d) => d.code === "git-missing") && (await nearestDotGit(target)) !== undefined) {
      throw new AssayError("USAGE", `nothing was fixed: git is not installed (not on PATH), so assay cannot tell whether ${paths.length === 1 ? "the file to fix has" : `the ${paths.length} files to fix have`} uncommitted changes`, { hint: "install git, or pass --allow-dirty to edit anyway (--dry-run shows the fixes without writing)" });
    }
    return;
  }
  const prefix = assessment.target.subfolder ? `${assessment.target.subfolder}/` : "";
  let out: Awaited<ReturnType<typeof runGitStatus>>;
  try {
    // The working tree is read: the repository's own filter drivers are switched off, and its paths are never pathspec magic.
    out = await runGitStatus(target, ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all", "--", ...paths], 64 * 1024 * 1024, await filterOverrides(target));
  } catch (e) {
    throw new AssayError("USAGE", `could not ask git whether the files to fix have uncommitted changes (${e instanceof Error ? e.message : String(e)})`, { hint });
  }
  if (out.code !== 0) throw new AssayError("USAGE", `could not ask git whether the files to fix have uncommitted changes (${out.stderr.split("\n")[0]?.trim() || `git status exited with ${String(out.code)}`})`, { hint });
  // Entries are "XY path", NUL-terminated, paths from the repository's top; a staged rename or copy adds its old path as one more entry.
  const changed = new Set<string>();
  const entries = out.stdout.toString("utf8").split("\0");
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] ?? "";
    changed.add(e.slice(3));
    if (e[0] === "R" || e[0] === "C") i++;
  }
  // A name git printed in bytes that are not UTF-8 cannot be matched to its file: then no file is taken for committed.
  const unreadable = [...changed].some((p) => p.includes("\ufffd"));
  const dirty = paths.filter((p) => unreadable || changed.has(`${prefix}${p}`));
  if (dirty.length === 0) return;
  const named = dirty.slice(0, NAMED_FILES).join(", ") + (dirty.length > NAMED_FILES ? ` and ${dirty.length - NAMED_FILES} more` : "");
  throw new AssayError("USAGE", `nothing was fixed: ${dirty.length === 1 ? "a file to fix has" : `${dirty.length} files to fix have`} uncommitted changes: ${named}`, { hint });
}
