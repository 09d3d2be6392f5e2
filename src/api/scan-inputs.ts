import type { AdvisoryConnection } from "../core/advisories.js";
import type { Diagnostic } from "../core/assessment.js";
import { readVexDocuments as readVex } from "../advisories/vex-documents.js";
import type { VexStatement } from "../policy/vex.js";
import type { Workspace } from "../workspace/workspace.js";
import { filesAt, filesAtRevision } from "../workspace/at-revision.js";

// What a scan reads besides the rules' own evidence: the advisory store's freshness and the
// project's VEX documents (read through the workspace, so the same guards apply, or from git's
// objects at pull-request mode's base).

/** A VEX document read from git is refused beyond this (a project's statements fit in far less). */
const MAX_VEX_BYTES = 16 * 1024 * 1024;

/** An advisory store older than this is reported as stale. */
export const STALE_DAYS = 7;

/** Diagnostics about the advisory database: missing, empty, or older than a week. */
export function advisoryDiagnostics(connection: AdvisoryConnection | undefined, now: Date): Diagnostic[] {
  if (!connection) return [];
  // The reason names the command for the store this scan looked in (`--db DIR` included): the hint does not repeat another.
  if ("reason" in connection) return [{ level: "warning", code: "advisories-missing", message: connection.reason, hint: "filling the store downloads the OSV data once; scans then stay offline" }];
  const status = connection.database.status;
  if (status.ecosystems.length === 0) return [{ level: "warning", code: "advisories-empty", message: `the advisory store in ${status.location} holds no records`, hint: "run `assay db update`" }];
  const out: Diagnostic[] = [];
  const stale = status.ecosystems.filter((e) => e.source === "osv" && now.getTime() - Date.parse(e.updated) > STALE_DAYS * 86_400_000);
  if (stale.length > 0) {
    const oldest = stale.reduce((a, b) => (Date.parse(a.updated) < Date.parse(b.updated) ? a : b));
    const days = Math.floor((now.getTime() - Date.parse(oldest.updated)) / 86_400_000);
    out.push({ level: "warning", code: "advisories-stale", message: `the advisory store is ${days} days old (${stale.map((e) => e.ecosystem).join(", ")} last updated ${oldest.updated.slice(0, 10)}): vulnerabilities published since are not found`, hint: "run `assay db update`" });
  }
  return out;
}

/** True for a path that holds VEX statements: `.vex/*.json` or `.vex/*.xml` (CycloneDX XML), or a `vex:` path of the policy. */
export function isVexDocument(path: string, policyPaths: readonly string[]): boolean {
  // SPDX 3 documents are JSON-LD, often named so.
  return (path.startsWith(".vex/") && (path.endsWith(".json") || path.endsWith(".jsonld") || path.endsWith(".xml"))) || policyPaths.some((p) => p.replace(/^\.\//, "") === path);
}

/** The VEX documents to read, in order: the `.vex/` files that are documents, and the policy's paths. */
function vexDocumentPaths(vexFolder: readonly string[], policyPaths: readonly string[]): string[] {
  return [...new Set([...vexFolder.filter((p) => isVexDocument(p, [])), ...policyPaths.map((p) => p.replace(/^\.\//, ""))])].sort();
}

/** The statements of each document `read` returns (OpenVEX, CycloneDX or CSAF); one that cannot be read, or parts that cannot be applied, become diagnostics. */
function readVexDocuments(paths: readonly string[], read: ReadonlyMap<string, { text: string } | { why: string }>, diagnostics: Diagnostic[]): VexStatement[] {
  const documents: { path: string; text: string }[] = [];
  for (const path of paths) {
    const r = read.get(path) ?? { why: "cannot be read" };
    if ("why" in r) diagnostics.push({ level: "warning", code: "vex-unreadable", message: `VEX document ${r.why}; its statements are not applied`, path });
    else documents.push({ path, text: r.text });
  }
  const { statements, problems } = readVex(documents);
  for (const p of problems) diagnostics.push({ level: "warning", code: "vex-invalid", message: `${p.message}; this part of the VEX document is not applied`, path: p.path, ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}) });
  return statements;
}

/**
 * Pull-request mode's VEX: the documents `.vex/` and the policy name as commit `rev` holds them,
 * so a change cannot mark its own findings not affected (it is told, and its documents apply once
 * merged). Read from git's objects, bounded; a link or an unreadable one is said, never followed.
 */
export async function vexAtRevision(root: string, rev: string, policyPaths: readonly string[], diagnostics: Diagnostic[]): Promise<VexStatement[]> {
  const paths = vexDocumentPaths(await filesAtRevision(root, rev, ".vex"), policyPaths);
  const read = new Map<string, { text: string } | { why: string }>();
  for (const [path, f] of await filesAt(root, rev, paths, MAX_VEX_BYTES)) read.set(path, f.kind === "file" ? { text: f.text } : { why: `${rev}:${path} ${f.kind === "unusable" ? f.why : "does not exist"}` });
  return readVexDocuments(paths, read, diagnostics);
}

/** The checkout's VEX statements (OpenVEX, CycloneDX, CSAF): `.vex/*.json`, `.vex/*.xml` and the policy's `vex:` paths; unreadable ones become diagnostics. */
export async function checkoutVex(ws: Workspace, policyPaths: readonly string[], diagnostics: Diagnostic[]): Promise<VexStatement[]> {
  const paths = vexDocumentPaths(ws.index.inFolder(".vex").map((f) => f.path), policyPaths);
  const read = new Map<string, { text: string } | { why: string }>();
  for (const path of paths) {
    const r = await ws.textResult(path);
    read.set(path, "file" in r ? { text: r.file.text } : { why: `${path} ${r.unread?.message ?? "cannot be read"}` });
    // The VEX diagnostic says why and what it costs (its statements are not applied): one note, not two.
    if (!("file" in r) && r.unread) ws.saidElsewhere(path);
  }
  return readVexDocuments(paths, read, diagnostics);
}
