// PowerShell read by the shell splitter: the few places where the two languages disagree about
// what is a command are rewritten to their shell equivalent, keeping every offset.

/**
 * A PowerShell script the shell splitter can read, of the same length: `<# … #>` block comments are
 * blanked (an apostrophe in one would open a shell quote), backslashes become slashes (a Windows path,
 * not an escape: `C:\Python38\python get-pip.py` runs `python`), a backtick at the end of a line
 * continues it as a shell backslash does, and every other backtick (PowerShell's escape character)
 * is a space rather than the start of a command substitution.
 */
export function powerShellAsShell(script: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = script.indexOf("<#", at);
    if (open < 0) break;
    const close = script.indexOf("#>", open + 2);
    const end = close < 0 ? script.length : close + 2;
    out += script.slice(at, open) + script.slice(open, end).replace(/[^\n]/g, " ");
    at = end;
  }
  out += script.slice(at);
  return out.replace(/\\/g, "/").replace(/`(?=\n)/g, "\\").replace(/`/g, " ");
}
