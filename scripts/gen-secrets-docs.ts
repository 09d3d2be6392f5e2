// The detector table of docs/secrets.md, generated from src/secrets/detectors by `npm run docs`
// (and checked by the completeness test with the other generated files).
import { DETECTORS } from "../src/secrets/detectors/index.js";

const RULE: Record<string, string> = {
  cloud: "cloud-credential",
  forge: "forge-token",
  registry: "registry-token",
  service: "service-token",
  database: "database-credential",
  "private-key": "private-key",
  jwt: "jwt",
  generic: "generic-credential",
};

/** docs/secrets.md with its detector table regenerated between the markers. */
export function withDetectorTable(doc: string): string {
  const rows = DETECTORS.map((d) => `| \`${d.id}\` | ${d.provider} | ${d.title.replace(/\|/g, "\\|")} | \`secrets/${RULE[d.category] ?? d.category}\` | ${d.severity} |${d.revoke ? ` [revoke](${d.revoke})` : ""} |`);
  const table = `${DETECTORS.length} detectors. Severity is the default; a finding may be lower (test keys, encrypted keys, local hosts).\n\n| detector | provider | finds | rule | severity | |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n`;
  return doc.replace(/(<!-- detectors:begin[^\n]*-->\n)[\s\S]*?(<!-- detectors:end -->)/, `$1${table}$2`);
}
