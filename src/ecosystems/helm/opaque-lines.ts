import type { Run } from "./located.js";
import type { Unresolved } from "./template-values.js";

const BARE_MARKER = /^([ ]{0,200})(__assay_unresolved_(\d{1,9}))[ ]{0,200}$/gm;
const MAPPING_KEY = /^[ ]*(?!- |-$|#)[^\s][^\n]*?:(?:[ ]|$)/;
const SEQUENCE_ITEM = /^[ ]*-(?:[ ]|$)/;

interface Line {
  text: string;
  indent: number;
}

/** What the sibling lines of a bare marker at `indent` say its place holds: keys, items, or one value. */
function contextOf(lines: readonly Line[], at: number, indent: number): "mapping" | "sequence" | undefined {
  const kind = (l: Line): "mapping" | "sequence" | undefined => (SEQUENCE_ITEM.test(l.text) ? "sequence" : MAPPING_KEY.test(l.text) ? "mapping" : undefined);
  const meaningful = (l: Line): boolean => l.text.trim() !== "" && !l.text.trimStart().startsWith("#");
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i] as Line;
    if (!meaningful(l) || l.indent > indent) continue;
    if (l.indent === indent) return kind(l);
    break;
  }
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (!meaningful(l)) continue;
    return l.indent === indent ? kind(l) : undefined;
  }
  return undefined;
}

/**
 * Makes the output of a template the chart lacks readable where it stands alone on a line among
 * keys or list items (`{{- include "common.images.renderPullSecrets" . | nindent 6 }}` in a pod
 * spec writes keys there): a bare marker in such a place is not YAML, and the whole template
 * would fail to parse. It becomes a key (`marker: ~`), so the map around it is taken as unknown,
 * or a list item (`- marker`), so that item is; the rest of the object is still read.
 */
export function keyBareMarkers(runs: readonly Run[], unresolved: readonly Unresolved[]): Run[] {
  let text = "";
  for (const r of runs) text += r.text;
  if (!text.includes("__assay_unresolved_")) return [...runs];
  const lines: Line[] = text.split("\n").map((t) => ({ text: t, indent: t.length - t.trimStart().length }));
  // Insertions by output offset: the text to add, and whether it ends the marker (": ~") or starts it ("- ").
  const inserts = new Map<number, { text: string; after: boolean }>();
  let line = 0;
  let lineStart = 0;
  BARE_MARKER.lastIndex = 0;
  for (let m = BARE_MARKER.exec(text); m && inserts.size < 1000; m = BARE_MARKER.exec(text)) {
    if (!unresolved[Number(m[3])]?.opaque) continue;
    while (line < lines.length - 1 && lineStart + (lines[line] as Line).text.length < m.index) lineStart += (lines[line++] as Line).text.length + 1;
    const indent = (m[1] as string).length;
    const ctx = contextOf(lines, line, indent);
    if (ctx === "mapping") inserts.set(m.index + indent + (m[2] as string).length, { text: ": ~", after: true });
    else if (ctx === "sequence") inserts.set(m.index + indent, { text: "- ", after: false });
  }
  if (inserts.size === 0) return [...runs];
  const at = (r: Run, k: number): Run["origin"] => (r.origin?.linear ? { ...r.origin, offset: r.origin.offset + k } : r.origin);
  const out: Run[] = [];
  let pos = 0;
  for (const r of runs) {
    let cut = 0;
    for (let k = 0; k <= r.text.length; k++) {
      const add = inserts.get(pos + k);
      // Each insertion joins the marker's own run: the one it ends, or the one it starts.
      if (!add || (add.after ? k === 0 : k === r.text.length)) continue;
      if (k > cut) out.push({ text: r.text.slice(cut, k), origin: at(r, cut) });
      out.push({ text: add.text, origin: at(r, k) });
      inserts.delete(pos + k);
      cut = k;
    }
    if (cut < r.text.length) out.push({ text: r.text.slice(cut), origin: at(r, cut) });
    pos += r.text.length;
  }
  return out;
}
