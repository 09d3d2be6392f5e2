import { posix } from "node:path";
import type { Rule, RuleContext } from "../types.js";
import { scorecardSkipsTestPath, type DependencyKind } from "../../core/dependency.js";
import { findUnpinnedInstalls, type UnpinnedInstall } from "./lib/installs.js";

type UnpinnedEcosystem = UnpinnedInstall["ecosystem"];
import { powerShellAsShell } from "./lib/powershell.js";
import { scorecardReads, scriptSources, type ScriptSource } from "./lib/sources.js";

export const rule: Rule = {
  meta: {
    id: "supply-chain/unpinned-package-install",
    title: "Package installed without a pinned version or hash",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "An install that names no version (or no hash) takes whatever the registry serves at build time: a malicious release, a typo-squatted upload or a compromised maintainer account goes straight into the build, and two builds of the same commit can differ. Lockfiles and hashes make what was reviewed what gets installed. `npm install`, `npm install-test` and `npm update` in CI and Dockerfiles count, as Scorecard counts them, and so do those in the shell scripts it reads (reported there at low severity: a setup script is also how people set up a checkout). A URL (`pip install https://…/pkg.tar.gz`) names a file, not a version: only a hash pins it. Deliberate differences from Scorecard: a requirements or constraints file whose lines all carry `--hash` passes without `--require-hashes` (pip turns hash-checking on for the whole install when any requirement has a hash); `pip install --no-deps .` and `pip install --no-deps git+…@<full commit>` pass as Scorecard passes them only with `-e`, since the install is the same code either way; and a step whose shell Scorecard skips (`shell: bash -el {0}`, `cmd`) is still reported, as it runs the same commands, but is not weighed in the score.",
    remediation:
      "pip: pin with hashes (`pip-compile --generate-hashes` or `uv pip compile --generate-hashes`) and install with `pip install --require-hashes -r requirements.txt` (or `-c constraints.txt`). npm: `npm ci` in CI and Dockerfiles; a global tool (in any script) at an exact version, `npm install -g tool@1.2.3`, pins the tool but not its dependencies (low severity, counted as Scorecard counts it): install it from a tools folder's package.json and lockfile with `npm ci` to pin those too. pipx: `pipx install tool==1.2.3`. Go: `go install module/cmd@v1.2.3`, never `@latest`, a branch or a version prefix such as `@v1`. Cargo: `cargo install --locked tool --version 1.2.3` (a bare version is exact for cargo install, `^1.2` is a range; a git install with `--rev <SHA>`); without `--locked` the tool's dependencies float, reported at low severity. RubyGems: `gem install name -v 1.2.3`, not a requirement such as `~> 1.2`. Chocolatey: `choco install name --version 1.2.3 --requirechecksums` (either flag passes here; Scorecard counts only the checksums). NuGet: `nuget install Name -Version 1.2.3`.",
    references: [
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "pip: secure installs (hash-checking mode)", url: "https://pip.pypa.io/en/stable/topics/secure-installs/" },
      { title: "npm ci", url: "https://docs.npmjs.com/cli/commands/npm-ci" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    options: {
      ignore: { type: "string[]", default: [], description: "Ecosystems not to check: pip (pip, pipx and easy_install), npm, go, cargo, gem, choco, nuget." },
    },
  },

  async run(ctx) {
    const sources = await scriptSources(ctx);
    if (sources.length === 0) return ctx.notApplicable("no workflow steps, Dockerfiles, shell scripts or Makefiles");
    const ignore = new Set(ctx.options["ignore"] as readonly string[]);
    for (const src of sources) {
      const script = src.powershell ? powerShellAsShell(src.script) : src.script;
      const counted = scorecardReads(src);
      // Where Scorecard reads scripts, an install it does not parse as one (`uv pip install`) is shown, not weighed.
      const kindOf = (ecosystem: UnpinnedEcosystem, scored = true): DependencyKind => (counted && scored ? ecosystem : "other-install");
      const onInstall = (ecosystem: UnpinnedEcosystem, scored: boolean): void => {
        if (!ignore.has(ecosystem)) ctx.dependencies(kindOf(ecosystem, scored));
      };
      // A project `npm install` in a shell script Scorecard reads counts as it counts it, at low severity.
      const npm = src.kind === "workflow" || src.kind === "dockerfile" ? true : src.kind === "script" && counted ? "low" : false;
      for (const f of findUnpinnedInstalls(script, { npm, variables: src.variables, onInstall })) {
        if (ignore.has(f.ecosystem)) continue;
        if (f.requirementFiles && f.requirementFiles.length > 0 && (await allHashed(ctx, src, f.requirementFiles))) continue;
        ctx.report({
          message: f.message,
          locations: [src.locate(f.start, f.end)],
          snippet: src.script.slice(f.start, Math.min(f.end, f.start + 300)).replace(/\\\r?\n\s*|`\r?\n\s*/g, " "),
          severity: f.severity,
          evidence: { ecosystem: f.ecosystem, packages: f.what, source: src.kind },
          key: `${f.ecosystem}:${f.what}`,
          // Under testdata/ or src/test/ it is most likely a fixture.
          ...(scorecardSkipsTestPath(src.path) ? { confidence: "low" as const } : {}),
          dependency: kindOf(f.ecosystem, f.unscored !== true),
          fix: f.fix,
        });
      }
    }
  },
};

/**
 * True when every requirements (or constraints) file is in the checkout and pins hashes (pip then
 * checks every requirement). A `--hash` inside a comment is not one: pip reads `#` at the start of a
 * line or after whitespace as the start of a comment.
 */
async function allHashed(ctx: RuleContext, src: ScriptSource, files: readonly string[]): Promise<boolean> {
  for (const f of files) {
    if (f.includes("$")) return false;
    const candidates = [posix.normalize(posix.join(src.dir, f)), posix.normalize(f)].filter((p) => !p.startsWith("..") && !p.startsWith("/"));
    const path = candidates.find((p) => ctx.has(p)) ?? ctx.files.find((e) => e.path.endsWith(`/${posix.basename(f)}`) && posix.basename(f) !== "requirements.txt")?.path;
    if (!path) return false;
    const text = await ctx.readText(path, { optional: true });
    if (!text || !text.text.split("\n").some((line) => /--hash[=\s]/.test(line.replace(/(?:^|\s)#.*$/, "")))) return false;
  }
  return true;
}
