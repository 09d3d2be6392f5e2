import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { lineIndex } from "../../core/line-index.js";

// XML manifests and metadata (pom.xml, gradle/verification-metadata.xml) read as plain values, with
// the offset of every element kept so a package can be placed. Entity declarations are refused
// outright (billion laughs, external entities), entities are never expanded, values stay strings.

/** A parsed XML file: elements as objects (attributes under `@_name`, text under `#text`). */
export interface XmlFile {
  value: Record<string, unknown>;
  text: string;
  /** 1-based line of an element object of `value`, when the parser recorded where it starts. */
  lineOf(element: unknown): number | undefined;
  /** Offset into `text` where an element object of `value` starts (document order), when recorded. */
  offsetOf(element: unknown): number | undefined;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const MAX_DEPTH = 256;
/** Attributes one element may carry: the parser slows superlinearly past some hundred thousand on one element; no manifest has a hundred. */
const MAX_ATTRIBUTES = 1000;

/** Names of elements that are always read as lists, even when there is one. */
const LISTS = new Set(["dependency", "component", "artifact", "module", "profile", "exclusion"]);

/** Parses XML; malformed input or a DOCTYPE with entity declarations is a ParseFailure at its position. */
export function parseXml(text: string): XmlFile {
  const { positionAt } = lineIndex(text);
  const entity = text.search(/<!ENTITY/i);
  if (entity >= 0) {
    const p = positionAt(entity);
    throw new ParseFailure("declares XML entities (possible entity expansion attack); not parsed", p.line, p.column);
  }
  const over = pastLimits(text);
  if (over) {
    const p = positionAt(over.at);
    throw new ParseFailure(over.why, p.line, p.column);
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const open = valid.err.code === "InvalidXml" ? unclosedElements(valid.err.msg) : undefined;
    if (open) {
      // The validator places elements left open at line 1; the file is cut short at its end (a
      // partial download, a merge gone wrong), which is where to look.
      const p = positionAt(text.trimEnd().length);
      throw new ParseFailure(`the file ends before ${open.join(", ")} ${open.length === 1 ? "is" : "are"} closed: it is truncated`, p.line, p.column);
    }
    throw new ParseFailure(`invalid XML: ${valid.err.msg}`, valid.err.line, valid.err.col);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    captureMetaData: true,
    maxNestedTags: MAX_DEPTH,
    isArray: (name) => LISTS.has(name),
  });
  let value: unknown;
  try {
    value = parser.parse(text);
  } catch (e) {
    throw new ParseFailure(`invalid XML: ${e instanceof Error ? (e.message.split("\n")[0] ?? "") : "error"}`, 1, 1);
  }
  const root = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const offsetOf = (element: unknown): number | undefined => {
    if (typeof element !== "object" || element === null) return undefined;
    return (element as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;
  };
  return {
    value: root,
    text,
    lineOf(element) {
      const at = offsetOf(element);
      return at === undefined ? undefined : positionAt(at).line;
    },
    offsetOf,
  };
}

/** The elements the validator found still open at the end (`Invalid '["project", "dependencies"]' found.`) as `<project>`, if that is its message. */
function unclosedElements(msg: string): string[] | undefined {
  const m = /^Invalid '(\[[^']{0,20000}\])' found\.$/.exec(msg);
  if (!m) return undefined;
  try {
    const tags: unknown = JSON.parse(m[1] as string);
    if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === "string")) return undefined;
    return (tags as string[]).slice(0, 8).map((t) => `<${t.slice(0, 100)}>`).concat(tags.length > 8 ? ["…"] : []);
  } catch {
    return undefined;
  }
}

/**
 * The first start tag past MAX_ATTRIBUTES attributes or MAX_DEPTH open elements, found before the
 * parser (which slows down on the one and says no position for the other). One pass: `=` signs
 * outside quotes are counted from `<` to `>`; comments, CDATA and declarations are stepped over whole.
 */
function pastLimits(text: string): { at: number; why: string } | undefined {
  let depth = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    const skip = text.startsWith("<!--", at) ? "-->" : text.startsWith("<![CDATA[", at) ? "]]>" : undefined;
    if (skip !== undefined) {
      const end = text.indexOf(skip, at + 4);
      if (end < 0) return undefined;
      at = end + 2;
      continue;
    }
    let count = 0;
    let quote = "";
    let i = at + 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote !== "") {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
      else if (c === "=" && ++count > MAX_ATTRIBUTES) return { at, why: `an element has more than ${MAX_ATTRIBUTES.toLocaleString("en-US")} attributes; not parsed` };
    }
    const next = text[at + 1];
    if (next === "/") depth--;
    else if (next !== "!" && next !== "?" && text[i - 1] !== "/" && ++depth > MAX_DEPTH) return { at, why: `elements nested more than ${MAX_DEPTH} deep; not parsed` };
    at = i;
  }
  return undefined;
}

/** The workspace parser for XML files. */
export const xmlParser: Parser<XmlFile> = { id: "xml", parse: (file: TextFile) => parseXml(file.text) };

/** The text of an element read by parseXml (`<version>1.0</version>` → "1.0", `&lt;2.0` → "<2.0"), or undefined. */
export function xmlText(v: unknown): string | undefined {
  if (typeof v === "string") return xmlDecode(v.trim());
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const t = (v as Record<string, unknown>)["#text"];
    return typeof t === "string" ? xmlDecode(t.trim()) : undefined;
  }
  return undefined;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * XML's five predefined entities and character references decoded (`&lt;` → `<`, `&#x26;` → `&`).
 * parseXml leaves every entity as written, so that no declared entity is ever expanded; these
 * expand to one character each, whatever the document declares.
 */
export function xmlDecode(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? "", 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** The elements of a list field (always an array for LISTS names; a lone object otherwise). */
export function xmlList(v: unknown): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v];
  return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x));
}
