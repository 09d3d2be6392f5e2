import type { Step } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { persistingCheckouts, persistOff } from "./lib/checkout.js";
import { commandsOf } from "./lib/commands.js";
import { stepLabel } from "./lib/report.js";
import { sequenceLabel } from "./lib/sequences.js";

export const rule: Rule = {
  meta: {
    id: "workflows/persisted-credentials",
    title: "Checkout leaves the job's token to every later step",
    severity: "low",
    confidence: "low",
    check: "CI-Secrets",
    rationale:
      "Unless told not to, `actions/checkout` stores the job's token in git's configuration for the rest of the job (in `.git/config`, or from v6 in a file under $RUNNER_TEMP that it includes). Every later step, and every build script, test and dependency those steps run, can read it there and act on the repository with its permissions until the job ends. Most jobs never push and need none of it. When the workspace is also uploaded, workflows/artipacked reports the worse case instead.",
    remediation:
      "Set `persist-credentials: false` on `actions/checkout` (`assay fix` adds it when no later step of the job uses git's network commands). A job that pushes can pass the token to that one command (`git push https://x-access-token:${GH_TOKEN}@github.com/…`), or set `persist-credentials: true` to record that it needs it.",
    references: [
      { title: "actions/checkout: persist-credentials", url: "https://github.com/actions/checkout#usage" },
      { title: "zizmor: artipacked", url: "https://docs.zizmor.sh/audits/#artipacked" },
      { title: "CWE-522: Insufficiently Protected Credentials", url: "https://cwe.mitre.org/data/definitions/522.html" },
    ],
    network: false,
    supersededBy: ["workflows/artipacked"],
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    for (const c of await persistingCheckouts(ctx)) {
      const pusher = c.later.find(usesGitRemote);
      // Turning persistence off under a step that pushes would break the job: say so, change nothing.
      const edit = pusher ? undefined : persistOff(c);
      ctx.report({
        message: `${stepLabel(c.checkout)} of ${sequenceLabel(c.seq)} leaves the job's token in git's configuration, where every later step and whatever it runs can read it${pusher ? `; ${stepLabel(pusher)} uses git's remote, so give that command the token itself or set persist-credentials: true to say the job needs it` : ""}`,
        locations: [c.location],
        snippet: c.snippet,
        key: c.key,
        ...(c.persona ? { persona: c.persona } : {}),
        fix: pusher ? `- uses: actions/checkout@…\n  with:\n    persist-credentials: true  # step ${pusher.index + 1} uses git's remote` : "- uses: actions/checkout@…\n  with:\n    persist-credentials: false",
        ...(edit ? { edits: [edit] } : {}),
      });
    }
  },
};

/** git subcommands that talk to the remote with the persisted token (`submodule update` too). */
const GIT_REMOTE = new Set(["push", "pull", "fetch", "ls-remote", "clone"]);

/** Actions that commit and push with the credentials checkout persisted. */
const PUSHING_ACTIONS = ["stefanzweifel/git-auto-commit-action", "endbug/add-and-commit", "ad-m/github-push-action", "actions-js/push", "changesets/action"];

/** True when a step needs the persisted token: it runs git against the remote, or is an action that pushes. */
function usesGitRemote(step: Step): boolean {
  if (step.run) {
    return commandsOf(step.run.value).some(({ words }) => {
      if (words[0] !== "git") return false;
      // The subcommand follows git's own options (`git -C dir -c k=v push`).
      let i = 1;
      while (i < words.length && (words[i] as string).startsWith("-")) i += words[i] === "-C" || words[i] === "-c" ? 2 : 1;
      const sub = words[i] ?? "";
      return GIT_REMOTE.has(sub) || (sub === "submodule" && words.slice(i + 1).includes("update"));
    });
  }
  const name = usesName(step.uses);
  return PUSHING_ACTIONS.some((a) => isAction(name, a));
}
