// Compromised or vulnerable action versions, with their advisories: a built-in list dated when it
// was last checked, and a seam that merges in the `GitHub Actions` records of the advisory store
// (OSV) when one is present. Matching works offline from the `uses:` ref, a SHA's trailing comment,
// or the exact malicious commits an incident published.
import type { Uses } from "../../../ecosystems/github-actions/index.js";
import { compareVersions, versionOf } from "./versions.js";

/** When the built-in list was last checked against the advisories. */
export const KNOWN_VULNERABLE_CHECKED = "2026-06-01";

/** One affected version range: introduced (inclusive), fixed (exclusive) or lastAffected (inclusive). */
export interface AffectedRange {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
}

/** A known compromise or vulnerability of an action. */
export interface ActionAdvisory {
  /** The advisory's id (GHSA-…, or the incident's name when no advisory was published). */
  id: string;
  aliases: readonly string[];
  /** `owner/repo` (or `owner/repo/path`), lower case. */
  action: string;
  summary: string;
  /** `compromise`: malicious code was published; `vulnerability`: a flaw in honest code. */
  kind: "compromise" | "vulnerability";
  published: string;
  ranges: readonly AffectedRange[];
  /** Exact refs affected (a floating major tag that was re-pointed, while its releases were not). */
  exact?: readonly string[];
  /** Commits known to hold the malicious code. */
  commits?: readonly string[];
  /** A branch (or any non-version ref) was affected too during the incident. */
  branches?: boolean;
  /** The first safe version to move to. */
  safe?: string;
  url: string;
}

export const BUILT_IN: readonly ActionAdvisory[] = [
  {
    id: "GHSA-mrrh-fwg8-r2c3",
    aliases: ["CVE-2025-30066"],
    action: "tj-actions/changed-files",
    summary: "tags re-pointed on 2025-03-14 to a commit that printed the runner's secrets to the logs",
    kind: "compromise",
    published: "2025-03-15",
    ranges: [{ fixed: "46.0.1" }],
    commits: ["0e58ed8671d6b60d0890c21b07f8835ace038e67"],
    branches: true,
    safe: "46.0.1",
    url: "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3",
  },
  {
    id: "GHSA-mcph-m25j-8j63",
    aliases: ["CVE-2023-51664"],
    action: "tj-actions/changed-files",
    summary: "file names from the pull request are written into outputs unescaped (command injection in steps that expand them)",
    kind: "vulnerability",
    published: "2023-12-22",
    ranges: [{ fixed: "41.0.0" }],
    safe: "41.0.0",
    url: "https://github.com/advisories/GHSA-mcph-m25j-8j63",
  },
  {
    id: "GHSA-qmg3-hpqr-gqvc",
    aliases: ["CVE-2025-30154"],
    action: "reviewdog/action-setup",
    summary: "the v1 tag pointed on 2025-03-11 (18:42–20:31 UTC) to a commit that dumped the runner's secrets to the logs",
    kind: "compromise",
    published: "2025-03-18",
    ranges: [],
    exact: ["1"],
    commits: ["f0d342d24037bb11d26b9bd8496e0808ba32e9ec"],
    safe: "1.3.2",
    url: "https://github.com/advisories/GHSA-qmg3-hpqr-gqvc",
  },
  {
    id: "GHSA-69fq-xp46-6x23",
    aliases: ["CVE-2026-33634"],
    action: "aquasecurity/trivy-action",
    summary: "on 2026-03-19 76 of 77 tags were force-pushed to commits running a credential stealer (TeamPCP); only 0.35.0 stayed clean",
    kind: "compromise",
    published: "2026-03-20",
    ranges: [{ fixed: "0.35.0" }],
    branches: true,
    safe: "0.35.0",
    url: "https://github.com/aquasecurity/trivy/security/advisories/GHSA-69fq-xp46-6x23",
  },
  {
    id: "GHSA-69fq-xp46-6x23",
    aliases: ["CVE-2026-33634"],
    action: "aquasecurity/setup-trivy",
    summary: "on 2026-03-19 all tags were force-pushed to commits running a credential stealer (TeamPCP); v0.2.6 was published clean afterwards",
    kind: "compromise",
    published: "2026-03-20",
    ranges: [{ fixed: "0.2.6" }],
    branches: true,
    safe: "0.2.6",
    url: "https://github.com/aquasecurity/trivy/security/advisories/GHSA-69fq-xp46-6x23",
  },
  {
    id: "TEAMPCP-2026-KICS",
    aliases: [],
    action: "checkmarx/kics-github-action",
    summary: "on 2026-03-23 every tag was hijacked to run the TeamPCP credential stealer (no advisory id was published when this list was checked)",
    kind: "compromise",
    published: "2026-03-23",
    ranges: [{ introduced: "0", lastAffected: "2.1.20" }],
    branches: true,
    url: "https://www.wiz.io/blog/teampcp-attack-kics-github-action",
  },
  {
    id: "GHSA-8v8w-v8xg-79rf",
    aliases: ["CVE-2023-49291"],
    action: "tj-actions/branch-names",
    summary: "branch names are written into outputs unescaped (command injection in steps that expand them)",
    kind: "vulnerability",
    published: "2023-12-05",
    ranges: [{ fixed: "7.0.7" }],
    safe: "7.0.7",
    url: "https://github.com/advisories/GHSA-8v8w-v8xg-79rf",
  },
  {
    id: "GHSA-ghm2-rq8q-wrhc",
    aliases: ["CVE-2023-52137"],
    action: "tj-actions/verify-changed-files",
    summary: "changed file names are written into outputs unescaped (command injection in steps that expand them)",
    kind: "vulnerability",
    published: "2024-01-02",
    ranges: [{ fixed: "17.0.0" }],
    safe: "17.0.0",
    url: "https://github.com/advisories/GHSA-ghm2-rq8q-wrhc",
  },
  {
    id: "GHSA-cxww-7g56-2vh6",
    aliases: ["CVE-2024-42471"],
    action: "actions/download-artifact",
    summary: "an artifact's file names can write outside the download path (arbitrary file write)",
    kind: "vulnerability",
    published: "2024-09-02",
    ranges: [{ introduced: "4.0.0", fixed: "4.1.3" }],
    safe: "4.1.3",
    url: "https://github.com/advisories/GHSA-cxww-7g56-2vh6",
  },
  {
    id: "GHSA-h3qr-39j9-4r5v",
    aliases: ["CVE-2023-30853"],
    action: "gradle/gradle-build-action",
    summary: "the Gradle configuration cache (which can hold secrets) is saved to the GitHub Actions cache, readable by other workflows",
    kind: "vulnerability",
    published: "2023-04-24",
    ranges: [{ fixed: "2.4.2" }],
    safe: "2.4.2",
    url: "https://github.com/advisories/GHSA-h3qr-39j9-4r5v",
  },
  {
    id: "GHSA-g86g-chm8-7r2p",
    aliases: ["CVE-2021-32724"],
    action: "check-spelling/check-spelling",
    summary: "a pull request can run code with the workflow's token in pull_request_target workflows",
    kind: "vulnerability",
    published: "2021-09-09",
    ranges: [{ fixed: "0.0.19" }],
    safe: "0.0.19",
    url: "https://github.com/advisories/GHSA-g86g-chm8-7r2p",
  },
  {
    id: "GHSA-4xqx-pqpj-9fqw",
    aliases: ["CVE-2020-14188"],
    action: "atlassian/gajira-create",
    summary: "issue fields are evaluated as code (command injection)",
    kind: "vulnerability",
    published: "2020-10-29",
    ranges: [{ fixed: "2.0.1" }],
    safe: "2.0.1",
    url: "https://github.com/advisories/GHSA-4xqx-pqpj-9fqw",
  },
  {
    id: "GHSA-6q4m-7476-932w",
    aliases: ["CVE-2023-27581"],
    action: "rlespinasse/github-slug-action",
    summary: "branch and tag names are written into outputs unescaped (command injection in steps that expand them)",
    kind: "vulnerability",
    published: "2023-03-13",
    ranges: [{ introduced: "4.0.0", fixed: "4.4.1" }],
    safe: "4.4.1",
    url: "https://github.com/advisories/GHSA-6q4m-7476-932w",
  },
];

/** An OSV record as far as this seam reads it (the advisory store's `GitHub Actions` ecosystem). */
export interface OsvActionRecord {
  id: string;
  aliases?: readonly string[];
  summary?: string;
  published?: string;
  withdrawn?: string;
  affected?: readonly { package?: { ecosystem?: string; name?: string }; ranges?: readonly { type?: string; events?: readonly Record<string, string>[] }[]; versions?: readonly string[] }[];
  references?: readonly { url?: string }[];
}

/**
 * The built-in list merged with advisory-store records of the `GitHub Actions` ecosystem (OSV),
 * when the dependencies family's store is present. Withdrawn records are dropped; a store record
 * with the same id and action replaces the built-in entry.
 */
export function withStoreRecords(records: readonly OsvActionRecord[], builtIn: readonly ActionAdvisory[] = BUILT_IN): ActionAdvisory[] {
  const merged = new Map(builtIn.map((a) => [`${a.id}\u0000${a.action}`, a]));
  for (const r of records) {
    if (r.withdrawn) continue;
    for (const aff of r.affected ?? []) {
      if (aff.package?.ecosystem !== "GitHub Actions" || !aff.package.name) continue;
      const ranges: AffectedRange[] = [];
      for (const range of aff.ranges ?? []) {
        if (range.type !== "ECOSYSTEM" && range.type !== "SEMVER") continue;
        let cur: AffectedRange = {};
        for (const ev of range.events ?? []) {
          if (ev["introduced"] !== undefined) cur = { introduced: ev["introduced"] };
          if (ev["fixed"] !== undefined) {
            ranges.push({ ...cur, fixed: ev["fixed"] });
            cur = {};
          }
          if (ev["last_affected"] !== undefined) {
            ranges.push({ ...cur, lastAffected: ev["last_affected"] });
            cur = {};
          }
        }
        if (cur.introduced !== undefined) ranges.push(cur);
      }
      const action = aff.package.name.toLowerCase();
      merged.set(`${r.id}\u0000${action}`, { id: r.id, aliases: r.aliases ?? [], action, summary: r.summary ?? r.id, kind: "vulnerability", published: (r.published ?? "").slice(0, 10), ranges, url: r.references?.[0]?.url ?? `https://osv.dev/vulnerability/${r.id}` });
    }
  }
  return [...merged.values()];
}

/** True when a version lies in a range. */
function inRange(v: string, r: AffectedRange): boolean {
  const intro = r.introduced && r.introduced !== "0" ? r.introduced : undefined;
  if (intro && compareVersions(v, intro) < 0 && !isPrefix(v, intro)) return false;
  if (r.fixed && compareVersions(v, r.fixed) >= 0) return false;
  if (r.lastAffected && compareVersions(v, r.lastAffected) > 0 && !isPrefix(v, r.lastAffected)) return false;
  return true;
}

/** `1` is a prefix of `1.3.0`: a major tag covers that release line. */
function isPrefix(short: string, long: string): boolean {
  return long === short || long.startsWith(`${short}.`);
}

/** How a `uses:` matches an advisory: by a malicious commit, by its version, or by a branch ref during an incident. */
export function matchAdvisory(u: Uses, a: ActionAdvisory): "commit" | "version" | "branch" | undefined {
  if (u.kind !== "repository") return undefined;
  const name = u.name.toLowerCase();
  if (name !== a.action && !name.startsWith(`${a.action}/`)) return undefined;
  if (u.refKind === "sha" && u.ref && a.commits?.includes(u.ref.toLowerCase())) return "commit";
  const v = versionOf(u);
  if (v !== undefined) return a.ranges.some((r) => inRange(v, r)) || (a.exact?.includes(v) ?? false) ? "version" : undefined;
  if (u.refKind === "symbolic" && a.branches) return "branch";
  return undefined;
}
