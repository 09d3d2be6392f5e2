import { lowerConfidence, type Confidence, type Severity } from "../../../core/severity.js";
import type { ComposeService } from "../../../ecosystems/compose/compose.js";
import { locate, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { asList, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { TextFileLike } from "../../types.js";
import type { RuleContext } from "../../types.js";
import { deployInputs } from "./inputs.js";
import { principle, type Principle } from "./principles.js";

/** A Compose service with the file it is in. */
export interface ServiceRef {
  service: ComposeService;
  path: string;
  text: TextFileLike;
  start: number;
  end: number;
  confidence: Confidence;
}

/** Every service of every Compose file of the checkout. */
export async function composeServices(ctx: RuleContext): Promise<ServiceRef[]> {
  const inputs = await deployInputs(ctx);
  return inputs.compose.flatMap((c) => (c.file.doc ? c.file.services.map((service) => ({ service, path: c.path, text: c.text, start: c.file.doc?.start ?? 0, end: c.file.doc?.end ?? 0, confidence: c.confidence })) : []));
}

/** Reports a finding about a Compose service, at the line of `path` (relative to the service). */
export function reportCompose(ctx: RuleContext, s: ServiceRef, path: YamlPath, f: { problem: string; principle: Principle; fix: string; key: string; severity?: Severity; confidence?: Confidence }): void {
  const at = locate(s.text.text, s.start, s.end, [...s.service.path, ...path]);
  const pos = s.text.positionAt(at.offset);
  // A service with `profiles` starts only when one of them is enabled (`--profile debug`): an opt-in,
  // which is what CN8 asks of an insecure setting, so the finding is less certain to matter.
  const profiles = asList(s.service.value["profiles"]).flatMap((p) => asString(p) ?? []).slice(0, 5);
  const own = f.confidence === undefined ? s.confidence : lowerConfidence(s.confidence, f.confidence);
  ctx.report({
    message: `Compose service "${s.service.name}"${profiles.length > 0 ? ` (started only with profile ${profiles.join(" or ")})` : ""}: ${f.problem} [${principle(f.principle).split(" ")[0]}]`,
    locations: [{ path: s.path, startLine: pos.line, startColumn: pos.column }],
    evidence: { resource: `service/${s.service.name}`, source: "compose", principle: principle(f.principle) },
    key: `${s.path}#${s.service.name}#${f.key}`,
    fix: f.fix,
    // The lower of the file's and the finding's own: a guess about a variable's value stays a guess.
    confidence: profiles.length > 0 ? lowerConfidence(own, "medium") : own,
    ...(f.severity ? { severity: f.severity } : {}),
  });
}
