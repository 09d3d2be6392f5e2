import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { looksLikeSecret, rule } from "../../../src/rules/deploy/secret-in-env.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/secret-in-env", () => {
  it("tells credentials from names that only mention them", () => {
    assert.ok(looksLikeSecret("DB_PASSWORD", "hunter2"));
    assert.ok(looksLikeSecret("GITHUB_TOKEN", "ghp_abc"));
    assert.ok(looksLikeSecret("CLIENT_SECRET", "x7f"));
    assert.ok(looksLikeSecret("PGPASSWORD", "postgres"), "libpq's variable has no separator");
    assert.ok(looksLikeSecret("SECRET_KEY_BASE", "changeme"), "Rails signs sessions with it");
    assert.ok(!looksLikeSecret("PGPASSWORD_FILE", "/run/secrets/pg"));
    assert.ok(!looksLikeSecret("DB_PASSWORD_FILE", "/run/secrets/db"));
    assert.ok(!looksLikeSecret("TOKEN_URL", "https://auth"));
    assert.ok(!looksLikeSecret("API_KEY", "$(API_KEY_FROM_SECRET)"));
    assert.ok(!looksLikeSecret("PASSWORD", ""));
    assert.ok(!looksLikeSecret("AWS_ACCESS_KEY_ID", "AKIA"));
    assert.ok(!looksLikeSecret("SECRET_NAME", "web-db"));
    // assay: ignore[secrets/database-credential] a made-up password, as test data
    assert.ok(looksLikeSecret("DATABASE_URL", "postgres://admin:SuperS3cret@db/app"), "a URL's password, whatever the name");
    assert.ok(looksLikeSecret("BROKER", "amqp://guest:guest@rabbitmq:5672/"));
    assert.ok(!looksLikeSecret("DATABASE_URL", "postgres://admin@db/app"), "no password");
    assert.ok(!looksLikeSecret("DATABASE_URL", "postgres://admin:$(DB_PASSWORD)@db/app"), "Kubernetes substitutes another variable");
    assert.ok(!looksLikeSecret("DATABASE_URL", "postgres://admin:${DB_PASSWORD}@db/app"));
    assert.ok(!looksLikeSecret("HOMEPAGE", "https://example.com/a:b@c"), "no user info");
  });

  it("reports literal values, never a secretKeyRef, and keeps the value out of the message", async () => {
    const env = "          env:\n            - name: API_KEY\n              value: sk_live_abcdef123456\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n";
    const { findings } = await run({ "a.yaml": deployment({ container: env }) });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [23]);
    assert.ok(!JSON.stringify(findings).includes("sk_live"));
  });

  it("reports a chart's default password in values.yaml", async () => {
    const { findings } = await run({
      "Chart.yaml": "apiVersion: v2\nname: db\nversion: 1.0.0\n",
      "values.yaml": "auth:\n  password: admin123\n",
      "templates/sts.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.4\n          env:\n            - name: POSTGRES_PASSWORD\n              value: {{ .Values.auth.password | quote }}\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["values.yaml", 2]]);
  });

  it("points at the values line of a credential a library helper renders through tpl (extra env vars that may hold templates)", async () => {
    const { findings } = await run({
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": 'extraEnvVars:\n  - name: RELEASE\n    value: "{{ .Release.Name }}"\n  - name: DB_PASSWORD\n    value: "s3cr3tP4ss!"\n',
      // The common pattern: toYaml the value, and tpl it when it holds a template.
      "templates/_helpers.tpl": '{{- define "lib.render" -}}\n{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) }}\n{{- if contains "{{" (toJson .value) }}\n{{- tpl $value .context }}\n{{- else }}\n{{- $value }}\n{{- end }}\n{{- end -}}\n',
      "templates/deploy.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0.0\n          env:\n            {{- include "lib.render" (dict "value" .Values.extraEnvVars "context" $) | nindent 12 }}\n',
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["values.yaml", 5]]);
  });

  it("reads Compose environment lists and maps", async () => {
    const { findings } = await run({ "compose.yaml": 'services:\n  a:\n    image: x:1\n    environment:\n      - MYSQL_ROOT_PASSWORD=root\n      - MYSQL_PASSWORD=${MYSQL_PASSWORD}\n      - API_TOKEN=$API_TOKEN\n  b:\n    image: x:1\n    environment:\n      SECRET_KEY: "django-insecure-1234"\n' });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine).sort(), [11, 5]);
  });

  it("takes a number under a credential's name for a password, a 0/1 switch for none, and an ENC_KEY for a key", async () => {
    // YAML reads `123456` as a number; Compose passes it to the container as the string "123456".
    const { findings } = await run({ "compose.yaml": "services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: 123456\n      POSTGRES_PASSWORD: '123'\n      SKIP_PASS: 1\n      DB_ENC_KEY: supabaserealtime\n      VAULT_ENC_KEY: ${VAULT_ENC_KEY}\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [5, 6, 8]);
  });

  it("merges a list environment and a mapping one by name, as Compose does, across the default override", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_USER=app\n      - POSTGRES_PASSWORD=hunter2hunter2\n",
      "compose.override.yaml": "services:\n  db:\n    environment:\n      LOG_LEVEL: debug\n      API_TOKEN: tok3n-value-for-dev\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["compose.override.yaml", 5], ["compose.yaml", 6]]);
  });

  it("reports a credential's default in Compose interpolation (`${VAR:-default}`, `${VAR-default}`), not a required or empty one", async () => {
    const compose = 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n      MYSQL_ROOT_PASSWORD: "${MYSQL_ROOT_PASSWORD-rootpass}"\n      API_TOKEN: ${API_TOKEN:?set API_TOKEN}\n      DB_PASSWORD: ${DB_PASSWORD:-}\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n';
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [5, 6]);
    assert.match(findings[0]?.message ?? "", /literal default \(\$\{POSTGRES_PASSWORD:-…\}\), used whenever the variable is unset/);
    assert.ok(!JSON.stringify(findings).includes("rootpass"));
    assert.equal(findings[0]?.confidence, "medium");
    // A .env beside the file may set them: the default is then no finding.
    const withEnv = await run({ "compose.yaml": compose, ".env": "POSTGRES_PASSWORD=from-env\n" });
    assert.deepEqual(withEnv.findings, []);
  });
});
