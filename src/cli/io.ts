import { isAbsolute, relative } from "node:path";
import { inertLine, visible } from "../core/escape.js";
import { maskCredentials } from "../core/mask.js";

/** The streams and environment a CLI run uses, so tests drive the CLI in-process. */
export interface Io {
  /** `columns` is the terminal's width when stdout is one (long report lines wrap to it). */
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for commands that read it (`assay secrets -`). */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** Exit codes, documented in the README; mapped only here. */
export const EXIT = { passed: 0, failed: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** True when colour should be used on a stream (NO_COLOR, FORCE_COLOR, TTY). */
export function useColor(io: Io, stream: "stdout" | "stderr", flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return Boolean(io[stream].isTTY) && io.env.TERM !== "dumb";
}

/**
 * Writes one message on stderr with everything it quotes from the repository or the user made
 * visible (controls, line breaks), inert (no workflow command in a CI log) and credentials masked. `multiline` keeps
 * line breaks, each line escaped, for stack traces.
 */
export function say(io: Io, message: string, multiline = false): void {
  const lines = multiline ? message.split(/\r?\n/) : [message];
  io.stderr.write(`${lines.map((l) => inertLine(visible(maskCredentials(l)))).join("\n")}\n`);
}

/** Says a problem the command went past (a skipped file) on stderr as `assay: warning: …`, as errors are `assay: error: …`, escaped as `say` escapes. */
export function warn(io: Io, message: string): void {
  say(io, `assay: warning: ${message}`);
}

/** A path as the user knows it: relative to the working directory when under it, else absolute (never `../../../dev/null`). */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel === ".." || rel.startsWith("../") || rel.startsWith("..\\") || isAbsolute(rel) ? path : rel;
}

export { shellWord } from "../core/shell-word.js";
