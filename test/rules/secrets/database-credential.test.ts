import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/database-credential.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(51);

describe("secrets/database-credential", () => {
  it("reports the password of a connection URL, masked, at its column", async () => {
    const pw = t("«b62:20»");
    const { findings } = await run({ "settings.py": `DATABASE_URL = "postgresql://app:${pw}@db.prod.acme-corp.io:5432/app"\n` });
    assert.equal(findings.length, 1);
    assert.deepEqual([findings[0]!.locations[0]!.startColumn, findings[0]!.severity], [34, "high"]);
    assert.ok(!findings[0]!.snippet!.includes(pw));
  });

  it("reports a password for localhost at low severity", async () => {
    const { findings } = await run({ "docker-compose.yml": `services:\n  app:\n    environment:\n      REDIS_URL: redis://default:${t("«b62:24»")}@localhost:6379\n` });
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["low", "Database or message broker URL with a password (the host is local)"]]);
  });

  it("stays quiet on references, placeholders and default passwords", async () => {
    const { findings } = await run({ "a.env": "A=postgres://app:${DB_PASSWORD}@db/app\nB=mongodb://<username>:<password>@cluster0.mongodb.net/test\nC=postgres://postgres:postgres@db.acme-corp.io/app\n" });
    assert.deepEqual(findings, []);
  });

  it("reports a password in an ADO.NET connection string", async () => {
    const { findings } = await run({ "appsettings.json": `{"ConnectionStrings": {"Default": "Server=tcp:acme.database.windows.net,1433;Initial Catalog=shop;User ID=shop;Password=${t("«b62:18»")};Encrypt=True;"}}\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["connection-string-password"]);
  });

  it("reports a .pgpass entry, and ProFTPD's SQLConnectInfo at low severity for a local database", async () => {
    const { findings } = await run({
      ".pgpass": `db.acme-corp.io:5432:shop:app:${t("«b62:16»")}\n`,
      "etc/proftpd/sql.conf": `SQLConnectInfo ftpusers@localhost proftpd ${t("«b62:16»")}\n`,
    });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.severity]).sort(), [["pgpass-password", "high"], ["proftpd-sql-password", "low"]]);
  });

  it("reads a password whole when it holds `@` (a URL's last `@` ends the user info), `&` or a quoted `;` (a connection string's), and hashes all of it", async () => {
    const sha = (s: string): string => createHash("sha256").update(s).digest("hex");
    const [a, b, c, d] = [t("«b62:6»"), t("«b62:8»"), t("«b62:9»"), t("«b62:6»")];
    const { findings } = await run({
      ".env": `DATABASE_URL=mysql://root:${a}@${b}@db.acme-corp.io:3306/app\n`,
      "appsettings.json": `{"ConnectionStrings":{"Default":"Server=sql.acme-corp.io;Database=shop;User Id=app;Password=${c}&${d};"}}\n`,
      "Web.config": `<add name="Shop" connectionString="Server=sql.acme-corp.io;Database=shop;User Id=app;Password='${d};${c}';" />\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.evidence.secretHash]), [
      [".env", sha(`${a}@${b}`)],
      ["Web.config", sha(`${d};${c}`)],
      ["appsettings.json", sha(`${c}&${d}`)],
    ]);
    for (const [f, tail] of [[findings[0]!, b], [findings[1]!, c], [findings[2]!, d]] as const) assert.ok(!f.snippet!.includes(tail), `${f.snippet} shows the rest of the password`);
  });
});
