import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BUILD_COMMIT, SOURCE_REPOSITORY } from "../build-info.js";
import { AssayError } from "../core/errors.js";
import { parse } from "./args.js";
import { byEcosystem, findManifests, isWorkspaceRoot } from "../ecosystems/manifests.js";
import { isUpdateToolConfig, renovateKeyInPackageJson } from "../rules/repo/lib/update-tool-configs.js";
import { checkoutRoot, Workspace } from "../workspace/workspace.js";
import { dependabotTemplate, POLICY_TEMPLATE, workflowTemplate, type DependabotEntry } from "./init-templates.js";
import { EXIT, say, shellWord, type ExitCode, type Io } from "./io.js";
import { VERSION } from "../version.js";
import { runGitStatus } from "../workspace/git.js";
import { assertCheckoutTarget, writeCheckoutFile } from "../workspace/guarded-write.js";

/** A branch name the workflow can hold as a plain filter (no glob characters, no quoting surprises). */
const PLAIN_BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/** The branch pushes are assessed on: origin's default, else the checked-out branch, else main. */
async function defaultBranch(root: string): Promise<string> {
  const ask = async (args: string[]): Promise<string | undefined> => {
    const r = await runGitStatus(root, args, 4096).catch(() => undefined);
    return r?.code === 0 ? r.stdout.toString("utf8").trim() : undefined;
  };
  const origin = (await ask(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]))?.replace(/^origin\//, "");
  const branch = origin ?? (await ask(["symbolic-ref", "--quiet", "--short", "HEAD"]));
  return branch !== undefined && PLAIN_BRANCH.test(branch) && !branch.includes("..") ? branch : "main";
}

/** Folders one Dependabot entry lists at most; past that, people should group them with globs. */
const MAX_DIRECTORIES = 50;

/**
 * Dependabot entries for a checkout with no dependency update tool: every ecosystem whose
 * manifests it holds (a workspace root stands for the folders below it), and the workflows'
 * actions when a workflow is being written. Undefined when an update tool is configured already.
 */
async function dependabotEntries(root: string, writesWorkflow: boolean): Promise<DependabotEntry[] | undefined> {
  const ws = await Workspace.open(root);
  if (ws.files.some((f) => f.kind === "file" && isUpdateToolConfig(f.path))) return undefined;
  if (ws.has("package.json") && (await renovateKeyInPackageJson(ws)) !== undefined) return undefined;
  const groups = byEcosystem(await findManifests(ws));
  if (writesWorkflow && !groups.has("github-actions")) groups.set("github-actions", [{ ecosystem: "github-actions", path: ".github/workflows/assay.yml", dir: "" }]);
  const out: DependabotEntry[] = [];
  for (const [ecosystem, manifests] of [...groups].sort(([a], [b]) => (a === "github-actions" ? -1 : b === "github-actions" ? 1 : a < b ? -1 : 1))) {
    const kept: { dir: string; root: boolean }[] = [];
    for (const dir of [...new Set(manifests.map((m) => m.dir))].sort()) {
      if (kept.some((k) => k.root && (k.dir === "" || dir.startsWith(`${k.dir}/`)))) continue;
      kept.push({ dir, root: await isWorkspaceRoot(ws, ecosystem, dir) });
    }
    out.push({ ecosystem, directories: kept.slice(0, MAX_DIRECTORIES).map((k) => `/${k.dir}`) });
  }
  return out;
}

const USAGE = `usage: assay init [PATH] [--force] [--no-workflow] [--no-dependabot]

Writes a commented assay.yml and a CI workflow (.github/workflows/assay.yml) that runs assay's
GitHub Action pinned to the commit this build came from, on pull requests (only what they change)
and on pushes to the default branch; --force overwrites, --no-workflow skips the workflow.
When no dependency update tool is configured, it also writes .github/dependabot.yml for every
ecosystem the checkout uses (weekly, with a week's cooldown); --no-dependabot skips it.`;

/**
 * `assay init`: writes a commented starter assay.yml and a CI workflow, never overwriting without
 * --force. `commit` is the build's own commit; without one no workflow is written, since it could
 * only name assay by something mutable or unpublished.
 */
export async function initCommand(args: readonly string[], io: Io, commit: string = BUILD_COMMIT): Promise<ExitCode> {
  const { values, positionals } = parse(args, { force: { type: "boolean" }, "no-workflow": { type: "boolean" }, "no-dependabot": { type: "boolean" } }, 1, USAGE);
  const root = checkoutRoot(resolve(io.cwd, positionals[0] ?? "."));
  const files: [string, string][] = [["assay.yml", POLICY_TEMPLATE]];
  if (!values["no-workflow"]) {
    if (!/^[0-9a-f]{40}$/.test(commit)) {
      throw new AssayError("BUILD_UNKNOWN", "this build of assay does not know the commit it was built from, so it cannot pin the CI workflow to it", {
        hint: `run \`assay init --no-workflow\`, or use assay built from a clone of https://github.com/${SOURCE_REPOSITORY} (npm ci records the commit)`,
      });
    }
    files.push([".github/workflows/assay.yml", workflowTemplate({ repository: SOURCE_REPOSITORY, commit, version: VERSION, branch: await defaultBranch(root) })]);
  }
  const clash = files.map(([p]) => join(root, p)).filter((p) => existsSync(p));
  if (clash.length > 0 && !values.force) {
    throw new AssayError("USAGE", `already exists: ${clash.map((p) => relative(io.cwd, p)).join(", ")}`, { hint: "pass --force to overwrite" });
  }
  // Never overwritten, even with --force: an existing dependabot.yml means a tool is configured.
  const updates = values["no-dependabot"] ? undefined : await dependabotEntries(root, !values["no-workflow"]);
  if (updates && updates.length > 0) files.push([".github/dependabot.yml", dependabotTemplate(updates)]);
  // The checkout may hold links out of it where these files go: all are checked before any is written.
  for (const [p] of files) assertCheckoutTarget(root, p);
  for (const [p, text] of files) {
    writeCheckoutFile(root, p, text);
    say(io, `assay: wrote ${relative(io.cwd, join(root, p)) || p}`);
  }
  // A new user's next question: what now. The gate, then how to start from today's findings.
  const rel = relative(io.cwd, root) || ".";
  const at = shellWord(rel);
  say(io, `assay: next: \`assay scan ${at}\` shows what the policy's gate would say today; \`assay baseline ${at}\` records today's findings so the gate fails only on new ones; then commit these files`);
  return EXIT.passed;
}
