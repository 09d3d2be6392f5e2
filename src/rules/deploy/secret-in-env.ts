import { dirOf } from "../../core/checkout-path.js";
import { interpolateDefaults } from "../../ecosystems/compose/compose.js";
import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { dotEnvIn } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads } from "./lib/report.js";

/**
 * Variable names that hold credentials (PASSWORD, DB_PASS, API_KEY, CLIENT_SECRET, AUTH_TOKEN,
 * DB_ENC_KEY…), and two well-known ones the pattern misses: libpq's PGPASSWORD (no separator) and
 * Rails' SECRET_KEY_BASE, which signs and encrypts its sessions.
 */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|SECRET_KEY|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?ACCESS_?KEY|CREDENTIALS?|AUTH_?KEY|CLIENT_?SECRET|MASTER_?KEY|ENCRYPTION_?KEY|ENC_?KEY|SIGNING_?KEY|PGPASSWORD|SECRET_KEY_BASE)$/i;
/** Names that mention a secret but hold something else: where it is, how long, whether it is on. */
const NOT_A_SECRET = /(?:_FILE|_PATH|_DIR|_URL|_URI|_NAME|_ID|_ENABLED|_LENGTH|_HEADER|_ENDPOINT|_TTL|_EXPIRY|_TYPE|_MODE|_KEY_ID|_REF|_SECRET_NAME)$/i;

/** True for a value that is a placeholder or reference, not a credential. */
function isPlaceholder(v: string): boolean {
  const s = v.trim();
  return (
    s === "" ||
    /^\$\(.{1,200}\)$/.test(s) ||
    /^\$\{.{1,200}\}$/.test(s) ||
    // Compose (and a shell) substitutes `$NAME` from the environment or .env: a reference, not a value.
    /^\$[A-Za-z_]\w{0,200}$/.test(s) ||
    /^<[^>]{1,100}>$/.test(s) ||
    /^(?:true|false|yes|no|null|none|~|\*+|x+|-+)$/i.test(s) ||
    // A 0/1 switch; a longer number under a credential's name is a password (`MYSQL_ROOT_PASSWORD: 123456`).
    /^\d{1,2}$/.test(s) ||
    /^\/[\w./-]{0,200}$/.test(s)
  );
}

/** A URL with a password in its user info (`postgres://app:s3cret@db/app`): the password group. */
const URL_PASSWORD = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/]{0,200}:([^\s@/]{1,200})@/;

/** True when an environment variable looks like a credential written in clear: under a credential's name, or as a URL's password under any name (DATABASE_URL). */
export function looksLikeSecret(name: string, value: string): boolean {
  if (SECRET_NAME.test(name) && !NOT_A_SECRET.test(name) && !isPlaceholder(value)) return true;
  const password = URL_PASSWORD.exec(value.trim())?.[1];
  return password !== undefined && !isPlaceholder(password) && !/^[$%{]/.test(password);
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/secret-in-env",
    title: "Credential written as a literal environment value",
    severity: "high",
    references: [
      { title: "Kubernetes: using Secrets as environment variables", url: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables" },
      { title: "CWE-798: Use of Hard-coded Credentials", url: "https://cwe.mitre.org/data/definitions/798.html" },
    ],
    rationale:
      "A password, token or key written as a literal `value:` in a manifest, a chart's default values or a Compose file is public to everyone who can read the repository, the same for every install, and visible to anyone who can read the Deployment (`kubectl get -o yaml`). A chart that ships a default password ships it to every user who does not override it, and so does a Compose file whose variable has one (`${DB_PASSWORD:-postgres}`). CN8 principle 7 names exposed credentials among the pervasive exploits secure defaults must prevent.",
    remediation:
      "Reference a Secret instead: `valueFrom: {secretKeyRef: {name: app-credentials, key: password}}` (in a chart, generate it or require the user to supply it, with no default). In Compose, use `secrets:` or an env file kept out of the repository. Then rotate the credential: it is already public.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        asList(c.value["env"]).forEach((e, i) => {
          const m = asMap(e);
          const name = asString(m?.["name"]);
          const raw = m?.["value"];
          if (!name || raw === undefined || raw === null) return;
          const path = [...c.path, "env", i, "value"];
          if (unresolved(ctx, w.subject, path, raw)) return;
          const value = asString(raw) ?? "";
          if (!looksLikeSecret(name, value)) return;
          reportAt(ctx, w.subject, {
            problem: `${containerLabel(c)} sets ${name} to a literal value instead of a secretKeyRef`,
            path,
            principle: 7,
            fix: `env:\n  - name: ${name}\n    valueFrom:\n      secretKeyRef:\n        name: <secret>\n        key: <key>`,
            key: `${c.list}/${c.name}/${name}`,
          });
        });
      }
    }
    for (const s of await composeServices(ctx)) {
      const env = s.service.value["environment"];
      const entries: [string, string, (string | number)[]][] = [];
      if (Array.isArray(env)) {
        env.forEach((x, i) => {
          const t = asString(x) ?? "";
          const eq = t.indexOf("=");
          if (eq > 0) entries.push([t.slice(0, eq), t.slice(eq + 1), ["environment", i]]);
        });
      } else for (const [k, v] of Object.entries(asMap(env) ?? {})) if (v !== null && v !== undefined) entries.push([k, asString(v) ?? "", ["environment", k]]);
      // A .env file beside the Compose file may set any variable (Compose reads it for interpolation): then no default is judged.
      const envFile = ctx.has(dotEnvIn(dirOf(s.path)));
      for (const [name, value, path] of entries) {
        const fix = `# keep it out of the file:\nenvironment:\n  ${name}: \${${name}:?set ${name}}\n# or use Compose secrets`;
        if (looksLikeSecret(name, value)) {
          reportCompose(ctx, s, path, { problem: `sets ${name} to a literal value`, principle: 7, fix, key: `env/${name}`, severity: "medium" });
          continue;
        }
        // `${POSTGRES_PASSWORD:-postgres}`: what ships when the variable is unset is the default, a password every install shares.
        const shipped = envFile || !value.includes("${") ? undefined : interpolateDefaults(value);
        if (shipped === undefined || shipped === value || !looksLikeSecret(name, shipped)) continue;
        reportCompose(ctx, s, path, { problem: `sets ${name} to a literal default (${value.replace(/(:?-)[^}]*\}/g, "$1…}")}), used whenever the variable is unset`, principle: 7, fix, key: `env/${name}`, severity: "medium", confidence: "medium" });
      }
    }
  },
};
