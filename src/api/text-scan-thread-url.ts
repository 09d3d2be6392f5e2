// Where the module a text-scan worker thread loads is, found without loading the scanners: the
// early start asks for it before the rest of a command's code is loaded.
import { existsSync } from "node:fs";

/**
 * The module a worker thread loads: text-scan-thread, which holds only the scanners (about 120 KB
 * bundled, against 2 MB for the chunk that holds the rules), so a worker is ready in a fraction of
 * the time. Bundled, this module sits in dist/chunks/ or in an entry in dist/, and the build makes
 * dist/text-scan-thread.js; from the sources it is the .ts beside this one. Undefined when neither is found.
 */
export function textScanThread(here = import.meta.url): URL | undefined {
  if (here.endsWith(".ts")) return new URL("./text-scan-thread.ts", here);
  for (const rel of ["../text-scan-thread.js", "./text-scan-thread.js"]) {
    const url = new URL(rel, here);
    if (url.protocol === "file:" && existsSync(url)) return url;
  }
  return undefined;
}
