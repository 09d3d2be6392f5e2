import type { TextEdit } from "./finding.js";

/** Why an edit was not applied. */
export interface RejectedEdit {
  edit: TextEdit;
  reason: "stale" | "overlap";
}

/**
 * Applies edits to one file's text: each must still find its `replace` text at its offset, and
 * edits that overlap an earlier-accepted one are refused rather than merged. Insertions at one
 * point (two entries appended to a list) are all kept: deeper-indented ones first, else in the
 * order given. Pure.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; rejected: RejectedEdit[] } {
  const rejected: RejectedEdit[] = [];
  const accepted: TextEdit[] = [];
  // Identical edits (two findings proposing the same change) are one change.
  const unique = [...new Map(edits.map((e) => [`${e.offset}\u0000${e.replace}\u0000${e.with}`, e])).values()];
  // A stable sort: insertions at one offset come before a replacement there, and among themselves
  // the deeper-indented first (a key added to the block that ends there, before a sibling added
  // after that block), else in their given order.
  const ordered = unique.sort((a, b) => a.offset - b.offset || a.replace.length - b.replace.length || (a.replace === "" && b.replace === "" ? indentOf(b.with) - indentOf(a.with) : 0));
  let end = -1;
  for (const e of ordered) {
    if (e.offset < 0 || text.slice(e.offset, e.offset + e.replace.length) !== e.replace) rejected.push({ edit: e, reason: "stale" });
    else if (e.offset < end) rejected.push({ edit: e, reason: "overlap" });
    else {
      accepted.push(e);
      end = e.offset + e.replace.length;
    }
  }
  // Built front to back so insertions that share an offset land in order.
  let out = "";
  let at = 0;
  for (const e of accepted) {
    out += text.slice(at, e.offset) + e.with;
    at = e.offset + e.replace.length;
  }
  return { text: out + text.slice(at), applied: accepted, rejected };
}

/** The indentation of an inserted text's first non-empty line. */
function indentOf(inserted: string): number {
  const m = /^[\r\n]*( *)/.exec(inserted);
  return m?.[1]?.length ?? 0;
}
