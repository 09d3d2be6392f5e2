import type { Run } from "./located.js";

/** A document's identifying key at the very start of a run: what a trimmed action glues to a comment. */
const GLUED_KEY = /^(?:apiVersion|kind):[ ]/;

/**
 * Puts back the line break that `{{-` … `-}}` trimming takes from between a comment and the
 * document under it (`# The controller's role` then `{{- if .Values.rbac.create -}}` then
 * `apiVersion: …`): Helm writes `# The controller's roleapiVersion: …`, and the apiVersion (or
 * kind) would be read as part of the comment, so the object would not be read at all. Only a run
 * that starts with `apiVersion: ` or `kind: ` right after a comment's text on the same line is
 * moved to a line of its own; every other run, and every origin, is kept as it is.
 */
export function unglueComments(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  // What the current output line holds so far: nothing but spaces, a comment, or other text.
  let line: "blank" | "comment" | "text" = "blank";
  for (const r of runs) {
    if (line === "comment" && GLUED_KEY.test(r.text)) {
      out.push({ text: "\n", origin: undefined });
      line = "blank";
    }
    out.push(r);
    const lastBreak = r.text.lastIndexOf("\n");
    const tail = lastBreak >= 0 ? r.text.slice(lastBreak + 1) : r.text;
    if (lastBreak >= 0) line = "blank";
    if (line === "blank") {
      const head = tail.trimStart();
      if (head !== "") line = head.startsWith("#") ? "comment" : "text";
    }
  }
  return out;
}
