import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { parse } from "./args.js";
import { POLICY_TEMPLATE, WORKFLOW_TEMPLATE } from "./init-templates.js";
import { EXIT, type ExitCode, type Io } from "./io.js";
import { writeOutput } from "./write-output.js";

/** `assay init`: writes a commented starter assay.yml and a CI workflow, never overwriting without --force. */
export function initCommand(args: readonly string[], io: Io): ExitCode {
  const { values, positionals } = parse(args, { force: { type: "boolean" }, "no-workflow": { type: "boolean" } }, 1, "usage: assay init [PATH] [--force] [--no-workflow]");
  const root = resolve(io.cwd, positionals[0] ?? ".");
  if (!existsSync(root)) throw new AssayError("TARGET_NOT_FOUND", `no such directory: ${positionals[0]}`);
  const files: [string, string][] = [["assay.yml", POLICY_TEMPLATE]];
  if (!values["no-workflow"]) files.push([".github/workflows/assay.yml", WORKFLOW_TEMPLATE]);
  const clash = files.map(([p]) => join(root, p)).filter((p) => existsSync(p));
  if (clash.length > 0 && !values.force) {
    throw new AssayError("USAGE", `already exists: ${clash.map((p) => relative(io.cwd, p)).join(", ")}`, { hint: "pass --force to overwrite" });
  }
  for (const [p, text] of files) {
    writeOutput(io, text, join(root, p));
    io.stderr.write(`assay: wrote ${relative(io.cwd, join(root, p)) || p}\n`);
  }
  return EXIT.passed;
}
