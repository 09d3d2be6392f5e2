import type { Step, Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { moduleCommand } from "../../ecosystems/shell/split.js";
import { commandsOf } from "./lib/commands.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences, type Sequence } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";
import { effectivePermissions } from "./lib/tokens.js";

type Registry = "npm" | "PyPI" | "crates.io" | "RubyGems";

const HOW: Readonly<Record<Registry, string>> = {
  npm: "configure a trusted publisher for the package on npmjs.com, give the job `permissions: id-token: write`, and run `npm publish` (npm 11.5+) without NODE_AUTH_TOKEN",
  PyPI: "add a trusted publisher for the project on pypi.org, give the job `permissions: id-token: write`, and use pypa/gh-action-pypi-publish without `password:`",
  "crates.io": "configure trusted publishing for the crate on crates.io, give the job `permissions: id-token: write`, and get a short-lived token from rust-lang/crates-io-auth-action for `cargo publish`",
  RubyGems: "add a trusted publisher for the gem on rubygems.org, give the job `permissions: id-token: write`, and use rubygems/release-gem (or rubygems/configure-rubygems-credentials without `api-token:`)",
};

/** Secrets that carry a registry token, by environment variable name. */
const TOKEN_ENV: readonly [RegExp, Registry][] = [
  [/^(?:NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN|NPM_CONFIG_TOKEN)$/i, "npm"],
  [/^(?:TWINE_PASSWORD|PYPI_TOKEN|PYPI_API_TOKEN|UV_PUBLISH_TOKEN|POETRY_PYPI_TOKEN_PYPI|HATCH_INDEX_AUTH|FLIT_PASSWORD|PDM_PUBLISH_PASSWORD)$/i, "PyPI"],
  [/^(?:CARGO_REGISTRY_TOKEN|CRATES_IO_TOKEN)$/i, "crates.io"],
  [/^(?:GEM_HOST_API_KEY|RUBYGEMS_API_KEY)$/i, "RubyGems"],
];

export const rule: Rule = {
  meta: {
    id: "workflows/use-trusted-publishing",
    title: "Package published with a long-lived registry token",
    severity: "low",
    confidence: "medium",
    check: "CI-Secrets",
    rationale:
      "npm, PyPI, crates.io and RubyGems accept trusted publishing: the registry trusts GitHub's OIDC token for this repository and workflow, and issues a credential that lives for minutes. A stored API token instead works from anywhere until revoked; stolen from CI (as in the 2025 npm worm campaigns), it lets the thief publish malicious versions.",
    remediation: "Configure a trusted publisher on the registry, grant the publishing job `permissions: id-token: write`, drop the token input or variable (the finding names the way for each registry), then revoke the stored token.",
    references: [
      { title: "OpenSSF: Trusted Publishers for all package repositories", url: "https://repos.openssf.org/trusted-publishers-for-all-package-repositories.html" },
      { title: "npm: Trusted publishing", url: "https://docs.npmjs.com/trusted-publishers" },
      { title: "PyPI: Trusted publishers", url: "https://docs.pypi.org/trusted-publishers/" },
      { title: "crates.io: Trusted publishing", url: "https://crates.io/docs/trusted-publishing" },
      { title: "RubyGems: Trusted publishing", url: "https://guides.rubygems.org/trusted-publishing/" },
      { title: "zizmor: use-trusted-publishing", url: "https://docs.zizmor.sh/audits/#use-trusted-publishing" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      const oidc = hasIdToken(seq);
      const registryUrl = seq.steps.map((s) => s.with["registry-url"]?.value ?? "").find(Boolean) ?? "";
      const npmjs = registryUrl === "" || /registry\.npmjs\.org/.test(registryUrl);
      for (const step of seq.steps) {
        const where = `step ${step.index + 1} of ${sequenceLabel(seq)}`;
        const name = usesName(step.uses);
        const report = (s: Str, registry: Registry, what: string): void => {
          ctx.report({ message: `${where} ${what} to ${registry} with a long-lived token; ${registry} supports trusted publishing (OIDC)`, locations: [at(seq.path, s.span)], snippet: clip(s.value, 120), key: `${stepKey({ job: seq.job, step, steps: seq.steps })}:${registry}`, evidence: { registry }, fix: HOW[registry] });
        };
        if (isAction(name, "pypa/gh-action-pypi-publish")) {
          const pw = step.with["password"];
          const repo = step.with["repository-url"]?.value ?? step.with["repository_url"]?.value ?? "";
          if (pw && (repo === "" || /(?:upload|test)\.pypi\.org/.test(repo))) report(pw, "PyPI", "publishes");
          continue;
        }
        if (isAction(name, "rubygems/configure-rubygems-credentials") && step.with["api-token"]) {
          report(step.with["api-token"] as Str, "RubyGems", "configures credentials");
          continue;
        }
        if (isAction(name, "js-devtools/npm-publish") && step.with["token"] && npmjs) {
          report(step.with["token"] as Str, "npm", "publishes");
          continue;
        }
        if (isAction(name, "katyo/publish-crates") && step.with["registry-token"]) {
          report(step.with["registry-token"] as Str, "crates.io", "publishes");
          continue;
        }
        if (!step.run) continue;
        const registry = publishes(step);
        if (!registry || (registry === "npm" && !npmjs)) continue;
        const token = tokenEnv(seq, step, registry);
        // A publish command with no token in sight and an OIDC-capable job already uses trusted publishing.
        if (!token && oidc) continue;
        if (!token) continue;
        report(token, registry, "publishes");
      }
    }
  },
};

function publishes(step: Step): Registry | undefined {
  const script = step.run?.value ?? "";
  if (!/\b(?:publish|upload|push)\b/.test(script)) return undefined;
  for (const c of commandsOf(script)) {
    let [cmd, ...args] = moduleCommand(c.words);
    if (args.includes("--dry-run") || args.includes("-n")) continue;
    // `npx npm publish`, `bunx npm publish` (and `python -m twine upload`, above): the tool behind a runner.
    if ((cmd === "npx" || cmd === "bunx") && args[0] === "npm") [cmd, ...args] = args;
    if ((cmd === "npm" || cmd === "pnpm" || cmd === "bun") && args.includes("publish")) return "npm";
    if (cmd === "yarn" && args.includes("publish")) return "npm";
    if (cmd === "twine" && args.includes("upload")) return "PyPI";
    if ((cmd === "uv" || cmd === "hatch" || cmd === "pdm" || cmd === "poetry" || cmd === "flit") && args.includes("publish")) return "PyPI";
    if (cmd === "cargo" && args.includes("publish")) return "crates.io";
    if (cmd === "gem" && args.includes("push")) return "RubyGems";
  }
  return undefined;
}

/** The registry token a publishing step gets from a secret (its env, then the job's and workflow's). */
function tokenEnv(seq: Sequence, step: Step, registry: Registry): Str | undefined {
  for (const env of [step.env, seq.job?.env ?? {}, seq.workflow?.env ?? {}]) {
    for (const [k, v] of Object.entries(env)) if (TOKEN_ENV.some(([re, r]) => r === registry && re.test(k)) && /\bsecrets\s*[.[]/.test(v.value) && !JOB_TOKEN.test(v.value)) return v;
  }
  // Tokens written into the command line or a config file by the script itself.
  const m = /\$\{\{\s*secrets\.([A-Za-z0-9_]{1,100})\s*\}\}/.exec(step.run?.value ?? "");
  if (m && /TOKEN|KEY|PASSWORD/i.test(m[1] as string) && !/^GITHUB_TOKEN$/i.test(m[1] as string) && step.run) return step.run;
  return undefined;
}

/**
 * `secrets.GITHUB_TOKEN` is the job's own token, which expires with the job: no stored registry token to replace
 * (it publishes to GitHub Packages, whatever `registry-url` says or leaves out).
 */
const JOB_TOKEN = /^\s*\$\{\{\s*secrets\.GITHUB_TOKEN\s*\}\}\s*$/i;

function hasIdToken(seq: Sequence): boolean {
  const p = effectivePermissions(seq.workflow, seq.job);
  if (!p) return false;
  if (p.all) return /write-all/i.test(p.all.value);
  return p.scopes["id-token"]?.value === "write";
}
