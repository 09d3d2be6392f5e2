import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { AssayError, isAssayError, type ErrorCode } from "../core/errors.js";
import { VERSION } from "../version.js";
import { didYouMean } from "../core/suggest.js";
import { HelpRequest } from "./args.js";
import { EXIT, say, type ExitCode, type Io } from "./io.js";
import type * as Fleet from "./fleet.js";

export type { Io } from "./io.js";
export { tuneTieringForOneRun } from "./tiering.js";

const HELP = `assay ${VERSION}: an offline security assessment of a repository

usage:
  assay scan [PATH]            assess a checkout (default .) and gate on the policy
      --format text|json|sarif|markdown|github|html|gitlab-sast|gitlab-codequality   --output FILE (report.html: html)   --policy FILE   --baseline FILE
      --fail-on SEVERITY|none   --min-score N   --rule ID (repeatable)   --persona regular|pedantic|auditor   -v, --verbose   --no-color
      --online   let rules that need the forge's API use it (GITHUB_TOKEN; offline is the default)
      --db DIR   the advisory store for the deps rules (default: $XDG_CACHE_HOME/assay/advisories)
      --now DATE judge as of this date (or ASSAY_NOW); SOURCE_DATE_EPOCH only stamps the report
      --timings  print how long each rule took, slowest first, on stderr
      --history [--since REV]   also read every commit's added lines, on every ref
      --diff BASE  report only what lines added since BASE bring (pull-request mode; alias --changed-since)
  assay secrets [PATH]         committed credentials only (scan flags apply); - or --stdin reads
                               standard input, --staged the staged changes, --list the detectors
  assay workflows [FILE…]      audit the checkout's workflows and actions, reporting only FILEs (pre-commit)
  assay baseline [PATH]        record today's findings so the gate shows only new ones
  assay fix [PATH]             apply the fixes rules offer (--rule ID, --dry-run prints a diff)
  assay manifests FILE|-...    check rendered Kubernetes manifests (\`helm template . | assay manifests -\`)
  assay rules [--json]         list every rule and check
  assay explain RULE-ID|CHECK  a rule's page (what, why, how to fix), or a check and its rules
  assay init [PATH]            write a commented assay.yml, a CI workflow and (without one) a Dependabot config
  assay report --from FILE     re-render a saved JSON assessment
  assay assess [PATH]          draft the security self-assessment from evidence (--output FILE, --check, --init, --format html)
  assay badge [PATH]           an SVG badge with the score and grade (--output FILE, --endpoint FILE for Shields.io)
  assay db update|import|export|status   the offline advisory store (OSV; --db DIR)
  assay vex [PATH] --vulnerability ID --product PURL --status S   record a triage decision (OpenVEX)
  assay sbom [PATH] --format cyclonedx|spdx [--output FILE]       a software bill of materials
  assay verify ARTIFACT|MODEL_DIR --bundle F|--attestation F|--signature F|--model-signature F   check signatures offline
  assay fleet add|run|worker|status|report|serve   assess many repositories incrementally (assay fleet help)

  assay COMMAND --help         a command's usage (or assay help COMMAND);  assay -v, --version  the version

exit codes: 0 gate passed · 1 gate failed · 2 usage or configuration error · 3 could not complete (a rule failed, a download failed, an internal error)
`;

/** The commands, for "did you mean" on a typo. */
const COMMANDS = ["scan", "secrets", "baseline", "workflows", "rules", "explain", "fix", "manifests", "init", "report", "assess", "badge", "vex", "sbom", "db", "verify", "fleet", "help", "version"];

/** Errors that are no one's mistake in the command line: the command could not complete (exit 3, as a failed rule), not a usage error. */
const COULD_NOT_COMPLETE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["OUTPUT_FAILED", "ADVISORY_DOWNLOAD_FAILED", "ADVISORY_ARCHIVE_INVALID"]);

/** The CLI as a function of argv and io; returns the exit code and never calls process.exit. */
export async function cli(argv: readonly string[], io: Io): Promise<ExitCode> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "help":
        // `assay help scan` is what people type after `git help commit`: the command's own usage.
        if (rest[0] !== undefined && rest[0] !== "help") {
          if (!COMMANDS.includes(rest[0])) throw new AssayError("USAGE", `unknown command \`${rest[0]}\`${didYouMean(rest[0], COMMANDS)}`, { hint: "run `assay --help`" });
          return await cli([rest[0], "--help"], io);
        }
        io.stdout.write(HELP);
        return EXIT.passed;
      case undefined:
      case "--help":
      case "-h":
        io.stdout.write(HELP);
        return command === undefined ? EXIT.usage : EXIT.passed;
      case "--version":
      case "-v":
      case "-V":
      case "version":
        io.stdout.write(`${VERSION}\n`);
        return EXIT.passed;
      // Commands load on demand, so `--version` and `--help` start without the rules and parsers.
      case "scan":
      case "secrets": {
        const early = await import("./early-start.js");
        early.startEarly(command, rest, io.cwd, io.env);
        try {
          return command === "scan" ? await (await import("./scan.js")).scanCommand(rest, io) : await (await import("./secrets.js")).secretsCommand(rest, io);
        } finally {
          // A command that ended before its scan took the threads (a usage error, a single file): they are stopped.
          await early.stopEarly();
        }
      }
      case "baseline":
        return await (await import("./baseline.js")).baselineCommand(rest, io);
      case "workflows":
        return await (await import("./workflows.js")).workflowsCommand(rest, io);
      case "rules":
        return (await import("./rules.js")).rulesCommand(rest, io);
      case "explain":
        return (await import("./rules.js")).explainCommand(rest, io);
      case "fix":
        return await (await import("./fix.js")).fixCommand(rest, io);
      case "manifests":
        return await (await import("./manifests.js")).manifestsCommand(rest, io);
      case "init":
        return await (await import("./init.js")).initCommand(rest, io);
      case "report":
        return (await import("./report.js")).reportCommand(rest, io);
      case "assess":
        return await (await import("./assess.js")).assessCommand(rest, io);
      case "badge":
        return await (await import("./badge.js")).badgeCommand(rest, io);
      case "vex":
        return (await import("./vex.js")).vexCommand(rest, io);
      case "sbom":
        return await (await import("./sbom.js")).sbomCommand(rest, io);
      case "db":
        return await (await import("./db.js")).dbCommand(rest, io);
      case "verify":
        return await (await import("./verify.js")).verifyCommand(rest, io);
      case "fleet":
        return await (await loadFleet()).fleetCommand(rest, io);
      default:
        // `assay --format json .` puts a command's option first: name it as an option, and say where options go.
        if (command.startsWith("-")) throw new AssayError("USAGE", `unknown option \`${command}\`${didYouMean(command, ["--help", "--version"])}`, { hint: `options follow the command, e.g. \`${commandFirst(args)}\`; run \`assay --help\`` });
        throw new AssayError("USAGE", `unknown command \`${command}\`${didYouMean(command, COMMANDS)}`, { hint: "run `assay --help`" });
    }
  } catch (e) {
    if (e instanceof HelpRequest) {
      io.stdout.write(`${e.usage}\n`);
      return EXIT.passed;
    }
    // Error messages quote policy keys, paths and file names: say() escapes them for the terminal and CI logs.
    if (isAssayError(e) && e.code !== "INTERNAL") {
      // A usage text as the hint keeps its lines (each still escaped); the error itself stays one line.
      if (e.hint?.includes("\n")) {
        say(io, `assay: error: ${e.format(false)}`);
        say(io, e.hint, true);
      } else say(io, `assay: error: ${e.format()}`);
      if (debug && e.stack) say(io, e.stack, true);
      return COULD_NOT_COMPLETE.has(e.code) ? EXIT.internal : EXIT.usage;
    }
    say(io, `assay: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (debug && e instanceof Error && e.stack) say(io, e.stack, true);
    else say(io, "run again with --debug for details, and report it as a bug");
    return EXIT.internal;
  }
}

/** The command line with its command first (`--format json scan .` → `assay scan --format json .`), or as a scan when it names none. */
function commandFirst(args: readonly string[]): string {
  const at = args.findIndex((a) => COMMANDS.includes(a));
  const command = at === -1 ? "scan" : (args[at] as string);
  const rest = args.filter((_, i) => i !== at).slice(0, 12);
  return ["assay", command, ...rest].join(" ");
}

/** `assay fleet` needs its optional dependencies (the embedded database and the queue); say which when they are absent. */
async function loadFleet(): Promise<typeof Fleet> {
  try {
    return await import("./fleet.js");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw e;
    throw new AssayError("USAGE", `assay fleet needs its optional dependencies: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, { hint: "npm install @electric-sql/pglite pg pg-boss (installed with assay unless optional dependencies were skipped)" });
  }
}

/** True when this module is the program (`npx tsx src/cli/main.ts …`), not a module bin/assay.js, the bundle or a test imports. */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

/**
 * What the process does when its output cannot be written (bin/assay.js and the sources alike).
 * `assay rules | head` closes the pipe early: that ends the output quietly, with the command's
 * code. A full disk or an I/O error on standard output (`assay scan . > /dev/full`) loses the
 * report: one line on standard error, and exit 3, "could not complete", never the gate's 0 or 1.
 * Standard error failing as well leaves nothing to tell; the report, if written, stands.
 */
export function onOutputErrors(proc: Pick<NodeJS.Process, "stdout" | "stderr" | "exit" | "exitCode">): void {
  let reported = false;
  proc.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") return proc.exit(proc.exitCode ?? EXIT.passed);
    if (reported) return;
    reported = true;
    try {
      proc.stderr.write(`assay: could not write to standard output: ${(e.message || String(e.code)).replace(/, write$/, "")}\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left to say it.
    }
    proc.exit(EXIT.internal);
  });
  proc.stderr.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") return proc.exit(proc.exitCode ?? EXIT.passed);
    // Otherwise nothing: progress and notes are lost, the command's result and code are not.
  });
}

// Run from the sources, this file is the CLI (it was a silent no-op, exit 0): the same wiring as bin/assay.js, without its V8 tuning.
if (isProgram()) {
  onOutputErrors(process);
  process.exitCode = await cli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin: process.stdin });
}
