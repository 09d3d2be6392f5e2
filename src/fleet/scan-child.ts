// The process a fleet worker scans in, one repository at a time: clone shallowly into its
// scratch folder, run every rule with the default policy, hand the assessment back, delete the
// clone. A separate process keeps a hostile repository's effects (memory, a crash) away from the
// worker and the database, and makes its memory measurable.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { scan } from "../api/scan.js";
import { defaultPolicy } from "../policy/policy-file.js";
import { RULES } from "../rules/index.js";
import { shallowClone } from "./git-remote.js";
import type { ChildReply, ChildRequest } from "./scan-protocol.js";

/** Clones and scans one repository; never throws (a failure is a reply with its stage). */
async function handle(req: ChildRequest): Promise<ChildReply> {
  const started = Date.now();
  const dir = join(req.scratch, `job-${req.id.replace(/[^A-Za-z0-9-]/g, "")}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const checkout = join(dir, "repo");
  try {
    let commit: string;
    try {
      commit = await shallowClone(req.url, checkout, req.limits);
    } catch (e) {
      return { type: "done", id: req.id, ok: false, stage: "clone", error: message(e), ms: Date.now() - started, maxRssKb: process.resourceUsage().maxRSS };
    }
    try {
      const assessment = await scan({ path: checkout, displayPath: req.name, policy: defaultPolicy(), rules: RULES, ruleTimeoutMs: req.limits.ruleTimeoutMs });
      return { type: "done", id: req.id, ok: true, commit, assessment, ms: Date.now() - started, maxRssKb: process.resourceUsage().maxRSS };
    } catch (e) {
      return { type: "done", id: req.id, ok: false, stage: "scan", error: message(e), ms: Date.now() - started, maxRssKb: process.resourceUsage().maxRSS };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]?.slice(0, 500) ?? "unknown error";
}

process.on("message", (req: ChildRequest) => {
  void handle(req).then((reply) => process.send?.(reply));
});
// The worker went away: nothing left to do for it.
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" } satisfies ChildReply);
