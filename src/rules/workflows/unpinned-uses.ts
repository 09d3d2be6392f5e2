import { isGitHubOwnedAction, type DependencyKind } from "../../core/dependency.js";
import type { TextEdit } from "../../core/finding.js";
import type { Severity } from "../../core/severity.js";
import type { Rule } from "../types.js";
import { allUses, matchesPattern, usesDisplay, type UsesSite } from "./lib/all-uses.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unpinned-uses",
    title: "Action or reusable workflow not pinned to a commit SHA",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "A tag or branch in `uses:` is a pointer its owner, or anyone who steals their credentials, can move. That is how tj-actions/changed-files (March 2025) and aquasecurity/trivy-action and the KICS action (March 2026) ran credential stealers in thousands of workflows that had pinned a version tag. A full 40-character commit SHA cannot be moved; a `docker://` image is pinned by its `@sha256:` digest. A remote `uses:` with no ref at all (`actions/checkout`, `owner/repo@`) does not float: GitHub refuses it, so the workflow does not run (an action holding one fails where it runs); it is reported at medium so the file is fixed, pinned.",
    remediation:
      "Pin every third-party action and reusable workflow to the full commit SHA of the release you reviewed, with the version as a comment (`uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`), and let Dependabot or Renovate update both. Pin `docker://` images by digest. The SLSA generator's reusable workflows (`slsa-framework/slsa-github-generator/.github/workflows/*_slsa3.yml`) are the exception: slsa-verifier requires them at a release tag (`@v2.1.0`), so they are not reported there. GitHub's own actions (`actions/*`, `github/*`, `dependabot/*`) are no exception: zizmor requires a SHA for them too since 1.20, and Scorecard counts them as unpinned. To accept tags from owners you trust, list them under `allow-tags`; to ban actions, list them under `forbidden-uses`. `assay fix` pins a tag when the repository already pins the same version elsewhere.",
    references: [
      { title: "GitHub: Security hardening, using third-party actions", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions" },
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "zizmor: unpinned-uses", url: "https://docs.zizmor.sh/audits/#unpinned-uses" },
      { title: "GHSA-mrrh-fwg8-r2c3: tj-actions/changed-files compromise", url: "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3" },
      { title: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere", url: "https://cwe.mitre.org/data/definitions/829.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
    options: {
      "allow-tags": { type: "string[]", default: [], description: "actions that may be pinned by tag or branch: `actions/*` (an owner), `github/codeql-action` (an action and its sub-actions), `*` (all)" },
      "forbidden-uses": { type: "string[]", default: [], description: "actions and reusable workflows that must not be used at all, whatever the ref (`owner/*`, `owner/repo`)" },
    },
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const allowTags = (ctx.options["allow-tags"] as readonly string[]) ?? [];
    const forbidden = (ctx.options["forbidden-uses"] as readonly string[]) ?? [];
    const sites = allUses(inputs.workflows, inputs.actions);
    const known = knownShas(sites);
    for (const s of sites) {
      const u = s.uses;
      if (u.kind === "local" || u.kind === "invalid" || (u.kind === "repository" && u.dynamic)) continue;
      const kind = dependencyKind(s);
      ctx.dependencies(kind);
      const display = usesDisplay(u);
      const ban = u.kind === "repository" ? forbidden.find((p) => matchesPattern(u.name, p)) : undefined;
      if (ban) {
        // Forbidden whatever its ref: it weighs on the pinned share only when it is not pinned either.
        report(ctx, s, `\`${display}\` in ${s.where} is forbidden by the policy (\`forbidden-uses: ${ban}\`)`, "high", `forbidden:${u.name}`, "remove it or replace it with an allowed action", undefined, u.refKind === "sha" ? undefined : kind);
        continue;
      }
      if (u.kind === "docker") {
        if (u.digest) continue;
        const floating = !u.tag || u.tag === "latest";
        // A tagged image without a digest is pedantic, as in zizmor: a tag is a pin, only a movable one.
        report(ctx, s, `\`${clip(u.raw.value, 100)}\` in ${s.where} is ${floating ? "not pinned (it runs whatever `latest` is)" : `pinned to the tag \`${u.tag}\`, which can be re-pushed`}: pin the image by digest`, floating ? "high" : "medium", `docker:${u.image}`, `uses: docker://${u.image}${u.tag ? `:${u.tag}` : ""}@sha256:<digest>   # docker buildx imagetools inspect ${u.image}:${u.tag ?? "latest"}`, undefined, kind, floating ? undefined : "pedantic");
        continue;
      }
      if (u.refKind === "sha") continue;
      if (u.refKind === "symbolic" && allowTags.some((p) => matchesPattern(u.name, p))) continue;
      if (isSlsaGeneratorRelease(u.name, u.ref)) continue;
      const sha = u.refKind === "symbolic" && u.ref ? onlyOne(known.get(`${u.name.toLowerCase()}@${u.ref}`)) : undefined;
      const edit = sha ? pinEdit(s, sha) : undefined;
      const [why, severity]: [string, Severity] =
        u.refKind === "none"
          ? [`names no ref (\`@<ref>\`): GitHub refuses a remote \`uses:\` without one, so ${s.workflow === undefined || !s.path.startsWith(".github/workflows/") ? "this action fails in every workflow that runs it" : "this workflow is invalid and does not run as written"}; when fixing it, pin a full commit SHA`, "medium"]
          : u.refKind === "short-sha"
            ? [`is pinned to an abbreviated SHA (\`${u.ref}\`), which a branch or tag of the same name, or a colliding commit, can shadow`, "medium"]
            : [`is pinned to \`${u.ref}\`, a ${/^v?\d/.test(u.ref ?? "") ? "tag" : "branch or tag"} its owner can move to other code`, "medium"];
      report(ctx, s, `\`${display}\` in ${s.where} ${why}`, severity, `${u.name}@${u.ref ?? ""}`, sha ? `uses: ${u.name}@${sha} # ${u.ref}   (the SHA this repository already pins for ${u.ref})` : `uses: ${u.name}@<40-hex commit SHA> # ${u.ref ?? "vX.Y.Z"}   (git ls-remote https://github.com/${u.owner}/${u.repo} ${u.ref ?? "HEAD"}), or allow it with \`allow-tags: [${u.owner}/*]\``, edit, kind);
    }
  },
};

/**
 * What Scorecard counts a `uses:` as: in a workflow, an action (a `docker://` image too) that is
 * GitHub's own or a third party's; in the repository's own actions, which Scorecard does not read,
 * a kind shown beside the score without weighing on it.
 */
function dependencyKind(s: UsesSite): DependencyKind {
  if (s.workflow === undefined || !s.path.startsWith(".github/workflows/")) return "composite-action";
  return s.uses.kind === "repository" && isGitHubOwnedAction(s.uses.name) ? "github-action" : "third-party-action";
}

/**
 * The SLSA GitHub generator's reusable workflows at a release tag: slsa-verifier accepts
 * provenance only from a builder identity `…_slsa3.yml@refs/tags/vX.Y.Z`, so pinning them by SHA
 * breaks verification; their docs require the tag.
 */
function isSlsaGeneratorRelease(name: string, ref: string | undefined): boolean {
  return /^slsa-framework\/slsa-github-generator\/\.github\/workflows\/[\w-]{1,80}_slsa3\.yml$/i.test(name) && /^v\d+\.\d+\.\d+$/.test(ref ?? "");
}

function report(ctx: Parameters<Rule["run"]>[0], s: UsesSite, message: string, severity: Severity, key: string, fix: string, edit?: TextEdit, dependency?: DependencyKind, persona?: "pedantic"): void {
  ctx.report({ message, locations: [at(s.path, s.uses.raw.span)], snippet: clip(s.uses.raw.value, 200), severity, key, fix, evidence: { uses: s.uses.raw.value.trim().slice(0, 200) }, ...(edit ? { edits: [edit] } : {}), ...(dependency ? { dependency } : {}), ...(persona ? { persona } : {}) });
}

/** SHAs the repository itself pins, by `name@version` from their trailing comments. */
function knownShas(sites: readonly UsesSite[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of sites) {
    const u = s.uses;
    if (u.kind !== "repository" || u.refKind !== "sha" || !u.ref || !u.comment) continue;
    const version = /^(v?\d[\w.+-]{0,40})/.exec(u.comment.trim())?.[1];
    if (!version) continue;
    const key = `${u.name.toLowerCase()}@${version}`;
    out.set(key, (out.get(key) ?? new Set()).add(u.ref.toLowerCase()));
  }
  return out;
}

function onlyOne(set: Set<string> | undefined): string | undefined {
  return set && set.size === 1 ? [...set][0] : undefined;
}

/** `name@v4` → `name@<sha> # v4`, in place; undefined when the line already has a comment or the scalar is quoted oddly. */
function pinEdit(s: UsesSite, sha: string): TextEdit | undefined {
  const u = s.uses;
  const src = s.yaml.text.slice(u.raw.span.offset, u.raw.span.endOffset);
  if (src !== u.raw.value || u.comment !== undefined) return undefined;
  const lead = u.raw.value.length - u.raw.value.trimStart().length;
  return { path: s.path, offset: u.raw.span.offset, replace: src, with: `${" ".repeat(lead)}${u.name}@${sha} # ${u.ref}` };
}
