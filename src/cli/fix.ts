import { resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { applyEdits, type RejectedEdit } from "../core/apply-edits.js";
import { AssayError } from "../core/errors.js";
import { inertLine, visible } from "../core/escape.js";
import type { Finding, TextEdit } from "../core/finding.js";
import { scan } from "../api/scan.js";
import { GuardedReader } from "../workspace/guarded-read.js";
import { rewriteFile } from "../workspace/guarded-write.js";
import { DEFAULT_LIMITS } from "../workspace/workspace.js";
import { parse } from "./args.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { loadPolicy } from "./load-config.js";
import { clocks } from "./clock.js";
import { askForNamedRules, personaFlag } from "./scan.js";
import { selectRules } from "./select-rules.js";

const USAGE = `usage: assay fix [PATH] [--rule ID]… [--persona NAME] [--dry-run] [--policy FILE] [--now DATE]

Applies the edits fixable rules attach to open and baselined findings. --dry-run prints a unified
diff instead and exits 1 when something is fixable; --rule limits it to a rule or family, and
--persona (regular, pedantic, auditor) fixes what that persona reports.`;
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
  const { values, positionals } = parse(args, { rule: { type: "string", multiple: true }, persona: { type: "string" }, "dry-run": { type: "boolean" }, policy: { type: "string" }, now: { type: "string" } }, 1, USAGE);
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
    else await rewriteFile(target, path, new TextEncoder().encode(`${bom ? "\ufeff" : ""}${result.text}`));
  }
  const verb = values["dry-run"] ? "would fix" : "fixed";
  const fixed = fixedFindings.size;
  const refusedNote = refused.length > 0 ? `; ${refused.length} edit${refused.length === 1 ? "" : "s"} refused (the file changed since the scan, or edits overlap): run again` : "";
  io.stderr.write(`assay: ${verb} ${fixed} finding${fixed === 1 ? "" : "s"} in ${changedFiles} file${changedFiles === 1 ? "" : "s"}${refusedNote}\n`);
  const manual = assessment.findings.filter((f) => f.status === "open" && f.edits === undefined).length;
  if (manual > 0) io.stderr.write(`assay: ${manual} open finding${manual === 1 ? " needs" : "s need"} a manual fix; \`assay scan\` explains how\n`);
  return values["dry-run"] && changedFiles > 0 ? EXIT.failed : EXIT.passed;
}
