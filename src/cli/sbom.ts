import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { sbom, SBOM_FORMATS, type SbomFormat } from "../api/sbom.js";
import { AssayError } from "../core/errors.js";
import { choice, parse } from "./args.js";
import { EXIT, warn, type ExitCode, type Io } from "./io.js";
import { clocks } from "./clock.js";
import { writeOutput } from "./write-output.js";
import { safeJson } from "../core/escape.js";

const USAGE = `usage: assay sbom [PATH] [--format cyclonedx|spdx] [--output FILE] [--name NAME]   (cyclonedx by default)

Writes a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) of every package the
checkout's lockfiles pin, offline. Exits 1 when a lockfile could not be read (the SBOM is then
incomplete, and the lockfile is named on standard error).`;

/** `assay sbom`: CycloneDX 1.6 or SPDX 2.3 JSON from the checkout's lockfiles. */
export async function sbomCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { format: { type: "string", short: "f" }, output: { type: "string", short: "o" }, name: { type: "string" } }, 1, USAGE);
  const format: SbomFormat = choice("--format", values.format, SBOM_FORMATS, "cyclonedx", "SBOM format");
  const target = resolve(io.cwd, positionals[0] ?? ".");
  if (!existsSync(target)) throw new AssayError("TARGET_NOT_FOUND", `not found: ${positionals[0] ?? "."}`, { hint: "give the path of a checkout" });
  const { document, problems, packages } = await sbom({ path: target, format, now: clocks(io, undefined).generatedAt, ...(values.name ? { name: values.name } : {}) });
  // Problems name the checkout's lockfiles: warn() keeps their names from acting on the terminal.
  for (const p of problems) warn(io, p);
  writeOutput(io, `${safeJson(JSON.stringify(document, null, 2))}\n`, values.output);
  if (values.output !== undefined && values.output !== "-") io.stderr.write(`assay: wrote ${values.output}: ${packages} ${packages === 1 ? "package" : "packages"} (${format})\n`);
  // A lockfile that could not be read leaves the SBOM incomplete: say so in the exit code too.
  return problems.length > 0 ? EXIT.failed : EXIT.passed;
}
