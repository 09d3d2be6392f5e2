import type { Parser, TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { isPypiName, normalizePypiName } from "./names.js";

// One pip requirements file (https://pip.pypa.io/en/stable/reference/requirements-file-format/),
// read on its own: requirements with their specifiers, hashes and lines, and the files it
// includes (`-r`) or constrains with (`-c`). Following those is requirements.ts's job.

/** One requirement line. */
export interface Requirement {
  /** PEP 503-normalised. */
  name: string;
  /** The specifier as written (`==1.0`, `>=2,<3`, `@ https://…`), "" for none. */
  spec: string;
  /** The exact version when the specifier pins one (`==1.0`, `===1.0`), else undefined. */
  pinned?: string;
  line: number;
  hashes: string[];
}

/** A `-r` (include) or `-c` (constraints) line. */
export interface Include {
  kind: "requirement" | "constraint";
  /** The path as written, relative to the including file's folder. */
  target: string;
  line: number;
}

/** What one requirements file says. */
export interface RequirementsFile {
  path: string;
  requirements: Requirement[];
  includes: Include[];
}

const OPTION_WITH_VALUE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^-\s]))(\S.*)$/;

/** Logical lines: continuations (`\` at the end) joined, comments removed, each with its first line number. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.split("\n");
  let buffer = "";
  let first = 0;
  for (let i = 0; i < physical.length; i++) {
    let s = (physical[i] as string).replace(/\r$/, "");
    // A comment starts at `#` at the line's start or after whitespace (a URL fragment `#egg=` is not one).
    const hash = s.search(/(?:^|\s)#/);
    if (hash >= 0) s = s.slice(0, hash);
    if (buffer === "") first = i + 1;
    if (s.endsWith("\\")) {
      buffer += `${s.slice(0, -1)} `;
      continue;
    }
    buffer += s;
    if (buffer.trim() !== "") out.push({ text: buffer.trim(), line: first });
    buffer = "";
  }
  if (buffer.trim() !== "") out.push({ text: buffer.trim(), line: first });
  return out;
}

/** Parses one requirement (PEP 508 with pip's per-requirement options); undefined for lines naming no project. */
function parseRequirement(text: string, line: number): Requirement | undefined {
  // Per-requirement options start at the first ` --`; hashes are kept, the rest ignored.
  const opt = text.search(/\s--?[a-z]/);
  const body = (opt >= 0 ? text.slice(0, opt) : text).trim();
  const hashes = [...text.matchAll(/--hash[=\s]+([A-Za-z0-9]{1,16}:[A-Fa-f0-9]{1,256})/g)].map((m) => m[1] as string).slice(0, 64);
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,200})\s*(?:\[[^\]]{0,500}\])?\s*(.*)$/.exec(body);
  if (!m) return undefined;
  const name = m[1] as string;
  if (!isPypiName(name)) return undefined;
  // An environment marker (`; python_version < "3.8"`) does not change what is pinned.
  let spec = (m[2] as string).split(";")[0]?.trim() ?? "";
  if (spec.startsWith("(") && spec.endsWith(")")) spec = spec.slice(1, -1).trim();
  // A bare URL (`https://…`, `git+https://…#egg=name`) names a project only through `#egg=`.
  if (spec.startsWith("/") || spec.startsWith(":") || spec.startsWith("+")) {
    const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]{0,200})/.exec(text);
    return egg ? { name: normalizePypiName(egg[1] as string), spec: `@ ${body}`, line, hashes } : undefined;
  }
  const pin = /^(===?)\s*([^\s,;*]+)$/.exec(spec);
  const req: Requirement = { name: normalizePypiName(name), spec, line, hashes };
  if (pin) req.pinned = pin[2] as string;
  return req;
}

/** Reads one requirements file (no includes followed). */
export function readRequirementsFile(file: TextFile): RequirementsFile {
  const out: RequirementsFile = { path: file.path, requirements: [], includes: [] };
  for (const { text, line } of logicalLines(file.text)) {
    // pip refuses the line; read past, both sides of the merge would be listed as if both were installed.
    if (isConflictMarker(text)) throw conflictMarkerFailure(line, "resolve the conflict (pip refuses this file)");
    // pip expands ${VAR} from the environment, which a scan cannot know: such lines are skipped.
    if (/\$\{[A-Z0-9_]{1,100}\}/.test(text)) continue;
    const inc = OPTION_WITH_VALUE.exec(text);
    if (inc) {
      const kind = (inc[1] as string).startsWith("-r") || inc[1] === "--requirement" ? "requirement" : "constraint";
      out.includes.push({ kind, target: (inc[2] as string).trim().split(/\s+/)[0] as string, line });
      continue;
    }
    if (text.startsWith("-e ") || text.startsWith("--editable")) {
      // An editable install names a path or a VCS URL; `#egg=name` is the only name it may carry.
      const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]{0,200})/.exec(text);
      if (egg) out.requirements.push({ name: normalizePypiName(egg[1] as string), spec: text.replace(/^(?:-e|--editable)[=\s]+/, "@ "), line, hashes: [] });
      continue;
    }
    if (text.startsWith("-")) continue;
    const req = parseRequirement(text, line);
    if (req) out.requirements.push(req);
  }
  return out;
}

/** The workspace parser for one requirements file. */
export const requirementsFileParser: Parser<RequirementsFile> = { id: "requirements-file", parse: (file: TextFile) => readRequirementsFile(file) };
