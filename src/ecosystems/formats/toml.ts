import { parse, TomlError } from "smol-toml";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";

/** A parsed TOML file (`Cargo.lock`, `pyproject.toml`, `poetry.lock`, `uv.lock`). */
export interface TomlFile {
  value: Record<string, unknown>;
  text: string;
}

/**
 * smol-toml's message, except where it names the symptom of a missing closing quote: the line break
 * a one-line string runs into is "a control character", which sends people looking for an invisible
 * character (a Cargo.lock with `version = "1.0` and nothing after it).
 */
function tomlMessage(text: string, e: TomlError): string {
  const message = (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
  if (!/^control characters are not allowed in strings/.test(message)) return message;
  const line = text.split("\n", e.line)[e.line - 1] ?? "";
  const at = line[e.column - 1];
  return at === undefined || at === "\r" ? "a string is not closed before the end of its line (a missing quote?)" : message;
}

/** Parses TOML; a syntax error is a ParseFailure at its line and column. */
export function parseToml(text: string): TomlFile {
  try {
    return { value: parse(text) as Record<string, unknown>, text };
  } catch (e) {
    if (e instanceof TomlError) throw new ParseFailure(`invalid TOML: ${tomlMessage(text, e)}`, e.line, e.column);
    // Deep nesting can exhaust the stack; the file is refused, never trusted.
    throw new ParseFailure(`could not be parsed as TOML (${e instanceof RangeError ? "nested too deeply" : "error"})`, 1, 1);
  }
}

/** The workspace parser for TOML files. */
export const tomlParser: Parser<TomlFile> = { id: "toml", parse: (file: TextFile) => parseToml(file.text) };
