// The entry point of a text-scan worker thread: the registered scanners and the loop that serves
// them, nothing else, so a worker loads a small module and is ready soon after it starts.
import { workerData } from "node:worker_threads";
import { restoreV8Flags } from "../core/v8-flags.js";

// Before the rest loads (and allocates): the V8 flags the main thread had set, some of which this
// thread's boot undid for the whole process (see core/v8-flags.ts).
const flags = (workerData as { v8Flags?: unknown } | null)?.v8Flags;
restoreV8Flags(typeof flags === "string" ? flags : undefined);
const [{ serveTextScans }, { TEXT_SCANNERS }] = await Promise.all([import("../workspace/text-scan-worker.js"), import("./text-scanners.js")]);
serveTextScans(TEXT_SCANNERS);
