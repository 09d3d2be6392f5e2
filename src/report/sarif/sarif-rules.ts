import type { RuleResult } from "../../core/assessment.js";
import { sarifText } from "../../core/escape.js";
import { mdText } from "../markdown/escape.js";
import { vouched } from "../rule-meta.js";
import { PRECISION, SARIF_LEVEL, SECURITY_SEVERITY } from "./sarif-levels.js";
import type { SarifReportingDescriptor } from "./sarif-types.js";

/** Where assay lives; rule pages are under docs/rules/ in it. */
export const INFORMATION_URI = "https://github.com/assay-dev/assay";

/**
 * The rule's doc page; the id is the path under docs/rules/ (habit 1 in DESIGN.md). Undefined for
 * an id no assay rule could have (a document's own: `../../x`, `a b`), which would lead elsewhere.
 */
export function ruleHelpUri(id: string): string | undefined {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(id) ? `${INFORMATION_URI}/blob/main/docs/rules/${id}.md` : undefined;
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

/**
 * An unvouched rule's help as inert Markdown (GitHub renders `help.markdown`): its words escaped,
 * its `https:` references as text that is no link.
 */
function inertHelpMarkdown(r: RuleResult): string {
  const parts = [mdText(r.rationale), `**Remediation:** ${mdText(r.remediation)}`];
  if (r.references.length > 0) parts.push(["**References**", "", ...r.references.map((ref) => `- ${mdText(ref.title)}: ${mdText(ref.url)}`)].join("\n"));
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
  // A rule assay does not know (`assay report --from` a document): its words as SARIF plain text, where `[x](y)` would be a link.
  const own = vouched(r);
  const text = own ? (s: string) => s : sarifText;
  const helpUri = ruleHelpUri(r.id);
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: text(r.title) },
    fullDescription: { text: text(r.rationale) },
    help: { text: text(helpText(r)), markdown: own ? helpMarkdown(r) : inertHelpMarkdown(r) },
    ...(helpUri === undefined ? {} : { helpUri }),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { tags: ["security", family], precision: PRECISION[r.confidence], "security-severity": SECURITY_SEVERITY[r.severity] },
  };
}
