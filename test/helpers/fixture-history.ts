import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpFolder } from "./tmp-repo.js";
import { execFileSync } from "./child-timeout.js";

/**
 * A fixture that needs git history cannot hold a nested .git in this repository, so it holds a
 * recipe instead: `fixture-history.json` lists commits (author date, message, files written), and
 * the harness replays them into a temporary repository. `shallow: true` clones that at depth 1;
 * `remote` sets `origin`.
 */
export const RECIPE = "fixture-history.json";
/** A network rule's fixture also holds the forge's canned answers (see forge-server.ts). */
export const FORGE = "forge.json";

interface Recipe {
  shallow?: boolean;
  /** The `origin` remote, for rules that ask the forge. */
  remote?: string;
  commits: { date: string; message: string; files: Record<string, string> }[];
}

const env = (date?: string) => ({ ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) });
const git = (cwd: string, args: string[], date?: string) =>
  execFileSync("git", ["-c", "user.name=fixture", "-c", "user.email=fixture@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd, env: env(date), stdio: "ignore" });

/** The directory to scan for a fixture: the fixture itself, or a repository replayed from its recipe (removed after the test). */
export function materialize(dir: string): string {
  const recipePath = join(dir, RECIPE);
  if (!existsSync(recipePath)) return dir;
  const recipe = JSON.parse(readFileSync(recipePath, "utf8")) as Recipe;
  const repo = tmpFolder("assay-fixture-");
  cpSync(dir, repo, { recursive: true, filter: (src) => !src.endsWith(RECIPE) && !src.endsWith(FORGE) });
  git(repo, ["init", "-q"]);
  for (const c of recipe.commits) {
    for (const [path, content] of Object.entries(c.files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), content);
    }
    git(repo, ["add", "-A"]);
    git(repo, ["commit", "-q", "--allow-empty", "-m", c.message], c.date);
  }
  if (recipe.remote) git(repo, ["remote", "add", "origin", recipe.remote]);
  if (!recipe.shallow) return repo;
  const clone = tmpFolder("assay-fixture-shallow-");
  execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, clone], { env: env(), stdio: "ignore" });
  return clone;
}
