import type { Family } from "../../core/rule.js";
import { rule as unpinnedImage } from "./unpinned-image.js";
import { rule as fetchExecute } from "./fetch-execute.js";
import { rule as unpinnedPackageInstall } from "./unpinned-package-install.js";

/** What the project builds with and how it fetches it: pinned images, packages and tools, no fetch-and-execute. */
export const family: Family = {
  id: "supply-chain",
  title: "Supply chain",
  checks: [{ id: "Pinned-Dependencies", title: "Pinned dependencies", risk: "medium", description: "Actions, reusable workflows, container images, packages and tools are pinned to an immutable version (a commit SHA, a digest, a hash), so nobody can swap what CI and builds run. Scored as OpenSSF Scorecard scores it: per kind of dependency it counts (GitHub-owned and third-party actions in workflows, Dockerfile base images, downloaded scripts run, pip, npm, go, choco and NuGet installs) the share pinned, kinds the repository does not use skipped; what Scorecard does not count (CI and dev container images, cargo and gem installs, the repository's own actions, setup tools, OS packages) is reported and shown but does not weigh.", byDependency: true }],
  rules: [unpinnedImage, fetchExecute, unpinnedPackageInstall],
};
