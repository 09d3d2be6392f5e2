// Turns located secrets into findings: the working tree, then (with --history) every commit's
// added lines, one finding per secret however many commits carried it.
import type { FileEntry } from "../../../core/files.js";
import type { FindingInput } from "../../../core/finding.js";
import type { RuleContext } from "../../../core/rule.js";
import { DETECTORS, lowConfidenceReason, secretsTextScanner, type Detector, type LocatedSecret } from "../../../secrets/index.js";

const BY_ID = new Map<string, Detector>(DETECTORS.map((d) => [d.id, d]));

/** The detector behind a match (undefined only if the library and the scanner disagree). */
export function detectorOf(m: LocatedSecret): Detector | undefined {
  return BY_ID.get(m.detector);
}

/** What a path says about the credentials in it (lowConfidenceReason): a test's, an example's, documentation's, or nothing. */
export type PathKind = ReturnType<typeof lowConfidenceReason>;

/** Which matches a rule reports; `kind` is what the file's path says, when the caller knows the path. */
export type SecretFilter = (m: LocatedSecret, d: Detector, kind?: PathKind) => boolean;

/** Where a secret entered the history. */
interface Introduced {
  commit: string;
  authorDate: string;
  path: string;
  match: LocatedSecret;
  commits: Set<string>;
}

/** The what-to-do-in-order for one secret: revoke first (the provider's page), then purge, then prevent. */
export function fixFor(d: Detector | undefined): string {
  return [
    `1. ${firstStep(d)}: deleting it from the code does not make it safe, it is already exposed.`,
    "2. Remove it from the code (read it from the environment or a secret manager) and purge it from the git history (git filter-repo --replace-text), then force-push.",
    "3. Add assay's pre-commit hook (id assay-secrets) so the next one is stopped before it is committed.",
  ].join("\n");
}

/** What revoking means for this kind of secret, with the provider's page when there is one. */
function firstStep(d: Detector | undefined): string {
  if (d?.revoke) return `Revoke or rotate it now at ${d.revoke}`;
  switch (d?.category) {
    case "private-key":
      return "Rotate the key now: make a new key pair, install its public half where the old one was trusted, and remove the old one";
    case "database":
      return "Change the database password now";
    case "jwt":
      return "Revoke the token with the service that issued it now (or rotate the key that signs it)";
    case "generic":
    case undefined:
      return "Change the password or revoke the key now, with the service it belongs to";
    default:
      return `Revoke or rotate it now in ${d?.provider ?? "the provider"}'s settings`;
  }
}

/** One finding for a located secret. `isChart`: whether a folder holds a Helm chart (its `templates/` are no examples). */
export function secretFinding(m: LocatedSecret, path: string, extra: { message?: string; evidence?: FindingInput["evidence"] } = {}, isChart?: (dir: string) => boolean): FindingInput {
  const d = detectorOf(m);
  const title = d?.title ?? m.detector;
  const lower = lowConfidenceReason(path, isChart);
  const details = [m.note, m.encoding ? `${m.encoding}-encoded` : undefined, lower ? `in ${/^[aeiou]/.test(lower) ? "an" : "a"} ${lower} file` : undefined].filter((x): x is string => x !== undefined);
  const message = extra.message ?? `${title}${details.length > 0 ? ` (${details.join("; ")})` : ""}`;
  return {
    message,
    locations: [{ path, startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn }],
    snippet: m.snippet,
    severity: m.severity,
    confidence: lower ? "low" : m.confidence,
    evidence: {
      detector: m.detector,
      provider: d?.provider ?? "",
      ...(m.encoding ? { encoding: m.encoding } : {}),
      ...(lower ? { pathKind: lower } : {}),
      ...(d?.revoke ? { revoke: d.revoke } : {}),
      ...(extra.evidence ?? {}),
    },
    fix: m.verdict === "example" ? "Nothing to revoke if this is an example or a placeholder. A default credential in configuration that ships is better read from the environment, so every deployment sets its own." : fixFor(d),
    secret: m.secret,
  };
}

/** Per inventory, the folders that hold a Helm chart (a Chart.yaml): computed once for the family's rules. */
const CHARTS = new WeakMap<readonly FileEntry[], Set<string>>();

/** The folders of a checkout that hold a Helm chart: the manifests in their templates/ are deployed, not examples. */
function chartFolders(files: readonly FileEntry[]): Set<string> {
  let out = CHARTS.get(files);
  if (out) return out;
  out = new Set();
  for (const f of files) if (f.path.endsWith("Chart.yaml") || f.path.endsWith("Chart.yml")) if (/(?:^|\/)Chart\.ya?ml$/.test(f.path)) out.add(f.path.slice(0, Math.max(0, f.path.lastIndexOf("/"))));
  CHARTS.set(files, out);
  return out;
}

/**
 * Reports the secrets `want` selects: every text file of the checkout (the changed ones in diff
 * mode), and with --history every commit's added lines on every ref. A secret still in the
 * checkout is reported there, with where it entered the history; one that was removed is reported
 * at the commit that introduced it, once, with how many commits carried it.
 */
export async function reportSecrets(ctx: RuleContext, want: SecretFilter): Promise<void> {
  const charts = chartFolders(ctx.allFiles);
  const isChart = (dir: string): boolean => charts.has(dir);
  // What a path says is read once per file (or history hit), not once per match.
  const kindOf = (path: string): PathKind => lowConfidenceReason(path, isChart);
  const select = (m: LocatedSecret, kind: PathKind): boolean => {
    const d = detectorOf(m);
    return d !== undefined && want(m, d, kind);
  };
  const pending: Promise<FindingInput>[] = [];
  const report = (f: FindingInput, m: LocatedSecret): void => void pending.push(verified(ctx, f, m));
  const tree = await ctx.scanText({ scanner: secretsTextScanner });
  for (const u of tree.unread) ctx.incomplete(`${u.path} ${u.message}: not scanned for secrets`, { path: u.path });
  const history = ctx.scope.history ? await introductions(ctx, select, kindOf) : new Map<string, Introduced>();
  const atHead = new Set<string>();
  for (const file of tree.files) {
    const kind = kindOf(file.path);
    for (const m of file.matches) {
      if (!select(m, kind)) continue;
      const key = `${m.detector}\u0000${m.secret}`;
      atHead.add(key);
      const intro = history.get(key);
      report(secretFinding(m, file.path, intro ? { evidence: { presentAtHead: true, introducedIn: intro.commit, introducedAt: intro.authorDate.slice(0, 10), commits: intro.commits.size } } : {}, isChart), m);
    }
  }
  for (const [key, intro] of history) {
    if (atHead.has(key)) continue;
    const d = detectorOf(intro.match);
    const when = `${intro.commit.slice(0, 12)} (${intro.authorDate.slice(0, 10)})`;
    report(
      secretFinding(intro.match, intro.path, {
        message: `${d?.title ?? intro.match.detector} committed in ${when}${intro.commits.size > 1 ? `, added by ${intro.commits.size} commits in all` : ""}; no longer in the checkout, but still in the history`,
        evidence: { presentAtHead: false, introducedIn: intro.commit, introducedAt: intro.authorDate.slice(0, 10), commits: intro.commits.size },
      }, isChart),
      intro.match,
    );
  }
  for (const f of await Promise.all(pending)) ctx.report(f);
}

/**
 * Online only: what the provider says about the credential (its read-only "who am I" endpoint).
 * A live one is certain; one the provider rejects is revoked or was never real, so it matters less.
 */
async function verified(ctx: RuleContext, f: FindingInput, m: LocatedSecret): Promise<FindingInput> {
  if (!ctx.credentials || m.verdict !== "secret") return f;
  const status = await ctx.credentials.verify(m.detector, m.secret);
  if (status === "unknown") return { ...f, evidence: { ...f.evidence, verified: "unknown" } };
  if (status === "valid") return { ...f, message: `${f.message} — verified live with the provider`, confidence: "high", evidence: { ...f.evidence, verified: "valid" } };
  return { ...f, message: `${f.message} — the provider rejects it (revoked, or never real)`, severity: "low", evidence: { ...f.evidence, verified: "invalid" } };
}

/** Every selected secret in history, by detector and value, with the oldest commit that added it. */
async function introductions(ctx: RuleContext, select: (m: LocatedSecret, kind: PathKind) => boolean, kindOf: (path: string) => PathKind): Promise<Map<string, Introduced>> {
  const since = ctx.scope.history?.since;
  const report = await ctx.scanHistory({ scanner: secretsTextScanner, ...(since ? { since } : {}), ...(ctx.scope.history?.headOnly ? { headOnly: true } : {}) });
  if (report.incomplete) ctx.incomplete(`history: ${report.incomplete}`);
  const out = new Map<string, Introduced>();
  for (const hit of report.hits) {
    const kind = kindOf(hit.path);
    for (const m of hit.matches) {
      if (!select(m, kind)) continue;
      const key = `${m.detector}\u0000${m.secret}`;
      const known = out.get(key);
      if (!known) {
        out.set(key, { commit: hit.commit, authorDate: hit.authorDate, path: hit.path, match: m, commits: new Set([hit.commit]) });
        continue;
      }
      known.commits.add(hit.commit);
      // The introduction is the oldest commit (by author date, then hash for a stable choice).
      if (hit.authorDate < known.authorDate || (hit.authorDate === known.authorDate && hit.commit < known.commit)) {
        Object.assign(known, { commit: hit.commit, authorDate: hit.authorDate, path: hit.path, match: m });
      }
    }
  }
  return out;
}
