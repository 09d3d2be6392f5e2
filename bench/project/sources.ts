// Source files, tests, docs, test data and images with the size spread of real repositories
// (most files a few KiB, a long tail of larger ones).
import type { Rng } from "../lib/rng.js";

const WORDS = ["config", "value", "result", "handler", "request", "parse", "token", "cache", "entry", "index", "buffer", "stream", "options", "context", "record", "schema", "client", "server", "queue", "batch"];

function ident(r: Rng): string {
  const a = r.pick(WORDS);
  const b = r.pick(WORDS);
  return a + b[0]?.toUpperCase() + b.slice(1);
}

/** A size in bytes, log-normal around `median` and capped at `max`. */
export function fileSize(r: Rng, median: number, max: number): number {
  const g = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  return Math.min(max, Math.max(120, Math.round(median * Math.exp(0.9 * g))));
}

type Lang = "ts" | "go" | "rs" | "py" | "md" | "sh" | "css";

const HEAD: Record<Lang, (r: Rng) => string[]> = {
  ts: (r) => [`import { ${ident(r)}, ${ident(r)} } from "./${r.pick(WORDS)}.js";`, `import type { ${ident(r)[0]?.toUpperCase()}${ident(r).slice(1)} } from "../types.js";`, ""],
  go: (r) => [`package ${r.pick(WORDS)}`, "", "import (", '\t"context"', '\t"errors"', '\t"fmt"', ")", ""],
  rs: () => ["use std::collections::HashMap;", "use thiserror::Error;", ""],
  py: (r) => ['"""' + `${r.pick(WORDS)} helpers.` + '"""', "from __future__ import annotations", "", "import logging", "from dataclasses import dataclass", "", "log = logging.getLogger(__name__)", ""],
  md: (r) => [`# ${r.pick(WORDS)} ${r.pick(WORDS)}`, ""],
  sh: () => ["#!/usr/bin/env bash", "set -euo pipefail", ""],
  css: () => [":root {", "  --accent: #0b5fff;", "}", ""],
};

const BODY: Record<Lang, (r: Rng) => string[]> = {
  ts: (r) => {
    const f = ident(r);
    return [`/** Returns the ${r.pick(WORDS)} for a ${r.pick(WORDS)}. */`, `export function ${f}(input: string, limit = ${r.int(1, 500)}): number {`, `  const ${r.pick(WORDS)} = input.trim().split(",");`, `  if (input.length > limit) throw new Error("${f}: input too long");`, `  return ${r.pick(WORDS)}.length + limit;`, "}", ""];
  },
  go: (r) => {
    const f = ident(r);
    return [`// ${f[0]?.toUpperCase()}${f.slice(1)} returns the ${r.pick(WORDS)} of a ${r.pick(WORDS)}.`, `func ${f[0]?.toUpperCase()}${f.slice(1)}(ctx context.Context, in string) (int, error) {`, "\tif in == \"\" {", `\t\treturn 0, errors.New("${f}: empty input")`, "\t}", `\tfmt.Sprintf("%s-%d", in, ${r.int(1, 99)})`, "\treturn len(in), ctx.Err()", "}", ""];
  },
  rs: (r) => {
    const f = ident(r).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return [`/// Computes the ${r.pick(WORDS)} of a ${r.pick(WORDS)}.`, `pub fn ${f}(input: &str) -> Result<usize, Error> {`, "    let mut seen = HashMap::new();", "    for (i, c) in input.char_indices() {", "        seen.entry(c).or_insert(i);", "    }", "    Ok(seen.len())", "}", ""];
  },
  py: (r) => {
    const f = ident(r).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return [`def ${f}(value: str, limit: int = ${r.int(1, 100)}) -> int:`, `    """Return the ${r.pick(WORDS)} of *value*."""`, "    if len(value) > limit:", `        raise ValueError("${f}: too long")`, `    log.debug("${f} %s", value)`, "    return len(value.split(','))", "", ""];
  },
  md: (r) => [`## ${r.pick(WORDS)} and ${r.pick(WORDS)}`, "", `The ${r.pick(WORDS)} keeps every ${r.pick(WORDS)} it reads until the ${r.pick(WORDS)} is flushed; set \`${ident(r)}\` to change how long.`, "", "```sh", `acme ${r.pick(WORDS)} --${r.pick(WORDS)} ${r.int(1, 64)}`, "```", ""],
  sh: (r) => [`${ident(r)}() {`, `  local dir="\${1:-.}"`, `  find "$dir" -name '*.${r.pick(["go", "ts", "rs"])}' | wc -l`, "}", ""],
  css: (r) => [`.${r.pick(WORDS)}-${r.pick(WORDS)} {`, `  margin: ${r.int(0, 32)}px;`, "  color: var(--accent);", "}", ""],
};

/** Text of about `size` bytes in language `lang`. */
export function sourceText(r: Rng, lang: Lang, size: number): string {
  const lines = HEAD[lang](r);
  let n = lines.reduce((a, l) => a + l.length + 1, 0);
  while (n < size) {
    for (const l of BODY[lang](r)) {
      lines.push(l);
      n += l.length + 1;
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A PNG-signed binary blob of `size` bytes (NUL bytes included, as real images have). */
export function pngBytes(r: Rng, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (let i = 16; i < size; i++) out[i] = r.chance(0.1) ? 0 : r.int(0, 255);
  return out;
}

/** A JSON or YAML test-data document of about `size` bytes. */
export function dataText(r: Rng, yaml: boolean, size: number): string {
  const items: string[] = [];
  let n = 0;
  while (n < size) {
    const item = yaml ? `- id: ${r.int(1, 1e6)}\n  ${r.pick(WORDS)}: "${ident(r)}"\n  tags: [${r.pick(WORDS)}, ${r.pick(WORDS)}]\n` : `  {"id": ${r.int(1, 1e6)}, "${r.pick(WORDS)}": "${ident(r)}", "ok": ${r.chance(0.5)}}`;
    items.push(item);
    n += item.length + 2;
  }
  return yaml ? items.join("") : `[\n${items.join(",\n")}\n]\n`;
}
