import { readFileSync } from "node:fs";
import { bundleFromJSON, ValidationError, type Bundle } from "@sigstore/bundle";
import { AssayError } from "../core/errors.js";
import type { ParseFailure } from "../core/files.js";
import { parseJson, type JsonFile } from "../ecosystems/formats/json.js";

// Reading what the user hands `assay verify`: Sigstore bundles (v0.1–v0.3), JSON-lines attestation
// files (one bundle a line, as `.intoto.jsonl`), and npm's attestations document. A malformed input
// is one AssayError naming the file, line and column.

/** One bundle read from a file, with where it came from. */
export interface BundleInput {
  bundle: Bundle;
  /** `file` or `file:line` for JSON lines. */
  origin: string;
  /** The predicate type npm's document lists next to the bundle, if any. */
  listedPredicateType?: string;
}

const MAX_INPUT = 64 * 1024 * 1024;

function readInput(path: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new AssayError("VERIFY_INPUT_INVALID", `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { hint: "check the path" });
  }
  if (buf.length > MAX_INPUT) throw new AssayError("VERIFY_INPUT_INVALID", `${path}: ${buf.length} bytes is too large for a bundle`, { hint: "bundles are a few kilobytes" });
  return buf.toString("utf8");
}

function parse(text: string, path: string, lineOffset = 0): JsonFile {
  try {
    return parseJson(text);
  } catch (e) {
    const f = e as ParseFailure;
    const truncated = /^\s*[[{]/.test(text) && !/[\]}]\s*$/.test(text) ? " (the file looks truncated)" : "";
    throw new AssayError("VERIFY_INPUT_INVALID", `${f.message}${truncated}`, { position: { path, ...(f.line !== undefined ? { line: f.line + lineOffset } : {}), ...(f.column !== undefined ? { column: f.column } : {}) }, hint: "pass the Sigstore bundle (JSON) exactly as it was produced" });
  }
}

/** A Sigstore bundle from parsed JSON; a bundle that fails validation names the field and where it is. */
function toBundle(json: JsonFile, value: unknown, path: string, prefix: (string | number)[], lineOffset: number): Bundle {
  try {
    if (typeof value !== "object" || value === null || !("mediaType" in value)) throw new ValidationError("not a Sigstore bundle (no mediaType)", ["mediaType"]);
    const env = (value as { dsseEnvelope?: { payload?: unknown; signatures?: unknown } }).dsseEnvelope;
    if (env !== undefined) {
      if (typeof env.payload !== "string" || !/^[A-Za-z0-9+/=_-]*$/.test(env.payload)) throw new ValidationError("malformed DSSE envelope: the payload is not base64", ["dsseEnvelope.payload"]);
      if (!Array.isArray(env.signatures) || env.signatures.length === 0) throw new ValidationError("malformed DSSE envelope: no signatures", ["dsseEnvelope.signatures"]);
    }
    return bundleFromJSON(value);
  } catch (e) {
    const fields = e instanceof ValidationError ? (e.fields ?? []) : [];
    const field = fields[0];
    let at: { line: number; column: number } | undefined;
    for (let parts = field ? field.split(".") : []; parts.length > 0 && !at; parts = parts.slice(0, -1)) at = json.locate([...prefix, ...parts]);
    at ??= json.locate(prefix);
    const what = e instanceof Error ? e.message : String(e);
    throw new AssayError("VERIFY_INPUT_INVALID", `${what}${fields.length > 0 ? ` (${fields.join(", ")})` : ""}`, { position: { path, ...(at ? { line: at.line + lineOffset, column: at.column } : {}) }, hint: "the bundle is malformed: fetch it again from where it was published" });
  }
}

/** Reads one Sigstore bundle file (`--bundle`, `--model-signature`). */
export function readBundle(path: string): BundleInput {
  const json = parse(readInput(path), path);
  return { bundle: toBundle(json, json.value, path, [], 0), origin: path };
}

/**
 * Reads attestations: JSON lines of bundles (`.intoto.jsonl`), one bundle, or npm's attestations
 * document (`{"attestations": [{"predicateType", "bundle"}]}`).
 */
export function readAttestations(path: string): BundleInput[] {
  const text = readInput(path);
  const trimmed = text.trim();
  const lines = trimmed.split("\n");
  if (lines.length > 1 && lines.every((l) => l.trim() === "" || l.trim().startsWith("{")) && !trimmed.startsWith("{\n") && lines.filter((l) => l.trim() !== "").every((l) => l.trim().endsWith("}"))) {
    const out: BundleInput[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      const json = parse(line, path, i);
      out.push({ bundle: toBundle(json, json.value, path, [], i), origin: `${path}:${i + 1}` });
    });
    return out;
  }
  const json = parse(text, path);
  const doc = json.value as { attestations?: unknown };
  if (typeof doc === "object" && doc !== null && Array.isArray(doc.attestations)) {
    return doc.attestations.map((a: unknown, i: number) => {
      const item = a as { bundle?: unknown; predicateType?: unknown };
      const listed = typeof item?.predicateType === "string" ? item.predicateType : undefined;
      return { bundle: toBundle(json, item?.bundle, path, ["attestations", i, "bundle"], 0), origin: `${path} (attestation ${i + 1})`, ...(listed ? { listedPredicateType: listed } : {}) };
    });
  }
  return [{ bundle: toBundle(json, json.value, path, [], 0), origin: path }];
}
