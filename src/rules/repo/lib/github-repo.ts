import type { Forge, RuleContext } from "../../types.js";

/** What the network rules need first: the API base path of the repository and its default branch. */
export interface GithubRepo {
  forge: Forge;
  base: string;
  branch: string;
  archived: boolean;
}

/** Looks up the repository on the forge; says the rule does not apply when there is no default branch. */
export async function githubRepo(ctx: RuleContext): Promise<GithubRepo | undefined> {
  // Network rules only run with a forge client (the engine makes sure of it).
  const forge = ctx.forge as Forge;
  const base = `/repos/${forge.repository.owner}/${forge.repository.repo}`;
  const info = await forge.get<{ default_branch?: string; archived?: boolean }>(base);
  if (!info.default_branch) {
    ctx.notApplicable("the forge did not name a default branch");
    return undefined;
  }
  return { forge, base, branch: info.default_branch, archived: info.archived === true };
}
