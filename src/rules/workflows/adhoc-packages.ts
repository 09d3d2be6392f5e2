import type { Rule } from "../types.js";
import { moduleCommand } from "../../ecosystems/shell/split.js";
import { commandsOf } from "./lib/commands.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/adhoc-packages",
    title: "Package installed in CI outside any lockfile",
    severity: "low",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "`pip install foo`, `npm install -g foo`, `gem install foo`, `cargo install foo` or `go install foo@latest` in a workflow fetch whatever version is newest at that moment, with unpinned dependencies and no hash check: a package hijacked or typo-squatted today runs in CI tomorrow, with its secrets in reach.",
    remediation:
      "Install from a lockfile (`npm ci`, `pip install --require-hashes -r requirements.txt`, `bundle install`), or pin an exact version (`pip install foo==1.2.3`, `go install foo@v1.2.3`, `cargo install foo --version 1.2.3 --locked`), or use a setup action that pins the tool.",
    references: [
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "zizmor: adhoc-packages", url: "https://docs.zizmor.sh/audits/#adhoc-packages" },
      { title: "pip: Secure installs (hash-checking mode)", url: "https://pip.pypa.io/en/stable/topics/secure-installs/" },
    ],
    network: false,
    // It covers pip, npm, go and gem in workflows too, with hashes and requirements files in view.
    // Its findings name no kind of dependency, so they do not weigh on Pinned-Dependencies' pinned
    // share: what that rule counts is what Scorecard counts, and what is left here (yarn, pnpm, bun,
    // uv tool installs) Scorecard does not look for.
    supersededBy: ["supply-chain/unpinned-package-install"],
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    // Scripts that install or add anything: with none, there is no package install to pin.
    let installs = 0;
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const run = step.run;
        if (!run || !/\binstall\b|\badd\b/.test(run.value)) continue;
        installs++;
        for (const c of commandsOf(run.value)) {
          const pkgs = adhoc(c.words);
          if (!pkgs) continue;
          ctx.report({
            message: `step ${step.index + 1} of ${sequenceLabel(seq)} runs \`${clip(c.words.join(" "), 100)}\`, installing ${pkgs.map((p) => `\`${clip(p, 40)}\``).join(", ")} at whatever version is newest`,
            locations: [at(seq.path, run.spanOf(c.start, Math.max(c.start + 1, c.end)))],
            key: `${stepKey({ job: seq.job, step, steps: seq.steps })}:${clip(c.words.join(" "), 100)}`,
            fix: "pin exact versions (with hashes where the tool supports them) or install from the project's lockfile",
          });
        }
      }
    }
    if (installs === 0) ctx.notApplicable("no workflow script installs packages");
  },
};

const BOOTSTRAP = new Set(["pip", "setuptools", "wheel"]);

/** The floating packages a command installs, if it is an ad-hoc install. */
function adhoc(words: readonly string[]): string[] | undefined {
  const w = moduleCommand(words);
  const cmd = (w[0] ?? "").replace(/^.*\//, "");
  const args = w.slice(1);
  const positional = (from: number, valued: readonly string[] = []): string[] => {
    const out: string[] = [];
    for (let i = from; i < args.length; i++) {
      const a = args[i] as string;
      if (a.startsWith("-")) {
        if (valued.includes(a)) i++;
        continue;
      }
      if (/^[#>]|^\d?>/.test(a)) break;
      out.push(a);
    }
    return out;
  };
  const sub = args.findIndex((a) => !a.startsWith("-"));
  const verb = sub < 0 ? undefined : args[sub];
  switch (cmd) {
    case "gem":
      if (verb !== "install") return undefined;
      return nonEmpty(positional(sub + 1, ["-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source"]));
    case "pip":
    case "pip3":
    case "pipx": {
      if (verb !== "install" || args.includes("--require-hashes")) return undefined;
      // A constraints file (`-c constraints.txt`) fixes the versions of what it lists, as a requirements file does.
      if (args.some((a) => a === "-r" || a === "--requirement" || a === "-e" || a === "--editable" || a.startsWith("-r") || a === "-c" || a.startsWith("--constraint") || /^-c./.test(a))) return undefined;
      const pkgs = positional(sub + 1, ["-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "--python", "-f", "--find-links"]);
      return nonEmpty(pkgs.filter((p) => !/^[.~/]|\.(?:whl|tar\.gz|zip)$|^\$|==/.test(p) && !BOOTSTRAP.has(p.toLowerCase().replace(/[<>=!~].*$/, ""))));
    }
    case "npm": {
      if (verb !== "install" && verb !== "i" && verb !== "add") return undefined;
      const pkgs = positional(sub + 1, ["--prefix", "--registry"]).filter((p) => !/^[.~/$]|@\d|^file:|\.tgz$/.test(p));
      return nonEmpty(pkgs);
    }
    case "yarn":
    case "pnpm":
    case "bun": {
      const rest = verb === "global" ? args.slice(sub + 1) : args.slice(sub);
      const i = rest.findIndex((a) => !a.startsWith("-"));
      if (rest[i] !== "add") return undefined;
      return nonEmpty(rest.slice(i + 1).filter((p) => !p.startsWith("-") && !/^[.~/$]|@\d|^file:|^workspace:/.test(p)));
    }
    case "cargo": {
      if (verb !== "install" || args.includes("--version") || args.includes("--path") || args.includes("--git")) return undefined;
      return nonEmpty(positional(sub + 1, ["--root", "--target", "--features", "-F", "--registry", "--index", "-j", "--jobs", "--profile"]).filter((p) => !p.includes("@")));
    }
    case "go":
      if (verb !== "install") return undefined;
      return nonEmpty(positional(sub + 1).filter((p) => p.includes("/") && (!p.includes("@") || /@(?:latest|master|main|HEAD)$/.test(p)) && !p.startsWith(".")));
    case "uv":
      if (verb !== "tool" || args[sub + 1] !== "install") return undefined;
      return nonEmpty(args.slice(sub + 2).filter((p) => !p.startsWith("-") && !p.includes("==")));
    default:
      return undefined;
  }
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}
