import type { Location } from "../../../core/finding.js";
import { dockerfileParser, isDockerfilePath, type Dockerfile, type DockerSpan, type DockerStage } from "../../../ecosystems/docker/dockerfile.js";
import type { RuleContext } from "../../types.js";
import { confidenceFor } from "./inputs.js";
import { principle, type Principle } from "./principles.js";
import type { Severity } from "../../../core/severity.js";

/** Every Dockerfile and Containerfile of the checkout, parsed (an unparsable one makes the rule incomplete). */
export async function dockerfiles(ctx: RuleContext): Promise<Dockerfile[]> {
  const out: Dockerfile[] = [];
  for (const f of ctx.files) {
    if (f.kind !== "file" || !isDockerfilePath(f.path)) continue;
    const df = await ctx.parse(f.path, dockerfileParser);
    if (df) out.push(df);
  }
  return out;
}

/** A span as a finding location. */
export function spanLocation(path: string, s: DockerSpan): Location {
  return { path, startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/** The stage that becomes the image by default: the last one. */
export function finalStage(df: Dockerfile): DockerStage | undefined {
  return df.stages[df.stages.length - 1];
}

/** The stages a stage builds on (`FROM builder`), itself first, ending at an image or scratch. */
export function stageChain(df: Dockerfile, stage: DockerStage): DockerStage[] {
  const out: DockerStage[] = [];
  let cur: DockerStage | undefined = stage;
  while (cur && out.length < 64 && !out.includes(cur)) {
    out.push(cur);
    cur = cur.base.kind === "stage" ? df.stages[cur.base.stage] : undefined;
  }
  return out;
}

/** Reports a Dockerfile finding with its CN8 principle. */
export function reportDocker(ctx: RuleContext, df: Dockerfile, span: DockerSpan, f: { problem: string; principle: Principle; fix: string; key: string; severity?: Severity; snippet?: string }): void {
  ctx.report({
    message: `${f.problem} [${principle(f.principle).split(" ")[0]}]`,
    locations: [spanLocation(df.path, span)],
    evidence: { source: "dockerfile", principle: principle(f.principle) },
    key: `${df.path}#${f.key}`,
    fix: f.fix,
    confidence: confidenceFor(df.path),
    ...(f.snippet ? { snippet: f.snippet } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
  });
}
