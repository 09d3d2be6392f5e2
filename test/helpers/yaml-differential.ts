// Compares the fast block-YAML parser with the yaml library on one text: whenever the fast parser
// accepts a text, it must build what the library builds (every node's class, value, scalar type,
// source, range, anchor, format and flow flag; the line starts; the document's range), and the
// library must find no error or warning in it. Comments and blank-line markers are not compared:
// the fast parser leaves them off.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { parseBlockYaml } from "../../src/ecosystems/formats/yaml-block.js";

const OPTIONS = { prettyErrors: true, uniqueKeys: false, keepSourceTokens: false } as const;

/** What happened to one text. */
export type Verdict = { kind: "fast" } | { kind: "gave-up" } | { kind: "mismatch"; detail: string };

function describe(node: unknown, path: string, out: string[]): void {
  if (isMap(node) || isSeq(node)) {
    out.push(`${path} ${isMap(node) ? "map" : "seq"} range=${JSON.stringify(node.range)} anchor=${node.anchor ?? ""} flow=${Boolean(node.flow)} tag=${node.tag ?? ""}`);
    node.items.forEach((item: unknown, i: number) => {
      if (isPair(item)) {
        describe(item.key, `${path}.${i}k`, out);
        describe(item.value, `${path}.${i}v`, out);
      } else describe(item, `${path}.${i}`, out);
    });
  } else if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === "number" && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? "-0" : JSON.stringify(v);
    out.push(`${path} scalar ${typeof v} ${value} type=${node.type} source=${JSON.stringify(node.source)} range=${JSON.stringify(node.range)} anchor=${node.anchor ?? ""} tag=${node.tag ?? ""} format=${node.format ?? ""} minFractionDigits=${(node as { minFractionDigits?: number }).minFractionDigits ?? ""}`);
  } else if (isAlias(node)) {
    out.push(`${path} alias ${node.source} range=${JSON.stringify(node.range)}`);
  } else out.push(`${path} ${String(node)}`);
}

function shape(doc: Document.Parsed, lines: LineCounter): string[] {
  const out = [`doc range=${JSON.stringify(doc.range)} docStart=${String(doc.directives.docStart)} lines=${JSON.stringify(lines.lineStarts)}`];
  describe(doc.contents, "$", out);
  return out;
}

/** Parses `text` both ways and compares. */
export function differential(text: string): Verdict {
  const fastLines = new LineCounter();
  const fast = parseBlockYaml(text, fastLines, { ...OPTIONS, lineCounter: fastLines });
  if (!fast) return { kind: "gave-up" };
  const libLines = new LineCounter();
  const lib = parseDocument(text, { ...OPTIONS, lineCounter: libLines });
  if (lib.errors.length > 0 || lib.warnings.length > 0) return { kind: "mismatch", detail: `the library reports ${[...lib.errors, ...lib.warnings].map((e) => e.code).join(", ")} but the fast parser accepted the text` };
  const a = shape(lib, libLines);
  const b = shape(fast, fastLines);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { kind: "mismatch", detail: `library: ${a[i] ?? "(nothing)"}\nfast:    ${b[i] ?? "(nothing)"}` };
  }
  return { kind: "fast" };
}
