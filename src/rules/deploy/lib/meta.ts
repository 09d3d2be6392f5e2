import type { Reference, RuleMeta } from "../../../core/rule.js";
import type { Severity } from "../../../core/severity.js";
import { CN8_URL, PSS_URL } from "./principles.js";

/** The parts of a deploy rule's meta that differ from rule to rule; the rest is the family's. */
export interface DeployMeta {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  remediation: string;
  /** Cites the Pod Security Standards. */
  pss?: boolean;
  references?: readonly Reference[];
  check?: string;
  fixable?: boolean;
}

/** A deploy rule's meta: scored under Secure-Defaults, citing CN8 (and the PSS where it applies), cited under security functions and features. */
export function deployMeta(m: DeployMeta): RuleMeta {
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    confidence: "high",
    check: m.check ?? "Secure-Defaults",
    rationale: m.rationale,
    remediation: m.remediation,
    references: [{ title: "Secure Defaults: Cloud Native 8 (CNCF TAG-Security)", url: CN8_URL }, ...(m.pss ? [{ title: "Kubernetes Pod Security Standards", url: PSS_URL }] : []), ...(m.references ?? [])],
    network: false,
    // The template's "security relevant" features are "deployment configurations, settings": what a
    // shipped manifest or chart runs with by default belongs there, not under the Best Practices badge.
    assessmentSection: "security-functions",
    ...(m.fixable ? { fixable: true } : {}),
  };
}
