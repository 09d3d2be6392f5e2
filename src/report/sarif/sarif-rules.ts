import type { RuleResult } from "../../core/assessment.js";
import { PRECISION, SARIF_LEVEL, SECURITY_SEVERITY } from "./sarif-levels.js";
import type { SarifReportingDescriptor } from "./sarif-types.js";

/** Where assay lives; rule pages are under docs/rules/ in it. */
export const INFORMATION_URI = "https://github.com/assay-dev/assay";

/** The rule's doc page; the id is the path under docs/rules/ (habit 1 in DESIGN.md). */
export function ruleHelpUri(id: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${id}.md`;
}

/** `workflows/unpinned-action` → `UnpinnedAction`: SARIF wants a name readable as an identifier. */
export function pascalCase(ruleId: string): string {
  const name = ruleId.slice(ruleId.lastIndexOf("/") + 1);
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== "")
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}

function helpText(r: RuleResult): string {
  const parts = [r.rationale, `Remediation: ${r.remediation}`];
  if (r.references.length > 0) parts.push(["References:", ...r.references.map((ref) => `- ${ref.title}: ${ref.url}`)].join("\n"));
  return parts.join("\n\n");
}

function helpMarkdown(r: RuleResult): string {
  const parts = [r.rationale, `**Remediation:** ${r.remediation}`];
  if (r.references.length > 0) {
    const items = r.references.map((ref) => `- [${ref.title.replace(/[[\]\\]/g, "\\$&")}](${ref.url.replace(/[\s()<>]/g, encodeURIComponent)})`);
    parts.push(["**References**", "", ...items].join("\n"));
  }
  return parts.join("\n\n");
}

/** One reportingDescriptor from a rule as it ran. */
export function reportingDescriptor(r: RuleResult): SarifReportingDescriptor {
  const family = r.id.includes("/") ? r.id.slice(0, r.id.indexOf("/")) : r.id;
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: helpText(r), markdown: helpMarkdown(r) },
    helpUri: ruleHelpUri(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { tags: ["security", family], precision: PRECISION[r.confidence], "security-severity": SECURITY_SEVERITY[r.severity] },
  };
}
