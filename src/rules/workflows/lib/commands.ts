import { logicalLines } from "./shell.js";

/** One simple command of a script: its words (quotes removed) and where it is. */
export interface Command {
  words: string[];
  start: number;
  end: number;
}

/** Simple commands of a script: lines split at `;`, `&&`, `||` and `|`; `sudo` and `env X=y` prefixes dropped. At most 20,000. */
export function commandsOf(script: string): Command[] {
  const out: Command[] = [];
  for (const line of logicalLines(script)) {
    const re = /[^;&|]+/g;
    for (let m = re.exec(line.text); m && out.length < 20_000; m = re.exec(line.text)) {
      const text = m[0];
      const lead = text.length - text.trimStart().length;
      if (text.trim() === "" || text.trimStart().startsWith("#")) continue;
      let words = text.trim().split(/\s+/).slice(0, 200).map((w) => w.replace(/^["']|["']$/g, ""));
      while (words.length > 0 && (words[0] === "sudo" || words[0] === "time" || words[0] === "exec" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string) || words[0] === "env")) words = words.slice(1);
      const start = line.start + m.index + lead;
      // Continuation lines were joined with a space, so an offset past the first line is approximate: clamp to the line.
      out.push({ words, start: Math.min(start, line.end), end: Math.min(line.start + m.index + text.trimEnd().length, line.end) });
    }
  }
  return out;
}
