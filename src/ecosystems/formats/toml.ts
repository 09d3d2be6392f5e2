import { parse, TomlError } from "smol-toml";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";

/** A parsed TOML file (`Cargo.lock`, `pyproject.toml`, `poetry.lock`, `uv.lock`). */
export interface TomlFile {
  value: Record<string, unknown>;
  text: string;
}

/** Parses TOML; a syntax error is a ParseFailure at its line and column. */
export function parseToml(text: string): TomlFile {
  try {
    return { value: parse(text) as Record<string, unknown>, text };
  } catch (e) {
    if (e instanceof TomlError) throw new ParseFailure(`invalid TOML: ${(e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "")}`, e.line, e.column);
    // Deep nesting can exhaust the stack; the file is refused, never trusted.
    throw new ParseFailure(`could not be parsed as TOML (${e instanceof RangeError ? "nested too deeply" : "error"})`, 1, 1);
  }
}

/** The workspace parser for TOML files. */
export const tomlParser: Parser<TomlFile> = { id: "toml", parse: (file: TextFile) => parseToml(file.text) };
