import { homedir } from "node:os";
import { resolve } from "node:path";
import { defaultStorePath } from "../advisories/location.js";
import { AdvisoryStore } from "../advisories/store.js";
import type { AdvisoryConnection } from "../core/advisories.js";
import { AssayError } from "../core/errors.js";
import { shellWord, type Io } from "./io.js";

// Which advisory store a command reads. Kept apart from `assay db` (update, import, signature
// checks) so a scan does not load what only those need.

/** Where the store is: `--db DIR`, else ASSAY_DB, else the user's cache. */
export function storePath(io: Io, flag: string | undefined): string {
  if (flag !== undefined) return resolve(io.cwd, flag);
  if (io.env.ASSAY_DB) return resolve(io.cwd, io.env.ASSAY_DB);
  return defaultStorePath(io.env);
}

/** The advisory database a scan uses: the store of `--db` (or the default), or why there is none and how to get one. */
export function connectAdvisories(io: Io, flag: string | undefined): AdvisoryConnection {
  const dir = storePath(io, flag);
  try {
    const store = AdvisoryStore.open(dir);
    if (store) return { database: store };
    const shown = homeAsTilde(dir, io.env.HOME || homedir());
    // `assay db update` alone fills the default store, not the one --db names: the command says which.
    const at = flag === undefined ? "" : ` --db ${shellWord(shown)}`;
    return { reason: `no advisory database in ${shown}: run \`assay db update${at}\` (or \`assay db import PATH${at}\`)${flag === undefined ? ", or point --db at one" : ""}` };
  } catch (e) {
    return { reason: e instanceof AssayError ? e.format() : `the advisory store in ${dir} cannot be read` };
  }
}

/**
 * A folder under the scanning machine's home written `~/…`. The reason lands in every report, and
 * reports travel (a SARIF upload, a pull-request comment, a GitLab job's artifacts): where whoever
 * ran the scan keeps their files is none of their readers' business.
 */
export function homeAsTilde(dir: string, home: string): string {
  const h = home.replace(/\/+$/, "");
  if (h.length < 2) return dir;
  return dir === h ? "~" : dir.startsWith(`${h}/`) ? `~${dir.slice(h.length)}` : dir;
}
