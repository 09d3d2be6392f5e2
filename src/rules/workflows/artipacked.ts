import type { Step } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { persistingCheckouts, persistOff } from "./lib/checkout.js";
import { at, stepLabel } from "./lib/report.js";
import { sequenceLabel } from "./lib/sequences.js";
import { versionOf, compareVersions } from "./lib/versions.js";

export const rule: Rule = {
  meta: {
    id: "workflows/artipacked",
    title: "Checkout token persisted into an uploaded workspace",
    severity: "high",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "`actions/checkout` before v6 saves the job's token in `.git/config` unless told not to (v6 keeps it in a file outside the workspace). When a later step uploads or publishes the workspace (an artifact of `.`, an `aws s3 sync .`), that file goes with it, and anyone who can download the artifact (for public repositories: anyone) gets a token that can act on the repository until the job ends, and some artifacts are readable while it still runs.",
    remediation:
      "Set `persist-credentials: false` on `actions/checkout` (`assay fix` adds it), and upload only the files you mean to (a `dist/` folder, not `.`). If a later step pushes with git, give it the token explicitly for that command only.",
    references: [
      { title: "Unit 42: ArtiPACKED, hacking giants through a race condition in GitHub Actions artifacts", url: "https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/" },
      { title: "actions/checkout: persist-credentials", url: "https://github.com/actions/checkout#usage" },
      { title: "zizmor: artipacked", url: "https://docs.zizmor.sh/audits/#artipacked" },
      { title: "CWE-522: Insufficiently Protected Credentials", url: "https://cwe.mitre.org/data/definitions/522.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    for (const c of await persistingCheckouts(ctx)) {
      if (keepsTokenOutsideWorkspace(c.checkout)) continue;
      const upload = c.later.find(uploadsWorkspace);
      if (!upload) continue;
      const edit = persistOff(c);
      ctx.report({
        message: `${stepLabel(c.checkout)} of ${sequenceLabel(c.seq)} leaves the token in .git/config, and ${stepLabel(upload)} then ${upload.run ? "publishes" : "uploads"} the workspace with it`,
        locations: [c.location, at(c.seq.path, upload.span)],
        snippet: c.snippet,
        key: c.key,
        ...(c.persona ? { persona: c.persona } : {}),
        evidence: { upload: stepLabel(upload) },
        fix: "- uses: actions/checkout@…\n  with:\n    persist-credentials: false",
        ...(edit ? { edits: [edit] } : {}),
      });
    }
  },
};

const WORKSPACE_PATH = /^(?:\.\/?|\.\.\/?|\*|\.\/\*|\*\*(?:\/\*)?|\$\{\{\s*github\.workspace\s*\}\}\/?\**|\$\{?GITHUB_WORKSPACE\}?\/?\**|\.git\/?.*|\*\*\/\.git.*)$/i;

/**
 * checkout v6 and later persist the token in a file under $RUNNER_TEMP that `.git/config` only
 * includes, so an upload of the workspace no longer carries it. A commit pin without a version
 * comment is taken as older: the rule does not pass what it cannot date.
 */
function keepsTokenOutsideWorkspace(checkout: Step): boolean {
  const v = versionOf(checkout.uses);
  return v !== undefined && compareVersions(v, "6.0.0") >= 0;
}

/** True when a step uploads or publishes the whole workspace (where `.git/config` is). */
function uploadsWorkspace(step: Step): boolean {
  const name = usesName(step.uses);
  if (isAction(name, "actions/upload-artifact")) {
    const paths = (step.with["path"]?.value ?? "").split("\n").map((p) => p.trim()).filter(Boolean);
    if (paths.some((p) => /^!.*\.git\b/.test(p))) return false;
    if (!paths.some((p) => WORKSPACE_PATH.test(p))) return false;
    // From v4.4 hidden files (and so .git) are left out unless asked for.
    if (/^true$/i.test(step.with["include-hidden-files"]?.value ?? "")) return true;
    const v = versionOf(step.uses);
    return v !== undefined && compareVersions(v, "4.4.0") < 0;
  }
  if (step.run) return /\b(?:aws[ \t]+s3[ \t]+(?:sync|cp[ \t][^\n]{0,100}--recursive)|gsutil[ \t]+(?:-m[ \t]+)?rsync|rsync[ \t][^\n]{0,200})[ \t]+\.\/?[ \t]/.test(step.run.value);
  return false;
}
