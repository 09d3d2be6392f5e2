/**
 * A path or value as one word of a shell command a message tells the user to run: left as it is
 * when every character is plainly safe, else single-quoted. `~` is not among the safe ones: at a
 * word's start the shell would read `~name` as a home folder.
 */
export function shellWord(s: string): string {
  return /^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
