// What each step needs of the GITHUB_TOKEN, from the actions' documentation and the commands a
// script runs. A step the table does not know, that is handed the token, makes the job's needs
// unknown: then no least-privilege block is proposed, only advice.
import type { Step } from "../../../ecosystems/github-actions/index.js";
import { lookup, usesName } from "./actions-data.js";
import { runsWorkspaceCode } from "./runs-code.js";

export type Level = "read" | "write";
/** Scope → level a step or job needs. */
export type Needs = Map<string, Level>;

/** What a step needs: its scopes, and whether it uses the token in a way the table does not know. */
export interface StepNeeds {
  needs: Needs;
  unknown: boolean;
}

type Need = Readonly<Partial<Record<string, Level>>>;
type Entry = Need | ((step: Step) => Need);

const tokenIsDefault = (v: string | undefined): boolean => v === undefined || /github\.token|secrets\.GITHUB_TOKEN/i.test(v);

/** Actions and the scopes they need (an empty record: none). */
const ACTION_ENTRIES: [string, Entry][] = [
  ["actions/checkout", (s) => (tokenIsDefault(s.with["token"]?.value) ? { contents: "read" } : {})],
  ["actions/upload-artifact", {}],
  ["actions/download-artifact", (s) => (s.with["run-id"] ? { actions: "read" } : {})],
  ["actions/cache", {}],
  ["actions/setup-node", {}],
  ["actions/setup-python", {}],
  ["actions/setup-go", {}],
  ["actions/setup-java", {}],
  ["actions/setup-dotnet", {}],
  ["actions/upload-pages-artifact", {}],
  ["actions/configure-pages", { pages: "write" }],
  ["actions/deploy-pages", { pages: "write", "id-token": "write" }],
  ["actions/labeler", { contents: "read", "pull-requests": "write" }],
  ["actions/stale", { issues: "write", "pull-requests": "write" }],
  ["actions/first-interaction", { issues: "write", "pull-requests": "write" }],
  ["actions/attest-build-provenance", { "id-token": "write", attestations: "write" }],
  ["actions/attest", { "id-token": "write", attestations: "write" }],
  ["actions/attest-sbom", { "id-token": "write", attestations: "write" }],
  ["actions/dependency-review-action", (s) => (/true|always|on-failure/.test(s.with["comment-summary-in-pr"]?.value ?? "") ? { contents: "read", "pull-requests": "write" } : { contents: "read" })],
  ["actions/create-release", { contents: "write" }],
  ["actions/upload-release-asset", { contents: "write" }],
  ["actions/delete-package-versions", { packages: "write" }],
  ["github/codeql-action/init", { contents: "read" }],
  ["github/codeql-action/autobuild", {}],
  ["github/codeql-action/analyze", { "security-events": "write", actions: "read", contents: "read" }],
  ["github/codeql-action/upload-sarif", { "security-events": "write", actions: "read", contents: "read" }],
  ["ossf/scorecard-action", (s) => (/true/.test(s.with["publish_results"]?.value ?? "") ? { "security-events": "write", "id-token": "write", contents: "read", actions: "read" } : { "security-events": "write", contents: "read", actions: "read" })],
  ["softprops/action-gh-release", { contents: "write" }],
  ["ncipollo/release-action", { contents: "write" }],
  ["svenstaro/upload-release-action", { contents: "write" }],
  ["googleapis/release-please-action", { contents: "write", "pull-requests": "write", issues: "write" }],
  ["google-github-actions/release-please-action", { contents: "write", "pull-requests": "write", issues: "write" }],
  ["release-drafter/release-drafter", { contents: "write", "pull-requests": "write" }],
  ["peter-evans/create-pull-request", (s) => (tokenIsDefault(s.with["token"]?.value) ? { contents: "write", "pull-requests": "write" } : {})],
  ["peter-evans/create-or-update-comment", (s) => (tokenIsDefault(s.with["token"]?.value) ? { "pull-requests": "write", issues: "write" } : {})],
  ["peter-evans/find-comment", { "pull-requests": "read", issues: "read" }],
  ["marocchino/sticky-pull-request-comment", { "pull-requests": "write" }],
  ["thollander/actions-comment-pull-request", { "pull-requests": "write" }],
  ["stefanzweifel/git-auto-commit-action", { contents: "write" }],
  ["endbug/add-and-commit", { contents: "write" }],
  ["ad-m/github-push-action", { contents: "write" }],
  ["peaceiris/actions-gh-pages", (s) => (s.with["github_token"] ? { contents: "write" } : {})],
  ["jamesives/github-pages-deploy-action", (s) => (tokenIsDefault(s.with["token"]?.value) ? { contents: "write" } : {})],
  ["dependabot/fetch-metadata", { "pull-requests": "read" }],
  ["amannn/action-semantic-pull-request", { "pull-requests": "read" }],
  ["codecov/codecov-action", (s) => (/true/.test(s.with["use_oidc"]?.value ?? "") ? { "id-token": "write" } : {})],
  ["coverallsapp/github-action", {}],
  ["aws-actions/configure-aws-credentials", (s) => (s.with["role-to-assume"] && !s.with["aws-access-key-id"] ? { "id-token": "write" } : {})],
  ["google-github-actions/auth", (s) => (s.with["workload_identity_provider"] ? { "id-token": "write" } : {})],
  ["azure/login", (s) => (s.with["creds"] ? {} : { "id-token": "write" })],
  ["pypa/gh-action-pypi-publish", (s) => (s.with["password"] ? {} : { "id-token": "write" })],
  ["rubygems/release-gem", { "id-token": "write", contents: "write" }],
  ["rust-lang/crates-io-auth-action", { "id-token": "write" }],
  ["sigstore/cosign-installer", {}],
  ["enricomi/publish-unit-test-result-action", { checks: "write", "pull-requests": "write" }],
  ["dorny/test-reporter", { checks: "write" }],
  ["mikepenz/action-junit-report", { checks: "write" }],
  ["golangci/golangci-lint-action", { contents: "read" }],
  ["super-linter/super-linter", { contents: "read", statuses: "write" }],
  ["github/super-linter", { contents: "read", statuses: "write" }],
  // The job's token opens only GitHub's own registries: with it, a registry named by an expression (`${{ env.REGISTRY }}`) is one of them.
  ["docker/login-action", (s) => (/ghcr\.io|docker\.pkg\.github\.com|\$\{\{/i.test(s.with["registry"]?.value ?? "") && tokenIsDefault(s.with["password"]?.value) ? { packages: "write" } : {})],
];
const ACTIONS: ReadonlyMap<string, Entry> = new Map(ACTION_ENTRIES);

/** Actions known to use no token (setup, caching, building, linting without GitHub API calls). */
const NO_TOKEN = [
  "actions/setup-",
  "docker/setup-",
  "docker/build-push-action",
  "docker/metadata-action",
  "docker/bake-action",
  "dtolnay/rust-toolchain",
  "swatinem/rust-cache",
  "actions-rust-lang/",
  "astral-sh/setup-uv",
  "astral-sh/ruff-action",
  "pnpm/action-setup",
  "oven-sh/setup-bun",
  "ruby/setup-ruby",
  "erlef/setup-beam",
  "shivammathur/setup-php",
  "haskell-actions/setup",
  "msys2/setup-msys2",
  "ilammy/msvc-dev-cmd",
  "microsoft/setup-msbuild",
  "hashicorp/setup-terraform",
  "azure/setup-",
  "denoland/setup-deno",
  "mlugg/setup-zig",
  "subosito/flutter-action",
  "taiki-e/install-action",
  "jdx/mise-action",
  "cachix/install-nix-action",
  "determinatesystems/",
  "extractions/setup-",
  "julia-actions/",
  "r-lib/actions/setup-",
  "conda-incubator/setup-miniconda",
  "mamba-org/setup-micromamba",
  "gradle/actions/setup-gradle",
  "gradle/actions/wrapper-validation",
  "gradle/wrapper-validation-action",
  "pypa/cibuildwheel",
  "pyo3/maturin-action",
  "pre-commit/action",
  "ludeeus/action-shellcheck",
  "crate-ci/typos",
  "codespell-project/",
  "browser-actions/",
  "nick-fields/retry",
  "step-security/harden-runner",
  "crazy-max/ghaction-import-gpg",
  "anchore/scan-action",
  "aquasecurity/trivy-action",
  "actions/upload-",
  "actions/download-artifact",
  "actions/cache",
];

/** A registry credential handed to a publishing step: then it publishes with it, not with the job's OIDC token. */
const REGISTRY_CREDENTIAL = /NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN|_authToken|TWINE_PASSWORD|TWINE_API_KEY|PYPI_(?:API_)?TOKEN|UV_PUBLISH_(?:TOKEN|PASSWORD)|POETRY_PYPI_TOKEN|PDM_PUBLISH_PASSWORD|CARGO_REGISTRY_TOKEN|GEM_HOST_API_KEY|NUGET_API_KEY|--token\b|--password\b/i;

const GH = /\bgh[ \t]+(pr|issue|release|run|workflow|label|api|repo|cache|secret|variable|attestation)\b[ \t]*([a-z-]*)/g;

/** GitHub's container registry, named in a script (`ghcr.io/owner/image`, `docker login ghcr.io`). */
const GHCR = /\bghcr\.io\b|\bdocker\.pkg\.github\.com\b/i;
/** Commands that log in to a registry or write to one: pushes, copies, signatures and attestations stored beside an image. */
const GHCR_WRITE = /\b(?:docker|podman|buildah)[ \t]+(?:login|push|manifest[ \t]+push)\b|\bcosign[ \t]+(?:sign|attest|copy|attach|login)\b|\b(?:crane|oras|regctl|skopeo)[ \t]+(?:push|copy|cp|auth[ \t]+login|login|image[ \t]+copy|artifact[ \t]+put)\b|\bhelm[ \t]+(?:push|registry[ \t]+login)\b/;

/** A buildx build, which pushes with `--push` or `--output type=registry,push=true` (tested apart: no scan ahead per match). */
const BUILDX = /\bbuildx[ \t]+(?:build|bake)\b/;

/** What a `run:` script needs: from `gh` subcommands, `git push`, keyless signing and pushes to GitHub's registry. */
function runNeeds(step: Step): StepNeeds {
  const text = step.run?.value ?? "";
  const needs: Needs = new Map();
  let unknown = false;
  const add = (scope: string, level: Level): void => {
    if (needs.get(scope) !== "write") needs.set(scope, level);
  };
  GH.lastIndex = 0;
  for (let m = GH.exec(text); m; m = GH.exec(text)) {
    const [, group, sub = ""] = m;
    const reads = ["view", "list", "diff", "checks", "status", "download", "watch", "verify"].includes(sub);
    if (group === "pr") {
      add("pull-requests", reads ? "read" : "write");
      // Merging writes the base branch; checking out reads the code.
      if (sub === "merge") add("contents", "write");
      else if (sub === "checkout") add("contents", "read");
    }
    else if (group === "issue") add("issues", reads ? "read" : "write");
    else if (group === "release") add("contents", reads ? "read" : "write");
    else if (group === "run" || group === "workflow" || group === "cache") add("actions", reads ? "read" : "write");
    else if (group === "label") add("issues", reads ? "read" : "write");
    else if (group === "attestation") add("attestations", reads ? "read" : "write");
    else unknown = true;
  }
  // `git push`, also after global options (`git -C ruff push`, `git -c user.name=bot push`).
  if (/\bgit(?:[ \t]+(?:-[Cc][ \t]+[^\s;&|-][^\s;&|]{0,300}|--?(?![Cc][ \t])[A-Za-z][\w-]{0,40}(?:=[^\s;&|]{0,300})?)){0,6}[ \t]+push\b/.test(text)) add("contents", "write");
  if (/\bcosign[ \t]+(?:sign|attest)\b|\bnpm[ \t]+publish\b[^\n]{0,200}--provenance|ACTIONS_ID_TOKEN_REQUEST|\bsigstore[ \t]+sign\b/.test(text)) add("id-token", "write");
  // GitHub's registry takes the job's token: a login to it, or a push, signature or attestation
  // stored there (`cosign sign ghcr.io/…` writes the signature beside the image), writes packages.
  if (GHCR.test(text) && (GHCR_WRITE.test(text) || (BUILDX.test(text) && /--push\b|\bpush=true\b/.test(text)))) add("packages", "write");
  // Publishers that exchange the job's OIDC token themselves when handed no credential: `uv publish` and
  // `pdm publish` (PyPI trusted publishing), and npm, pnpm, yarn and bun (npm's trusted publishing).
  const credential = [text, ...Object.entries(step.env).map(([k, v]) => `${k}=${v.value}`)].join("\n");
  if (/\b(?:uv|pdm)[ \t]+publish\b/.test(text) && !/UV_PUBLISH_(?:TOKEN|PASSWORD)|PDM_PUBLISH_PASSWORD|--token\b|--password\b|\s-[pt][ \t]/.test(credential)) add("id-token", "write");
  if (/\b(?:npm|pnpm|bun)[ \t]+publish\b|\byarn[ \t]+npm[ \t]+publish\b/.test(text) && !/NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN|_authToken/i.test(credential)) add("id-token", "write");
  // A repository script that publishes (`./tools/release/npm/build.ts --publish-only`, `make publish`) may
  // exchange the OIDC token itself, as those publishers do: with no registry credential in reach, it may need it.
  if (/\bpublish\b/i.test(text) && !REGISTRY_CREDENTIAL.test(credential) && runsWorkspaceCode(text)) add("id-token", "write");
  if (/api\.github\.com|GITHUB_TOKEN|GH_TOKEN|github\.token/.test(text) && needs.size === 0 && !/\bgh[ \t]/.test(text)) unknown = true;
  if (/\b(?:semantic-release|changeset|lerna[ \t]+publish|goreleaser|release-it)\b/.test(text)) unknown = true;
  return { needs, unknown };
}

/** True when a step hands the token to an action or tool explicitly (`with: { token: … }`, `env: GITHUB_TOKEN`). */
function handsToken(step: Step): boolean {
  const values = [...Object.values(step.with), ...Object.values(step.env)];
  return values.some((v) => /github\.token|secrets\.GITHUB_TOKEN/i.test(v.value));
}

/** What one step needs of the token. */
export function stepNeeds(step: Step): StepNeeds {
  if (step.run) {
    const r = runNeeds(step);
    if (!r.unknown && r.needs.size === 0 && handsToken(step)) return { needs: r.needs, unknown: true };
    return r;
  }
  if (!step.uses) return { needs: new Map(), unknown: false };
  if (step.uses.kind === "docker") return { needs: new Map(), unknown: handsToken(step) };
  if (step.uses.kind === "local") return { needs: new Map(), unknown: true };
  const hit = lookup(ACTIONS, step);
  if (hit) {
    const v = hit[1];
    const rec = typeof v === "function" ? v(step) : v;
    return { needs: new Map(Object.entries(rec).filter((e): e is [string, Level] => e[1] !== undefined)), unknown: false };
  }
  const name = usesName(step.uses) ?? "";
  if (NO_TOKEN.some((p) => name.startsWith(p)) && !handsToken(step)) return { needs: new Map(), unknown: false };
  return { needs: new Map(), unknown: true };
}

/** The union of several steps' needs. */
export function unionNeeds(list: readonly StepNeeds[]): StepNeeds {
  const needs: Needs = new Map();
  let unknown = false;
  for (const s of list) {
    unknown ||= s.unknown;
    for (const [k, v] of s.needs) if (needs.get(k) !== "write") needs.set(k, v);
  }
  return { needs, unknown };
}

/** A permissions block for needs, as YAML lines (`contents: read` first, then alphabetical). */
export function permissionLines(needs: Needs): string[] {
  const entries = [...needs].sort(([a], [b]) => (a === "contents" ? -1 : b === "contents" ? 1 : a.localeCompare(b)));
  return entries.map(([k, v]) => `${k}: ${v}`);
}
