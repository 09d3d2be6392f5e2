import { isSourceSpecifier, matchPackages, type VulnerabilityMatch } from "../../../advisories/match.js";
import { updateCommand } from "../../../advisories/update-command.js";
import type { FindingInput } from "../../../core/finding.js";
import { lowerSeverity, severityRank } from "../../../core/severity.js";
import { findLockfiles } from "../../../ecosystems/lockfiles.js";
import { osvEcosystemOf, type LockedPackage, type Lockfile } from "../../../ecosystems/packages.js";
import type { RuleContext } from "../../types.js";
import { imported, importIndex } from "./imports.js";

// What deps/vulnerable-dependency and deps/malicious-package share: every lockfile of the
// checkout matched against the advisory database, and each match turned into a finding.

/**
 * Each declaration once: a file several lockfiles share (a Directory.Build.props every project
 * below it imports, a parent pom) gives each of them the same package at the same line.
 */
function declaredOnce(packages: readonly LockedPackage[]): LockedPackage[] {
  const seen = new Set<string>();
  return packages.filter((p) => {
    const key = `${p.lockfile}\u0000${p.line ?? ""}\u0000${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The lockfiles and their matches, or undefined after marking the rule not applicable. */
export async function lockedMatches(ctx: RuleContext, which: "vulnerabilities" | "malicious"): Promise<{ lockfiles: Lockfile[]; matches: VulnerabilityMatch[] } | undefined> {
  const db = ctx.advisories;
  if (!db) throw new Error("the engine runs this rule only with an advisory database");
  const lockfiles = await findLockfiles(ctx);
  const packages = declaredOnce(lockfiles.flatMap((l) => l.packages));
  if (lockfiles.length === 0) {
    // A lockfile that could not be read has made the rule incomplete already; none at all is not applicable.
    ctx.notApplicable("no lockfile in the checkout");
    return undefined;
  }
  // An ecosystem the store holds nothing for cannot be judged: fail closed, never pass.
  const held = new Set(db.status.ecosystems.map((e) => e.ecosystem));
  const missing = [...new Set(packages.map((p) => p.ecosystem))].filter((e) => !held.has(e)).sort();
  for (const e of missing) {
    const where = lockfiles.find((l) => l.packages.some((p) => p.ecosystem === e))?.path;
    ctx.incomplete(`the advisory store has no ${e} records: run \`${updateCommand(e)}\``, where ? { path: where } : undefined);
  }
  // An included file is a lockfile of its own too: its unreadable include is said once.
  const said = new Set<string>();
  for (const u of lockfiles.flatMap((l) => l.unresolved ?? [])) {
    const key = `${u.path}\u0000${u.line}`;
    if (said.has(key)) continue;
    said.add(key);
    ctx.incomplete(`${u.target}, which this file includes, ${u.reason}: the packages it pins are not checked`, { path: u.path, line: u.line });
  }
  if (which === "vulnerabilities") {
    for (const l of lockfiles) {
      if (!l.unchecked) continue;
      const n = l.unchecked.count;
      ctx.incomplete(`${n} package${n === 1 ? "" : "s"} of type${l.unchecked.types.length === 1 ? "" : "s"} ${l.unchecked.types.join(", ")} listed here ${n === 1 ? "is" : "are"} not matched against advisories (assay matches Debian, Ubuntu, Alpine, Red Hat, Rocky Linux, AlmaLinux, SUSE Linux Enterprise and openSUSE packages whose release the SBOM names, and Wolfi and Chainguard packages; OSV's records for OS packages are per release)`, { path: l.path });
    }
  }
  // A registry package the file names without a version (a Maven dependency whose version a parent
  // outside the checkout manages, Spring Boot's starters) cannot be placed in any range: matched, it
  // would look affected by every advisory of its name. Not matched, and said. A record of a malicious
  // package covers every version, so that check still applies.
  let matchable = packages;
  if (which === "vulnerabilities") {
    for (const l of lockfiles) {
      const versionless = l.packages.filter((p) => (p.version === "" || isSourceSpecifier(p.version)) && (p.source === undefined || p.source === "registry"));
      const n = versionless.length;
      const first = versionless[0];
      if (n > 0 && first) {
        const where = first.line !== undefined ? { path: l.path, line: first.line } : { path: l.path };
        ctx.incomplete(`${n} package${n === 1 ? "" : "s"} listed here ${n === 1 ? "has" : "have"} no version the file states (${versionless.slice(0, 3).map((p) => p.name).join(", ")}${n > 3 ? ", …" : ""}: a version field that is missing or not text, or a version set elsewhere, by a parent or BOM outside the checkout, or a branch it follows), so ${n === 1 ? "it is" : "they are"} not matched against advisories`, where);
      }
    }
    matchable = packages.filter((p) => p.version !== "" && !isSourceSpecifier(p.version));
  }
  const all = matchPackages(db, matchable.filter((p) => held.has(p.ecosystem)));
  return { lockfiles, matches: all.filter((m) => (which === "malicious" ? m.malicious : !m.malicious)) };
}

/** The name that keeps a finding's fingerprint stable when databases add aliases: the first CVE, else the primary id. */
function stableId(m: VulnerabilityMatch): string {
  const cve = [...m.ids, ...m.aliases].filter((n) => n.startsWith("CVE-")).sort()[0];
  return cve ?? m.id;
}

/** A Go package path of module `name` as code imports it when `name` stands in for module `alias`. */
function underAlias(path: string, name: string, alias: string): string {
  return path === name || path.startsWith(`${name}/`) ? `${alias}${path.slice(name.length)}` : path;
}

/** Whether first-party code reaches each match by import (computed once, only for ecosystems with matches). */
export async function reachability(ctx: RuleContext, matches: readonly VulnerabilityMatch[], lockfiles: readonly Lockfile[] = []): Promise<Map<VulnerabilityMatch, boolean | undefined>> {
  const out = new Map<VulnerabilityMatch, boolean | undefined>();
  if (matches.length === 0) return out;
  const index = await importIndex(ctx, new Set(matches.map((m) => m.package.ecosystem)));
  // A path names its head `name@version`; an aliased head is imported by its alias.
  const headAliases = new Map<string, readonly string[]>();
  for (const l of lockfiles) for (const p of l.packages) if (p.aliases) headAliases.set(`${p.lockfile}\u0000${p.name}@${p.version}`, p.aliases);
  for (const m of matches) {
    const p = m.package;
    // Code imports an npm alias by the name it is installed under (`require("old-lodash")`), not
    // lodash, and a Go fork a replace builds by the module path it replaces: its packages too.
    const verdicts = [p.name, ...(p.aliases ?? [])].map((n) => imported(index, p.ecosystem, n, n === p.name ? m.imports : m.imports.map((i) => ({ ...i, path: underAlias(i.path, p.name, n) }))));
    const self = verdicts.includes(true) ? true : verdicts[0];
    if (self !== false) {
      out.set(m, self);
      continue;
    }
    if (p.direct === true) {
      out.set(m, false);
      continue;
    }
    // A transitive package runs when the direct dependency that brings it in is imported.
    const head = p.path?.[0];
    if (!head) {
      out.set(m, undefined);
      continue;
    }
    const headName = head.slice(0, head.lastIndexOf("@") > 0 ? head.lastIndexOf("@") : head.length);
    const viaHeads = [headName, ...(headAliases.get(`${p.lockfile}\u0000${head}`) ?? [])].map((n) => imported(index, p.ecosystem, n));
    const viaHead = viaHeads.includes(true) ? true : viaHeads[0];
    out.set(m, viaHead === true ? undefined : viaHead);
  }
  return out;
}

/** A finding for one match. `reached`: imported (true), not imported (false), unknown (undefined). */
export function findingFor(m: VulnerabilityMatch, reached: boolean | undefined, opts: { lowerUnreached: boolean }): FindingInput {
  const p = m.package;
  const names = [m.id, ...m.ids.filter((i) => i !== m.id), ...m.aliases];
  const alias = names.slice(1, 4).join(", ");
  const what = m.malicious ? "is a known malicious package" : m.informational ? `has an informational advisory (${m.informational})` : "is affected by";
  // Only building or testing needs a development dependency: users weigh it differently, so it is said.
  const kind = p.dev === true ? "development dependency" : "dependency";
  const how = p.direct === true ? `direct ${kind}` : p.direct === false ? `transitive ${kind}${p.path && p.path.length > 1 ? ` via ${p.path.slice(0, -1).join(" > ")}` : ""}` : p.dev === true ? kind : undefined;
  const fix = m.fixed ? `fixed in ${m.fixed}${m.upgrade ? ` (${m.upgrade} upgrade)` : ""}` : m.malicious ? undefined : "no fixed version is known";
  const reach = reached === false ? (p.direct === false ? "neither it nor the dependency that brings it in is imported by first-party code" : "not imported by any first-party source") : undefined;
  const parts = [
    `${p.name} ${p.version} (${osvEcosystemOf(p)}) ${what}${m.malicious || m.informational ? ` (${m.id}${alias ? `, ${alias}` : ""})` : ` ${m.id}${alias ? ` (${alias})` : ""}`}${m.summary ? `: ${m.summary}` : ""}`,
    [how, fix, reach, m.local ? "local advisory" : undefined].filter(Boolean).join("; "),
  ].filter((s) => s !== "");
  let severity = m.severity.severity;
  if (!m.malicious && reached === false && opts.lowerUnreached) severity = lowerSeverity(severity);
  const finding: FindingInput = {
    message: parts.join(" — "),
    locations: [{ path: p.lockfile, ...(p.line !== undefined ? { startLine: p.line } : {}) }],
    key: `${p.ecosystem}:${p.name}@${p.version}:${stableId(m)}`,
    severity,
    evidence: {
      ecosystem: p.ecosystem,
      package: p.name,
      version: p.version,
      purl: p.purl,
      id: m.id,
      vulnerabilities: names,
      aliases: m.aliases,
      summary: m.summary,
      advisorySeverity: m.severity.severity,
      severitySource: m.severity.source,
      ...(m.severity.score !== undefined ? { cvssScore: m.severity.score } : {}),
      ...(m.severity.vector !== undefined ? { cvssVector: m.severity.vector } : {}),
      fixedVersion: m.fixed ?? null,
      upgrade: m.upgrade ?? null,
      direct: p.direct ?? null,
      dev: p.dev ?? null,
      dependencyPath: p.path ?? [],
      lockfile: p.lockfile,
      imported: reached === undefined ? "unknown" : reached ? "yes" : "no",
      local: m.local,
      ...(m.url ? { url: m.url } : {}),
      ...(m.imports.length > 0 ? { vulnerableImports: [...new Set(m.imports.map((i) => i.path))] } : {}),
    },
  };
  if (m.fixed) finding.fix = `upgrade ${p.name} to ${m.fixed} or later`;
  else if (m.malicious) finding.fix = `remove ${p.name} now, and treat every machine that installed it as compromised: rotate its credentials`;
  return finding;
}

/** Findings sorted most severe first, then by lockfile and package, for stable output. */
export function bySeverity(a: FindingInput, b: FindingInput): number {
  return severityRank(b.severity ?? "medium") - severityRank(a.severity ?? "medium") || (a.key ?? "").localeCompare(b.key ?? "");
}
