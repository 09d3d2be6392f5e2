/**
 * Wraps one line of plain text at spaces to `width` columns: the first line after `first`
 * characters already used, the following ones indented by `indent`. Width 0 (not a terminal) or a
 * line that fits is left alone; a word longer than a line is never broken.
 */
export function wrap(text: string, width: number, first: number, indent: number): string[] {
  if (width <= 0 || first + text.length <= width) return [text];
  const out: string[] = [];
  let line = "";
  let room = Math.max(20, width - first);
  for (const word of text.split(" ")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= room) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
      room = Math.max(20, width - indent);
    }
  }
  out.push(line);
  return out;
}
