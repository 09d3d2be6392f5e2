import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import type { Io } from "./io.js";
import { ioErrorText } from "../core/io-error.js";

/** Writes a report to a file (creating its folder) or to stdout. */
export function writeOutput(io: Io, text: string, output: string | undefined): void {
  if (output === undefined || output === "-") {
    io.stdout.write(text);
    return;
  }
  // `--output=` (an unset variable in a CI script) would otherwise resolve to the working directory.
  if (output.trim() === "") throw new AssayError("USAGE", "--output needs a file name", { hint: "--output report.json, or leave it out to print on standard output" });
  const path = resolve(io.cwd, output);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A folder named where a file was meant (or a file where a folder was) is a bad path on the
    // command line: a usage error (exit 2) as the README's table says, not a command that could not complete.
    // mkdir says EEXIST when a part of the folder path is a file.
    if (code === "EISDIR" || code === "ENOTDIR" || code === "EEXIST") throw new AssayError("USAGE", `could not write ${output}: ${ioErrorText(e)}`, { hint: code === "EISDIR" ? "name a file to write, not a folder" : "a part of the path is a file, not a folder" });
    throw new AssayError("OUTPUT_FAILED", `could not write ${output}: ${ioErrorText(e)}`, { hint: "check the folder is writable and has room" });
  }
}
