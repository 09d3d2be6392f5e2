import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BUILD_COMMIT, SOURCE_REPOSITORY } from "../build-info.js";
import { AssayError } from "../core/errors.js";
import { parse } from "./args.js";
import { POLICY_TEMPLATE, workflowTemplate } from "./init-templates.js";
import { EXIT, say, type ExitCode, type Io } from "./io.js";
import { writeOutput } from "./write-output.js";
import { VERSION } from "../version.js";
import { runGitStatus } from "../workspace/git.js";

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

const USAGE = `usage: assay init [PATH] [--force] [--no-workflow]

Writes a commented assay.yml and a CI workflow (.github/workflows/assay.yml) that runs assay's
GitHub Action pinned to the commit this build came from, on pull requests (only what they change)
and on pushes to the default branch; --force overwrites, --no-workflow skips the workflow.`;

/**
 * `assay init`: writes a commented starter assay.yml and a CI workflow, never overwriting without
 * --force. `commit` is the build's own commit; without one no workflow is written, since it could
 * only name assay by something mutable or unpublished.
 */
export async function initCommand(args: readonly string[], io: Io, commit: string = BUILD_COMMIT): Promise<ExitCode> {
  const { values, positionals } = parse(args, { force: { type: "boolean" }, "no-workflow": { type: "boolean" } }, 1, USAGE);
  const root = resolve(io.cwd, positionals[0] ?? ".");
  if (!existsSync(root)) throw new AssayError("TARGET_NOT_FOUND", `no such directory: ${positionals[0]}`);
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
  for (const [p, text] of files) {
    writeOutput(io, text, join(root, p));
    say(io, `assay: wrote ${relative(io.cwd, join(root, p)) || p}`);
  }
  return EXIT.passed;
}
