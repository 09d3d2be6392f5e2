import type { Assessment } from "../core/assessment.js";

/** What a worker asks its scan process to do. */
export interface ChildRequest {
  type: "job";
  id: string;
  url: string;
  /** The display name assessments carry as their target. */
  name: string;
  /** A folder of this process's own; the clone goes under it and is deleted after. */
  scratch: string;
  limits: { maxBytes: number; timeoutMs: number; ruleTimeoutMs: number };
}

/** What the scan process answers: ready once, then one `done` per job. */
export type ChildReply =
  | { type: "ready" }
  | { type: "done"; id: string; ok: true; commit: string; assessment: Assessment; ms: number; maxRssKb: number }
  | { type: "done"; id: string; ok: false; stage: "clone" | "scan"; error: string; ms: number; maxRssKb: number };
