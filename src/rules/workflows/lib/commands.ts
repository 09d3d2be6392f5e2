import { allCommands, effectiveWords, programName, splitCommands } from "../../../ecosystems/shell/split.js";

/** One simple command of a script: its words (quotes removed) and where it is. */
export interface Command {
  words: string[];
  start: number;
  end: number;
}

/** Commands read from one script, at most. */
const MAX_COMMANDS = 20_000;
/** Words kept per command: a command's meaning is in its first few. */
const MAX_WORDS = 200;

/**
 * The simple commands of a `run:` script, nested ones (`$( )`, backticks) included, read by the
 * shell splitter the supply-chain rules use: quotes, escapes, heredoc bodies and comments are
 * understood, wrappers (`sudo`, `env X=y`, `timeout 10`) and assignments dropped, and the program
 * named by its base name (`/usr/bin/npm` → `npm`).
 */
export function commandsOf(script: string): Command[] {
  const out: Command[] = [];
  for (const { command } of allCommands(splitCommands(script))) {
    if (out.length >= MAX_COMMANDS) break;
    const words = effectiveWords(command).slice(0, MAX_WORDS);
    if (words.length === 0) continue;
    out.push({ words: [programName(words[0]), ...words.slice(1).map((w) => w.value)], start: command.start, end: command.end });
  }
  return out;
}
