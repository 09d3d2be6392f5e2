// What the family knows about popular actions, from their own action.yml files and documentation:
// which inputs run code, which outputs carry untrusted text, which restore caches, which publish,
// which are archived, which the runner already provides. Names are lower case, `owner/repo[/path]`.
import type { Step, Uses } from "../../../ecosystems/github-actions/index.js";

const names = new WeakMap<Uses, string>();

/** The action a `uses:` names, lower case and without its ref (`github/codeql-action/analyze`). */
export function usesName(uses: Uses | undefined): string | undefined {
  if (uses?.kind !== "repository") return undefined;
  let n = names.get(uses);
  if (n === undefined) {
    n = uses.name.toLowerCase();
    names.set(uses, n);
  }
  return n;
}

/** True when `name` is `pattern` or a sub-action of it (`gradle/actions` matches `gradle/actions/setup-gradle`). */
export function isAction(name: string | undefined, pattern: string): boolean {
  return name !== undefined && (name === pattern || name.startsWith(`${pattern}/`));
}

/** The entry of a table whose key the step's action is (or is a sub-action of). */
export function lookup<T>(table: ReadonlyMap<string, T>, step: Step): [string, T] | undefined {
  const name = usesName(step.uses);
  if (name === undefined) return undefined;
  const parts = name.split("/");
  for (let n = parts.length; n >= 2; n--) {
    const key = parts.slice(0, n).join("/");
    const hit = table.get(key);
    if (hit !== undefined) return [key, hit];
  }
  return undefined;
}

/** Inputs that an action evaluates as code (a shell, JavaScript, Python or PowerShell script). */
export const INJECTION_SINKS: ReadonlyMap<string, readonly string[]> = new Map([
  ["actions/github-script", ["script"]],
  ["amadevus/pwsh-script", ["script"]],
  ["jannekem/run-python-script-action", ["script"]],
  ["cardinalby/js-eval-action", ["expression"]],
  ["azure/cli", ["inlinescript"]],
  ["azure/powershell", ["inlinescript"]],
  ["appleboy/ssh-action", ["script"]],
  ["garygrossgarten/github-action-ssh", ["command"]],
  // Its entrypoint splices `options` unquoted into the `docker run` command line (zizmor lists both inputs).
  ["addnab/docker-run-action", ["options", "run"]],
  ["nick-fields/retry", ["command"]],
  ["nick-invision/retry", ["command"]],
  ["mathiasvr/command-output", ["run"]],
  // Its container's entrypoint runs `eval "$1"` on `cmd` (github-action/entrypoint.sh).
  ["mikefarah/yq", ["cmd"]],
  // The rest of CodeQL's code-injection models of action inputs, which zizmor's audit reads too: inputs run as a
  // shell command (`cmd`), evaluated as JavaScript (action-slack's payload, notify-microsoft-teams' `overwrite`,
  // blog-post-workflow's `item_exec`) or rendered as templates that run code (the issue bots' messages,
  // tibdex/backport's templates). Not build-push-action's `context` (zizmor dropped it in 1.23.1): a path or Git URL
  // handed to BuildKit as one argument, which chooses what is built but is parsed by no shell or interpreter; every
  // reusable image-build workflow passes `context: ${{ inputs.context }}`.
  ["devorbitus/yq-action-output", ["cmd"]],
  ["sergeysova/jq-action", ["cmd"]],
  ["8398a7/action-slack", ["custom_payload"]],
  ["skitionek/notify-microsoft-teams", ["overwrite"]],
  ["gautamkrishnar/blog-post-workflow", ["item_exec"]],
  ["roots/issue-closer-action", ["issue-close-message", "pr-close-message"]],
  ["lucasbento/auto-close-issues", ["issue-close-message"]],
  ["imjohnbo/issue-bot", ["body", "linked-comments-previous-issue-text", "linked-comments-new-issue-text"]],
  ["tibdex/backport", ["body_template", "head_template", "labels_template", "title_template"]],
]);

/**
 * Outputs that carry text from a pull request or issue (file names, branch names, comment bodies); `*` is every
 * output, `*x` every output ending in x, and a `!` pattern excludes outputs (checked first).
 */
export const TAINTED_OUTPUTS: ReadonlyMap<string, readonly string[]> = new Map([
  // Its counts (`all_changed_files_count`) and booleans (`any_changed`, `only_modified`, also under a files_yaml key
  // prefix) print a number or true/false, whatever the files are named.
  ["tj-actions/changed-files", ["!*_count", "!*any_changed", "!*only_changed", "!*other_changed", "!*any_modified", "!*only_modified", "!*other_modified", "!*any_deleted", "!*only_deleted", "!*other_deleted", "*"]],
  ["tj-actions/branch-names", ["!is_default", "!is_tag", "*"]],
  ["jitterbit/get-changed-files", ["*"]],
  ["ana06/get-changed-files", ["*"]],
  ["trilom/file-changes-action", ["*"]],
  ["dorny/paths-filter", ["*_files"]],
  ["xt0rted/pull-request-comment-branch", ["head_ref"]],
  ["peter-evans/find-comment", ["comment-body"]],
  // The words of a slash command, parsed from the comment that gave it.
  ["skjnldsv/parse-command-comment", ["*"]],
  ["github/command", ["params", "comment_body"]],
  ["octokit/request-action", ["data"]],
  ["actions-ecosystem/action-regex-match", ["match", "group1", "group2", "group3"]],
  // An issue form's fields parsed from the body (`jsonString`, `issueparser_<field>`).
  ["stefanbuck/github-issue-parser", ["*"]],
  // The pull request a commit belongs to: its title and body (and the whole object) as their authors wrote them.
  ["8bitjonny/gh-get-current-pr", ["pr", "pr_title", "pr_body"]],
  ["jwalton/gh-find-current-pr", ["title", "body"]],
  ["actions-ecosystem/action-get-merged-pull-request", ["title", "body"]],
]);

/** True when output `name` of the step's action carries untrusted text. */
export function outputIsTainted(step: Step, name: string): boolean {
  const hit = lookup(TAINTED_OUTPUTS, step);
  if (!hit) return false;
  const n = name.toLowerCase();
  const matches = (p: string): boolean => p === "*" || p === n || (p.startsWith("*") && n.endsWith(p.slice(1)));
  if (hit[1].some((p) => p.startsWith("!") && matches(p.slice(1)))) return false;
  return hit[1].some(matches);
}

/** How an action's cache restore is switched: on by default unless an input turns it off, or off unless one turns it on. */
export interface CacheControl {
  /** The input that controls it; undefined when it always restores. */
  input?: string;
  /** `opt-out`: restores unless the input disables it; `opt-in`: only when the input enables it. */
  mode: "always" | "opt-out" | "opt-in";
  /** For opt-out: the values that disable it; for opt-in: values that enable it (empty: any non-empty value but false). */
  values?: readonly string[];
  /** Major versions below this one restored nothing unless the input turned it on (`cache: true`). */
  optInBefore?: number;
  /** An input that must be given for anything to be cached at all (setup-buildx caches the buildx it downloads for `version:`). */
  only?: { input: string; what: string };
}

/** Actions that restore a cache (a poisoned cache becomes code in this run). */
export const CACHE_AWARE: ReadonlyMap<string, CacheControl> = new Map<string, CacheControl>([
  ["actions/cache", { mode: "opt-out", input: "lookup-only", values: ["true"] }],
  ["actions/cache/restore", { mode: "opt-out", input: "lookup-only", values: ["true"] }],
  // setup-java and setup-python (READMEs): no cache unless `cache:` names the tool (maven/gradle/sbt, pip/pipenv/poetry).
  ["actions/setup-java", { mode: "opt-in", input: "cache" }],
  // setup-go's README: `cache` defaults to true since v4; v3 had it default to false (and v1/v2 had no cache).
  ["actions/setup-go", { mode: "opt-out", input: "cache", values: ["false"], optInBefore: 4 }],
  // From v5 setup-node also caches on its own when package.json names a package manager: cache-poisoning reads that.
  ["actions/setup-node", { mode: "opt-in", input: "cache", values: ["npm", "yarn", "pnpm"] }],
  ["actions/setup-python", { mode: "opt-in", input: "cache" }],
  ["actions/setup-dotnet", { mode: "opt-in", input: "cache", values: ["true"] }],
  ["astral-sh/setup-uv", { mode: "opt-in", input: "enable-cache", values: ["true"] }],
  ["swatinem/rust-cache", { mode: "opt-out", input: "lookup-only", values: ["true"] }],
  ["ruby/setup-ruby", { mode: "opt-in", input: "bundler-cache", values: ["true"] }],
  ["pyo3/maturin-action", { mode: "opt-in", input: "sccache", values: ["true"] }],
  ["mlugg/setup-zig", { mode: "opt-out", input: "use-cache", values: ["false"] }],
  ["oven-sh/setup-bun", { mode: "opt-out", input: "no-cache", values: ["true"] }],
  ["determinatesystems/magic-nix-cache-action", { mode: "opt-out", input: "use-gha-cache", values: ["false", "disabled"] }],
  ["graalvm/setup-graalvm", { mode: "opt-in", input: "cache" }],
  ["gradle/actions/setup-gradle", { mode: "opt-out", input: "cache-disabled", values: ["true"] }],
  ["gradle/gradle-build-action", { mode: "opt-out", input: "cache-disabled", values: ["true"] }],
  ["actions-rust-lang/setup-rust-toolchain", { mode: "opt-out", input: "cache", values: ["false"] }],
  ["mozilla-actions/sccache-action", { mode: "always" }],
  ["nix-community/cache-nix-action", { mode: "always" }],
  ["jdx/mise-action", { mode: "opt-out", input: "cache", values: ["false"] }],
  ["ramsey/composer-install", { mode: "opt-out", input: "ignore-cache", values: ["yes", "true", "1"] }],
  ["awalsh128/cache-apt-pkgs-action", { mode: "always" }],
  // setup-buildx-action (README): `cache-binary` (default true) caches the buildx binary it downloads when `version:`
  // asks for one; without `version:` it uses the runner's buildx and caches nothing (zizmor's reading too). Its
  // `cache-from`/`cache-to: type=gha` layer cache in build-push-action is not listed here, as zizmor does not list it.
  ["docker/setup-buildx-action", { mode: "opt-out", input: "cache-binary", values: ["false"], only: { input: "version", what: "the buildx binary it downloads for `version:`" } }],
  ["hendrikmuhs/ccache-action", { mode: "always" }],
]);

/** Actions that publish what the job built (packages, releases, images, deployments). */
export const PUBLISHERS: ReadonlySet<string> = new Set([
  "pypa/gh-action-pypi-publish",
  "rubygems/release-gem",
  "jreleaser/release-action",
  "goreleaser/goreleaser-action",
  "softprops/action-gh-release",
  "ncipollo/release-action",
  "svenstaro/upload-release-action",
  "googleapis/release-please-action",
  "js-devtools/npm-publish",
  "katyo/publish-crates",
  "redhat-actions/push-to-registry",
  "aws-actions/amazon-ecs-deploy-task-definition",
  "aws-actions/aws-cloudformation-github-deploy",
  "azure/aci-deploy",
  "azure/container-apps-deploy-action",
  "azure/functions-action",
  "azure/webapps-deploy",
  "cloudflare/wrangler-action",
  "google-github-actions/deploy-appengine",
  "google-github-actions/deploy-cloudrun",
  "google-github-actions/deploy-cloud-functions",
  "actions/deploy-pages",
  "peaceiris/actions-gh-pages",
  "jamesives/github-pages-deploy-action",
]);

/**
 * Actions that publish only when an input says so: docker/build-push-action and bake-action with `push:` true (or an
 * expression, true on some events), changesets/action with a `publish:` command (zizmor lists build-push-action so).
 */
export const PUBLISHING_INPUT: ReadonlyMap<string, string> = new Map([
  ["docker/build-push-action", "push"],
  ["docker/bake-action", "push"],
  ["changesets/action", "publish"],
]);

/**
 * Commands in a `run:` script that publish (a package, an image, a release). `goreleaser release --snapshot` (or with
 * publishing skipped) builds the release locally and publishes nothing, as pull request CI runs it.
 */
export const PUBLISH_COMMAND = /\b(?:npm[ \t]+publish|yarn[ \t]+(?:npm[ \t]+)?publish|pnpm[ \t]+publish|twine[ \t]+upload|cargo[ \t]+publish|gem[ \t]+push|uv[ \t]+publish|hatch[ \t]+publish|pdm[ \t]+publish|poetry[ \t]+publish|flit[ \t]+publish|docker[ \t]+push|goreleaser[ \t]+release(?![^\n]{0,200}?--(?:snapshot|skip[= ]publish|skip-publish)\b)|gh[ \t]+release[ \t]+(?:create|upload)|mvn[ \t]+[^\n]{0,200}\bdeploy\b|gradlew?[ \t]+[^\n]{0,200}\bpublish)/;

/** An action the runner's own tools replace: the command to use instead, and how sure zizmor is that it is only that. */
export interface Superfluous {
  instead: string;
  confidence: "high" | "medium" | "low";
  /** zizmor keeps it for pedants: the action does enough more that most users keep it. */
  pedantic?: true;
}

/** Actions whose job the runner's own tools already do (fewer third parties in the build), as zizmor lists them. */
export const SUPERFLUOUS: ReadonlyMap<string, Superfluous> = new Map([
  ["ncipollo/release-action", { instead: "use `gh release create` in a `run:` step (the GitHub CLI is on every hosted runner)", confidence: "high" }],
  ["softprops/action-gh-release", { instead: "use `gh release create` in a `run:` step (the GitHub CLI is on every hosted runner)", confidence: "high" }],
  ["elgohr/github-release-action", { instead: "use `gh release create` in a `run:` step", confidence: "high" }],
  ["dacbd/create-issue-action", { instead: "use `gh issue create` in a `run:` step", confidence: "high" }],
  ["actions-ecosystem/action-add-labels", { instead: "use `gh issue edit --add-label` or `gh pr edit --add-label` in a `run:` step", confidence: "high" }],
  ["actions-ecosystem/action-remove-labels", { instead: "use `gh issue edit --remove-label` or `gh pr edit --remove-label` in a `run:` step", confidence: "high" }],
  ["svenstaro/upload-release-action", { instead: "use `gh release upload` in a `run:` step", confidence: "high" }],
  ["addnab/docker-run-action", { instead: "use `docker run` in a `run:` step, or a `container:` job", confidence: "high" }],
  ["sergeysova/jq-action", { instead: "use `jq` in a `run:` step (it is on every hosted runner)", confidence: "high" }],
  // Replacing these takes more than one command (a branch, a commit and a pull request; editing a comment by id, which
  // `gh` cannot; rustup's components and targets), so zizmor keeps them for pedants.
  ["peter-evans/create-pull-request", { instead: "use `git` and `gh pr create` in a `run:` step", confidence: "low", pedantic: true }],
  ["peter-evans/create-or-update-comment", { instead: "use `gh pr comment` or `gh issue comment` in a `run:` step", confidence: "low", pedantic: true }],
  ["dtolnay/rust-toolchain", { instead: "use `rustup` (on every hosted runner) in a `run:` step", confidence: "medium", pedantic: true }],
]);

/** Action repositories that are archived: nobody fixes them any more (checked 2026-06). */
export const ARCHIVED: ReadonlyMap<string, string> = new Map([
  ["actions/create-release", "use `gh release create` or softprops/action-gh-release"],
  ["actions/upload-release-asset", "use `gh release upload`"],
  ["actions/setup-ruby", "use ruby/setup-ruby"],
  ["actions/setup-elixir", "use erlef/setup-beam"],
  ["actions/setup-haskell", "use haskell-actions/setup"],
  ["haskell/actions", "use haskell-actions/setup"],
  ["actions-rs/toolchain", "use dtolnay/rust-toolchain or `rustup` in a `run:` step"],
  ["actions-rs/cargo", "run `cargo` in a `run:` step"],
  ["actions-rs/clippy-check", "run `cargo clippy` in a `run:` step"],
  ["actions-rs/audit-check", "use rustsec/audit-check"],
  ["actions-rs/tarpaulin", "run `cargo tarpaulin` in a `run:` step"],
  ["actions-rs/grcov", "run `grcov` in a `run:` step"],
  ["actions-rs/install", "use taiki-e/install-action"],
  ["actions-rs/components-nightly", "use dtolnay/rust-toolchain"],
  ["crazy-max/ghaction-docker-buildx", "use docker/setup-buildx-action"],
  ["googlecloudplatform/github-actions", "use the google-github-actions/* actions"],
  ["azure/k8s-actions", "use the azure/k8s-* actions"],
  // Widely used ones archived since (checked against zizmor's archived-repos data, 2026-12).
  ["8398a7/action-slack", "use slackapi/slack-github-action"],
  ["ilshidur/action-slack", "use slackapi/slack-github-action"],
  ["gradle/gradle-build-action", "use gradle/actions/setup-gradle"],
  ["mikepenz/gradle-dependency-submission", "use gradle/actions/dependency-submission"],
  ["sonarsource/sonarcloud-github-action", "use sonarsource/sonarqube-scan-action"],
  ["semgrep/semgrep-action", "run `semgrep ci` in a `run:` step (the semgrep/semgrep image or `pip install semgrep`)"],
  ["tibdex/github-app-token", "use actions/create-github-app-token"],
  ["contributor-assistant/github-action", "use the CLA Assistant GitHub App or another maintained CLA check"],
  ["paambaati/codeclimate-action", "upload coverage with the service's own CLI in a `run:` step"],
  ["marvinpinto/action-automatic-releases", "use `gh release create` in a `run:` step"],
  ["marvinpinto/actions", "use `gh release create` in a `run:` step"],
  ["fregante/release-with-changelog", "use `gh release create --generate-notes` in a `run:` step"],
  ["scottbrenner/generate-changelog-action", "use `gh release create --generate-notes` in a `run:` step"],
  ["cirrus-actions/rebase", "use `gh pr update-branch --rebase` in a `run:` step"],
  ["repo-sync/pull-request", "use `gh pr create` in a `run:` step"],
  ["repo-sync/repo-sync", "use `git push` in a `run:` step"],
  ["google/mirror-branch-action", "use `git push` in a `run:` step"],
  ["technote-space/get-diff-action", "use dorny/paths-filter, or `git diff --name-only` in a `run:` step"],
  ["technote-space/auto-cancel-redundant-workflow", "use a `concurrency:` group with `cancel-in-progress: true`"],
  ["maxheld83/ghpages", "use actions/upload-pages-artifact and actions/deploy-pages"],
  ["helaili/jekyll-action", "use actions/jekyll-build-pages and actions/deploy-pages"],
  ["helaili/github-graphql-action", "use `gh api graphql` in a `run:` step"],
  ["jakejarvis/hugo-build-action", "use peaceiris/actions-hugo"],
  ["crazy-max/ghaction-hugo", "use peaceiris/actions-hugo"],
  ["jakejarvis/s3-sync-action", "use aws-actions/configure-aws-credentials and `aws s3 sync` in a `run:` step"],
  ["jakejarvis/cloudflare-purge-action", "use cloudflare/wrangler-action, or Cloudflare's purge API with `curl`"],
  ["jakejarvis/firebase-deploy-action", "run `npx firebase-tools deploy` in a `run:` step"],
  ["jakejarvis/lighthouse-action", "use treosh/lighthouse-ci-action"],
  ["justinribeiro/lighthouse-action", "use treosh/lighthouse-ci-action"],
  ["jakejarvis/backblaze-b2-action", "run the `b2` CLI in a `run:` step"],
  ["decathlon/pull-request-labeler-action", "use actions/labeler"],
  ["aslafy-z/conventional-pr-title-action", "use amannn/action-semantic-pull-request"],
  ["cedrickring/golang-action", "use actions/setup-go"],
  ["artichoke/setup-rust", "use dtolnay/rust-toolchain"],
  ["delaguardo/setup-graalvm", "use graalvm/setup-graalvm"],
  ["allanchain/poetry-cache-action", "use actions/setup-python with `cache: poetry`"],
  ["mansagroup/gcs-cache-action", "use actions/cache"],
  ["yumemi-inc/clean-cache-action", "use `gh cache delete` in a `run:` step"],
  ["cpcloud/flake-update-action", "use DeterminateSystems/update-flake-lock"],
  ["grafana/k6-action", "use grafana/setup-k6-action and grafana/run-k6-action"],
  ["expo/expo-preview-action", "use expo/expo-github-action"],
  ["fabasoad/setup-zizmor-action", "use zizmorcore/zizmor-action"],
  ["andrewmcodes-archive/rubocop-linter-action", "run `rubocop` in a `run:` step"],
  ["reasonsoftware/action-pylint", "run `pylint` in a `run:` step"],
  ["orf/cargo-bloat-action", "run `cargo bloat` in a `run:` step"],
  ["facebook/pysa-action", "run `pyre analyze` in a `run:` step"],
  ["svenstaro/upx-action", "run `upx` in a `run:` step"],
  ["whelk-io/maven-settings-xml-action", "use actions/setup-java's `server-id` inputs, or s4u/maven-settings-action"],
  ["youyo/aws-cdk-github-actions", "use aws-actions/configure-aws-credentials and `npx cdk` in a `run:` step"],
  ["secrethub/actions", "SecretHub is shut down: use 1password/load-secrets-action"],
  ["niklasmerz/github-deployment-action", "use `gh api` to create the deployment in a `run:` step"],
  ["suzuki-shunsuke/github-action-tflint", "run `tflint` in a `run:` step"],
  ["suzuki-shunsuke/github-action-tfsec", "use aquasecurity/trivy-action (tfsec's successor)"],
  ["suzuki-shunsuke/trivy-config-action", "use aquasecurity/trivy-action"],
  ["azure/container-scan", "use aquasecurity/trivy-action or another maintained image scanner"],
  ["azure/get-keyvault-secrets", "use azure/login and `az keyvault secret show` in a `run:` step"],
  ["azure/appservice-actions", "use azure/webapps-deploy"],
  ["azure/webapps-container-deploy", "use azure/webapps-deploy"],
  ["azure/spring-cloud-deploy", "use azure/spring-apps-deploy"],
  ["stefanprodan/kube-tools", "install the tools in a `run:` step, or use azure/setup-kubectl and azure/setup-helm"],
  ["hashicorp/terraform-cdk-action", "CDK for Terraform is deprecated: run `terraform` with hashicorp/setup-terraform"],
  ...[
    "actionstoolbox/gem-build-and-release-action", "azure/appconfiguration-sync", "azure/azure-resource-login-action", "azure/container-actions",
    "azure/data-factory-deploy-action", "azure/data-factory-export-action", "azure/data-factory-validate-action", "azure/manage-azure-policy",
    "azure/publish-security-assessments", "azure/run-sqlpackage-action", "dulvui/godot-android-export", "elstudio/actions-settings",
    "google/skywater-pdk-actions", "irgolic/autopr", "jimmygchen/runner-fallback-action", "kanadgupta/glitch-sync", "kxxt/chatgpt-action",
    "lapras-inc/resume-sync-action", "liskin/gh-pipx", "machine-learning-apps/wandb-action", "meilcli/danger-action",
    "meilcli/gradle-update-check-action", "meilcli/npm-update-check-action", "meilcli/nuget-update-check-action", "micnncim/action-lgtm-reaction",
    "philips-software/docker-ci-scripts", "primer/figma-action", "sagebind/docker-swarm-deploy-action", "shaunlwm/action-release-debugapk",
    "soichisumi/issue-copy-action", "stefafafan/psi-action", "suzuki-shunsuke/github-action-format", "suzuki-shunsuke/required-status-check-action",
    "suzuki-shunsuke/validate-pr-review-action", "swiftdocorg/github-wiki-publish-action", "tachiyomiorg/issue-moderator-action",
    "tencentcloudbase/cloudbase-action", "trmcnvn/chrome-addon", "verygoodopensource/very_good_coverage", "yeslayla/build-godot-action",
    "z0al/dependent-issues",
  ].map((repo): [string, string] => [repo, "remove it, or replace it with a maintained action or a few lines in a `run:` step"]),
]);

/** Actions whose tool version input defaults to "latest": each run may install a different tool. */
export const UNPINNED_TOOL_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ["aquasecurity/setup-trivy", "version"],
  ["1password/load-secrets-action", "version"],
  ["extractions/setup-just", "just-version"],
  ["extractions/setup-crate", "version"],
]);

/** Popular actions a look-alike name would imitate (owner/repo, lower case). */
export const POPULAR_ACTIONS: readonly string[] = [
  "actions/checkout", "actions/setup-node", "actions/setup-python", "actions/setup-go", "actions/setup-java", "actions/setup-dotnet",
  "actions/cache", "actions/upload-artifact", "actions/download-artifact", "actions/github-script", "actions/labeler", "actions/stale",
  "actions/create-release", "actions/upload-release-asset", "actions/deploy-pages", "actions/upload-pages-artifact", "actions/configure-pages",
  "actions/dependency-review-action", "actions/first-interaction", "actions/attest-build-provenance", "actions/add-to-project",
  "actions/create-github-app-token", "actions/jekyll-build-pages", "actions/delete-package-versions", "actions/setup-ruby",
  "github/codeql-action", "github/super-linter", "github/issue-labeler", "super-linter/super-linter",
  "docker/build-push-action", "docker/login-action", "docker/setup-buildx-action", "docker/setup-qemu-action", "docker/metadata-action", "docker/bake-action",
  "aws-actions/configure-aws-credentials", "aws-actions/amazon-ecr-login", "aws-actions/amazon-ecs-deploy-task-definition", "aws-actions/amazon-ecs-render-task-definition",
  "azure/login", "azure/webapps-deploy", "azure/setup-kubectl", "azure/setup-helm", "azure/k8s-deploy", "azure/docker-login", "azure/cli", "azure/functions-action", "azure/static-web-apps-deploy",
  "google-github-actions/auth", "google-github-actions/setup-gcloud", "google-github-actions/deploy-cloudrun", "google-github-actions/get-gke-credentials", "google-github-actions/release-please-action",
  "googleapis/release-please-action", "hashicorp/setup-terraform", "hashicorp/vault-action", "codecov/codecov-action", "coverallsapp/github-action",
  "peter-evans/create-pull-request", "peter-evans/create-or-update-comment", "peter-evans/find-comment", "peter-evans/repository-dispatch", "peter-evans/slash-command-dispatch",
  "softprops/action-gh-release", "ncipollo/release-action", "svenstaro/upload-release-action", "stefanzweifel/git-auto-commit-action", "endbug/add-and-commit",
  "ad-m/github-push-action", "peaceiris/actions-gh-pages", "peaceiris/actions-hugo", "jamesives/github-pages-deploy-action", "release-drafter/release-drafter",
  "tj-actions/changed-files", "dorny/paths-filter", "dorny/test-reporter", "enricomi/publish-unit-test-result-action", "mikepenz/action-junit-report",
  "marocchino/sticky-pull-request-comment", "thollander/actions-comment-pull-request", "amannn/action-semantic-pull-request", "dependabot/fetch-metadata",
  "golangci/golangci-lint-action", "goreleaser/goreleaser-action", "pypa/gh-action-pypi-publish", "ruby/setup-ruby", "rubygems/release-gem",
  "dtolnay/rust-toolchain", "swatinem/rust-cache", "actions-rs/toolchain", "actions-rs/cargo", "actions-rust-lang/setup-rust-toolchain", "taiki-e/install-action",
  "astral-sh/setup-uv", "astral-sh/ruff-action", "pnpm/action-setup", "oven-sh/setup-bun", "denoland/setup-deno", "gradle/actions", "gradle/gradle-build-action",
  "subosito/flutter-action", "shivammathur/setup-php", "erlef/setup-beam", "haskell-actions/setup", "julia-actions/setup-julia", "r-lib/actions",
  "conda-incubator/setup-miniconda", "mamba-org/setup-micromamba", "msys2/setup-msys2", "ilammy/msvc-dev-cmd", "microsoft/setup-msbuild", "nuget/setup-nuget",
  "cachix/install-nix-action", "cachix/cachix-action", "determinatesystems/nix-installer-action", "determinatesystems/magic-nix-cache-action", "jdx/mise-action",
  "extractions/setup-just", "arduino/setup-protoc", "bufbuild/buf-setup-action", "sigstore/cosign-installer", "anchore/sbom-action", "anchore/scan-action",
  "aquasecurity/trivy-action", "snyk/actions", "returntocorp/semgrep-action", "ossf/scorecard-action", "step-security/harden-runner", "crazy-max/ghaction-import-gpg",
  "slackapi/slack-github-action", "8398a7/action-slack", "rtcamp/action-slack-notify", "appleboy/ssh-action", "appleboy/scp-action", "easingthemes/ssh-deploy",
  "cloudflare/wrangler-action", "cloudflare/pages-action", "amondnet/vercel-action", "nwtgck/actions-netlify", "firebaseextended/action-hosting-deploy",
  "1password/load-secrets-action", "mxschmitt/action-tmate", "nick-fields/retry", "ludeeus/action-shellcheck", "reviewdog/action-setup", "wagoid/commitlint-github-action",
  "pre-commit/action", "codespell-project/actions-codespell", "crate-ci/typos", "lycheeverse/lychee-action", "davidanson/markdownlint-cli2-action",
  "hadolint/hadolint-action", "dawidd6/action-download-artifact", "dawidd6/action-send-mail", "browser-actions/setup-chrome", "cypress-io/github-action",
  "treosh/lighthouse-ci-action", "bahmutov/npm-install", "js-devtools/npm-publish", "changesets/action", "mathieudutour/github-tag-action",
  "anothrnick/github-tag-action", "styfle/cancel-workflow-action", "fkirc/skip-duplicate-actions", "jwalton/gh-find-current-pr", "xt0rted/pull-request-comment-branch",
];

/** Runner labels GitHub hosts (anything else may be a self-hosted or larger runner). */
export const SELF_HOSTED_LABEL = "self-hosted";
