// Ordinary repository content that mentions passwords, tokens and keys without holding one:
// lockfile hashes, digests, public keys, references, placeholders, labels. A careful reviewer
// reports none of it as a credential, so the scanner must not either. Hashes here are made from
// fixed strings, so every run scans the same text.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { SecretScanner } from "../../src/secrets/scanner.js";

const scanner = new SecretScanner();
const hex = (seed: string, bytes = 32): string => createHash("sha512").update(seed).digest("hex").slice(0, bytes * 2);
const b64 = (seed: string, bytes = 32): string => createHash("sha512").update(seed).digest().subarray(0, bytes).toString("base64");
const sri = (seed: string): string => `sha512-${createHash("sha512").update(seed).digest("base64")}`;

/** What the scanner may say about a text: nothing at all, or at most an example (info). */
type Expect = "nothing" | "example-at-most";

const FILES: ReadonlyArray<{ what: string; path: string; text: string; expect: Expect }> = [
  // Lockfiles and manifests.
  { what: "package-lock integrity", path: "package-lock.json", expect: "nothing", text: `{\n  "packages": {\n    "node_modules/jsonwebtoken": {\n      "version": "9.0.2",\n      "resolved": "https://registry.npmjs.org/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz",\n      "integrity": "${sri("jsonwebtoken")}"\n    },\n    "node_modules/secret-stream": { "integrity": "sha1-${b64("ss", 20)}" }\n  }\n}\n` },
  { what: "yarn.lock", path: "yarn.lock", expect: "nothing", text: `"js-tokens@^4.0.0":\n  version "4.0.0"\n  resolved "https://registry.yarnpkg.com/js-tokens/-/js-tokens-4.0.0.tgz#${hex("jt", 20)}"\n  integrity ${sri("js-tokens")}\n` },
  { what: "pnpm-lock", path: "pnpm-lock.yaml", expect: "nothing", text: `packages:\n\n  oauth-sign@0.9.0:\n    resolution: {integrity: ${sri("oauth-sign")}}\n` },
  { what: "go.sum", path: "go.sum", expect: "nothing", text: `github.com/golang-jwt/jwt/v5 v5.2.1 h1:${b64("jwt")}\ngithub.com/golang-jwt/jwt/v5 v5.2.1/go.mod h1:${b64("jwtmod")}\n` },
  { what: "Cargo.lock", path: "Cargo.lock", expect: "nothing", text: `[[package]]\nname = "secrecy"\nversion = "0.8.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${hex("secrecy")}"\n` },
  { what: "poetry.lock", path: "poetry.lock", expect: "nothing", text: `files = [\n    {file = "keyring-25.1.0-py3-none-any.whl", hash = "sha256:${hex("keyring")}"},\n]\n[metadata]\ncontent-hash = "${hex("content")}"\n` },
  { what: "pip --hash", path: "requirements.txt", expect: "nothing", text: `pyjwt==2.8.0 \\\n    --hash=sha256:${hex("pyjwt")} \\\n    --hash=sha256:${hex("pyjwt2")}\n` },
  { what: "composer.lock", path: "composer.lock", expect: "nothing", text: `{"packages": [{"name": "firebase/php-jwt", "dist": {"reference": "${hex("ref", 20)}", "shasum": "${hex("sum", 20)}"}}]}\n` },
  { what: "Nix SRI hashes", path: "default.nix", expect: "nothing", text: `src = fetchFromGitHub {\n  owner = "acme";\n  repo = "secret-tool";\n  hash = "sha256-${b64("nix")}";\n};\nvendorHash = "sha256-${b64("vendor")}";\n` },
  { what: "Bazel integrity", path: "WORKSPACE", expect: "nothing", text: `http_archive(\n    name = "rules_go",\n    integrity = "sha256-${b64("rules")}",\n    sha256 = "${hex("skylib")}",\n)\n` },
  { what: "Terraform lock", path: ".terraform.lock.hcl", expect: "nothing", text: `provider "registry.terraform.io/hashicorp/aws" {\n  hashes = [\n    "h1:${b64("tf")}",\n    "zh:${hex("zh")}",\n  ]\n}\n` },
  // Generated content, digests and public material.
  { what: "Helm checksum annotations", path: "deploy/deployment.yaml", expect: "nothing", text: `metadata:\n  annotations:\n    checksum/config: ${hex("config")}\n    checksum/secret: ${hex("secret")}\n    checksum/secrets: ${hex("secrets")}\n` },
  { what: "digests named after a secret", path: "config/keys.json", expect: "nothing", text: `{\n  "password_sha256": "${hex("pw")}",\n  "token_sha1": "${hex("tk", 20)}",\n  "api_key_fingerprint": "${hex("fp", 16)}",\n  "secret_md5": "${hex("md", 16)}",\n  "client_secret_checksum": "${hex("cs")}"\n}\n` },
  { what: "commits and images under a provider's or a secret's name", path: "deploy/values.yaml", expect: "nothing", text: `datadog_commit: ${hex("dd", 20)}\nsecret_revision: ${hex("rev", 20)}\npass_image: ghcr.io/acme/pass@sha256:${hex("img")}\n` },
  { what: "a provider's public keys and identities", path: "deploy/.env.production", expect: "nothing", text: `DATADOG_USER=${hex("ddu", 16)}\nDATADOG_ORG=${hex("ddo", 16)}\nTWILIO_CACHE_KEY=${hex("tw", 16)}\nPOSTMARK_PUBLIC_KEY=${hex("pm", 16).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")}\nHONEYCOMB_PUBLIC_KEY=${hex("hc", 16)}\n` },
  { what: "Devise's generated, commented-out key", path: "config/initializers/devise.rb", expect: "nothing", text: `Devise.setup do |config|\n  # config.secret_key = '${hex("devise", 64)}'\n  config.pepper = ENV["DEVISE_PEPPER"]\nend\n` },
  { what: "image digests", path: "Dockerfile", expect: "nothing", text: `FROM node:20-alpine@sha256:${hex("node")} AS build\nARG API_TOKEN\nENV PASSWORD_FILE=/run/secrets/password\n` },
  { what: "SSH public keys", path: "deploy/authorized_keys", expect: "nothing", text: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64("ed").slice(0, 43)} deploy@ci\n` },
  { what: "a CSP hash and SRI in HTML", path: "web/index.html", expect: "nothing", text: `<script src="/app.js" integrity="sha384-${b64("app", 48)}"></script>\n<meta name="csrf-token" content="${b64("csrf")}">\n<meta http-equiv="Content-Security-Policy" content="script-src 'sha256-${b64("csp")}'">\n` },
  // References to where the secret lives.
  { what: "psql variables", path: "db/migrations/0002_roles.sql", expect: "nothing", text: `CREATE ROLE app LOGIN;\nALTER USER app WITH PASSWORD :'app_password';\nALTER ROLE readonly PASSWORD :"ro_password";\n` },
  { what: "build-time substitutions", path: ".env.template", expect: "nothing", text: `DB_PASSWORD=@@DB_PASSWORD@@\nAPI_TOKEN=@API_TOKEN@\nSMTP_PASSWORD=@SMTP_PASSWORD@\n` },
  { what: "an operator's reference to a Secret", path: "deploy/values.yaml", expect: "nothing", text: `grafana:\n  admin:\n    existingSecret: grafana-admin\n  passwordSecret: grafana-admin-credentials\nreplication:\n  credentialsSecret: pg-replication-auth\n` },
  { what: "DocSearch's search-only key", path: "docusaurus.config.js", expect: "nothing", text: `module.exports = {\n  themeConfig: {\n    algolia: {\n      appId: 'X1Y2Z3W4V5',\n      apiKey: '${hex("docsearch", 16)}',\n      indexName: 'acme-docs',\n    },\n  },\n};\n` },
  { what: "VitePress' Algolia search", path: "docs/.vitepress/config.ts", expect: "nothing", text: `export default defineConfig({\n  themeConfig: {\n    search: {\n      provider: 'algolia',\n      options: {\n        appId: 'X1Y2Z3W4V5',\n        apiKey: '${hex("vitepress", 16)}',\n        indexName: 'acme',\n      },\n    },\n  },\n});\n` },
  { what: "values read from elsewhere", path: "src/auth.py", expect: "nothing", text: `password = get_password()\ntoken = keyring.get_password("svc", user)\napi_key = os.environ["API_KEY"]\nsecret = self.config["secret"]\n` },
  { what: "Go reading the environment", path: "main.go", expect: "nothing", text: `token := os.Getenv("T")\npassword := viper.GetString("db.password")\nconst secretPath = "/var/run/secrets/kubernetes.io/serviceaccount/token"\n` },
  { what: "identifiers that name a secret", path: "api/adapter.py", expect: "nothing", text: `SET_PASSWORD = 'SetPassword'\nGCP_SECRET_CONFIG = 'gcpSecretConfig'\n` },
  { what: "types named in quotes", path: "types/k8s_min.py", expect: "nothing", text: `class Volume(proto.Message):\n    secret: 'SecretVolumeSource' = proto.Field(\n        proto.MESSAGE,\n    )\n    precommit_token: 'MultiplexedSessionPrecommitToken' = proto.Field(proto.MESSAGE, number=2)\n` },
  { what: "an entry point in YAML", path: "command_lib/secrets/resources.yaml", expect: "nothing", text: `  - attribute_name: secret\n    completer: googlecloudsdk.command_lib.secrets.completers:SecretsCompleter\n` },
  { what: "token regexes", path: "src/redact.ts", expect: "nothing", text: `export const PATTERNS = [/ghp_[A-Za-z0-9]{36}/, /xox[baprs]-[0-9A-Za-z-]{10,48}/, /AKIA[0-9A-Z]{16}/];\n` },
  { what: "hash test vectors", path: "crypto/sha256_test.go", expect: "nothing", text: `var golden = []struct{ out, in string }{\n\t{"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc"},\n}\n` },
  { what: "form labels", path: "locales/fr.json", expect: "nothing", text: `{"login": {"password": "Mot de passe", "token": "Jeton", "apiKey": "Clé d'API"}}\n` },
  // Placeholders: examples at most.
  { what: "a .env.example's instructions", path: ".env.example", expect: "example-at-most", text: `API_KEY=your-api-key-here\nSESSION_SECRET=replace_with_random_string\nCOOKIE_SECRET=a-very-long-random-string-for-cookies\nENCRYPTION_KEY=32-character-encryption-key-here\nJWT_SECRET=at-least-32-characters-long\nSECRET_TOKEN=generate_a_token\n` },
  { what: "a chart's published default", path: "charts/monitoring/values.yaml", expect: "example-at-most", text: `grafana:\n  adminPassword: prom-operator\n` },
  { what: "AWS's documented example key pair", path: "docs/aws.md", expect: "example-at-most", text: "```ini\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```\n" },
  { what: "test values", path: "tests/test_login.py", expect: "example-at-most", text: `password = "test-password"\ntoken = "test-token"\napi_key = "dummy"\nsecret = "xxx"\n` },
];

describe("secrets: ordinary content holds no credential", () => {
  for (const f of FILES) {
    it(`${f.expect === "nothing" ? "says nothing about" : "reports at most an example in"} ${f.what} (${f.path})`, () => {
      const found = scanner.scanString(f.text, { path: f.path });
      const shown = found.map((m) => `${m.detector.id} ${m.verdict} ${m.severity} ${m.secret.slice(0, 24)}`);
      if (f.expect === "nothing") assert.deepEqual(shown, []);
      else assert.deepEqual(found.filter((m) => m.verdict !== "example" || m.severity !== "info").map((m) => `${m.detector.id} ${m.secret.slice(0, 24)}`), [], shown.join("\n"));
    });
  }
});
