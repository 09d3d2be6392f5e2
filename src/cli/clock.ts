import { AssayError } from "../core/errors.js";
import type { Io } from "./io.js";

/** The two instants a run needs: the one verdicts are judged at, and the one the report is stamped with. */
export interface Clocks {
  /** Judges expiry dates and "commits in the last 90 days": `--now`, else ASSAY_NOW, else the real clock. */
  now: Date;
  /** The report's `generatedAt`: SOURCE_DATE_EPOCH for reproducible output, else `now`. */
  generatedAt: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A date (`2026-06-01`, midnight UTC) or an ISO 8601 instant with a zone; a usage error otherwise. */
export function parseInstant(value: string, from: string): Date {
  const v = value.trim();
  const d = DAY.test(v) ? new Date(`${v}T00:00:00Z`) : INSTANT.test(v) ? new Date(v) : undefined;
  const real = d !== undefined && !Number.isNaN(d.getTime()) && (!DAY.test(v) || d.toISOString().slice(0, 10) === v);
  if (!real) throw new AssayError("USAGE", `${from} must be a date like 2026-06-01 or an instant like 2026-06-01T12:00:00Z, not \`${value}\``);
  return d as Date;
}

/**
 * SOURCE_DATE_EPOCH (reproducible builds: seconds since 1970) sets only the report's stamp. CI
 * often sets it to the last commit's time; judging with it would let "maintained" pass forever.
 */
export function clocks(io: Io, nowFlag: string | undefined): Clocks {
  const env = io.env.ASSAY_NOW;
  const now = nowFlag !== undefined ? parseInstant(nowFlag, "--now") : env !== undefined && env !== "" ? parseInstant(env, "ASSAY_NOW") : new Date();
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return { now, generatedAt: now };
  const stamp = /^\d{1,15}$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
  if (stamp === undefined || Number.isNaN(stamp.getTime())) {
    throw new AssayError("USAGE", `SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. 1780272000), not \`${epoch}\``, { hint: "unset it, or set it to a Unix time such as `git log -1 --format=%ct`" });
  }
  return { now, generatedAt: stamp };
}
