// The text scanners worker threads can run, and the module worker threads load: when this module
// is evaluated on a text-scan worker thread it starts answering jobs. It lives in api/ because it
// wires a library (secrets/) to the workspace's service; bundled, it is the chunk that holds it.
import { isMainThread, workerData } from "node:worker_threads";
import { secretsTextScanner } from "../secrets/text-scanner.js";
import { serveTextScans, type ScannerRegistry } from "../workspace/text-scan-worker.js";
import { textScanThread } from "./text-scan-thread-url.js";

/** Scanners by id, for worker threads and for the main thread. */
export const TEXT_SCANNERS: ScannerRegistry = { [secretsTextScanner.id]: secretsTextScanner as ScannerRegistry[string] };

/** The module a worker thread loads (see textScanThread); when none is found, this module itself, which serves when a worker loads it. */
export const TEXT_SCAN_WORKER = textScanThread() ?? new URL(import.meta.url);

if (!isMainThread && (workerData as { assayTextScanWorker?: boolean } | null)?.assayTextScanWorker === true) serveTextScans(TEXT_SCANNERS);
