/**
 * The kinds of dependency the Pinned-Dependencies check counts, as OpenSSF Scorecard counts them:
 * the check's score is the share of each kind that is pinned, kinds the repository does not use
 * are skipped, and within GitHub Actions a third-party action weighs four times a GitHub-owned one.
 */
export const DEPENDENCY_KINDS = {
  "github-action": "GitHub-owned actions",
  "third-party-action": "third-party actions",
  "container-image": "container images",
  "download-then-run": "downloaded scripts run",
  pip: "pip installs",
  npm: "npm installs",
  go: "go installs",
  cargo: "cargo installs",
  gem: "gem installs",
  choco: "choco installs",
  nuget: "NuGet installs",
} as const;

/** One kind of dependency (`DEPENDENCY_KINDS`). */
export type DependencyKind = keyof typeof DEPENDENCY_KINDS;

/** Scorecard's weights: GitHub Actions weigh like any other kind, split 2:8 between GitHub-owned and third-party actions when both are used. */
export const DEPENDENCY_WEIGHT = { githubOwned: 2, thirdParty: 8, normal: 10 } as const;

/** True for an action GitHub itself publishes (`actions/*`, `github/*`), which Scorecard weighs less. */
export function isGitHubOwnedAction(name: string): boolean {
  const owner = name.slice(0, name.indexOf("/")).toLowerCase();
  return owner === "actions" || owner === "github";
}
