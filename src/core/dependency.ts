/**
 * The kinds of dependency the Pinned-Dependencies check counts, as OpenSSF Scorecard counts them:
 * the check's score is the share of each kind that is pinned, kinds the repository does not use
 * are skipped, and within GitHub Actions a third-party action weighs four times a GitHub-owned one.
 * Kinds Scorecard does not look for are counted and shown but weigh nothing (`weighed: false`), so
 * the score stays Scorecard's while the reason still says what else floats.
 */
export const DEPENDENCY_KINDS = {
  "github-action": { label: "GitHub-owned actions", weighed: true },
  "third-party-action": { label: "third-party actions", weighed: true },
  "container-image": { label: "Dockerfile base images", weighed: true },
  "download-then-run": { label: "downloaded scripts run", weighed: true },
  pip: { label: "pip installs", weighed: true },
  npm: { label: "npm installs", weighed: true },
  go: { label: "go installs", weighed: true },
  choco: { label: "choco installs", weighed: true },
  nuget: { label: "NuGet installs", weighed: true },
  cargo: { label: "cargo installs", weighed: false },
  gem: { label: "gem installs", weighed: false },
  "other-image": { label: "other container images (CI jobs and services, dev containers, COPY --from, vendored, test-data and template Dockerfiles, Containerfiles)", weighed: false },
  "composite-action": { label: "actions used by the repository's own actions", weighed: false },
  "other-install": { label: "installs where Scorecard does not look (Makefiles, PowerShell, the repository's own actions, other shells, test data, Containerfiles) or that it does not read as installs (uv pip, pipx)", weighed: false },
  "other-download": { label: "downloaded scripts run where Scorecard does not look (Makefiles, PowerShell, the repository's own actions, other shells, test data, Containerfiles)", weighed: false },
} as const satisfies Record<string, { label: string; weighed: boolean }>;

/** One kind of dependency (`DEPENDENCY_KINDS`). */
export type DependencyKind = keyof typeof DEPENDENCY_KINDS;

/** Scorecard's weights: GitHub Actions weigh like any other kind, split 2:8 between GitHub-owned and third-party actions when both are used. */
export const DEPENDENCY_WEIGHT = { githubOwned: 2, thirdParty: 8, normal: 10 } as const;

/** True for a Dockerfile Scorecard leaves out as vendored: one under a `vendor` or `third_party` folder, any case. */
export function inVendoredFolder(path: string): boolean {
  return path.split("/").slice(0, -1).some((seg) => /^(?:vendor|third_party)$/i.test(seg));
}

/**
 * True for a file Scorecard never reads for its file-based checks: its file listing drops every
 * path under a `testdata/` or `src/test/` folder (case as written), where fixtures and test
 * resources live. What assay finds there is shown beside the score, not weighed.
 */
export function scorecardSkipsTestPath(path: string): boolean {
  return path.startsWith("testdata/") || path.includes("/testdata/") || path.startsWith("src/test/") || path.includes("/src/test/");
}

/**
 * True for a Dockerfile whose RUN lines Scorecard reads: its name holds "dockerfile" in any case
 * (its pattern is `*Dockerfile*`, so a `Containerfile` is not one), outside vendored folders and
 * test data.
 */
export function scorecardReadsDockerfile(path: string): boolean {
  return path.slice(path.lastIndexOf("/") + 1).toLowerCase().includes("dockerfile") && !inVendoredFolder(path) && !scorecardSkipsTestPath(path);
}

/**
 * True for a Dockerfile whose `FROM` images Scorecard counts: one it reads, whose name is not a
 * template's (a `template`, `tmpl` or `tpl` part between dots, dashes and underscores, as in
 * `Dockerfile.template` or `app.tmpl.Dockerfile`, which Scorecard leaves out of base-image pinning).
 */
export function scorecardCountsBaseImages(path: string): boolean {
  const parts = path.slice(path.lastIndexOf("/") + 1).toLowerCase().split(/[._-]/);
  return scorecardReadsDockerfile(path) && !parts.some((p) => p === "template" || p === "tmpl" || p === "tpl");
}

/** True for an action GitHub itself publishes (`actions/*`, `github/*`), which Scorecard weighs less. */
export function isGitHubOwnedAction(name: string): boolean {
  const owner = name.slice(0, name.indexOf("/")).toLowerCase();
  return owner === "actions" || owner === "github";
}
