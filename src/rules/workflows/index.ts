import type { Family } from "../../core/rule.js";
import { rule as adhocPackages } from "./adhoc-packages.js";
import { rule as agenticActions } from "./agentic-actions.js";
import { rule as anonymousDefinition } from "./anonymous-definition.js";
import { rule as archivedUses } from "./archived-uses.js";
import { rule as artipacked } from "./artipacked.js";
import { rule as persistedCredentials } from "./persisted-credentials.js";
import { rule as botConditions } from "./bot-conditions.js";
import { rule as cachePoisoning } from "./cache-poisoning.js";
import { rule as concurrencyLimits } from "./concurrency-limits.js";
import { rule as dangerousTriggers } from "./dangerous-triggers.js";
import { rule as dependabotCooldown } from "./dependabot-cooldown.js";
import { rule as dependabotExecution } from "./dependabot-execution.js";
import { rule as excessivePermissions } from "./excessive-permissions.js";
import { rule as githubApp } from "./github-app.js";
import { rule as githubEnv } from "./github-env.js";
import { rule as hardcodedContainerCredentials } from "./hardcoded-container-credentials.js";
import { rule as impostorCommit } from "./impostor-commit.js";
import { rule as insecureCommands } from "./insecure-commands.js";
import { rule as insecureUrlScheme } from "./insecure-url-scheme.js";
import { rule as knownVulnerableActions } from "./known-vulnerable-actions.js";
import { rule as longLivedCloudCredentials } from "./long-lived-cloud-credentials.js";
import { rule as misfeature } from "./misfeature.js";
import { rule as obfuscation } from "./obfuscation.js";
import { rule as overprovisionedSecrets } from "./overprovisioned-secrets.js";
import { rule as refConfusion } from "./ref-confusion.js";
import { rule as refVersionMismatch } from "./ref-version-mismatch.js";
import { rule as secretsInherit } from "./secrets-inherit.js";
import { rule as secretsOutsideEnv } from "./secrets-outside-env.js";
import { rule as selfHostedRunner } from "./self-hosted-runner.js";
import { rule as selfRepository } from "./self-repository.js";
import { rule as staleActionRefs } from "./stale-action-refs.js";
import { rule as superfluousActions } from "./superfluous-actions.js";
import { rule as templateInjection } from "./template-injection.js";
import { rule as typosquatUses } from "./typosquat-uses.js";
import { rule as undocumentedPermissions } from "./undocumented-permissions.js";
import { rule as unpinnedImages } from "./unpinned-images.js";
import { rule as unpinnedTools } from "./unpinned-tools.js";
import { rule as unpinnedUses } from "./unpinned-uses.js";
import { rule as unredactedSecrets } from "./unredacted-secrets.js";
import { rule as unsoundCondition } from "./unsound-condition.js";
import { rule as unsoundContains } from "./unsound-contains.js";
import { rule as unsoundTernary } from "./unsound-ternary.js";
import { rule as useTrustedPublishing } from "./use-trusted-publishing.js";

/** GitHub Actions workflows, actions and Dependabot configuration, audited the way attackers read them. */
export const family: Family = {
  id: "workflows",
  title: "CI workflows (GitHub Actions)",
  checks: [
    { id: "Dangerous-Workflow", title: "Dangerous workflow patterns", risk: "critical", description: "No workflow lets outsiders run code with the repository's token or secrets: no untrusted input expanded into scripts, no fork code run in privileged triggers, no conditions that can be bypassed (one open high or critical finding of fork code run in a privileged trigger or of template injection scores it 0, as Scorecard scores the dangerous workflows it looks for; the other rules' findings weigh by share).", zeroAt: "high", zeroRules: ["workflows/dangerous-triggers", "workflows/template-injection"] },
    { id: "Token-Permissions", title: "Token permissions", risk: "high", description: "Workflows give the GITHUB_TOKEN, and the GitHub App tokens they mint, only the permissions and repositories their jobs need (scored as Scorecard does, from 10: 0 when a workflow leaves jobs on the default token, or grants write to contents, packages or actions at its top, or write-all beside a job that writes; a point off for deployments or security-events and half a point for checks, statuses or write-all at the top, and half a point for a workflow whose jobs all set their own permissions but that sets none at its top; truncated to a whole point. Excesses Scorecard does not count are shown but not weighed)." },
    // Pinned-Dependencies is declared by supply-chain/ (one check for pinning everywhere); the actions part scores under it.
    { id: "CI-Secrets", title: "CI secrets and credentials", risk: "high", description: "Workflows hand secrets and credentials only to the steps that need them, for as short as possible, and prefer short-lived OIDC credentials to stored keys." },
    { id: "Action-Trust", title: "Trusted actions", risk: "high", description: "Actions used are not known to be compromised or vulnerable, not archived, and not look-alikes of popular actions." },
    { id: "CI-Hygiene", title: "CI hygiene", risk: "low", description: "Workflows and Dependabot are configured so that they are readable, do not pile up runs, and do not run third-party code they do not need." },
  ],
  rules: [
    templateInjection,
    dangerousTriggers,
    agenticActions,
    githubEnv,
    insecureCommands,
    cachePoisoning,
    botConditions,
    unsoundCondition,
    unsoundContains,
    selfHostedRunner,
    excessivePermissions,
    undocumentedPermissions,
    githubApp,
    unpinnedUses,
    unpinnedImages,
    unpinnedTools,
    adhocPackages,
    staleActionRefs,
    refVersionMismatch,
    artipacked,
    persistedCredentials,
    secretsInherit,
    secretsOutsideEnv,
    overprovisionedSecrets,
    unredactedSecrets,
    hardcodedContainerCredentials,
    longLivedCloudCredentials,
    useTrustedPublishing,
    knownVulnerableActions,
    archivedUses,
    typosquatUses,
    impostorCommit,
    refConfusion,
    concurrencyLimits,
    superfluousActions,
    selfRepository,
    unsoundTernary,
    anonymousDefinition,
    obfuscation,
    misfeature,
    insecureUrlScheme,
    dependabotExecution,
    dependabotCooldown,
  ],
};
