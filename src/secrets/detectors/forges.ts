// Source forges and CI/CD services: tokens that push code, run pipelines or read private repositories.
import { base62Crc32Ok, checksummed } from "../checksum.js";
import { ALNUM, B64URL, HEX, UUID, anyCase, custom, keyed, prefixed, textBefore, wholeFile, type Detector } from "../detector.js";
import { jwt } from "./generic.js";

const github = checksummed;
const GITHUB_REVOKE = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";
const GITHUB_FORMAT = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/";
const GITLAB = "https://docs.gitlab.com/security/tokens/";

/** GitHub's prefixed tokens (2021 format): 30 random base62 characters and a CRC-32 checksum. */
function githubToken(id: string, prefix: string, title: string, revoke = GITHUB_REVOKE): Detector {
  return prefixed({ id, title, provider: "GitHub", category: "forge", prefix, body: `[${ALNUM}]{36}`, check: (s) => github(base62Crc32Ok(s, prefix.length)), revoke, reference: GITHUB_FORMAT });
}

/** GitLab's prefixed tokens: 20 characters (legacy), or the routable format `<payload>.<version>.<crc>` (the second dot may be missing, as gitleaks' routable rules expect). */
function gitlabToken(id: string, prefix: string, title: string, severity: Detector["severity"] = "critical"): Detector {
  return prefixed({ id, title, provider: "GitLab", category: "forge", severity, prefix, body: `(?:[${B64URL}]{27,300}\\.[0-9a-z]{2}\\.?[0-9a-z]{7,10}|[${B64URL}]{20,64})`, end: "(?![A-Za-z0-9_\\-.])", revoke: GITLAB, reference: GITLAB });
}

export const FORGE_DETECTORS: readonly Detector[] = [
  githubToken("github-pat-classic", "ghp_", "GitHub personal access token (classic)", "https://github.com/settings/tokens"),
  githubToken("github-oauth-token", "gho_", "GitHub OAuth access token", "https://github.com/settings/applications"),
  githubToken("github-app-user-token", "ghu_", "GitHub App user-to-server token"),
  githubToken("github-app-installation-token", "ghs_", "GitHub App installation (server-to-server) token"),
  // Since April 2026 installation tokens (Actions' GITHUB_TOKEN among them) are minted stateless:
  // `ghs_<app id>_<JWT>`, about 520 characters, with no checksum; the JWT must be one.
  prefixed({
    id: "github-app-installation-token-stateless", title: "GitHub App installation token (stateless JWT format, 2026)", provider: "GitHub", category: "forge", prefix: "ghs_",
    body: `[${ALNUM}]{1,40}_eyJ[${B64URL}]{8,2000}\\.eyJ[${B64URL}]{8,6000}\\.[${B64URL}]{16,2000}`, end: "(?![A-Za-z0-9_.\\-])",
    check: (s) => jwt(s.slice(s.indexOf("_eyJ") + 1)), revoke: GITHUB_REVOKE, reference: "https://github.blog/changelog/2026-05-15-github-app-installation-tokens-per-request-override-header/",
  }),
  prefixed({
    id: "github-refresh-token", title: "GitHub App refresh token", provider: "GitHub", category: "forge", prefix: "ghr_", body: `(?:[${ALNUM}]{76}|[${ALNUM}]{36})`,
    check: (s) => (s.length === 80 ? "secret" : github(base62Crc32Ok(s, 4))), revoke: GITHUB_REVOKE, reference: GITHUB_FORMAT,
  }),
  prefixed({
    id: "github-pat-fine-grained", title: "GitHub fine-grained personal access token", provider: "GitHub", category: "forge", prefix: "github_pat_", body: `[${ALNUM}]{22}_[${ALNUM}]{59}`,
    revoke: "https://github.com/settings/personal-access-tokens", reference: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
  }),
  keyed({
    id: "github-token-legacy", title: "GitHub token (40-hex format used before 2021)", provider: "GitHub", category: "forge", keywords: ["github", "gh_token", "gh_pat"], value: `[${HEX}]{40}`,
    keyMustSay: /token|pat\b|_pat|secret|password|auth|cred/i, minEntropy: 3, revoke: "https://github.com/settings/tokens",
  }),
  gitlabToken("gitlab-pat", "glpat-", "GitLab personal, project or group access token"),
  gitlabToken("gitlab-deploy-token", "gldt-", "GitLab deploy token"),
  gitlabToken("gitlab-runner-token", "glrt-", "GitLab runner authentication token"),
  gitlabToken("gitlab-ci-job-token", "glcbt-", "GitLab CI/CD job token", "high"),
  gitlabToken("gitlab-trigger-token", "glptt-", "GitLab pipeline trigger token"),
  gitlabToken("gitlab-feed-token", "glft-", "GitLab feed token", "medium"),
  gitlabToken("gitlab-incoming-mail-token", "glimt-", "GitLab incoming mail token", "medium"),
  gitlabToken("gitlab-agent-token", "glagent-", "GitLab agent for Kubernetes token"),
  gitlabToken("gitlab-oauth-secret", "gloas-", "GitLab OAuth application secret"),
  gitlabToken("gitlab-scim-token", "glsoat-", "GitLab SCIM token"),
  gitlabToken("gitlab-feature-flag-token", "glffct-", "GitLab feature flags client token", "medium"),
  prefixed({ id: "gitlab-runner-registration-token", title: "GitLab runner registration token", provider: "GitLab", category: "forge", severity: "high", prefix: "GR1348941", body: `[${B64URL}]{20}`, end: "(?![A-Za-z0-9_\\-])", revoke: GITLAB, reference: GITLAB }),
  prefixed({
    id: "bitbucket-app-password", title: "Bitbucket app password", provider: "Atlassian Bitbucket", category: "forge", prefix: "ATBB", body: `[${ALNUM}]{32}[A-F0-9]{8}`,
    revoke: "https://bitbucket.org/account/settings/app-passwords/", reference: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
  }),
  prefixed({
    id: "bitbucket-access-token", title: "Bitbucket repository, project or workspace access token", provider: "Atlassian Bitbucket", category: "forge", prefix: "ATCTT3xFfGN0", body: `[${B64URL}=]{150,400}`,
    end: "(?![A-Za-z0-9_\\-=])", reference: "https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/",
  }),
  keyed({ id: "bitbucket-client-secret", title: "Bitbucket OAuth consumer secret", provider: "Atlassian Bitbucket", category: "forge", keywords: ["bitbucket"], value: `[${ALNUM}]{32}`, minEntropy: 3.5 }),
  keyed({ id: "gitea-token", title: "Gitea or Forgejo access token", provider: "Gitea", category: "forge", keywords: ["gitea", "forgejo", "codeberg"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({
    id: "azure-devops-pat-legacy", title: "Azure DevOps personal access token (52-character format)", provider: "Microsoft Azure DevOps", category: "forge", keywords: ["azure_devops", "azuredevops", "azure-devops", "ado_", "ado-", "devops_pat", "vsts", "system_accesstoken", "azdo"],
    value: "[a-z2-7]{52}", minEntropy: 3.8, keyMustSay: /pat|token|secret|pass|key|cred/i, revoke: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
  }),
  custom({
    id: "azure-devops-pat", title: "Azure DevOps personal access token", provider: "Microsoft Azure DevOps", category: "forge", keywords: ["azdo"], back: 76, span: 12,
    pattern: /(?<![A-Za-z0-9])([A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])/g,
    revoke: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
  }),
  prefixed({ id: "circleci-personal-token", title: "CircleCI personal API token", provider: "CircleCI", category: "forge", severity: "high", prefix: "CCIPAT_", body: `[${ALNUM}]{22}_[${HEX}]{40}`, revoke: "https://app.circleci.com/settings/user/tokens", reference: "https://circleci.com/docs/managing-api-tokens/" }),
  prefixed({ id: "circleci-project-token", title: "CircleCI project API token", provider: "CircleCI", category: "forge", severity: "high", prefix: "CCIPRJ_", body: `[${ALNUM}]{22}_[${HEX}]{40}`, reference: "https://circleci.com/docs/managing-api-tokens/" }),
  keyed({
    id: "circleci-token-legacy", title: "CircleCI API token (40-hex format)", provider: "CircleCI", category: "forge", severity: "high", keywords: ["circleci", "circle_token", "circle-token"], value: `[${HEX}]{40}`, minEntropy: 3,
    // A status badge of a private project carries a token of the read-only Status scope, made to be
    // published in a README (CircleCI's docs on status badges): reported, at low severity.
    check: (_s, ctx) => (/\.(?:svg|png)\?(?:[^\s"'()?]{0,80}&)?$/.test(textBefore(ctx, 120)) ? { verdict: "secret", severity: "low", note: "a status badge's token (read-only Status scope)" } : "secret"),
  }),
  keyed({ id: "travis-ci-token", title: "Travis CI API token", provider: "Travis CI", category: "forge", severity: "high", keywords: ["travis"], value: `[${ALNUM}_\\-]{22}`, minEntropy: 3.5 }),
  prefixed({ id: "buildkite-token", title: "Buildkite API access token", provider: "Buildkite", category: "forge", severity: "high", prefix: "bkua_", body: `[${HEX}]{40}`, reference: "https://buildkite.com/docs/apis/managing-api-tokens" }),
  keyed({ id: "buildkite-agent-token", title: "Buildkite agent token", provider: "Buildkite", category: "forge", severity: "high", keywords: ["buildkite_agent", "buildkite-agent"], value: `[${HEX}]{50}`, minEntropy: 3 }),
  keyed({ id: "drone-ci-token", title: "Drone CI token", provider: "Drone", category: "forge", severity: "high", keywords: ["drone_token", "drone-token", "drone_secret", "droneci", "drone_ci", "drone_access_token"], value: `[${ALNUM}]{32}`, minEntropy: 3.5 }),
  prefixed({ id: "sonar-token", title: "SonarQube or SonarCloud token", provider: "SonarSource", category: "forge", severity: "high", prefix: ["sqp_", "squ_", "sqa_"], body: `[${HEX}]{40}`, reference: "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/" }),
  keyed({ id: "sonar-token-legacy", title: "SonarQube or SonarCloud token (unprefixed)", provider: "SonarSource", category: "forge", severity: "high", keywords: ["sonar"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  // `sonar.login` is where SonarScanner takes its token (`-Dsonar.login=…`, sonar-project.properties,
  // Gradle's `property "sonar.login", "…"`, a `SONAR_LOGIN` variable), a name that says login, not
  // secret: the value, 40 hex digits, is what no user name is (as gitleaks' sonar-api-token reads it).
  custom({
    id: "sonar-login-token", title: "SonarQube or SonarCloud token in sonar.login", provider: "SonarSource", category: "forge", severity: "high", keywords: ["sonar.login", "sonar_login"], span: 90, minEntropy: 3,
    pattern: new RegExp(`${anyCase("sonar")}[._]${anyCase("login")}["'\\]]{0,2}[ \\t]{0,6}[=:,][ \\t]{0,6}["']?([a-f0-9]{40})(?![A-Za-z0-9])`, "y"),
    revoke: "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
  }),
  keyed({ id: "codecov-token", title: "Codecov upload token", provider: "Codecov", category: "forge", severity: "medium", keywords: ["codecov"], value: UUID, minEntropy: 3 }),
  keyed({ id: "snyk-token", title: "Snyk API token", provider: "Snyk", category: "forge", severity: "high", keywords: ["snyk"], value: UUID, minEntropy: 3 }),
  custom({
    id: "terraform-cloud-token", title: "HCP Terraform (Terraform Cloud) API token", provider: "HashiCorp", category: "forge", keywords: [".atlasv1."], back: 14, span: 90,
    pattern: /(?<![A-Za-z0-9])([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/g, revoke: "https://app.terraform.io/app/settings/tokens",
  }),
  prefixed({ id: "pulumi-token", title: "Pulumi access token", provider: "Pulumi", category: "forge", prefix: "pul-", body: `[${HEX}]{40}`, revoke: "https://app.pulumi.com/account/tokens" }),
  // A server-side consistent token is 90 characters or more; a token of a Vault that does not make
  // them (`disable_server_side_consistent_tokens`, HCP Vault and Enterprise namespaces) is 24 random
  // characters, and a namespace's token ends with `.` and the namespace's id (`hvs.….AbC12`).
  prefixed({
    id: "vault-service-token", title: "HashiCorp Vault service token", provider: "HashiCorp", category: "forge", prefix: "hvs.", body: `[${B64URL}]{24}(?:[${B64URL}]{66,96}|\\.[${ALNUM}]{5})?`, end: "(?![A-Za-z0-9_\\-])",
    minEntropy: 3.5, check: (s) => (s.length >= 94 || (/[0-9]/.test(s) && !/(?:[A-Z][a-z]{3,12}){3}/.test(s)) ? "secret" : "reject"), revoke: "https://developer.hashicorp.com/vault/docs/concepts/tokens",
  }),
  wholeFile({
    id: "vault-token-file", title: "HashiCorp Vault token file (~/.vault-token)", provider: "HashiCorp", category: "forge", span: 400, revoke: "https://developer.hashicorp.com/vault/docs/concepts/tokens",
    // `vault login` writes the token, and nothing else, to ~/.vault-token: the current formats
    // (hvs., hvb.) and the legacy ones (s., b. and 24 characters) that no prefix detector reads.
    file: /(?:^|\/)\.vault-token$/, pattern: /((?:hv[sb]\.[A-Za-z0-9_-]{24,300}|[sb]\.[A-Za-z0-9]{24}))[ \t\r\n]{0,8}$/, minEntropy: 3.5,
    reference: "https://developer.hashicorp.com/vault/docs/commands/login",
  }),
  prefixed({ id: "vault-batch-token", title: "HashiCorp Vault batch token", provider: "HashiCorp", category: "forge", severity: "high", prefix: "hvb.", body: `[${B64URL}]{130,300}`, end: "(?![A-Za-z0-9_\\-])", reference: "https://developer.hashicorp.com/vault/docs/concepts/tokens" }),
  keyed({ id: "vault-token-legacy", title: "HashiCorp Vault token (s. format before 1.10)", provider: "HashiCorp", category: "forge", keywords: ["vault"], value: `s\\.[${ALNUM}]{24}`, minEntropy: 3.5 }),
  prefixed({
    id: "doppler-token", title: "Doppler token", provider: "Doppler", category: "forge", prefix: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."], body: `(?:[a-z0-9_\\-]{1,40}\\.)?[${ALNUM}]{40,44}`,
    revoke: "https://docs.doppler.com/docs/service-tokens",
  }),
  // `pat.` (personal) or `sat.` (service account), then the account id, the token id and the secret.
  prefixed({ id: "harness-token", title: "Harness personal access or service account token", provider: "Harness", category: "forge", prefix: ["pat.", "sat."], body: `[${B64URL}]{22}\\.[${ALNUM}]{24}\\.[${ALNUM}]{20}` }),
  prefixed({ id: "octopus-deploy-key", title: "Octopus Deploy API key", provider: "Octopus Deploy", category: "forge", prefix: "API-", body: "[A-Z0-9]{26,32}", minEntropy: 3.5 }),
  prefixed({ id: "sourcegraph-token", title: "Sourcegraph access token", provider: "Sourcegraph", category: "forge", severity: "high", prefix: "sgp_", body: `(?:[${HEX}]{16}_|local_)?[${HEX}]{40}` }),
  keyed({ id: "jenkins-api-token", title: "Jenkins API token", provider: "Jenkins", category: "forge", severity: "high", keywords: ["jenkins"], value: `11[${HEX}]{32}`, minEntropy: 3 }),
  // `perm:`, the base64 of the owner's login and of the token's name or id (standard base64, so
  // `+`, `/` and `=` padding: `cm9vdA==` is `root`), and 30 letters and digits, as YouTrack and Hub
  // issue them (https://www.jetbrains.com/help/youtrack/devportal/authentication-with-permanent-token.html).
  prefixed({ id: "jetbrains-hub-token", title: "JetBrains Hub / YouTrack permanent token", provider: "JetBrains", category: "forge", severity: "high", prefix: "perm:", body: `[${B64URL}+/=]{4,80}\\.[${B64URL}+/=]{4,40}\\.[${ALNUM}]{22,30}`, end: "(?![A-Za-z0-9])", revoke: "https://www.jetbrains.com/help/youtrack/cloud/manage-permanent-token.html" }),
  // TeamCity access tokens: a JWT-like header `{"typ": "TCV2"}`, the token id and the secret.
  prefixed({ id: "teamcity-token", title: "TeamCity access token", provider: "JetBrains", category: "forge", severity: "high", prefix: "eyJ0eXAiOiAiVENWMiJ9.", body: `[${B64URL}]{20,80}\\.[${B64URL}]{40,120}`, end: "(?![A-Za-z0-9_\\-])", reference: "https://www.jetbrains.com/help/teamcity/configuring-your-user-profile.html#Managing+Access+Tokens" }),
  custom({ id: "gitlab-session-cookie", title: "GitLab session cookie", provider: "GitLab", category: "forge", severity: "high", keywords: ["_gitlab_session="], span: 60, pattern: /_gitlab_session=([0-9a-z]{32})(?![0-9a-z])/y, revoke: "https://docs.gitlab.com/user/profile/active_sessions/" }),
];
