import { basename, resolve } from "node:path";
import { findLockfiles } from "../ecosystems/lockfiles.js";
import { cyclonedx } from "../sbom/cyclonedx.js";
import { sbomGraph } from "../sbom/model.js";
import { spdx } from "../sbom/spdx.js";
import { VERSION } from "../version.js";
import { Workspace } from "../workspace/workspace.js";

/** SBOM formats assay writes. */
export const SBOM_FORMATS = ["cyclonedx", "spdx"] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/** A software bill of materials of a checkout's lockfiles, and the files it could not read. */
export async function sbom(opts: { path: string; format: SbomFormat; now?: Date; name?: string; exclude?: string[] }): Promise<{ document: Record<string, unknown>; problems: string[]; packages: number }> {
  const ws = await Workspace.open(opts.path, { exclude: opts.exclude ?? [] });
  // A committed SBOM is an earlier answer, perhaps stale: the bill is made from the lockfiles alone.
  const lockfiles = await findLockfiles(ws, undefined, { sboms: false });
  const graph = sbomGraph(lockfiles);
  const meta = { name: opts.name ?? basename(resolve(opts.path)), tool: { name: "assay", version: VERSION }, timestamp: opts.now ?? new Date() };
  const problems = ws.diagnostics.filter((d) => d.level !== "note").map((d) => `${d.path ?? ""}${d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ""}` : ""}: ${d.message}`);
  return { document: opts.format === "cyclonedx" ? cyclonedx(graph, meta) : spdx(graph, meta), problems, packages: graph.components.length };
}
