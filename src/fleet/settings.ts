import { availableParallelism } from "node:os";
import { AssayError } from "../core/errors.js";
import { DEFAULT_QUEUE, type QueueSettings } from "./queue.js";
import { DEFAULT_LIMITS, type ScannerLimits } from "./scanner.js";

type Env = Readonly<Record<string, string | undefined>>;

function seconds(env: Env, name: string, min: number, max: number): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new AssayError("USAGE", `${name} must be a whole number from ${min} to ${max}, not \`${v.slice(0, 50)}\``);
  return n;
}

/**
 * Queue and scan limits, from the environment where operators tune them:
 * ASSAY_FLEET_JOB_TIMEOUT (seconds a job may run before it is presumed lost and retried; the scan
 * process is killed at 90 % of it), ASSAY_FLEET_RETRY_LIMIT, ASSAY_FLEET_RETRY_DELAY (seconds, doubled per retry),
 * ASSAY_FLEET_MAX_CLONE_MB.
 */
export function fleetSettings(env: Env): { queue: QueueSettings; limits: ScannerLimits } {
  const timeout = seconds(env, "ASSAY_FLEET_JOB_TIMEOUT", 5, 86_400) ?? DEFAULT_QUEUE.expireInSeconds;
  const queue: QueueSettings = {
    expireInSeconds: timeout,
    retryLimit: seconds(env, "ASSAY_FLEET_RETRY_LIMIT", 0, 100) ?? DEFAULT_QUEUE.retryLimit,
    retryDelaySeconds: seconds(env, "ASSAY_FLEET_RETRY_DELAY", 0, 86_400) ?? DEFAULT_QUEUE.retryDelaySeconds,
    // Expired jobs are found within a tenth of the timeout (at least every second, at most every minute).
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(timeout / 10))),
  };
  const maxCloneMb = seconds(env, "ASSAY_FLEET_MAX_CLONE_MB", 1, 1_000_000);
  const jobTimeoutMs = Math.floor(timeout * 900);
  const limits: ScannerLimits = {
    ...DEFAULT_LIMITS,
    jobTimeoutMs,
    cloneTimeoutMs: Math.min(DEFAULT_LIMITS.cloneTimeoutMs, jobTimeoutMs),
    ...(maxCloneMb ? { maxCloneBytes: maxCloneMb * 2 ** 20 } : {}),
  };
  return { queue, limits };
}

/** Scan processes when `--workers` is not given: one per core, at most four. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
