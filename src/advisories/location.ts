import { homedir } from "node:os";
import { join } from "node:path";

/** Where the advisory store lives by default: $XDG_CACHE_HOME/assay/advisories, else ~/.cache/assay/advisories. */
export function defaultStorePath(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && xdg.startsWith("/") ? xdg : join(env.HOME || homedir(), ".cache");
  return join(base, "assay", "advisories");
}

/** The OSV bucket's base URL; `ASSAY_OSV_URL` or `--source` point at a mirror. */
export const OSV_BUCKET = "https://osv-vulnerabilities.storage.googleapis.com";
