import { mapGet, scalarString, seqItems, yamlParser } from "../../ecosystems/formats/yaml.js";
import { asObject, jsonParser } from "../../ecosystems/formats/json.js";
import { tomlParser } from "../../ecosystems/formats/toml.js";
import { actionName, loadWorkflows, walkSteps, workflowFiles } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";
import { otherCiFiles } from "./lib/ci-configs.js";
import { commandLines } from "./lib/release-commands.js";
import { projectCode } from "./lib/source-code.js";
import { readmeMatch } from "./lib/readme.js";
import { remoteCallReasons, remoteWorkflowCalls } from "./lib/remote-workflows.js";
import { ScriptReader, scriptCalls, unitsOf } from "./lib/scripts.js";

export const rule: Rule = {
  meta: {
    id: "repo/sast",
    title: "No static analysis in CI",
    severity: "medium",
    confidence: "medium",
    check: "SAST",
    rationale:
      "Static application security testing (CodeQL, Semgrep, SonarCloud, gosec, Bandit, the Clang Static Analyzer, Cppcheck…) reads every change for known classes of bugs such as injections and unsafe deserialisation before they are merged. Without it, those bugs are found by users or attackers instead. GitHub's CodeQL \"default setup\" is enabled in the repository settings and leaves no file in the checkout, so assay cannot see it offline unless the README shows its badge (as it counts SonarCloud's badge for SonarCloud's automatic analysis); Scorecard sees both through the check runs on pull requests. Scorecard counts CodeQL, SonarCloud, Snyk, Pysa and Qodana from the checkout, and other analysers only when their results reach code scanning on pull requests (a SARIF upload, seen through the API); assay also counts an analyser CI runs without uploading its results (gosec through golangci-lint, when its configuration enables gosec; Bandit, scan-build…), on purpose. When CI on pushes, pull requests or a schedule calls a reusable workflow of another repository (`uses: owner/repo/.github/workflows/x.yml@ref`) and nothing the checkout shows runs an analyser, the rule is incomplete, naming each call: what the called workflow runs cannot be read offline. A repository of documentation and configuration alone has no code to analyse; Scorecard scores it like any other (0 without an analyser), so it is failed, at info.",
    remediation:
      "Run a SAST tool on every pull request: enable CodeQL (a workflow using github/codeql-action/init and github/codeql-action/analyze), or add Semgrep (`semgrep ci`), SonarCloud, or a language analyser such as gosec, Bandit, Brakeman, or for C and C++ Clang's `scan-build` or Cppcheck to a workflow. If CodeQL default setup is already enabled in the repository settings, show its status badge in the README (`https://github.com/OWNER/REPO/actions/workflows/github-code-scanning/codeql/badge.svg`), which assay counts, or turn this rule off in the policy (`rules: { repo/sast: off }`) with a comment saying so.",
    references: [
      { title: "OpenSSF Scorecard: SAST", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#sast" },
      { title: "GitHub: Configuring default setup for code scanning", url: "https://docs.github.com/en/code-security/code-scanning/enabling-code-scanning/configuring-default-setup-for-code-scanning" },
      { title: "GitHub: Configuring advanced setup for code scanning (CodeQL workflow)", url: "https://docs.github.com/en/code-security/code-scanning/creating-an-advanced-setup-for-code-scanning/configuring-advanced-setup-for-code-scanning" },
      { title: "OpenSSF Concise Guide for Developing More Secure Software", url: "https://best.openssf.org/Concise-Guide-for-Developing-More-Secure-Software" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    // A workflow that cannot be parsed does not run on GitHub either: it cannot show SAST.
    const workflows = await loadWorkflows(ctx, { optional: true });
    const inCi = await sastInWorkflows(ctx);
    if (inCi) {
      ctx.evidence({ message: `static analysis runs in CI: ${inCi.what}`, locations: [inCi.at] });
      return;
    }
    if (await sastElsewhere(ctx)) {
      ctx.evidence({ message: "static analysis runs outside GitHub Actions (another CI's configuration or a SonarCloud project)" });
      return;
    }
    const badge = await readmeMatch(ctx, SAST_BADGES.map((b) => b.re));
    if (badge) {
      ctx.evidence({ message: `${SAST_BADGES[badge.index]?.what ?? "an analyser"} analyses the project: ${badge.path} shows its badge`, locations: [{ path: badge.path, startLine: badge.line }] });
      return;
    }
    const code = projectCode(ctx.files);
    // Documentation and configuration only: there is no code for an analyser to read (shell scripts,
    // Helm charts, Terraform and files of languages assay does not name count as code).
    if (!code.main && code.shellFiles === 0 && !code.charts && code.otherFiles === 0) {
      // Scorecard scores SAST 0 for every repository it finds no analyser in, code or not: said at info.
      ctx.report({
        message: "no static analysis runs in CI, and there is no source code to analyse (only documentation and configuration); Scorecard scores SAST 0 all the same, as it does for every repository it finds no analyser in",
        severity: "info",
        evidence: { sourceCode: false },
        key: "missing",
      });
      return;
    }
    // A reusable workflow of another repository may run an analyser the checkout cannot show: no verdict.
    const remote = await remoteWorkflowCalls(ctx, workflows, SAST_EVENTS);
    if (remote.length > 0) {
      for (const [i, r] of remoteCallReasons(remote, "runs static analysis").entries()) {
        const scanning = remote[i]?.job.permissions?.scopes["security-events"]?.value === "write";
        ctx.incomplete(`${r.message}${scanning ? " (the job is given security-events: write, which uploading code-scanning results needs)" : ""}`, { path: r.path, line: r.line, column: r.column });
      }
      return;
    }
    const total = workflowFiles(ctx).length;
    const unparsed = total - workflows.length;
    ctx.report({
      message:
        total === 0
          ? "no static analysis runs in CI: there are no workflows and no other CI configuration runs a SAST tool (CodeQL default setup, enabled in repository settings, cannot be seen offline)"
          : `no static analysis runs in CI: ${total === 1 ? "the only workflow does not run" : `none of the ${total} workflows runs`} CodeQL, Semgrep, SonarCloud or another SAST tool (CodeQL default setup, enabled in repository settings, cannot be seen offline)`,
      evidence: { workflows: total, unparsedWorkflows: unparsed },
      key: "missing",
    });
  },
};

/** Events of the workflows whose calls to other repositories' reusable workflows may analyse the code (not release-only runs). */
const SAST_EVENTS: ReadonlySet<string> = new Set(["push", "pull_request", "pull_request_target", "merge_group", "schedule"]);

/** Actions that run static analysis, by exact action name or by the repository that publishes them. */
const SAST_ACTIONS: ReadonlyMap<string, string> = new Map([
  ["github/codeql-action/analyze", "CodeQL"],
  ["github/codeql-action/init", "CodeQL"],
  ["returntocorp/semgrep-action", "Semgrep"],
  ["semgrep/semgrep-action", "Semgrep"],
  ["sonarsource/sonarcloud-github-action", "SonarCloud"],
  ["sonarsource/sonarqube-scan-action", "SonarQube"],
  ["sonarsource/sonarcloud-github-c-cpp", "SonarCloud"],
  ["sonarsource/sonarqube-github-c-cpp", "SonarQube"],
  ["facebook/pysa-action", "Pysa"],
  ["jetbrains/qodana-action", "Qodana"],
  ["hadolint/hadolint-action", "hadolint"],
  ["anthropics/claude-code-security-review", "Claude Code Security Review"],
  ["securego/gosec", "gosec"],
  ["microsoft/devskim-action", "DevSkim"],
  ["microsoft/security-devops-action", "Microsoft Security DevOps"],
  ["checkmarx/ast-github-action", "Checkmarx"],
  ["checkmarx-ts/checkmarx-cxflow-github-action", "Checkmarx"],
  ["checkmarx/kics-github-action", "KICS"],
  ["shiftleftsecurity/scan-action", "ShiftLeft Scan"],
  ["vapier/coverity-scan-action", "Coverity"],
  ["psalm/psalm-github-security-scan", "Psalm"],
  ["ajinabraham/njsscan-action", "njsscan"],
  ["fortify/github-action", "Fortify"],
  ["veracode/veracode-pipeline-scan-action", "Veracode"],
  ["veracode/veracode-uploadandscan-action", "Veracode"],
]);

/** Action repositories whose every action is a code analyser (snyk/actions/node…, as Scorecard counts them). */
const SAST_ACTION_OWNERS: readonly [string, string][] = [["snyk/actions/", "Snyk"]];

/** Analysers whose action names carry the tool's name (mdegis/bandit-action, devmasx/brakeman-linter-action…). */
const SAST_NAME_IN_ACTION = /(?:^|[/-])(bandit|brakeman|gosec|semgrep|flawfinder|njsscan|sobelow)(?:$|[/-])/;

/**
 * A SAST tool invoked as a command at the start of a line (or a YAML list item), possibly by path or
 * through a runner such as `uv run`, `python -m` or `go run`. C and C++ analysers count too: Clang's
 * scan-build (the Clang Static Analyzer), Cppcheck and Infer, as the OpenSSF Best Practices
 * criteria name them; asking one for its version or help is not running it.
 */
const SAST_COMMAND =
  /^[ \t]{0,40}(?:-[ \t]{1,5})?(?:(?:run|script|command)[ \t]{0,3}:[ \t]{1,5})?(?:(?:uv|poetry|pipenv|pdm|hatch|bundle exec|npx|pnpm|yarn)[ \t]{1,5}(?:run[ \t]{1,5})?|python3?[ \t]{1,5}-m[ \t]{1,5}|go[ \t]{1,5}run[ \t]{1,5})?(?:[\w.~-]{0,100}\/){0,8}(semgrep[ \t]{1,5}(?:ci|scan|--config)|bandit|gosec|brakeman|flawfinder|njsscan|sobelow|cov-build|sonar-scanner|codeql[ \t]{1,5}database|snyk[ \t]{1,5}code|psalm[^\n]{0,200}--taint-analysis|scan-build(?:-\d{1,3})?|cppcheck|infer[ \t]{1,5}(?:run|capture|analyze))\b(?![\w-]{0,5}[ \t]{1,5}--?(?:version|help)\b)/m;

const SONAR_BUILD = /\bsonar:sonar\b|\bgradlew?[ \t][^\n]{0,200}\bsonar(?:qube)?\b/;

const SAST_IMAGES = /^(?:docker:\/\/)?(?:docker\.io\/)?(?:returntocorp|semgrep)\/semgrep\b|^(?:docker:\/\/)?(?:docker\.io\/)?securego\/gosec\b/i;

/** Reusable workflows from other repositories whose file names say they run an analyser (org/.github/.github/workflows/codeql.yml). */
const SAST_REUSABLE = /\/\.github\/workflows\/[^@]{0,200}(?:codeql|semgrep|sast|sonar)[^/@]{0,100}\.ya?ml@/i;

function toolOfAction(uses: string): string | undefined {
  const name = actionName(uses);
  const exact = SAST_ACTIONS.get(name);
  if (exact) return exact;
  for (const [prefix, tool] of SAST_ACTION_OWNERS) if (name.startsWith(prefix)) return tool;
  if (name.startsWith("github/codeql-action/")) return undefined;
  return SAST_NAME_IN_ACTION.exec(name)?.[1];
}

function toolOfCommand(run: string): string | undefined {
  const m = SAST_COMMAND.exec(run);
  if (m) return (m[1] ?? "").split(/[ \t]/)[0];
  return SONAR_BUILD.test(run) ? "SonarQube" : undefined;
}

/** Where CI runs a SAST tool (what, and the job or step that runs it), if it does. */
async function sastInWorkflows(ctx: RuleContext): Promise<{ what: string; at: { path: string; startLine: number; startColumn: number } } | undefined> {
  const at = (path: string, span: { line: number; column: number }) => ({ path, startLine: span.line, startColumn: span.column });
  for (const wf of await loadWorkflows(ctx, { optional: true })) {
    for (const job of wf.jobs) {
      if (job.uses && SAST_REUSABLE.test(job.uses.raw.value)) return { what: `the reusable workflow ${job.uses.raw.value}`, at: at(wf.path, job.uses.raw.span) };
      if (job.container?.image && SAST_IMAGES.test(job.container.image.value)) return { what: `the ${job.container.image.value} container`, at: at(wf.path, job.container.image.span) };
    }
  }
  const reader = new ScriptReader(ctx);
  for await (const { step, job, workflow, action } of walkSteps(ctx, { optional: true })) {
    const file = action?.path ?? workflow.path;
    const here = at(file, step.span);
    const uses = step.uses?.raw.value;
    const run = step.run?.value;
    if (uses && (toolOfAction(uses) || SAST_IMAGES.test(uses))) return { what: toolOfAction(uses) ?? uses, at: here };
    const tool = run ? toolOfCommand(run) : undefined;
    if (tool) return { what: tool, at: here };
    if (run && GOLANGCI_WITH_GOSEC.test(run)) return { what: "golangci-lint with gosec", at: here };
    if (run?.includes("golangci-lint") || (uses && actionName(uses) === "golangci/golangci-lint-action")) {
      if (await golangciRunsGosec(ctx)) return { what: "golangci-lint with gosec", at: here };
    }
    if ((run && /(?:^|[\s;&|(])(?:pre-commit|prek)\s{1,5}run\b/.test(run)) || (uses && /^pre-commit\/action$/i.test(actionName(uses)))) {
      if (await preCommitRunsSast(ctx)) return { what: "pre-commit with a SAST hook", at: here };
    }
    // A script, Makefile target or justfile recipe the step runs is part of CI too (`make lint` running gosec).
    const wd = step.workingDirectory?.value ?? job.defaults.workingDirectory?.value ?? workflow.defaults.workingDirectory?.value ?? "";
    for (const line of run ? commandLines(run) : []) {
      for (const call of scriptCalls(line.text, wd.includes("${{") ? "" : wd, (p) => ctx.has(p))) {
        for (const unit of unitsOf(call, await reader.units(call.path, true))) {
          for (const l of unit.lines) {
            if (toolOfCommand(l.text) || GOLANGCI_WITH_GOSEC.test(l.text)) return { what: `${toolOfCommand(l.text) ?? "golangci-lint with gosec"} in ${unit.path}`, at: here };
            if (l.text.includes("golangci-lint") && (await golangciRunsGosec(ctx))) return { what: `golangci-lint with gosec in ${unit.path}`, at: here };
          }
        }
      }
    }
  }
  return undefined;
}

/** Hook ids of SAST tools in a pre-commit configuration. */
const PRE_COMMIT_SAST = /^\s{0,40}-?\s{0,10}id:\s{0,10}["']?(?:bandit|semgrep|semgrep-ci|gosec|golangci-lint(?:-full)?|brakeman|njsscan)["']?\s{0,20}(?:#.{0,200})?$/m;

/** pre-commit (or prek) run in CI counts when its configuration has a SAST hook (golangci-lint only with gosec enabled). */
async function preCommitRunsSast(ctx: RuleContext): Promise<boolean> {
  for (const path of [".pre-commit-config.yaml", ".pre-commit-config.yml"]) {
    if (!ctx.has(path)) continue;
    const text = (await ctx.readText(path, { optional: true }))?.text ?? "";
    const m = PRE_COMMIT_SAST.exec(text);
    if (m && (!/golangci-lint/.test(m[0]) || (await golangciRunsGosec(ctx)))) return true;
  }
  return false;
}

/** golangci-lint with gosec enabled on its command line (`--enable gosec`, `-E gosec,errcheck`). */
const GOLANGCI_WITH_GOSEC = /\bgolangci-lint\b[^\n]{0,500}(?:--enable[= ]|-E[= ]?)[\w,-]{0,300}\bgosec\b/;

const GOLANGCI_CONFIGS = [".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"];

/** How to read a parsed configuration: YAML nodes, or the plain values of JSON and TOML. */
interface ConfigView {
  get(node: unknown, key: string): unknown;
  items(node: unknown): unknown[];
  text(node: unknown): string | undefined;
}
const YAML_VIEW: ConfigView = { get: mapGet, items: seqItems, text: scalarString };
const DATA_VIEW: ConfigView = {
  get: (node, key) => asObject(node)?.[key],
  items: (node) => (Array.isArray(node) ? node : []),
  text: (node) => (typeof node === "string" || typeof node === "number" || typeof node === "boolean" ? String(node) : undefined),
};

/**
 * golangci-lint only counts when its configuration enables gosec, which is not one of its default
 * linters. The configuration is parsed, not searched: gosec named under `disable:`, in settings
 * (`linters-settings.gosec` configures it without enabling it) or in a comment does not count.
 */
async function golangciRunsGosec(ctx: RuleContext): Promise<boolean> {
  for (const path of GOLANGCI_CONFIGS) {
    if (!ctx.has(path)) continue;
    // Unreadable or malformed: the read makes the rule incomplete; nothing is assumed enabled.
    if (path.endsWith(".toml")) {
      const toml = await ctx.parse(path, tomlParser);
      if (toml && enablesGosec(toml.value, DATA_VIEW)) return true;
    } else if (path.endsWith(".json")) {
      const json = await ctx.parse(path, jsonParser);
      if (json && enablesGosec(json.value, DATA_VIEW)) return true;
    } else {
      const yaml = await ctx.parse(path, yamlParser);
      if (yaml && enablesGosec(yaml.doc.contents, YAML_VIEW)) return true;
    }
  }
  return false;
}

/** gosec's names: v1 also took its old name, gas. */
const GOSEC_NAMES = new Set(["gosec", "gas"]);
/** List items read from a configuration's linter lists (real ones name a few dozen linters). */
const MAX_LINTERS = 1_000;

/**
 * True when a golangci-lint configuration (v1 or v2) enables gosec: named under `linters.enable`,
 * every linter enabled (v1 `enable-all: true`, v2 `default: all`) or, in v1, the `bugs` preset it
 * belongs to (v2's `default: standard` leaves it out); and not named under `linters.disable`, nor
 * left out by v1's `fast: true` (fast linters only, and gosec is not one).
 */
function enablesGosec(root: unknown, view: ConfigView): boolean {
  const linters = view.get(root, "linters");
  const names = (key: string): string[] =>
    view
      .items(view.get(linters, key))
      .slice(0, MAX_LINTERS)
      .flatMap((n) => view.text(n)?.trim().toLowerCase() ?? []);
  const flag = (key: string): boolean => view.text(view.get(linters, key))?.trim().toLowerCase() === "true";
  if (names("disable").some((n) => GOSEC_NAMES.has(n)) || flag("fast")) return false;
  if (names("enable").some((n) => GOSEC_NAMES.has(n))) return true;
  if (flag("enable-all") || view.text(view.get(linters, "default"))?.trim().toLowerCase() === "all") return true;
  // v1 presets enable their linters whatever `disable-all` says (presets imply it).
  return names("presets").includes("bugs");
}

/**
 * Other CI systems and analyser configuration: GitLab's SAST templates (in .gitlab-ci.yml or the
 * files it includes from .gitlab/ci/, as GitLab's own pipeline does), SonarCloud project files,
 * other CI files running a tool.
 */
async function sastElsewhere(ctx: RuleContext): Promise<boolean> {
  if (ctx.has("sonar-project.properties") || ctx.has(".sonarcloud.properties")) return true;
  if (await sonarInPom(ctx)) return true;
  for (const file of otherCiFiles(ctx.files)) {
    const text = (await ctx.readText(file.path))?.text;
    if (!text) continue;
    if (file.system === "GitLab CI" && GITLAB_SAST.test(text)) return true;
    if (toolOfCommand(text) || /codeql-bundle|\bcodeql\b[^\n]{0,40}\banalyze\b/.test(text)) return true;
  }
  return false;
}

/** Someone else's code: a vendored project's Sonar server is not this project's analysis. */
const FOREIGN = /(?:^|\/)(?:node_modules|vendor|third_party|third-party)\//;
/**
 * A Sonar server named in a pom.xml: a value between the opening and closing tags, as Scorecard's
 * validateSonarConfig (checks/raw/sast.go) asks; an empty `<sonar.host.url></sonar.host.url>` left
 * for a child module or the command line to fill names no server.
 */
const SONAR_HOST_URL = /<sonar\.host\.url>\s{0,200}[^\s<]\S{0,500}?\s{0,200}<\/sonar\.host\.url>/;
/** Maven modules read for a Sonar server (a large multi-module build has hundreds). */
const MAX_POMS = 500;

/**
 * A Maven build that names its Sonar server (`<sonar.host.url>`), in the root pom.xml or a
 * module's (a parent module often holds it), as Scorecard reads every pom.xml. Modules are best
 * effort: one that cannot be read is a missed positive, while the root pom is the build's evidence.
 */
async function sonarInPom(ctx: RuleContext): Promise<boolean> {
  const poms = ctx.index.namedIgnoreCase("pom.xml").filter((f) => f.kind !== "submodule" && !FOREIGN.test(f.path));
  const root = poms.find((f) => !f.path.includes("/"));
  for (const f of [...(root ? [root] : []), ...poms.filter((p) => p !== root).slice(0, MAX_POMS)]) {
    const text = (await ctx.readText(f.path, f === root ? {} : { optional: true }))?.text ?? "";
    if (SONAR_HOST_URL.test(text)) return true;
  }
  return false;
}

/**
 * Badges of analysers that run from the forge's settings and leave no file: CodeQL's default setup
 * (its dynamic workflow `github-code-scanning/codeql`) and SonarCloud's automatic analysis. Both
 * post the check runs on pull requests that Scorecard counts through the API.
 */
const SAST_BADGES: readonly { re: RegExp; what: string }[] = [
  { re: /github\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\/actions\/workflows\/github-code-scanning\/codeql\/badge\.svg/, what: "CodeQL (default setup)" },
  { re: /sonarcloud\.io\/api\/project_badges\//, what: "SonarCloud" },
];

/** GitLab's SAST templates (`Security/SAST.gitlab-ci.yml`, `Jobs/SAST.gitlab-ci.yml`, the IaC and latest variants), Auto DevOps, the SAST component. */
const GITLAB_SAST = /SAST(?:-IaC)?(?:\.latest)?\.gitlab-ci\.yml|Auto-DevOps\.gitlab-ci\.yml|components\/sast\/sast@/;
