// The entry point of a text-scan worker thread: the registered scanners and the loop that serves
// them, nothing else, so a worker loads a small module and is ready soon after it starts.
import { serveTextScans } from "../workspace/text-scan-worker.js";
import { TEXT_SCANNERS } from "./text-scanners.js";

serveTextScans(TEXT_SCANNERS);
