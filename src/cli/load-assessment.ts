import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ASSESSMENT_VERSION, type Assessment } from "../core/assessment.js";
import { AssayError } from "../core/errors.js";
import { parseJsonText } from "../core/json-text.js";
import type { Io } from "./io.js";
import { ioErrorText } from "../core/io-error.js";

/** Reads a saved JSON assessment (`assay scan --format json --output FILE`), checking its schema's major version. */
export function loadAssessment(io: Io, from: string): Assessment {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, from), "utf8");
  } catch (e) {
    throw new AssayError("ASSESSMENT_INVALID", `could not read ${from}: ${ioErrorText(e)}`);
  }
  const data = parseJsonText(text, from, "ASSESSMENT_INVALID", "produce it with `assay scan --format json`") as Partial<Assessment>;
  const major = (v: unknown) => (typeof v === "string" ? v.split(".")[0] : undefined);
  if (typeof data !== "object" || data === null || major(data.schemaVersion) !== major(ASSESSMENT_VERSION)) {
    throw new AssayError("ASSESSMENT_INVALID", `${from} is not an assay assessment of schema ${ASSESSMENT_VERSION}`, { hint: "produce it with `assay scan --format json`" });
  }
  return data as Assessment;
}
