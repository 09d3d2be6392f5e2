import { shellWord } from "../core/shell-word.js";

/**
 * The command that fetches one ecosystem's records, quoted for a shell where the name needs it
 * (`assay db update --ecosystem 'Rocky Linux'`): hints are copied and pasted as they are.
 */
export function updateCommand(ecosystem: string): string {
  return `assay db update --ecosystem ${shellWord(ecosystem)}`;
}

/** What to do when the advisory source cannot be reached: the offline way in. */
export const OFFLINE_HINT = "offline, load OSV records with `assay db import PATH` (a file or folder of records, or an unpacked all.zip)";
