import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/generic-credential.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(81);

describe("secrets/generic-credential", () => {
  it("reports a password in configuration at low confidence", async () => {
    const { findings } = await run({ "config/prod.yml": `db:\n  password: ${t("«b62:12»")}\n` });
    assert.deepEqual(findings.map((f) => [f.message, f.confidence, f.locations[0]?.startLine]), [["Password assigned in code or configuration", "low", 2]]);
  });

  it("reports a quoted secret in code, not a variable or a call", async () => {
    const code = `const apiKey = "${t("«b62:32»")}";\nconst password = process.env.DB_PASSWORD;\nconst token = await getToken();\nconst secret = config.secret;\n`;
    const { findings } = await run({ "src/client.ts": code });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [1]);
  });

  it("stays quiet on the common safe idioms", async () => {
    const yml = [
      "password: ${DB_PASSWORD}",
      'password: "{{ vault_db_password }}"',
      "password_hash: $2b$12$abcdefghijklmnopqrstuuVWXYZabcdefghijklmnopqrstuv12",
      "token_url: https://auth.example.org/oauth/token",
      "api_key: <your-api-key>",
      "password: changeme",
      "secret_name: prod/db",
    ].join("\n");
    const { findings, outcome } = await run({ "config/app.yml": `${yml}\n`, "src/x.ts": "function check(password: string) { return password.length > 8; }\n" });
    assert.deepEqual(findings.map((f) => f.snippet), []);
    assert.equal(outcome, "pass");
  });

  it("reports a lookup's committed default and a name passed with its value, not the lookup alone", async () => {
    const py = [
      `DB_PASSWORD = os.getenv("DB_PASSWORD", "${t("«b62:12»")}")`,
      `props.put("mail.smtp.password", "${t("«b62:14»")}")`,
      'API_TOKEN = os.getenv("API_TOKEN")',
      'SECRET = os.environ.get("SECRET", "")',
    ].join("\n");
    const js = `const JWT_SECRET = process.env.JWT_SECRET || "${t("«b62:32»")}";\nconst port = process.env.PORT || "8080";\n`;
    const { findings } = await run({ "app/settings.py": `${py}\n`, "src/auth.js": js });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence.detector]), [
      ["app/settings.py", 1, "secret-beside-its-name-argument"],
      ["app/settings.py", 2, "secret-beside-its-name-argument"],
      ["src/auth.js", 1, "secret-beside-its-name-argument"],
    ]);
  });

  it("reports an Android app's keys in its string resources and build fields, not its labels", async () => {
    const xml = `<resources>\n    <string name="app_name">Acme</string>\n    <string name="password">Password</string>\n    <string name="api_key">${t("«b62:32»")}</string>\n</resources>\n`;
    const gradle = `android {\n    defaultConfig {\n        buildConfigField "String", "CLIENT_SECRET", "\\"${t("«b62:32»")}\\""\n    }\n}\n`;
    const { findings } = await run({ "app/src/main/res/values/strings.xml": xml, "app/build.gradle": gradle });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [
      ["app/build.gradle", 3],
      ["app/src/main/res/values/strings.xml", 4],
    ]);
  });

  it("reports a password in a URL and in an Authorization header", async () => {
    const basic = Buffer.from(`admin:${t("«b62:16»")}`).toString("base64");
    const { findings } = await run({ "deploy.sh": `git push https://ci:${t("«b62:20»")}@git.acme-corp.io/app.git\ncurl -H "Authorization: Basic ${basic}" https://api.acme-corp.io\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["url-credentials", "basic-auth-header"]);
  });

  it("reports a directive's password in a configuration file and a literal passed to a login call, masked", async () => {
    const pw = t("«b62:14»");
    const { findings } = await run({
      "etc/zabbix/zabbix_server.conf": `DBName=zabbix\nDBPassword ${pw}\n`,
      "app/notify.py": `server.login("alerts@acme-corp.io", "${t("«b62:12»")}")\n`,
      "scripts/setup.sh": "passwd deploy-user\n",
    });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.locations[0]?.startLine]), [["password-call-argument", 1], ["password-assignment", 2]]);
    assert.ok(findings.every((f) => !f.snippet?.includes(pw)));
  });

  it("reports the values of name/value env entries: Kubernetes, an ECS task definition, a Dockerfile's ENV; not their references", async () => {
    const [a, b, c, d] = [t("«b62:14»"), t("«b62:14»"), t("«b62:14»"), t("«b62:14»")];
    const { findings } = await run({
      "deploy/app.yaml": `spec:\n  containers:\n    - name: app\n      env:\n        - name: DB_PASSWORD\n          value: "${a}"\n        - name: API_PASSWORD\n          value: $(API_PASSWORD_FROM_SECRET)\n        - name: SMTP_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: smtp, key: password}\n`,
      "deploy/taskdef.json": `{"containerDefinitions":[{"environment":[{"name":"DB_PASSWORD","value":"${b}"},{"name":"CACHE_PASSWORD","value":"{{ .Values.cache.password }}"}]}]}\n`,
      Dockerfile: `FROM alpine:3.20\nENV DB_PASSWORD ${c}\nENV ADMIN_PASSWORD=${d}\nENV DB_PASSWORD_FILE /run/secrets/db\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.locations[0]!.startLine]), [["Dockerfile", 2], ["Dockerfile", 3], ["deploy/app.yaml", 6], ["deploy/taskdef.json", 1]]);
  });

  it("reports unquoted passwords in a shell's start-up file and a Makefile, and passwords in Maven properties and Gradle credentials", async () => {
    const { findings } = await run({
      "home/.bashrc": `export DB_PASSWORD=${t("«b62:14»")}\n`,
      Makefile: `DB_PASSWORD ?= ${t("«b62:14»")}\n`,
      "pom.xml": `<project><properties><gpg.passphrase>${t("«b62:14»")}</gpg.passphrase><jdbc.password>${t("«b62:14»")}</jdbc.password></properties></project>\n`,
      "build.gradle": `repositories {\n  maven {\n    credentials {\n      username "deploy"\n      password "${t("«b62:14»")}"\n    }\n  }\n}\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.evidence.detector, f.confidence]), [
      ["Makefile", "password-assignment", "low"],
      ["build.gradle", "gradle-signing-password", "medium"],
      ["home/.bashrc", "password-assignment", "low"],
      ["pom.xml", "xml-password-element", "low"],
      ["pom.xml", "xml-password-element", "low"],
    ]);
  });

  it("stays quiet on a Kubernetes Secret that holds only certificates or public keys", async () => {
    const pem = (label: string, lines: number): string => `-----BEGIN ${label}-----\n${Array.from({ length: lines }, () => t("«b64:64»")).join("\n")}\n-----END ${label}-----\n`;
    const b64 = (s: string): string => Buffer.from(s).toString("base64");
    const { findings } = await run({
      "deploy/ca.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca-bundle\ndata:\n  ca.crt: ${b64(pem("CERTIFICATE", 12) + pem("CERTIFICATE", 10))}\n  signing.pub: ${b64(pem("PUBLIC KEY", 6))}\n`,
      "deploy/ssh.yaml": `kind: Secret\ndata:\n  known_hosts: ${b64(`git.acme-corp.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${t("«b64:43»")}\n`)}\n`,
    });
    assert.deepEqual(findings, []);
  });

  it("labels a Helm chart's templates as what they are, not as examples", async () => {
    const { findings } = await run({
      "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "charts/app/templates/secret.yaml": `kind: Secret\nstringData:\n  password: ${t("«b62:16»")}\n`,
      "deploy/helm/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n",
      "deploy/helm/api/templates/configmap.yaml": `data:\n  password: ${t("«b62:16»")}\n`,
      "templates/config.yml": `password: ${t("«b62:16»")}\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.evidence.pathKind ?? "", /example file/.test(f.message)]), [
      ["charts/app/templates/secret.yaml", "", false],
      ["deploy/helm/api/templates/configmap.yaml", "", false],
      ["templates/config.yml", "example", true],
    ]);
  });
});
