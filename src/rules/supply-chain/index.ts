import type { Family } from "../../core/rule.js";
import { rule as unpinnedImage } from "./unpinned-image.js";
import { rule as fetchExecute } from "./fetch-execute.js";
import { rule as unpinnedPackageInstall } from "./unpinned-package-install.js";

/** What the project builds with and how it fetches it: pinned images, packages and tools, no fetch-and-execute. */
export const family: Family = {
  id: "supply-chain",
  title: "Supply chain",
  checks: [{ id: "Pinned-Dependencies", title: "Pinned dependencies", risk: "medium", description: "Actions, reusable workflows, container images, packages and tools are pinned to an immutable version (a commit SHA, a digest, a hash), so nobody can swap what CI and builds run. Scored as OpenSSF Scorecard scores it: per kind of dependency (GitHub-owned actions, third-party actions, container images, downloaded scripts, pip, npm, go, cargo, gem, choco and NuGet installs) the share pinned, kinds the repository does not use skipped; unpinned tools and OS packages are reported but do not weigh.", byDependency: true }],
  rules: [unpinnedImage, fetchExecute, unpinnedPackageInstall],
};
