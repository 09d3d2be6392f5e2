import { AssayError, isAssayError } from "../core/errors.js";
import { VERSION } from "../version.js";
import { EXIT, type ExitCode, type Io } from "./io.js";

export type { Io } from "./io.js";

const HELP = `assay ${VERSION}: an offline security assessment of a repository

usage:
  assay scan [PATH]            assess a checkout (default .) and gate on the policy
      --format text|json|sarif|markdown|github|html   --output FILE   --policy FILE   --baseline FILE
      --fail-on SEVERITY|none   --min-score N   --rule ID (repeatable)   --verbose   --no-color
      --online   let rules that need the forge's API use it (GITHUB_TOKEN; offline is the default)
      --timings  print how long each rule took, slowest first, on stderr
  assay baseline [PATH]        record today's findings so the gate shows only new ones
  assay fix [PATH]             apply the fixes rules offer (--rule ID, --dry-run prints a diff)
  assay rules [--json]         list every rule and check
  assay explain RULE-ID|CHECK  a rule's page (what, why, how to fix), or a check and its rules
  assay init [PATH]            write a commented assay.yml and a CI workflow
  assay report --from FILE     re-render a saved JSON assessment
  assay assess [PATH]          draft the security self-assessment from evidence (--output FILE, --check, --init, --format html)
  assay badge [PATH]           an SVG badge with the score and grade (--output FILE, --endpoint FILE for Shields.io)
  assay fleet add|run|worker|status|report|serve   assess many repositories incrementally (assay fleet help)

exit codes: 0 gate passed · 1 gate failed · 2 usage or configuration error · 3 scan incomplete
`;

/** The CLI as a function of argv and io; returns the exit code and never calls process.exit. */
export async function cli(argv: readonly string[], io: Io): Promise<ExitCode> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [command, ...rest] = args;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(HELP);
        return command === undefined ? EXIT.usage : EXIT.passed;
      case "--version":
      case "-V":
      case "version":
        io.stdout.write(`${VERSION}\n`);
        return EXIT.passed;
      // Commands load on demand, so `--version` and `--help` start without the rules and parsers.
      case "scan":
        return await (await import("./scan.js")).scanCommand(rest, io);
      case "baseline":
        return await (await import("./baseline.js")).baselineCommand(rest, io);
      case "rules":
        return (await import("./rules.js")).rulesCommand(rest, io);
      case "explain":
        return (await import("./rules.js")).explainCommand(rest, io);
      case "fix":
        return await (await import("./fix.js")).fixCommand(rest, io);
      case "init":
        return (await import("./init.js")).initCommand(rest, io);
      case "report":
        return (await import("./report.js")).reportCommand(rest, io);
      case "assess":
        return await (await import("./assess.js")).assessCommand(rest, io);
      case "badge":
        return await (await import("./badge.js")).badgeCommand(rest, io);
      case "fleet":
        return await (await import("./fleet.js")).fleetCommand(rest, io);
      default:
        throw new AssayError("USAGE", `unknown command \`${command}\``, { hint: "run `assay --help`" });
    }
  } catch (e) {
    if (isAssayError(e) && e.code !== "INTERNAL") {
      io.stderr.write(`assay: error: ${e.format()}\n`);
      if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
      return e.code === "OUTPUT_FAILED" ? EXIT.internal : EXIT.usage;
    }
    io.stderr.write(`assay: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    io.stderr.write(debug && e instanceof Error && e.stack ? `${e.stack}\n` : "run again with --debug for details, and report it as a bug\n");
    return EXIT.internal;
  }
}
