import { statSync, type Stats } from "node:fs";
import { resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { assessTexts, locateStaged, locateText, type LocatedText } from "../api/scan-texts.js";
import { AssayError } from "../core/errors.js";
import type { Rule } from "../core/rule.js";
import { readBounded } from "../verify/read-bounded.js";
import { isSeverity, SEVERITIES } from "../core/severity.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { nearestDotGit } from "../workspace/git.js";
import { DETECTORS } from "../secrets/index.js";
import { formatFor, HelpRequest, parse } from "./args.js";
import { EXIT, useColor, type ExitCode, type Io } from "./io.js";
import { loadBaseline, loadPolicy } from "./load-config.js";
import { scanCommand } from "./scan.js";
import { SCAN_OPTIONS } from "./scan-options.js";
import { selectRules } from "./select-rules.js";
import { writeOutput } from "./write-output.js";

export const SECRETS_USAGE = "usage: assay secrets [PATH] [scan flags…] | assay secrets FILE | assay secrets - [--name FILE] | assay secrets --staged | assay secrets --list";

/** What `assay secrets --help` prints: its own forms, not `assay scan`'s. */
const SECRETS_HELP = `${SECRETS_USAGE}

Finds committed credentials, and only those (the secrets/ rules).
  assay secrets [PATH]      the checkout (default .); every \`assay scan\` flag applies: --history [--since REV], --diff BASE, --format, --output, --baseline…
  assay secrets FILE        one file, as standard input is read, under its own name
  assay secrets -           standard input (--stdin); --name FILE says which file it is, for path rules
  assay secrets --staged    the lines staged for commit (what the pre-commit hook runs)
  assay secrets --list      the detectors: provider, rule, severity
Findings hold a masked preview and a hash of each secret, never the value.`;

/** The most standard input is read; a larger input is refused, not cut (a cut could hide a secret). */
const MAX_STDIN = 64 * 1024 * 1024;

const OPTIONS = {
  stdin: { type: "boolean" },
  name: { type: "string" },
  staged: { type: "boolean" },
  list: { type: "boolean" },
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  policy: { type: "string" },
  baseline: { type: "string" },
  "fail-on": { type: "string" },
  rule: { type: "string", multiple: true },
  verbose: { type: "boolean", short: "v" },
  "no-color": { type: "boolean" },
  color: { type: "boolean" },
} as const;

/**
 * `assay secrets`: the secrets family alone. On a checkout it is `assay scan --rule secrets` (every
 * scan flag applies: --history, --since, --diff…); `-` or `--stdin` scans standard input;
 * `--staged` scans the lines staged for commit (the pre-commit hook); `--list` prints the detectors.
 */
export async function secretsCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const flags = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  if (flags.includes("--help") || flags.includes("-h")) throw new HelpRequest(SECRETS_HELP);
  const wantsText = args.includes("-") || args.includes("--stdin") || args.includes("--staged") || args.includes("--list");
  // One file (`assay secrets .env`), as gitleaks and trufflehog take one: read as standard input is, under its own name.
  const file = wantsText ? undefined : fileArgument(args, io.cwd);
  if (!wantsText && file === undefined) {
    for (const id of valuesOf(args, "--rule")) if (id !== "secrets" && !id.startsWith("secrets/")) throw new AssayError("USAGE", `\`assay secrets\` runs the secrets family only, not \`${id}\``, { hint: "use `assay scan --rule` for other rules" });
    // Credentials are the point of this command, not the project's inventory (languages, manifests), which a large checkout would read for nothing.
    return scanCommand(args.includes("--rule") ? args : [...args, "--rule", "secrets"], io, SECRETS_USAGE, { summariseInventory: false });
  }
  const checkoutOnly = file === undefined ? undefined : args.find((a) => /^--(?:history|since|diff|changed-since)(?:=|$)/.test(a));
  if (checkoutOnly) throw new AssayError("USAGE", `${checkoutOnly.split("=")[0]} reads a checkout's git history, and \`${file?.path}\` is a single file`, { hint: "scan the checkout that holds it: assay secrets DIR --history" });
  const { values, positionals } = parse(args.filter((_, i) => i !== file?.index).map((a) => (a === "-" ? "--stdin" : a)), OPTIONS, 0, SECRETS_USAGE);
  if (values.list) {
    io.stdout.write(listDetectors((await selectRules(["secrets"])).rules));
    return EXIT.passed;
  }
  if (values.stdin && values.staged) throw new AssayError("USAGE", "choose one of standard input (-) and --staged");
  if (positionals.length > 0) throw new AssayError("USAGE", `unexpected argument \`${positionals[0]}\``, { hint: SECRETS_USAGE });
  const format: Format = formatFor(values.format, values.output, FORMATS, "text");
  const policy = await loadPolicy(io.cwd, values.policy, io.cwd);
  const failOn = values["fail-on"];
  if (failOn !== undefined) {
    if (failOn !== "none" && !isSeverity(failOn)) throw new AssayError("USAGE", `--fail-on takes a severity or none, not \`${failOn}\``, { hint: `one of: ${SEVERITIES.join(", ")}, none` });
    policy.fail.severity = failOn;
  }
  const selected = await selectRules(values.rule ?? ["secrets"]);
  const rules = selected.rules.filter((r) => r.meta.id.startsWith("secrets/"));
  let texts: LocatedText[];
  let target: string;
  if (values.staged) {
    // Outside a repository `git diff --cached` turns into `git diff --no-index` and fails with its usage.
    if (io.env.GIT_DIR === undefined && (await nearestDotGit(io.cwd)) === undefined) throw new AssayError("USAGE", `--staged needs a git repository, and ${io.cwd} is not in one`, { hint: "run it inside the repository, as the pre-commit hook does" });
    texts = await locateStaged(io.cwd).catch((e: unknown) => {
      throw new AssayError("USAGE", `cannot read the staged changes: ${e instanceof Error ? e.message : String(e)}`, { hint: "run it inside a git repository" });
    });
    target = "staged changes";
  } else if (file !== undefined) {
    const name = values.name ?? file.path.split(sep).join("/");
    // Capped as standard input is: a device or a huge file is refused before it is read.
    texts = [locateText(readBounded(resolve(io.cwd, file.path), MAX_STDIN, "single file", { code: "FILE_UNREADABLE", tooLargeHint: "scan the folder that holds it instead: assay secrets DIR" }), name)];
    target = name;
  } else {
    const name = values.name ?? "<stdin>";
    texts = [locateText(await readStdin(io), name)];
    target = name;
  }
  const baseline = loadBaseline(resolve(io.cwd), policy, values.baseline, io.cwd);
  const assessment = assessTexts(texts, { policy, rules, checks: selected.checks, target, ...(baseline ? { baseline: baseline.set } : {}), ...(io.env.SOURCE_DATE_EPOCH && /^\d+$/.test(io.env.SOURCE_DATE_EPOCH) ? { now: new Date(Number(io.env.SOURCE_DATE_EPOCH) * 1000) } : {}) });
  const color = format === "text" && values.output === undefined && useColor(io, "stdout", values["no-color"] ? false : values.color);
  writeOutput(io, render(assessment, format, { color, verbose: Boolean(values.verbose) }), values.output);
  return assessment.gate.passed ? EXIT.passed : EXIT.failed;
}

/** Every value of a repeatable flag in raw arguments. */
function valuesOf(args: readonly string[], flag: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === flag && args[i + 1] !== undefined) out.push(args[i + 1] as string);
    else if (a.startsWith(`${flag}=`)) out.push(a.slice(flag.length + 1));
  });
  return out;
}

/** The one positional argument of a checkout scan, with its place in `args`, when it names a regular file; else undefined (a folder, or none). */
function fileArgument(args: readonly string[], cwd: string): { path: string; index: number } | undefined {
  let positionals: { value: string; index: number }[];
  try {
    const { tokens } = parseArgs({ args: [...args], options: { ...SCAN_OPTIONS, ...OPTIONS }, allowPositionals: true, strict: false, tokens: true });
    positionals = tokens.flatMap((t) => (t.kind === "positional" ? [{ value: t.value, index: t.index }] : []));
  } catch {
    return undefined;
  }
  const only = positionals.length === 1 ? positionals[0] : undefined;
  if (only === undefined || only.value === "") return undefined;
  let st: Stats;
  try {
    st = statSync(resolve(cwd, only.value));
  } catch {
    return undefined;
  }
  if (st.isFile()) return { path: only.value, index: only.index };
  // A pipe, socket or device is neither of the two things this command reads: say what to do
  // instead of the checkout scan's "not a directory … not a single file", which `assay secrets FILE` contradicts.
  if (!st.isDirectory()) throw new AssayError("USAGE", `\`${only.value}\` is not a regular file or a folder`, { hint: `pipe it in instead: assay secrets - --name NAME < ${only.value}` });
  return undefined;
}

/** Standard input, whole; refused past MAX_STDIN. */
async function readStdin(io: Io): Promise<Uint8Array> {
  if (!io.stdin) throw new AssayError("USAGE", "no standard input to read");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of io.stdin) {
    const b = typeof c === "string" ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    size += b.length;
    if (size > MAX_STDIN) throw new AssayError("STDIN_TOO_LARGE", `standard input is over ${MAX_STDIN / 1024 / 1024} MiB`, { hint: "scan the file as part of a checkout instead: assay secrets PATH" });
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The detectors, one a line: id, rule, provider, title. */
function listDetectors(rules: readonly Rule[]): string {
  const ruleOf = new Map<string, string>([["cloud", "secrets/cloud-credential"], ["forge", "secrets/forge-token"], ["registry", "secrets/registry-token"], ["service", "secrets/service-token"], ["database", "secrets/database-credential"], ["private-key", "secrets/private-key"], ["jwt", "secrets/jwt"], ["generic", "secrets/generic-credential"]]);
  const known = new Set(rules.map((r) => r.meta.id));
  const rows = DETECTORS.map((d) => `${d.id.padEnd(36)} ${(known.has(ruleOf.get(d.category) ?? "") ? (ruleOf.get(d.category) ?? "") : "").padEnd(28)} ${d.title}`);
  return `${DETECTORS.length} detectors (id, rule, what it finds):\n${rows.join("\n")}\n`;
}
