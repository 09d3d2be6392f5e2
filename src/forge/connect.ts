import { parseGithubRemote, type ForgeConnector } from "../core/forge.js";
import { GithubForge, type GithubOptions } from "./github.js";

/** A connector for the GitHub API: the checkout's `origin` names the repository. */
export function githubConnector(options: GithubOptions): ForgeConnector {
  return ({ remote }) => {
    if (remote === null) return { reason: "the checkout has no `origin` remote, so its forge repository is unknown" };
    const repository = parseGithubRemote(remote);
    if (!repository) return { reason: "the `origin` remote is not on GitHub, the only forge assay reads so far" };
    return { forge: new GithubForge(repository, options) };
  };
}
