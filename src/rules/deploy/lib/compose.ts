import { lowerConfidence, type Confidence, type Severity } from "../../../core/severity.js";
import type { ComposeService } from "../../../ecosystems/compose/compose.js";
import { locate, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { asList, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { TextFileLike } from "../../types.js";
import type { RuleContext } from "../../types.js";
import type { Inherited } from "./compose-extends.js";
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
  /** For a service that extends another: where a path of its merged value was written, when the base wrote it. */
  origin?: (path: YamlPath) => Inherited | undefined;
}

/** Every service of every Compose file of the checkout, with what it takes through `extends` merged in. */
export async function composeServices(ctx: RuleContext): Promise<ServiceRef[]> {
  const inputs = await deployInputs(ctx);
  return inputs.compose.flatMap((c) => {
    if (!c.file.doc || c.baseOnly) return [];
    const extended = inputs.extended.get(c);
    return c.file.services.map((own) => {
      const ext = extended?.get(own.name);
      const service = ext ? { ...own, value: ext.value } : own;
      return { service, path: c.path, text: c.text, start: c.file.doc?.start ?? 0, end: c.file.doc?.end ?? 0, confidence: c.confidence, ...(ext ? { origin: ext.origin } : {}) };
    });
  });
}

/** Reports a finding about a Compose service, at the line of `path` (relative to the service). */
export function reportCompose(ctx: RuleContext, s: ServiceRef, path: YamlPath, f: { problem: string; principle: Principle; fix: string; key: string; severity?: Severity; confidence?: Confidence }): void {
  // A setting the service takes through `extends` is reported at its `extends:`, naming where the base wrote it.
  const origin = s.origin?.(path);
  const inherited = origin && !origin.own ? origin : undefined;
  const at = locate(s.text.text, s.start, s.end, [...s.service.path, ...(inherited ? ["extends"] : (origin?.path ?? path))]);
  const pos = s.text.positionAt(at.offset);
  let from = "";
  if (inherited) {
    const doc = inherited.entry.file.doc;
    const there = inherited.entry.text.positionAt(locate(inherited.entry.text.text, doc?.start ?? 0, doc?.end ?? 0, [...inherited.service.path, ...inherited.path]).offset);
    from = `${inherited.entry.path}:${there.line}`;
  }
  // A service with `profiles` starts only when one of them is enabled (`--profile debug`): an opt-in,
  // which is what CN8 asks of an insecure setting, so the finding is less certain to matter.
  const profiles = asList(s.service.value["profiles"]).flatMap((p) => asString(p) ?? []).slice(0, 5);
  const own = f.confidence === undefined ? s.confidence : lowerConfidence(s.confidence, f.confidence);
  ctx.report({
    message: `Compose service "${s.service.name}"${profiles.length > 0 ? ` (started only with profile ${profiles.join(" or ")})` : ""}: ${f.problem}${inherited ? `, taken through extends from service "${inherited.service.name}" (${from})` : ""} [${principle(f.principle).split(" ")[0]}]`,
    locations: [{ path: s.path, startLine: pos.line, startColumn: pos.column }],
    evidence: { resource: `service/${s.service.name}`, source: "compose", principle: principle(f.principle), ...(inherited ? { inheritedFrom: from } : {}) },
    key: `${s.path}#${s.service.name}#${f.key}`,
    fix: f.fix,
    // The lower of the file's and the finding's own: a guess about a variable's value stays a guess.
    confidence: profiles.length > 0 ? lowerConfidence(own, "medium") : own,
    ...(f.severity ? { severity: f.severity } : {}),
  });
}
