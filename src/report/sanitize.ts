/**
 * C0/C1 controls (ANSI escapes included) and bidirectional overrides. File names and messages come
 * from the scanned repository, which is hostile: left raw they could rewrite a terminal line or
 * make a path display as something else (Trojan Source).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text made safe to show on one line: line breaks and tabs become spaces, controls become U+FFFD. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, " ").replace(UNSAFE, "\uFFFD");
}

/** Shortens to at most `max` characters with an ellipsis, so one huge message cannot swamp a report. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
