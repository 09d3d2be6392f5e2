// Where each document of a multi-document YAML stream starts and ends, found from its lines alone
// (Kubernetes manifests, pnpm 11's env document and project document), before any parse.

/** The lines of a text already measured: line i ends at `ends[i]` (its newline, or the text's end). */
export interface MeasuredLines {
  count: number;
  ends: Int32Array;
}

/**
 * Splits a YAML stream into documents at `---` and `...` lines, keeping offsets. Linear. `lines`,
 * when the caller has measured them (a manifest stream is), saves searching for every newline again.
 */
export function splitDocuments(text: string, lines?: MeasuredLines): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let docStart = 0;
  let sawContent = false;
  let pos = 0;
  // Measured lines leave out the empty line after a final newline: blank, it changes nothing.
  for (let l = 0; pos <= text.length && (lines === undefined || l < lines.count); l++) {
    let nl = lines ? (lines.ends[l] as number) : text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const c0 = text.charCodeAt(pos);
    if ((c0 === 45 || c0 === 46) && text.charCodeAt(pos + 1) === c0 && text.charCodeAt(pos + 2) === c0) {
      const after = text.charCodeAt(pos + 3);
      if (pos + 3 >= nl || after === 32 || after === 9 || after === 13) {
        const isStart = c0 === 45;
        if (sawContent || isStart) {
          if (sawContent) out.push({ start: docStart, end: pos });
          sawContent = false;
        }
        // `--- value` starts a document on the separator line itself.
        const rest = text.slice(pos + 3, nl).trim();
        const inline = isStart && rest !== "" && !rest.startsWith("#");
        docStart = inline ? pos + 4 : nl + 1;
        sawContent = inline;
        pos = nl + 1;
        continue;
      }
    }
    if (!sawContent) {
      let i = pos;
      while (i < nl && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
      if (i < nl && text.charCodeAt(i) !== 35 && text.charCodeAt(i) !== 37) sawContent = true;
    }
    pos = nl + 1;
  }
  if (sawContent) out.push({ start: docStart, end: text.length });
  return out;
}
