import { GENERATED_MARKER } from "./markdown.js";

// What `assay assess --check` tells a maintainer when the committed document is not today's draft:
// which sections differ and how, so "stale" comes with the line to look at rather than a diff to run.

/** Sections reported one by one before "and N more". */
const MAX_CHANGES = 8;
const MAX_QUOTE = 140;
/** A line of cited evidence: a list item that opens with one of the document's marks. */
const EVIDENCE_LINE = /^- (?:✅|❌|☑️|⚠️|➖|⏸️)/u;

/**
 * What `--check` compares: line and column numbers of citations are left out, so editing a cited
 * file above the cited line does not make the document stale; what the evidence says does.
 */
export function normaliseDocument(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/(`[^`\n]{1,500}?):\d+(?::\d+)?`/g, "$1`").replace(GENERATED_MARKER, "").trim();
}

/** The differences between the committed document and today's draft, one line each; empty when they agree. */
export function documentChanges(committed: string, fresh: string, answersFile: string): string[] {
  const before = sections(normaliseDocument(committed));
  const after = sections(normaliseDocument(fresh));
  const out: string[] = [];
  let editedPrompt = false;
  for (const [title, body] of after) {
    const old = before.get(title);
    if (old === undefined) {
      out.push(`section "${title}" is missing from the document`);
      continue;
    }
    if (old === body) continue;
    const removed = lines(old).filter((l) => !lines(body).includes(l));
    const added = lines(body).filter((l) => !lines(old).includes(l));
    if (added.some((l) => l.includes("**To answer**")) && removed.length > 0) editedPrompt = true;
    // Only a cited line is evidence: a prompt is a question, and an answer is the answers file's.
    const now = (l: string): string => (l.includes("**To answer**") ? `today's draft asks ${quote(l)}` : EVIDENCE_LINE.test(l) || l.startsWith("|") ? `today's evidence says ${quote(l)}` : `today's draft says ${quote(l)}`);
    const parts = [...(removed[0] !== undefined ? [`the document says ${quote(removed[0])}`] : []), ...(added[0] !== undefined ? [now(added[0])] : [])];
    const extra = removed.length + added.length - parts.length;
    out.push(`section "${title}" differs${parts.length > 0 ? `: ${parts.join("; ")}` : " (order of lines)"}${extra > 0 ? ` (and ${extra} more changed line${extra === 1 ? "" : "s"})` : ""}`);
  }
  for (const title of before.keys()) if (!after.has(title)) out.push(`section "${title}" is not in today's draft`);
  const shown = out.length > MAX_CHANGES ? [...out.slice(0, MAX_CHANGES), `and ${out.length - MAX_CHANGES} more sections`] : out;
  // A prompt answered in the document itself is lost on the next run: say where answers go.
  if (editedPrompt) shown.push(`answers written into the document are overwritten: put them in ${answersFile} and run \`assay assess\` again`);
  return shown;
}

/** Each heading's title and the text under it, in document order. */
function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let title = "(before the first heading)";
  let body: string[] = [];
  const flush = (): void => {
    if (body.join("").trim() !== "" || title !== "(before the first heading)") out.set(out.has(title) ? `${title} (${out.size})` : title, body.join("\n").trim());
  };
  for (const line of text.split("\n")) {
    const h = /^#{1,6} (.{1,300})$/.exec(line);
    if (h) {
      flush();
      title = (h[1] as string).trim();
      body = [];
    } else body.push(line);
  }
  flush();
  return out;
}

function lines(body: string): string[] {
  return body.split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

function quote(line: string): string {
  return `"${line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line}"`;
}
