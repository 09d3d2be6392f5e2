import { dirname, resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { PERSONAS, type Persona, type Rule } from "../core/rule.js";
import { didYouMean } from "../core/suggest.js";
import type { Policy } from "../policy/policy-file.js";
import { isSeverity, SEVERITIES } from "../core/severity.js";
import { scan } from "../api/scan.js";
import { githubConnector } from "../forge/connect.js";
import { credentialVerifier } from "../forge/credential-check.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { scoreOutOfTen } from "../report/labels.js";
import { formatFor, parse } from "./args.js";
import { SCAN_OPTIONS, workersFrom } from "./scan-options.js";
import { connectAdvisories } from "./advisory-connection.js";
import { clocks } from "./clock.js";
import { EXIT, say, useColor, type ExitCode, type Io } from "./io.js";
import { checkoutPolicyNotes, loadBaseline, loadGateAtBase, loadPolicy } from "./load-config.js";
import { progress } from "./progress.js";
import { selectRules } from "./select-rules.js";
import { writeOutput } from "./write-output.js";
import { gateHint } from "./gate-hint.js";
import { nearestDotGit } from "../workspace/git.js";
import type { Diagnostic } from "../core/assessment.js";

export const SCAN_USAGE = `usage: assay scan [PATH] [--format FORMAT] [--output FILE] [--policy FILE] [--baseline FILE] [--fail-on SEVERITY|none] [--min-score N] [--rule ID]… [--persona NAME] [--history [--since REV]] [--diff BASE|--changed-since BASE] [--now DATE] [--online] [--db DIR] [--timings] [-v|--verbose] [--no-color]

Assesses a checkout (default .) and gates on its policy (assay.yml).
  -f, --format FORMAT   ${FORMATS.join(", ")} (default text, or what --output's
                        extension names: .json, .sarif, .html, .md; github: Actions annotations)
  -o, --output FILE     write the report to FILE instead of stdout
  --policy FILE         the policy to apply (default: assay.yml in PATH)
  --baseline FILE       findings recorded by \`assay baseline\` (default: the policy's, or .assay/baseline.json)
  --fail-on SEVERITY    open findings at or above this fail the gate (or none)
  --min-score N         the total score must reach N (0-10)
  --rule ID             run only this rule or family (repeatable); a rule named by its id runs
                        whatever the persona
  --persona NAME        regular (default), pedantic (adds hygiene rules and findings) or auditor
                        (adds what needs the project's setup to judge), as zizmor's personas
  --history             also scan every commit's added lines for secrets (--since REV: only after REV)
  --diff BASE           pull-request mode: report only what lines added since BASE introduce
                        (and file-level findings of files changed since BASE); alias --changed-since
  --now DATE            judge as of DATE (also ASSAY_NOW); SOURCE_DATE_EPOCH only stamps the report
  --online              let rules that need the forge's API use it (GITHUB_TOKEN)
  --db DIR              the advisory store for the deps rules (default: $XDG_CACHE_HOME/assay/advisories)
  --timings             print how long each rule took on stderr
  -v, --verbose         also list findings that are not open, every info finding, and notes
  --no-color            no colours (NO_COLOR works too)

exit codes: 0 gate passed · 1 gate failed · 2 usage or configuration error · 3 could not complete (a rule failed, an internal error; an incomplete check fails the gate: 1)`;

/** The flags `assay scan` takes (`assay secrets` tells a file argument from a flag's value with them). */

/**
 * A folder inside a git repository (\`assay scan packages/web\` in a monorepo) is scanned alone:
 * the repository's workflows, SECURITY.md, CODEOWNERS and assay.yml at its top are not read, and
 * rules then say "no workflows in this repository". Said once, so those lines are not taken as
 * the repository's verdict.
 */
export async function subfolderNotes(target: string, shown: string, command: "scan" | "workflows" = "scan"): Promise<Diagnostic[]> {
  const dotGit = await nearestDotGit(target);
  if (dotGit === undefined || dirname(dotGit) === target) return [];
  const top = dirname(dotGit);
  return [
    {
      level: "warning",
      code: "scanned-subfolder",
      message: `${shown} is a folder inside the git repository at ${top}: the workflows, SECURITY.md, CODEOWNERS and assay.yml at the repository's top were not read, so findings about "the repository" speak of this folder alone`,
      hint: `to judge the repository, scan its top: assay ${command} ${top}`,
    },
  ];
}

/** `--persona NAME`, checked; undefined when not given (the policy's `persona:`, else regular). */
export function personaFlag(value: string | undefined): Persona | undefined {
  if (value === undefined) return undefined;
  if (!(PERSONAS as readonly string[]).includes(value)) throw new AssayError("USAGE", `unknown persona \`${value}\`${didYouMean(value, PERSONAS)}`, { hint: `one of: ${PERSONAS.join(", ")}` });
  return value as Persona;
}

/**
 * A rule `--rule` names by its full id is asked for, as if the policy named it: a pedantic or
 * auditor rule then runs whatever the persona. A family (`--rule workflows`) asks for nothing more.
 */
export function askForNamedRules(policy: Policy, wanted: readonly string[] | undefined, rules: readonly Rule[]): void {
  for (const id of wanted ?? []) {
    if (rules.some((r) => r.meta.id === id && r.meta.persona !== undefined)) policy.rules[id] ??= { off: false, options: {} };
  }
}

/** Where network rules reach GitHub: GITHUB_TOKEN or GH_TOKEN authenticates; ASSAY_GITHUB_API points at GitHub Enterprise or a mirror. */
export function onlineSettings(io: Io): { githubApiUrl: string; token?: string } {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  return { githubApiUrl: io.env.ASSAY_GITHUB_API || "https://api.github.com", ...(token ? { token } : {}) };
}

/** The base of pull-request mode: `--diff BASE`, or its alias `--changed-since BASE`. */
function diffBaseOf(diff: string | undefined, changedSince: string | undefined): string | undefined {
  if (diff !== undefined && changedSince !== undefined && diff !== changedSince) throw new AssayError("USAGE", "--diff and --changed-since name different bases", { hint: "they are one option: give one of them" });
  const base = diff ?? changedSince;
  const flag = diff !== undefined ? "--diff" : "--changed-since";
  if (base !== undefined && (base === "" || base.startsWith("-"))) throw new AssayError("USAGE", `${flag} takes the base revision to compare with`, { hint: `assay scan ${flag} origin/main` });
  return base;
}

/** `assay scan`: assess a checkout, render the report, and map the gate verdict to an exit code. */
export async function scanCommand(args: readonly string[], io: Io, usage = SCAN_USAGE, family?: { summariseInventory: false }): Promise<ExitCode> {
  const { values, positionals } = parse(args, SCAN_OPTIONS, 1, usage);
  if (values.since !== undefined && !values.history) throw new AssayError("USAGE", "--since needs --history", { hint: "assay scan --history --since v1.2.0" });
  if (values.since !== undefined && values.since.startsWith("-")) throw new AssayError("USAGE", "--since takes a revision (a commit, tag or branch)");
  const diffBase = diffBaseOf(values.diff, values["changed-since"]);
  const format: Format = formatFor(values.format, values.output, FORMATS, "text");
  const target = resolve(io.cwd, positionals[0] ?? ".");
  const clock = clocks(io, values.now);
  // Pull-request mode judges a change by the gate its base declared (the change cannot loosen it),
  // unless --policy names one; --baseline likewise overrides the base's baseline.
  const atBase = diffBase !== undefined && values.policy === undefined ? await loadGateAtBase(target, diffBase, io.cwd) : undefined;
  const policy = atBase?.policy ?? (await loadPolicy(target, values.policy, io.cwd));
  const { rules, checks } = await selectRules(values.rule);
  const persona = personaFlag(values.persona);
  askForNamedRules(policy, values.rule, rules);
  const failOn = values["fail-on"];
  const policyNotes = atBase ? [] : checkoutPolicyNotes(policy, rules, { policy: values.policy, failOn });
  if (failOn !== undefined) {
    if (failOn !== "none" && !isSeverity(failOn)) throw new AssayError("USAGE", `--fail-on takes a severity or none, not \`${failOn}\``, { hint: `one of: ${SEVERITIES.join(", ")}, none` });
    policy.fail.severity = failOn;
  }
  if (values["min-score"] !== undefined) {
    const n = Number(values["min-score"]);
    if (!Number.isFinite(n) || n < 0 || n > 10) throw new AssayError("USAGE", "--min-score takes a number from 0 to 10");
    policy.fail.minScore = n;
  }
  if (values.online && values.offline) throw new AssayError("USAGE", "--online and --offline contradict each other", { hint: "offline is the default; --online lets rules that need the forge's API use it" });
  const online = values.online ? onlineSettings(io) : undefined;
  const baseline = atBase && values.baseline === undefined ? atBase.baseline : loadBaseline(target, policy, values.baseline, io.cwd);
  const advisories = rules.some((r) => r.meta.advisories) ? connectAdvisories(io, values.db) : undefined;
  const bar = progress(io, format === "text" && values.output === undefined);
  bar.update(0, rules.length);
  const timings: [string, number][] = [];
  const assessment = await scan({
    path: target,
    displayPath: positionals[0] ?? ".",
    policy,
    rules,
    checks,
    ...(persona ? { persona } : {}),
    ...(online ? { forge: githubConnector({ apiUrl: online.githubApiUrl, ...(online.token ? { token: online.token } : {}) }), credentials: credentialVerifier() } : {}),
    now: clock.now,
    generatedAt: clock.generatedAt,
    ...(advisories ? { advisories } : {}),
    ...(baseline ? { baseline: baseline.set, baselinePath: baseline.path } : {}),
    ...(values.history ? { history: values.since !== undefined ? { since: values.since } : {} } : {}),
    ...(diffBase !== undefined ? { diff: { base: diffBase } } : {}),
    // Pull-request mode applies the base's policy, which the maintainers merged: only a policy read from the checkout as it stands is named.
    ...(atBase ? { notes: atBase.notes.filter((n) => values.baseline === undefined || n.code !== "baseline-changed"), vexAt: diffBase } : { notes: [...(await subfolderNotes(target, positionals[0] ?? ".")), ...policyNotes] }),
    ...(workersFrom(io.env) !== undefined ? { workers: workersFrom(io.env) } : {}),
    prestartWorkers: true,
    ...(family ? { summariseInventory: family.summariseInventory } : {}),
    onRuleDone: (id, done, total, ms) => {
      bar.update(done, total);
      timings.push([id, ms]);
    },
  }).finally(() => {
    bar.end();
    if (advisories && "database" in advisories) (advisories.database as { close?: () => void }).close?.();
  });
  if (values.timings) {
    for (const [id, ms] of timings.sort((x, y) => y[1] - x[1])) io.stderr.write(`${ms.toFixed(0).padStart(7)} ms  ${id}\n`);
  }
  const toTerminal = format === "text" && values.output === undefined;
  const color = toTerminal && useColor(io, "stdout", values["no-color"] ? false : values.color);
  // Wrap only for a person at a terminal; logs and files keep one line per item.
  const width = toTerminal && io.stdout.isTTY ? (io.stdout.columns ?? 0) : 0;
  writeOutput(io, render(assessment, format, { color, verbose: Boolean(values.verbose), width }), values.output);
  if (values.output !== undefined) {
    const g = assessment.gate;
    // In pull-request mode the total grades only the change, as the reports say: no score here either.
    const judged = diffBase !== undefined ? `${assessment.summary.findings.open} new finding(s)` : `score ${scoreOutOfTen(assessment.summary.score)}`;
    say(io, `assay: wrote ${values.output} — ${judged}, gate ${g.passed ? "passed" : "failed"}${g.passed ? "" : `: ${g.reasons.join("; ")}`}`);
  }
  // After the text a person reads, on stderr like `assay init`'s next step; machine formats and
  // files stay what they promise, and CI that re-renders a saved scan (the action) says it once.
  const hint = toTerminal ? gateHint(assessment) : undefined;
  if (hint !== undefined) say(io, hint);
  if (assessment.summary.ruleErrors > 0) return EXIT.internal;
  return assessment.gate.passed ? EXIT.passed : EXIT.failed;
}
