// Package and container registries: tokens that publish, which is how a supply-chain attack starts.
import { base62Crc32Ok, checksummed } from "../checksum.js";
import { ALNUM, B64, B64URL, HEX, UUID, custom, keyed, prefixed, textBefore, type Detector, type Verdict } from "../detector.js";
import { shannonEntropy } from "../entropy.js";
import { isDefaultPassword, isReference, looksLikeGenericExample } from "../placeholder.js";

/** A base64 `user:password` pair (npm's `_auth`, Docker's `auths.*.auth`): it must decode to printable text with a colon. */
function basicPair(secret: string): Verdict {
  const text = Buffer.from(secret, "base64").toString("latin1");
  if (!/^[\x20-\x7e]{1,200}:[\x20-\x7e]{1,300}$/.test(text)) return "reject";
  return text.slice(text.indexOf(":") + 1).length >= 4 ? "secret" : "reject";
}

/** The byte test of a key that opens its line (only blanks before it). */
function lineStart(bytes: Uint8Array, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 8 && (bytes[i] === 32 || bytes[i] === 9)) i--;
  return i < 0 || bytes[i] === 10 || bytes[i] === 13;
}

export const REGISTRY_DETECTORS: readonly Detector[] = [
  prefixed({
    id: "npm-token", title: "npm access token", provider: "npm", category: "registry", prefix: "npm_", body: `[${ALNUM}]{36}`, check: (s) => checksummed(base62Crc32Ok(s, 4)),
    revoke: "https://docs.npmjs.com/revoking-access-tokens", reference: "https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/",
  }),
  // Sonatype Nexus issues npm tokens as `NpmToken.` and a UUID.
  keyed({ id: "npm-token-legacy", title: "npm access token (UUID format, in .npmrc or .yarnrc)", provider: "npm", category: "registry", keywords: ["_authtoken", "npmauthtoken", "npm_token", "npm-token"], value: `(?:NpmToken\\.)?${UUID}`, keyMustSay: null, revoke: "https://docs.npmjs.com/revoking-access-tokens" }),
  custom({
    id: "npmrc-auth-token", title: "Registry token in an .npmrc (//registry/:_authToken) or a .yarnrc.yml (npmAuthToken)", provider: "npm", category: "registry", severity: "high", keywords: [":_authtoken", "npmauthtoken"], span: 560, confidence: "medium", priority: 4,
    // A registry-scoped token of any format (Artifactory, Azure Artifacts, a private registry's own),
    // as npm and Yarn 2+ keep it: a provider's format, where one matches, is reported by its own detector instead.
    pattern: /(?::_authToken[ \t]{0,4}=|npmAuthToken["']?[ \t]{0,4}:)[ \t]{0,4}["']?([A-Za-z0-9._~+/=-]{20,512})(?![A-Za-z0-9._~+/=-])/y,
    check: (s) => (isReference(s) ? "reject" : looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder" } : shannonEntropy(s) >= 3.5 ? "secret" : "reject"),
    reference: "https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration",
  }),
  custom({
    id: "yarnrc-auth-ident", title: "Registry user and password in a .yarnrc.yml (npmAuthIdent)", provider: "npm", category: "registry", severity: "high", keywords: ["npmauthident"], span: 460, confidence: "high",
    // Yarn 2+ takes `npmAuthIdent: "user:password"`, or the same pair in base64, for basic authentication.
    pattern: /npmAuthIdent["']?[ \t]{0,4}:[ \t]{0,4}["']?([^\s"'#]{4,400})(?=["'\s]|$)/y,
    check: (s) => {
      const pair = s.includes(":") ? s : Buffer.from(s, "base64").toString("latin1");
      const m = /^[\x21-\x7e]{1,200}:([\x20-\x7e]{1,300})$/.exec(pair);
      if (!m || isReference(s) || isReference(m[1] ?? "") || /^[$%{<[*]/.test(m[1] ?? "")) return "reject";
      const password = m[1] ?? "";
      if (password.length < 4) return "reject";
      return isDefaultPassword(password) || looksLikeGenericExample(pair) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
    reference: "https://yarnpkg.com/configuration/yarnrc#npmAuthIdent",
  }),
  custom({
    id: "npmrc-password", title: "Registry password in an .npmrc (//registry/:_password, base64)", provider: "npm", category: "registry", severity: "high", keywords: ["_password"], span: 440, confidence: "high",
    // npm keeps a registry's password base64-encoded beside its username: `//host/path/:_password=…`.
    pattern: /(?<=(?:^|[\r\n]|:)[ \t]{0,8})_password[ \t]{0,4}=[ \t]{0,4}["']?([A-Za-z0-9+/]{4,400}={0,2})(?![A-Za-z0-9+/=])/y,
    check: (s) => {
      if (s.length % 4 !== 0) return "reject";
      const text = Buffer.from(s, "base64").toString("latin1");
      if (!/^[\x20-\x7e]{4,300}$/.test(text) || isReference(text)) return "reject";
      return isDefaultPassword(text) || looksLikeGenericExample(text) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
    reference: "https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration",
  }),
  keyed({ id: "npm-basic-auth", title: "npm registry password (_auth in .npmrc)", provider: "npm", category: "registry", severity: "high", keywords: ["_auth"], value: `[${B64}]{8,400}={0,2}`, keyMustSay: /^_auth[ \t]{0,6}=/i, check: basicPair, confidence: "high",
    // Its keyword starts `_authToken` too, whose value is no base64 pair: a refusal here is no verdict on that token.
    vetoes: false }),
  prefixed({ id: "pypi-token", title: "PyPI API token", provider: "PyPI", category: "registry", prefix: "pypi-AgEIcHlwaS5vcmc", body: `[${B64URL}]{50,1000}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://pypi.org/manage/account/token/", reference: "https://pypi.org/help/#apitoken" }),
  custom({
    id: "pypirc-password", title: "Package index password in a .pypirc", provider: "PyPI", category: "registry", severity: "high", keywords: ["password"], span: 300, confidence: "high",
    precheck: lineStart,
    // twine and setuptools read `password = …` from each index's section of ~/.pypirc; a PyPI API
    // token there is the pypi-token detector's (its prefix wins), any other value is a password
    // for a private index (devpi, Artifactory, Nexus) or a legacy PyPI password.
    pattern: /password[ \t]{0,4}[=:][ \t]{0,4}([^\s#;]{4,256})(?=[ \t]*(?:[\r\n]|$))/y,
    check: (s, ctx) => {
      if (!/(?:^|\/)\.?pypirc$/i.test(ctx.path ?? "") || isReference(s) || /^[$%{<[*]/.test(s)) return "reject";
      return isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
    reference: "https://packaging.python.org/en/latest/specifications/pypirc/",
  }),
  prefixed({ id: "pypi-test-token", title: "TestPyPI API token", provider: "PyPI", category: "registry", severity: "medium", prefix: "pypi-AgENdGVzdC5weXBpLm9yZw", body: `[${B64URL}]{50,1000}`, end: "(?![A-Za-z0-9_\\-])" }),
  prefixed({ id: "rubygems-api-key", title: "RubyGems API key", provider: "RubyGems", category: "registry", prefix: "rubygems_", body: `[${HEX}]{48}`, revoke: "https://rubygems.org/profile/api_keys", reference: "https://guides.rubygems.org/api-key-scopes/" }),
  prefixed({ id: "nuget-api-key", title: "NuGet API key", provider: "NuGet", category: "registry", prefix: "oy2", body: "[a-z0-9]{43}", minEntropy: 3.8, revoke: "https://www.nuget.org/account/apikeys" }),
  prefixed({ id: "docker-hub-pat", title: "Docker Hub personal access token", provider: "Docker", category: "registry", prefix: "dckr_pat_", body: `[${B64URL}]{27}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://app.docker.com/settings/personal-access-tokens" }),
  prefixed({ id: "docker-hub-oat", title: "Docker Hub organization access token", provider: "Docker", category: "registry", prefix: "dckr_oat_", body: `[${B64URL}]{32}`, end: "(?![A-Za-z0-9_\\-])" }),
  custom({
    id: "docker-config-auth", title: "Container registry password (auths in a Docker config.json)", provider: "Docker", category: "registry", severity: "high", keywords: ['"auth"'], span: 500,
    pattern: /"auth"[ \t]{0,4}:[ \t]{0,4}"([A-Za-z0-9+/]{8,600}={0,2})"/y, check: basicPair,
  }),
  custom({
    id: "docker-login-password", title: "Registry password on a docker login command line", provider: "Docker", category: "registry", severity: "high", keywords: ["docker login", "podman login", "buildah login"], span: 500,
    // `--password-stdin` and `-p "$TOKEN"` are how it should be done: only a literal is reported.
    pattern: /(?:docker|podman|buildah) login\b[^\n]{0,300}?(?<=\s)(?:-p|--password)(?:[ \t]{1,4}|=)["']?([^\s"'$%{][^\s"']{3,200})["']?(?=\s|$)/y,
    check: (s) => (isReference(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder" } : "secret"),
    reference: "https://docs.docker.com/reference/cli/docker/login/#password-stdin",
  }),
  prefixed({ id: "crates-io-token", title: "crates.io API token", provider: "crates.io", category: "registry", prefix: "cio", body: `[${ALNUM}]{32}`, minEntropy: 3.8, revoke: "https://crates.io/settings/tokens" }),
  prefixed({ id: "packagist-token", title: "Private Packagist token", provider: "Packagist", category: "registry", prefix: ["packagist_ort_", "packagist_out_", "packagist_uut_", "packagist_umt_", "packagist_uat_"], body: `[${HEX}]{68}` }),
  prefixed({ id: "clojars-token", title: "Clojars deploy token", provider: "Clojars", category: "registry", prefix: "CLOJARS_", body: "[a-z0-9]{60}" }),
  prefixed({ id: "jfrog-api-key", title: "JFrog Artifactory API key", provider: "JFrog", category: "registry", prefix: "AKCp", body: `[${ALNUM}]{69}` }),
  prefixed({ id: "jfrog-reference-token", title: "JFrog reference token", provider: "JFrog", category: "registry", prefix: "cmVmdGtuOjAxOj", body: `[${ALNUM}]{40,60}` }),
  keyed({ id: "cloudsmith-api-key", title: "Cloudsmith API key", provider: "Cloudsmith", category: "registry", keywords: ["cloudsmith"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "anaconda-token", title: "Anaconda.org token", provider: "Anaconda", category: "registry", severity: "high", keywords: ["anaconda", "conda_token", "binstar"], value: `[${ALNUM}_\\-]{30,40}`, minEntropy: 3.8 }),
  keyed({ id: "quay-robot-token", title: "Quay.io robot account token", provider: "Red Hat Quay", category: "registry", keywords: ["quay"], value: "[A-Z0-9]{64}", minEntropy: 3.8 }),
  keyed({ id: "sonatype-token", title: "Sonatype (Maven Central) user token", provider: "Sonatype", category: "registry", keywords: ["ossrh", "sonatype", "maven_central", "mavencentral"], value: `[${B64URL}+/=]{20,80}`, minEntropy: 3.8, keyMustSay: /token|pass|secret/i }),
  prefixed({ id: "deno-deploy-token", title: "Deno Deploy access token", provider: "Deno", category: "registry", severity: "high", prefix: ["ddp_", "ddw_"], body: `[${ALNUM}]{36}` }),
  keyed({ id: "hex-pm-key", title: "Hex.pm API key", provider: "Hex", category: "registry", keywords: ["hex_api_key", "hex-api-key", "hexpm"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: null }),
  custom({
    id: "sidekiq-gem-credentials", title: "Sidekiq Pro / Enterprise gem server credentials", provider: "Contribsys", category: "registry", severity: "high", keywords: ["contribsys__com", "contribsys.com"], span: 80,
    pattern: /(?:contribsys__com["']?[ \t]{0,6}[:=][ \t]{0,6}["']?|contribsys\.com[ \t]{1,6})([0-9a-f]{8}:[0-9a-f]{8})(?![0-9a-f:])/iy,
  }),
  // The same credentials in a Gemfile or Bundler source URL: `https://<hex>:<hex>@gems.contribsys.com/`.
  custom({
    id: "sidekiq-gem-url", title: "Sidekiq Pro / Enterprise gem server credentials in a source URL", provider: "Contribsys", category: "registry", severity: "high", keywords: ["@gems.contribsys.com", "@enterprise.contribsys.com"], back: 17, span: 40,
    pattern: /(?<![0-9A-Za-z])([0-9a-f]{8}:[0-9a-f]{8})@(?:gems|enterprise)\.contribsys\.com/iy,
  }),
  keyed({ id: "jfrog-identity-token", title: "JFrog identity token", provider: "JFrog", category: "registry", keywords: ["jfrog", "artifactory"], value: "[a-z0-9]{64}", minEntropy: 4, check: (s) => (/[g-z]/.test(s) ? "secret" : "reject") }),
  custom({
    id: "nuget-config-password", title: "Clear-text password in a NuGet.config", provider: "NuGet", category: "registry", severity: "high", keywords: ["cleartextpassword"], span: 260,
    pattern: /ClearTextPassword["'][ \t]{1,20}value[ \t]{0,4}=[ \t]{0,4}["']([^"'\r\n]{1,200})["']/iy,
    // `%NUGET_PASSWORD%` and `$(Password)` are filled in at restore time: references, not secrets.
    // `{access_token}`, as blog posts write it, names what goes there.
    check: (secret) => (/^(?:%[A-Za-z0-9_]{1,80}%|\$\(?\{?[A-Za-z_][A-Za-z0-9_.]{0,80}\)?\}?)$/.test(secret) || isReference(secret) ? "reject" : "secret"),
    reference: "https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials",
  }),
  custom({
    id: "bundler-host-credentials", title: "Gem server credentials in Bundler's configuration (BUNDLE_<HOST>)", provider: "Bundler", category: "registry", severity: "high", keywords: ["bundle_"], span: 620, priority: 6,
    // `bundle config set gems.corp.io user:pass` writes `BUNDLE_GEMS__CORP__IO: "user:pass"` to
    // .bundle/config (a dot becomes `__`); the same key is read from the environment. The value is
    // `user:password`, or a token alone. Bundler's own nested settings (`build.<gem>`,
    // `mirror.<url>`, `local.<gem>`, `gem.ci`, `path.system`) are configuration, not hosts.
    pattern: /(?<![A-Za-z0-9_])BUNDLE_[A-Z0-9_]{3,240}["']?[ \t]{0,6}[:=][ \t]{0,6}["']?([^\s"':]{1,128}:[^\s"']{1,256}|[^\s"':]{16,256})(?=["']?[ \t]*(?:#|\r|\n|$))/y,
    check: (value, ctx) => {
      const key = /^BUNDLE_([A-Z0-9_]{3,240})/.exec(ctx.match[0])?.[1] ?? "";
      if (!key.includes("__") || /^(?:BUILD|MIRROR|LOCAL|GEM|PATH|DISABLE|FORCE|ONLY|WITH|WITHOUT)__/.test(key) || isReference(value)) return "reject";
      const password = value.slice(value.indexOf(":") + 1);
      if (isReference(password) || /^\/\//.test(password)) return "reject";
      if (isDefaultPassword(password) || looksLikeGenericExample(password) || looksLikeGenericExample(value)) return { verdict: "example", note: "a placeholder" };
      return shannonEntropy(password) >= (value === password ? 3 : 2.5) && password.length >= (value === password ? 16 : 6) ? "secret" : "reject";
    },
    reference: "https://bundler.io/v2.5/man/bundle-config.1.html#CREDENTIALS-FOR-GEM-SOURCES",
  }),
  custom({
    id: "composer-auth-token", title: "Token in Composer's auth.json (bearer, gitlab-token, gitlab-oauth, github-oauth)", provider: "Composer", category: "registry", severity: "high", keywords: ['"bearer"', '"gitlab-token"', '"gitlab-oauth"', '"github-oauth"'], span: 1000, priority: 4,
    // auth.json (or composer.json's `config`, or COMPOSER_AUTH) maps each host to its token:
    // `"bearer": { "repo.corp.io": "…" }`. The first host is read with the head, the others as its
    // entries. A provider's prefixed token (glpat-, ghp_) is also its provider's, which wins.
    pattern: /"(?:bearer|gitlab-token|gitlab-oauth|github-oauth)"[ \t]{0,4}:[ \t]{0,4}\{[ \t\r\n]{0,200}"[A-Za-z0-9.:-]{1,253}"[ \t]{0,4}:[ \t]{0,4}"([^"\s\\]{8,512})"/y,
    next: /[ \t]{1,16}"[A-Za-z0-9.:-]{1,253}"[ \t]{0,4}:[ \t]{0,4}"([^"\s\\]{8,512})"/,
    check: (secret) => {
      if (isReference(secret)) return "reject";
      if (isDefaultPassword(secret) || looksLikeGenericExample(secret)) return { verdict: "example", note: "a placeholder" };
      return shannonEntropy(secret) >= 3 ? "secret" : "reject";
    },
    reference: "https://getcomposer.org/doc/articles/authentication-for-private-packages.md",
  }),
  custom({
    id: "conda-channel-token", title: "Anaconda token in a conda channel URL (/t/<token>/)", provider: "Anaconda", category: "registry", severity: "high", keywords: ["/t/"], span: 140, context: 300,
    // conda reads a token from a channel's URL: `https://conda.anaconda.org/t/<token>/<channel>`,
    // in .condarc's `channels` or `channel_alias`, an environment.yml, or a command line. `/t/`
    // is common in URLs (a forum's topics: `/t/some-topic/123`), so only Anaconda's hosts, or any
    // host in a .condarc, and only a value that is not words.
    pattern: /(?<=https?:\/\/[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?)\/t\/([A-Za-z0-9_-]{16,128})(?=\/|["'\s]|$)/y,
    check: (token, ctx) => {
      const host = (/\/\/([A-Za-z0-9.-]{1,253})(?::[0-9]{1,5})?$/.exec(textBefore(ctx, 270))?.[1] ?? "").toLowerCase();
      if (!/(?:^|\.)anaconda\.(?:org|com|cloud)$/.test(host) && !/(?:^|\/)\.condarc$/.test(ctx.path ?? "")) return "reject";
      if (!/[0-9]/.test(token) || !/[A-Za-z]/.test(token) || /^[a-z]{2,}(?:-[a-z]{2,}){1,8}(?:-[0-9]{1,9})?$/.test(token)) return "reject";
      if (isReference(token) || looksLikeGenericExample(token)) return { verdict: "example", note: "a placeholder" };
      return shannonEntropy(token) >= 3 ? "secret" : "reject";
    },
    reference: "https://docs.anaconda.com/anacondaorg/user-guide/work-with-tokens/",
  }),
];
