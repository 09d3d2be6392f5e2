import { scorecardReadsDockerfile, scorecardSkipsTestPath } from "../../../core/dependency.js";
import { dirOf } from "../../../core/checkout-path.js";
import type { Location } from "../../../core/finding.js";
import type { TextFile } from "../../../core/files.js";
import { makeAssignments, type Assignment } from "../../../ecosystems/shell/assignments.js";
import { dockerfileParser, isDockerfilePath, type Dockerfile, type DockerInstruction } from "../../../ecosystems/docker/dockerfile.js";
import { loadActions, walkSteps, type UnfollowedCall } from "../../../ecosystems/github-actions/walk.js";
import type { Job } from "../../../ecosystems/github-actions/workflow.js";
import { mapGet, scalarString, seqItems } from "../../../ecosystems/formats/yaml.js";
import { unfollowedReasons } from "../../../core/unfollowed.js";
import type { RuleContext } from "../../types.js";
import { filesToJudge } from "../../../core/link-out.js";

// Every place in the checkout where shell commands are written down to run: workflow `run:` steps,
// Dockerfile RUN instructions (shell form, exec form through a shell, heredocs), shell and
// PowerShell scripts, and Makefile recipes. Each comes with a way back to the file's positions.

/** A script to read, with the file positions of its offsets. */
export interface ScriptSource {
  path: string;
  kind: "workflow" | "dockerfile" | "script" | "makefile";
  /** The commands as the shell sees them (continuations are handled by the splitter). */
  script: string;
  /** The file location of `script.slice(start, end)`. */
  locate(start: number, end: number): Location;
  /** Scripts of one group run in order (one job, one Dockerfile stage, one file): a download in one can be run by a later one. */
  group: string;
  /** True for PowerShell (a step with `shell: pwsh`, a `.ps1` file, a Dockerfile whose SHELL is PowerShell). */
  powershell: boolean;
  /** The folder of the file (for a requirements file named relative to it). */
  dir: string;
  /** Variables set before the script runs: a Makefile's own (`GOLANGCI_VERSION ?= latest`). */
  variables?: readonly Assignment[];
  /** The Dockerfile instruction the script belongs to, if any. */
  instruction?: DockerInstruction;
  /** False for a workflow step whose shell Scorecard skips, or a script it does not take for one (see `scorecardShell`): shown, not weighed. */
  scorecardShell?: boolean;
}

/**
 * True for a script Scorecard's Pinned-Dependencies reads: a `run:` step of a workflow in
 * .github/workflows whose shell it takes for sh or bash, a Dockerfile (a name holding
 * "dockerfile"), a sh or bash script; not a Makefile recipe, PowerShell, a step of the
 * repository's own composite actions, a Containerfile, a Dockerfile under vendor/ or third_party/,
 * or anything under testdata/ or src/test/. What it finds elsewhere is shown beside the score.
 */
export function scorecardReads(src: ScriptSource): boolean {
  if (src.kind === "makefile") return false;
  // A workflow step is judged by the shell Scorecard infers, whatever assay reads it as.
  if (src.kind === "workflow") return src.scorecardShell !== false && src.path.startsWith(".github/workflows/");
  if (src.powershell || src.scorecardShell === false || scorecardSkipsTestPath(src.path)) return false;
  return src.kind !== "dockerfile" || scorecardReadsDockerfile(src.path);
}

/** A step condition that holds only on Windows (`runner.os == 'Windows'`, `startsWith(runner.os, 'Windows')`, `matrix.os == 'windows-2022'`). */
const WINDOWS_STEP = /runner\.os\s{0,8}==\s{0,8}['"]windows['"]|startsWith\(\s{0,8}runner\.os\s{0,8},\s{0,8}['"]windows['"]|matrix\.os\s{0,8}==\s{0,8}['"]windows-/i;
/** The step conditions Scorecard takes for Windows: `startsWith` only inside `${{ }}` and with no blank before the comma. */
const SCORECARD_WINDOWS_STEP = /runner\.os\s{0,8}==\s{0,8}['"]windows['"]|\$\{\{\s{0,8}startsWith\(runner\.os,\s{0,8}['"]windows['"]\)|matrix\.os\s{0,8}==\s{0,8}['"]windows-/i;

/**
 * The operating systems a job runs on as Scorecard lists them: its `runs-on` labels, or, when that
 * is one label naming `matrix.os`, the matrix's `os` values and its `include` entries' `os`.
 * Undefined when the matrix names none (Scorecard then cannot tell, and skips the job's steps
 * that name no shell).
 */
function jobOSes(job: Job): string[] | undefined {
  const labels = job.runsOn.map((r) => r.value);
  if (labels.length !== 1 || !(labels[0] as string).includes("matrix.os")) return labels;
  const matrix = mapGet(job.strategy, "matrix");
  const values = [...seqItems(mapGet(matrix, "os")), ...seqItems(mapGet(matrix, "include")).map((c) => mapGet(c, "os"))].flatMap((n) => {
    const v = scalarString(n);
    return v === undefined ? [] : [v];
  });
  return values.length > 0 ? values : undefined;
}

/** True when every OS the job runs on is Windows (Scorecard's test: each starts with "windows"); undefined when unknown. */
function jobOnWindows(job: Job): boolean | undefined {
  const oses = jobOSes(job);
  return oses === undefined ? undefined : oses.every((os) => os.toLowerCase().startsWith("windows"));
}
/** Step shells that run the step as a program in another language. */
const NOT_SHELL = /^(?:\S{0,200}\/)?(?:python[\d.]{0,6}|node|perl|ruby)(?:\s|$)/;

/**
 * Whether Scorecard reads a step run by this shell: it takes the step's `shell`, else the job's
 * default (never the workflow's), else pwsh on Windows and bash elsewhere, and reads the step only
 * when that whole value names sh, bash or mksh, so `bash -el {0}` (setup-miniconda's) is skipped.
 * assay reads such steps all the same, as they run the same commands.
 */
function scorecardShell(shell: string): boolean {
  const base = shell.slice(shell.lastIndexOf("/") + 1).toLowerCase();
  return base === "sh" || base === "bash" || base === "mksh";
}

/**
 * Whether Scorecard reads a script file: by its shebang when it has one (`#!/bin/bash -e`,
 * `#!/usr/bin/env sh`, the first word after `#!` or the one after `env`, split at single spaces),
 * else by a `.sh`, `.bash` or `.mksh` extension. A zsh, ksh or dash script, or a `.sh` file whose
 * shebang names another shell, is read here but not weighed.
 */
function scorecardReadsScript(path: string, text: string): boolean {
  const first = text.slice(0, Math.min(text.length, 512)).split("\n", 1)[0] ?? "";
  if (!first.startsWith("#!")) return /\.(?:sh|bash|mksh)$/.test(path);
  const [a = "", b = ""] = first.slice(2).replace(/\r$/, "").split(" ", 3);
  return scorecardShell(a) || (a.slice(a.lastIndexOf("/") + 1).toLowerCase() === "env" && scorecardShell(b));
}

/** Unfollowed local calls named at most: a hostile workflow may make thousands. */
const MAX_UNFOLLOWED = 20;
const SHELL_EXT = /\.(?:sh|bash|zsh|ksh|ash|dash)$/i;
const PS_EXT = /\.ps[md]?1$/i;
const MAKEFILE = /(?:^|\/)(?:GNUmakefile|makefile|Makefile)$|\.mk$/;

/**
 * Every script source of the checkout, in path order. A workflow, action, Dockerfile, Makefile or
 * shell script that cannot be read or parsed makes the rule incomplete (its RUN lines and steps
 * are unjudged evidence); an extensionless executable is a script only if its shebang says so,
 * so its read stays optional.
 */
export async function scriptSources(ctx: RuleContext, kinds: ReadonlySet<ScriptSource["kind"]> = new Set(["workflow", "dockerfile", "script", "makefile"])): Promise<ScriptSource[]> {
  const out: ScriptSource[] = [];
  if (kinds.has("workflow")) out.push(...(await workflowSources(ctx)));
  if (kinds.has("dockerfile")) for (const f of await dockerfiles(ctx)) out.push(...(await dockerfileSources(ctx, f)));
  if (kinds.has("script") || kinds.has("makefile")) {
    // A script behind a link inside the checkout is read through it (a link out makes the rule incomplete).
    const named = new Set((await filesToJudge(ctx, (p) => MAKEFILE.test(p) || SHELL_EXT.test(p) || PS_EXT.test(p))).map((f) => f.path));
    for (const f of ctx.files) {
      if (f.kind === "submodule" || (f.kind === "symlink" && !named.has(f.path))) continue;
      const isMake = MAKEFILE.test(f.path);
      const isShell = SHELL_EXT.test(f.path);
      const isPs = PS_EXT.test(f.path);
      if (isMake && kinds.has("makefile")) {
        const file = await ctx.readText(f.path);
        if (file) out.push(makefileSource(file));
      } else if ((isShell || isPs) && kinds.has("script")) {
        const file = await ctx.readText(f.path);
        if (file) out.push(fileSource(file, isPs));
      } else if (kinds.has("script") && f.kind === "file" && !f.path.slice(f.path.lastIndexOf("/") + 1).includes(".")) {
        // A file without an extension (`.husky/pre-commit`, `scripts/bootstrap`, executable or not,
        // as Scorecard reads it): a script when its shebang names a shell.
        const head = await ctx.readBytes(f.path, 128, { optional: true });
        const first = head ? new TextDecoder().decode(head).split("\n")[0] ?? "" : "";
        if (/^#!\s{0,4}\S{0,64}(?:\/|\s)(?:ba|z|k|da)?sh\b/.test(first)) {
          const file = await ctx.readText(f.path, { optional: true });
          if (file) out.push(fileSource(file, false));
        }
      }
    }
  }
  return out;
}

/** The Dockerfiles and Containerfiles of the checkout, a link inside it read through (a link out makes the rule incomplete). */
export async function dockerfiles(ctx: RuleContext): Promise<string[]> {
  return (await filesToJudge(ctx, isDockerfilePath)).map((f) => f.path);
}


function fileSource(file: TextFile, powershell: boolean): ScriptSource {
  return {
    path: file.path,
    kind: "script",
    script: file.text,
    locate: (s, e) => fileLocation(file, s, e),
    group: file.path,
    powershell,
    dir: dirOf(file.path),
    scorecardShell: !powershell && scorecardReadsScript(file.path, file.text),
  };
}

/** A location from two offsets into a file's text. */
export function fileLocation(file: TextFile, start: number, end: number): Location {
  const a = file.positionAt(start);
  const b = file.positionAt(Math.max(start, end - 1));
  return { path: file.path, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

/**
 * A Makefile's recipes as one script with the same offsets: every other line is blanked, recipe
 * prefixes (`@`, `-`, `+`, at the start of a command, not of a line that continues one) become
 * spaces and make's `$$` becomes the shell's `$`.
 */
function makefileSource(file: TextFile): ScriptSource {
  const lines = file.text.split("\n");
  let inRule = false;
  let continues = false;
  const kept = lines.map((line) => {
    // A line that continues the one above (`\` at its end) is the same command: a `-r` there is pip's flag, not a prefix.
    const continuation = continues;
    const recipe = (inRule && line.startsWith("\t")) || continues;
    continues = recipe && /\\\r?$/.test(line);
    if (!recipe) {
      const t = line.trim();
      if (t !== "" && !t.startsWith("#")) inRule = /^[^\s=:#][^=:#]{0,500}::?(?!=)/.test(line) && !/^(?:ifn?eq|ifn?def|else|endif|include|export|define|endef)\b/.test(t);
      return " ".repeat(line.length);
    }
    const unprefixed = continuation ? line : line.replace(/^(\t[ \t]{0,100})([@+-]{1,3})/, (_m, a: string, b: string) => a + " ".repeat(b.length));
    return unprefixed.replace(/\$\$/g, " $");
  });
  return { path: file.path, kind: "makefile", script: kept.join("\n"), locate: (s, e) => fileLocation(file, s, e), group: file.path, powershell: false, dir: dirOf(file.path), variables: makeAssignments(file.text) };
}

/** Workflow `run:` steps (local reusable workflows and composite actions followed), each once. */
async function workflowSources(ctx: RuleContext): Promise<ScriptSource[]> {
  const out: ScriptSource[] = [];
  const seen = new Set<string>();
  const unfollowed: UnfollowedCall[] = [];
  for await (const v of walkSteps(ctx, undefined, unfollowed)) {
    const run = v.step.run;
    if (!run) continue;
    const path = v.action?.path ?? v.workflow.path;
    const key = `${path}\u0000${run.span.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shell = (v.step.shell?.value ?? v.job.defaults?.shell?.value ?? v.workflow.defaults?.shell?.value ?? "").toLowerCase();
    // A step guarded to Windows runs in pwsh there unless a shell is named, as does every step of a Windows-only job.
    const windowsStep = WINDOWS_STEP.test(v.step.if?.value ?? "");
    const windows = windowsStep || v.job.runsOn.some((r) => /windows/i.test(r.value)) || (v.job.runsOn.length > 0 && jobOnWindows(v.job) === true);
    const powershell = shell.startsWith("pwsh") || shell.startsWith("powershell") || (shell === "" && windows);
    // `shell: python` (or node, perl, ruby) runs the step as a program in that language, not as commands.
    if (NOT_SHELL.test(shell)) continue;
    // The shell Scorecard infers (step, then job default, never the workflow's; else pwsh when the
    // step or every OS of the job is Windows): it reads the step only when that is sh, bash or mksh.
    const named = v.step.shell?.value ?? v.job.defaults?.shell?.value;
    const onWindows = named !== undefined ? false : SCORECARD_WINDOWS_STEP.test(v.step.if?.value ?? "") || jobOnWindows(v.job);
    out.push({
      scorecardShell: onWindows !== undefined && scorecardShell(named ?? (onWindows ? "pwsh" : "bash")),
      path,
      kind: "workflow",
      script: run.value,
      locate: (s, e) => {
        const sp = run.spanOf(s, e);
        return { path, startLine: sp.line, startColumn: sp.column, endLine: sp.endLine, endColumn: sp.endColumn };
      },
      group: `${v.workflow.path}\u0000${v.job.id}`,
      powershell,
      dir: "",
    });
  }
  // The scripts of a local action the checkout does not hold (missing, behind a link out) were never read.
  for (const u of (await unfollowedReasons(ctx, unfollowed)).slice(0, MAX_UNFOLLOWED)) ctx.incomplete(u.message, { path: u.path, line: u.line, column: u.column });
  // Composite actions the repository publishes (or keeps) but no workflow of it calls: their steps run elsewhere.
  for (const action of await loadActions(ctx)) {
    for (const step of action.runs.steps) {
      const run = step.run;
      if (!run || seen.has(`${action.path}\u0000${run.span.offset}`)) continue;
      seen.add(`${action.path}\u0000${run.span.offset}`);
      const shell = (step.shell?.value ?? "").toLowerCase();
      out.push({
        path: action.path,
        kind: "workflow",
        script: run.value,
        locate: (s, e) => {
          const sp = run.spanOf(s, e);
          return { path: action.path, startLine: sp.line, startColumn: sp.column, endLine: sp.endLine, endColumn: sp.endColumn };
        },
        group: action.path,
        powershell: shell.startsWith("pwsh") || shell.startsWith("powershell"),
        dir: "",
      });
    }
  }
  return out;
}

/** A Dockerfile's RUN instructions: shell form, exec form through a shell (`["sh", "-c", "…"]`), heredoc bodies. */
async function dockerfileSources(ctx: RuleContext, path: string): Promise<ScriptSource[]> {
  const df = await ctx.parse(path, dockerfileParser);
  const file = df ? await ctx.readText(path) : undefined;
  if (!df || !file) return [];
  return dockerRunScripts(df, file);
}

/** The scripts of a parsed Dockerfile's RUN instructions. */
export function dockerRunScripts(df: Dockerfile, file: TextFile): ScriptSource[] {
  const out: ScriptSource[] = [];
  let powershell = false;
  for (const top of df.instructions) {
    if (top.keyword === "FROM") powershell = false;
    if (top.keyword === "SHELL") powershell = /powershell|pwsh/i.test(top.args);
    // `ONBUILD RUN …` and `ONBUILD ADD …` run in every image built FROM this one: their trigger is
    // read as the RUN or ADD it wraps (shell, exec and heredoc forms alike), as hadolint reads it.
    const ins = top.keyword === "ONBUILD" ? top.trigger : top;
    if (!ins) continue;
    if (ins.keyword === "ADD") {
      // `ADD URL DEST` without --checksum downloads unverified; a later RUN that executes DEST runs it.
      // It is handed to the detectors as the equivalent download command, located at the ADD.
      const words = ins.args.split(/\s+/).filter(Boolean);
      const url = words.find((w) => /^https?:\/\//i.test(w));
      const dest = words[words.length - 1];
      if (url && dest && dest !== url && !ins.flags.some((f) => f.name === "checksum")) {
        const target = dest.endsWith("/") ? dest + (url.split(/[?#]/)[0] ?? url).split("/").pop() : dest;
        const script = `curl -fsSLo ${target} ${url}`;
        out.push({ path: df.path, kind: "dockerfile", group: `${df.path}\u0000${ins.stage}`, powershell, dir: dirOf(df.path), instruction: ins, script, locate: () => spanLocation(df.path, ins.span) });
      }
      continue;
    }
    if (ins.keyword !== "RUN") continue;
    const group = `${df.path}\u0000${ins.stage}`;
    const base = { path: df.path, kind: "dockerfile" as const, group, powershell, dir: dirOf(df.path), instruction: ins };
    if (ins.heredocs.length > 0) {
      for (const h of ins.heredocs) out.push({ ...base, script: h.body, locate: (s, e) => fileLocation(file, h.bodyOffset + s, h.bodyOffset + e) });
      continue;
    }
    if (ins.form === "exec" && ins.exec) {
      // ["/bin/sh", "-c", "script"]: the script is the argument after -c; other exec forms run no shell.
      const c = ins.exec.findIndex((x) => x.value === "-c" || /^-\w*c$/.test(x.value) || /^-command$/i.test(x.value));
      const item = c >= 0 ? ins.exec[c + 1] : undefined;
      if (item) out.push({ ...base, script: item.value, locate: (s, e) => spanLocation(df.path, ins.argsSpan(item.start + 1 + s, item.start + 1 + e)) });
      else {
        // No shell: the command is the array's items joined by spaces; a place in it maps back into its item.
        const items = ins.exec;
        const starts: number[] = [];
        let joined = 0;
        for (const x of items) {
          starts.push(joined);
          joined += x.value.length + 1;
        }
        const place = (i: number): number => {
          let k = starts.length - 1;
          while (k > 0 && (starts[k] as number) > i) k--;
          const item = items[k] as (typeof items)[number];
          return Math.min(item.start + 1 + i - (starts[k] as number), item.end);
        };
        out.push({ ...base, script: items.map((x) => x.value).join(" "), locate: (s, e) => spanLocation(df.path, ins.argsSpan(place(s), place(Math.max(s, e - 1)) + 1)) });
      }
      continue;
    }
    out.push({ ...base, script: ins.args, locate: (s, e) => spanLocation(df.path, ins.argsSpan(s, e)) });
  }
  return out;
}

/** A location from a Dockerfile span. */
export function spanLocation(path: string, sp: { line: number; column: number; endLine: number; endColumn: number }): Location {
  return { path, startLine: sp.line, startColumn: sp.column, endLine: sp.endLine, endColumn: sp.endColumn };
}
