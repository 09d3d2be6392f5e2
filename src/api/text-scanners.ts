// The text scanners worker threads can run, and the module worker threads load: when this module
// is evaluated on a text-scan worker thread it starts answering jobs. It lives in api/ because it
// wires a library (secrets/) to the workspace's service; bundled, it is the chunk that holds it.
import { existsSync } from "node:fs";
import { isMainThread, workerData } from "node:worker_threads";
import { secretsTextScanner } from "../secrets/text-scanner.js";
import { serveTextScans, type ScannerRegistry } from "../workspace/text-scan-worker.js";

/** Scanners by id, for worker threads and for the main thread. */
export const TEXT_SCANNERS: ScannerRegistry = { [secretsTextScanner.id]: secretsTextScanner as ScannerRegistry[string] };

/**
 * The module a worker thread loads: text-scan-thread, which holds only the scanners (about 120 KB
 * bundled, against 2 MB for the chunk that holds this module with every rule), so a worker is
 * ready in a fraction of the time. Bundled, this module sits in dist/chunks/ or in an entry in
 * dist/, and the build makes dist/text-scan-thread.js; from the sources it is the .ts beside this
 * one. When none is found, this module itself, which serves when a worker loads it.
 */
export const TEXT_SCAN_WORKER = workerModule(import.meta.url);

function workerModule(here: string): URL {
  if (here.endsWith(".ts")) return new URL("./text-scan-thread.ts", here);
  for (const rel of ["../text-scan-thread.js", "./text-scan-thread.js"]) {
    const url = new URL(rel, here);
    if (url.protocol === "file:" && existsSync(url)) return url;
  }
  return new URL(here);
}

if (!isMainThread && (workerData as { assayTextScanWorker?: boolean } | null)?.assayTextScanWorker === true) serveTextScans(TEXT_SCANNERS);
