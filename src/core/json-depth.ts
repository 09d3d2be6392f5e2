// How deep a JSON text nests, without parsing it: its own module so that readers of JSON that
// only need this (the JSON parser, `assay verify`'s bundle reader) do not load the yaml parser.

/** The offset where brackets outside strings first nest deeper than `max`, if they do. One linear pass. */
export function jsonTooDeepAt(text: string, max: number): number | undefined {
  // Text with no more than `max` opening brackets cannot nest deeper: counting them with indexOf
  // (native) spares most files the character loop below, which runs unoptimised on a small file.
  let opens = 0;
  for (let i = text.indexOf("{"); i >= 0 && opens <= max; i = text.indexOf("{", i + 1)) opens++;
  for (let i = text.indexOf("["); i >= 0 && opens <= max; i = text.indexOf("[", i + 1)) opens++;
  if (opens <= max) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
