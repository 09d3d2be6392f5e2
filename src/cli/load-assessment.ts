import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ASSESSMENT_VERSION, type Assessment } from "../core/assessment.js";
import { AssayError } from "../core/errors.js";
import { parseJsonText } from "../core/json-text.js";
import type { Io } from "./io.js";
import { ioErrorText } from "../core/io-error.js";
import { userText } from "../core/text-file.js";

/**
 * Renders a loaded assessment; a document that passed the shape check but still breaks a renderer
 * (a field deep inside of the wrong type) is the document's fault, said as such, not an internal error.
 */
export function renderLoaded<T>(from: string, render: () => T): T {
  try {
    return render();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    throw new AssayError("ASSESSMENT_INVALID", `${from} does not match the assessment schema: ${e.message}`, { hint: "produce it with `assay scan --format json` (schema/assessment.schema.json describes it)", cause: e });
  }
}

/** Reads a saved JSON assessment (`assay scan --format json --output FILE`), checking its schema's major version. */
export function loadAssessment(io: Io, from: string): Assessment {
  let text: string;
  try {
    text = userText(readFileSync(resolve(io.cwd, from)));
  } catch (e) {
    throw new AssayError("ASSESSMENT_INVALID", `could not read ${from}: ${ioErrorText(e)}`);
  }
  const data = parseJsonText(text, from, "ASSESSMENT_INVALID", "produce it with `assay scan --format json`") as Partial<Assessment> & Record<string, unknown>;
  const major = (v: unknown) => (typeof v === "string" ? v.split(".")[0] : undefined);
  if (typeof data !== "object" || data === null || major(data.schemaVersion) !== major(ASSESSMENT_VERSION)) {
    throw new AssayError("ASSESSMENT_INVALID", `${from} is not an assay assessment of schema ${ASSESSMENT_VERSION}`, { hint: "produce it with `assay scan --format json`" });
  }
  const problem = shapeProblem(data);
  if (problem !== undefined) throw new AssayError("ASSESSMENT_INVALID", `${from} is not a whole assay assessment: ${problem}`, { hint: "produce it with `assay scan --format json`" });
  return data as Assessment;
}

type Kind = "string" | "number" | "boolean" | "object" | "array" | "number|null";

function kindOk(v: unknown, kind: Kind): boolean {
  if (kind === "array") return Array.isArray(v);
  if (kind === "object") return typeof v === "object" && v !== null && !Array.isArray(v);
  if (kind === "number|null") return v === null || typeof v === "number";
  return typeof v === kind;
}

/** Each field the renderers read, with its type: a document cut short or from another tool fails here with its path, not in a renderer. */
const TOP: Record<string, Kind> = { tool: "object", target: "object", generatedAt: "string", policy: "object", summary: "object", gate: "object", checks: "array", rules: "array", findings: "array", diagnostics: "array" };
const EACH: Record<string, Record<string, Kind>> = {
  checks: { id: "string", title: "string", risk: "string", description: "string", status: "string", score: "number|null", reason: "string", rules: "array" },
  rules: { id: "string", check: "string", severity: "string", outcome: "string", findings: "number", references: "array" },
  findings: { ruleId: "string", check: "string", severity: "string", message: "string", locations: "array", evidence: "object", fingerprint: "string", status: "string" },
  diagnostics: { level: "string", code: "string", message: "string" },
};

/** Where the document departs from the shape the renderers read (`findings[3].locations is missing`), or undefined. */
function shapeProblem(data: Record<string, unknown>): string | undefined {
  const check = (obj: Record<string, unknown>, fields: Record<string, Kind>, at: string): string | undefined => {
    for (const [k, kind] of Object.entries(fields)) if (!kindOk(obj[k], kind)) return `${at}${k} ${obj[k] === undefined ? "is missing" : `is not a${kind === "array" || kind === "object" ? "n" : ""} ${kind}`}`;
    return undefined;
  };
  const top = check(data, TOP, "");
  if (top) return top;
  const nested =
    check(data["tool"] as Record<string, unknown>, { version: "string" }, "tool.") ??
    check(data["target"] as Record<string, unknown>, { path: "string" }, "target.") ??
    check(data["summary"] as Record<string, unknown>, { score: "number|null", findings: "object", ruleErrors: "number" }, "summary.") ??
    check((data["summary"] as Record<string, Record<string, unknown>>)["findings"] as Record<string, unknown>, { total: "number", open: "number", byStatus: "object", openBySeverity: "object" }, "summary.findings.") ??
    check(data["gate"] as Record<string, unknown>, { passed: "boolean", reasons: "array", thresholds: "object" }, "gate.");
  if (nested) return nested;
  const reason = (data["gate"] as { reasons: unknown[] }).reasons.findIndex((r) => typeof r !== "string");
  if (reason >= 0) return `gate.reasons[${reason}] is not a string`;
  for (const [list, fields] of Object.entries(EACH)) {
    const items = data[list] as unknown[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!kindOk(item, "object")) return `${list}[${i}] is not an object`;
      const bad = check(item as Record<string, unknown>, fields, `${list}[${i}].`);
      if (bad) return bad;
      if (list === "findings") {
        const locations = (item as { locations: unknown[] }).locations;
        const l = locations.findIndex((x) => !kindOk(x, "object") || typeof (x as { path?: unknown }).path !== "string");
        if (l >= 0) return `findings[${i}].locations[${l}] has no path`;
      }
    }
  }
  return undefined;
}
