import type { Severity } from "../../core/severity.js";
import { triggerReach } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { sourcePhrase, viaPhrase, worstTaint } from "./lib/describe.js";
import { at, clip, Findings, keyBlock, placeLabel, stepKey, stepLabel } from "./lib/report.js";
import { expandedContent, fileWrites, isDynamic, RUNNER_VARIABLES, shellVariables } from "./lib/shell.js";
import { applies, eventsOf, loadInputs, type Site } from "./lib/sites.js";
import { ownBranchesGate } from "./lib/untrusted-code.js";
import { outsiderEvents } from "./lib/upstream.js";
import { onlyFixedShapeReads, scopeOf, writtenTaint } from "./lib/taint.js";

export const rule: Rule = {
  meta: {
    id: "workflows/github-env",
    title: "Untrusted data written to GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT",
    severity: "high",
    confidence: "medium",
    check: "Dangerous-Workflow",
    rationale:
      "Lines written to `$GITHUB_ENV` become environment variables of every later step, and `$GITHUB_PATH` entries come first in their PATH. Whoever controls what is written can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV`, or put their own `git` first on the PATH, and so run code in the steps that hold secrets. In `pull_request_target` and `workflow_run` jobs even a value read from the pull request's files or artifacts is attacker-controlled. A newline in a value written to `$GITHUB_OUTPUT` can forge other outputs. zizmor reports every write of a computed value in a composite action, whoever calls it (`echo \"$GITHUB_ACTION_PATH\" >> \"$GITHUB_PATH\"` included). Here a write is reported when what it writes traces back to text outsiders control, or, in a `pull_request_target` or `workflow_run` job, to anything computed. An action's own input expanded into the script is template-injection's finding.",
    remediation:
      "Do not write values from issues, pull requests, commits or downloaded artifacts to these files. Pass data between steps through `$GITHUB_OUTPUT` with a random heredoc delimiter and read it through `env:`, or validate it strictly (a number, an allow-listed word) before writing.",
    references: [
      { title: "GitHub: Workflow commands, environment files", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#environment-files" },
      { title: "Synacktiv: GitHub Actions exploitation, environment manipulation", url: "https://www.synacktiv.com/en/publications/github-actions-exploitation-repo-jacking-and-environment-manipulation" },
      { title: "zizmor: github-env", url: "https://docs.zizmor.sh/audits/#github-env" },
      { title: "CWE-454: External Initialization of Trusted Variables or Data Stores", url: "https://cwe.mitre.org/data/definitions/454.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const found = new Findings();
    for (const site of inputs.sites) {
      const run = site.step.run;
      if (!run || !/GITHUB_(?:ENV|PATH|OUTPUT)|::set-(?:env|output)/.test(run.value)) continue;
      const scope = scopeOf(site, inputs.actions);
      const events = eventsOf(site);
      const privileged = outsiderEvents(events, site.root).some((e) => e === "pull_request_target" || e === "workflow_run");
      for (const w of fileWrites(run.value)) {
        if (w.target !== "GITHUB_ENV" && w.target !== "GITHUB_PATH" && w.target !== "GITHUB_OUTPUT") continue;
        // A quoted here-document (`<<'EOF'`) writes its `$VAR`s as they stand: only GitHub's `${{ }}` in it expand.
        const written = expandedContent(w);
        const taint = worstTaint(writtenTaint({ ...scope, stepEnv: site.step.env }, written, 0, run.value));
        let severity: Severity;
        let why: string;
        let note = "";
        // An output only matters when the value can hold a line break (a body, a message, a file list) and
        // the write uses a fixed delimiter or `name=value`: then the text can forge other outputs. A
        // `${{ }}` written straight into the script is template-injection's finding.
        if (w.target === "GITHUB_OUTPUT" && (!taint || !multiLine(taint.source) || randomDelimiter(run.value) || (taint.via.length === 0 && w.content.includes("${{")))) continue;
        if (taint && taint.capability === "arbitrary") {
          severity = w.target === "GITHUB_OUTPUT" ? "medium" : privileged || events.some((e) => ["issues", "issue_comment", "discussion"].includes(e)) ? "critical" : "high";
          why = `writes ${sourcePhrase(taint)}${viaPhrase(taint)}`;
          // Kept to pull requests from this repository's own branches, the text is what people who can push wrote.
          if (ownBranchesOnly(site, events)) {
            severity = w.target === "GITHUB_OUTPUT" ? "low" : "medium";
            note = "; the job runs only for this repository's own branches, whose authors can already push";
          }
        } else if (privileged && w.target !== "GITHUB_OUTPUT" && isDynamic(written) && !onlyRunnerValues(written) && !onlyEnvValues(written, site) && !onlyFixedShapeReads(written)) {
          severity = "medium";
          why = "writes a computed value (a command's output or a variable) in a workflow a fork can trigger, where files and artifacts may come from the fork";
        } else continue;
        const span = run.spanOf(w.start, Math.max(w.start + 1, w.end));
        // A here-document or `{ … }` group spans lines: the line that puts the value in comes first, the whole write after.
        const line = taint ? valueLine(run.value, w.start, w.end, taint.via[0] ?? taint.source) : undefined;
        const lineSpan = line ? run.spanOf(line[0], line[1]) : undefined;
        // zizmor's finding spans the step's whole `run:`, and its ignore comments anywhere there hold: listed last.
        const block = keyBlock(site.yaml, site.step.node, "run");
        found.add(`${site.file}:${span.offset}:${w.target}`, {
          message: `${stepLabel(site.step)} (${placeLabel(site)}) ${why} to \`$${w.target}\`${w.target === "GITHUB_OUTPUT" ? ", where a newline in it forges other outputs" : ", which reaches every later step"}${note}`,
          locations: [...(lineSpan ? [at(site.file, lineSpan)] : []), at(site.file, span), ...(block ? [at(site.file, block)] : [])],
          snippet: clip(run.value.slice(w.start, w.end), 200),
          severity,
          // A computed value is reported for where it is written, not for a source known to be attacker-controlled.
          // A source inferred from what the script reads (an artifact's file) is likelier to be wrong than a named context.
          confidence: taint && taint.capability === "arbitrary" ? (taint.inferred ? "medium" : "high") : "low",
          key: `${stepKey(site)}:${w.target}:${clip(w.content, 80)}`,
          evidence: { target: w.target, source: taint?.source ?? null },
          fix: w.target === "GITHUB_OUTPUT" ? "write untrusted values with a random heredoc delimiter (`echo \"name<<$(uuidgen)\"`) and read outputs through `env:`" : "validate the value before writing it (a strict pattern), or pass it through `$GITHUB_OUTPUT` and `env:` instead of `$GITHUB_ENV`",
        });
      }
    }
    found.flush(ctx);
  },
};

/** True when a job that outsiders' events reach is kept by its condition to pull requests from the repository's own branches. */
function ownBranchesOnly(site: Site, events: readonly string[]): boolean {
  return site.job !== undefined && triggerReach(outsiderEvents(events, site.root)) !== "maintainer" && ownBranchesGate(site.job, site.workflow?.jobs ?? [], site.step, site.steps);
}

/**
 * The [start, end) of the line, inside a write that spans several (`cat <<EOF >> "$GITHUB_ENV"` … `EOF`), that names
 * the written value's first hop (`$TITLE`, `env.X`) or its context; undefined for a one-line write or when none does.
 */
function valueLine(script: string, start: number, end: number, hop: string): [number, number] | undefined {
  const text = script.slice(start, end);
  if (!text.includes("\n")) return undefined;
  let at = -1;
  if (hop.startsWith("$")) {
    const name = hop.slice(1);
    // `$NAME` or `${NAME…}`, not a longer name that starts the same.
    for (let i = text.indexOf(name); i >= 0 && at < 0; i = text.indexOf(name, i + 1)) {
      const before = text.slice(Math.max(0, i - 2), i);
      const after = text[i + name.length] ?? "";
      if ((before.endsWith("$") || before === "${") && !/[A-Za-z0-9_]/.test(after)) at = i;
    }
  } else at = text.indexOf(hop);
  if (at < 0) return undefined;
  let from = text.lastIndexOf("\n", at) + 1;
  while (text[from] === " " || text[from] === "\t") from++;
  const nl = text.indexOf("\n", at);
  return [start + from, start + (nl < 0 ? text.length : nl)];
}

/** True when a source can hold line breaks (titles, branch names, labels and emails cannot). */
function multiLine(source: string): boolean {
  // A slash command's arguments are words of one line (`skjnldsv/parse-command-comment output \`arg1\``).
  return !/(?:title|head_ref|\.ref|\.label|label\.name|labels\.\*\.name|\.name|\.email|page_name|head_branch|\.login|output `(?:arg\d{1,2}|params)`)$/.test(source);
}

/** True when a script writes its multi-line outputs with a delimiter computed at run time (`name<<$EOF`). */
function randomDelimiter(script: string): boolean {
  return /<<\s*["']?\$/.test(script) || /uuidgen|openssl\s+rand|\$RANDOM|mktemp/.test(script);
}

/**
 * True when a written value expands only variables the workflow's `env:` sets (step, job or
 * workflow): their values are the expressions written there, which the taint above has judged
 * (`PR_NUMBER=$issue_number` with `issue_number: ${{ github.event.issue.number }}`), not files or
 * command output a fork may have shaped.
 */
function onlyEnvValues(content: string, site: Site): boolean {
  // Only text an echo or printf writes: another command's output is that command's.
  if (!/^[ \t]*(?:echo|printf)\b/.test(content) || /`|\$\(|\|/.test(content)) return false;
  const envs = [site.step.env, site.job?.env ?? {}, site.workflow?.env ?? {}];
  const vars = writtenVariables(content).filter((v) => !RUNNER_VARIABLES.has(v));
  return vars.length > 0 && vars.every((v) => envs.some((e) => Object.prototype.hasOwnProperty.call(e, v)));
}

/** True when a written value expands only runner-set variables (`$HOME/.local/bin`). */
function onlyRunnerValues(content: string): boolean {
  if (/`|\$\(/.test(content)) return false;
  return writtenVariables(content).every((v) => RUNNER_VARIABLES.has(v));
}

/** The variables a written value expands, less the runner's file variables it is written to. */
function writtenVariables(content: string): string[] {
  return shellVariables(content).filter((v) => !/^GITHUB_(?:ENV|PATH|OUTPUT)$/.test(v));
}
