import { parseArgs, type ParseArgsConfig } from "node:util";
import { extname } from "node:path";
import { AssayError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
/** The parsed flags of a command, typed from its option table. */
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/** Thrown when a command is asked for `--help`: the CLI prints the usage on stdout and exits 0. */
export class HelpRequest extends Error {
  constructor(readonly usage: string) {
    super("help requested");
    this.name = "HelpRequest";
  }
}

/** True when `--help` or `-h` comes before any `--` that ends the flags. */
function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "--help" || a === "-h") return true;
  }
  return false;
}

/**
 * The usage to repeat after a usage error: its first line, or, for a usage that lists its forms on
 * the lines below a bare `usage:`, those lines; never the description that follows a blank line.
 */
export function usageLines(usage: string): string {
  const first = usage.split("\n")[0] ?? usage;
  return first === "usage:" ? (usage.split("\n\n")[0] ?? usage) : first;
}

/**
 * Parses a command's flags strictly: an unknown flag is a usage error, not silently ignored.
 * `--help`/`-h` on any command asks for its usage (see HelpRequest).
 */
export function parse<T extends Options>(args: readonly string[], options: T, maxPositionals: number, usage: string): Parsed<T> {
  if (wantsHelp(args)) throw new HelpRequest(usage);
  const short = usageLines(usage);
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    if (r.positionals.length > maxPositionals) throw new AssayError("USAGE", `unexpected argument \`${r.positionals[maxPositionals]}\``, { hint: short });
    // \`assay scan "$CHECKOUT"\` with the variable unset would otherwise scan (or \`init\` and \`fix\` write to) the current directory.
    if (r.positionals.includes("")) throw new AssayError("USAGE", "an argument is empty (an unset variable?): write . for the current directory", { hint: short });
    refuseConflicts(args, options, short);
    return r;
  } catch (e) {
    if (e instanceof AssayError) throw e;
    throw new AssayError("USAGE", parseArgsMessage(e, options), { hint: short });
  }
}

/**
 * A single-valued flag given twice with different values (`--format json … --format sarif`, often
 * a script's default plus an override) would silently keep the last: refuse it, naming both.
 */
function refuseConflicts(args: readonly string[], options: Options, short: string): void {
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== "option" || t.value === undefined || options[t.name]?.multiple === true) continue;
    const before = seen.get(t.name);
    if (before !== undefined && before !== t.value) throw new AssayError("USAGE", `--${t.name} is given twice (\`${before}\`, then \`${t.value}\`): give it once`, { hint: short });
    seen.set(t.name, t.value);
  }
}

/**
 * node:util's parseArgs errors in assay's words, one line naming the flag: its own say
 * "Option '-f, --format <value>' argument missing" and, for a value that starts with `-`
 * (`--min-score -1`), "argument is ambiguous" with the way out on a later line.
 */
function parseArgsMessage(e: unknown, options: Options): string {
  const msg = e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e);
  const code = (e as { code?: unknown }).code;
  const flag = /Option '(?:-\w, )?(--?[\w-]+)/.exec(msg)?.[1];
  const unknown = /^Unknown option '([^']*)'/.exec(msg)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown !== undefined) return `unknown option \`${unknown}\`${didYouMean(unknown, [...Object.keys(options).map((o) => `--${o}`), "--help"])}`;
  if (flag !== undefined && / argument missing/.test(msg)) return `${flag} needs a value`;
  if (flag !== undefined && / argument is ambiguous/.test(msg)) return `${flag} needs a value; for one that starts with -, write ${flag}=VALUE`;
  if (flag !== undefined && / does not take an argument/.test(msg)) return `${flag} takes no value`;
  return msg.replace(/\. To specify a positional argument.*$/, "");
}

/**
 * A flag's value from a fixed list (`--format`), or its default when the flag is absent; a value
 * outside the list is a usage error naming the one it is closest to (`--format jsno`, `--format JSON`).
 */
export function choice<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T, what = "format"): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new AssayError("USAGE", `unknown ${what} \`${value}\`${didYouMean(value, choices)}`, { hint: `${flag} takes one of: ${choices.join(", ")}` });
}

/** The report format a file name implies: `--output report.html` means HTML, not text in a file named .html. */
const BY_EXTENSION: Readonly<Record<string, string>> = { ".json": "json", ".sarif": "sarif", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".txt": "text" };

/**
 * `--format`, checked as `choice` does; when it is not given, the format `--output`'s extension
 * names (report.html, results.sarif, x.sarif.json, summary.md), else the fallback.
 */
export function formatFor<T extends string>(value: string | undefined, output: string | undefined, choices: readonly T[], fallback: T): T {
  if (value !== undefined || output === undefined || output === "-") return choice("--format", value, choices, fallback);
  const implied = /\.sarif\.json$/i.test(output) ? "sarif" : BY_EXTENSION[extname(output).toLowerCase()];
  return implied !== undefined && (choices as readonly string[]).includes(implied) ? (implied as T) : fallback;
}
