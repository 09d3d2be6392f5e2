import type { DependencyKind } from "../../../core/dependency.js";
import type { Location } from "../../../core/finding.js";
import { dockerfileParser, isDockerfilePath, type Dockerfile, type DockerSpan, type DockerStage } from "../../../ecosystems/docker/dockerfile.js";
import { filesToJudge } from "../../../core/link-out.js";
import type { RuleContext } from "../../types.js";
import { confidenceFor } from "./inputs.js";
import { principle, type Principle } from "./principles.js";
import type { Severity } from "../../../core/severity.js";

/** Every Dockerfile and Containerfile of the checkout, parsed (an unparsable one makes the rule incomplete). */
export async function dockerfiles(ctx: RuleContext): Promise<Dockerfile[]> {
  const out: Dockerfile[] = [];
  let any = false;
  // A link inside the checkout is judged through the link unless its target is a Dockerfile judged itself; one out of it cannot be read.
  const judged = await filesToJudge(ctx, isDockerfilePath);
  for (const f of ctx.files) if (f.kind === "symlink" && isDockerfilePath(f.path) && ctx.unread(f.path)?.reason === "symlink-outside") any = true;
  for (const f of judged) {
    any = true;
    const df = await ctx.parse(f.path, dockerfileParser);
    if (df) out.push(df);
  }
  if (!any) ctx.notApplicable("no Dockerfiles or Containerfiles");
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

/**
 * Base images without a shell or any tool a health check could call: Google's distroless
 * images (their `:debug` tags add busybox), Chainguard's `static`, and any `static` or
 * `*-static` image, which by convention hold only certificates and time zones.
 */
const SHELL_LESS = /^(?:[^/]{1,255}\/){0,8}(?:static|[\w.-]{1,128}-static)$/;

/** True when a stage's filesystem starts empty or from an image with no shell: nothing but what the build copies in can run there. */
export function isShellLess(df: Dockerfile, stage: DockerStage): boolean {
  const root = stageChain(df, stage).at(-1);
  if (!root) return false;
  if (root.base.kind === "scratch") return true;
  if (root.base.kind !== "image") return false;
  const { registry, repository, tag } = root.base.ref;
  if (tag !== undefined && /(?:^|-)debug(?:-|$)/.test(tag)) return false;
  const name = `${registry}/${repository}`;
  return name.startsWith("gcr.io/distroless/") || SHELL_LESS.test(repository);
}

/** The stages whose layers the image is made of: the final stage and those it builds on (`FROM build AS final`). */
export function shippedStages(df: Dockerfile): Set<number> {
  const last = finalStage(df);
  return new Set(last ? stageChain(df, last).map((s) => s.index) : []);
}

/** Reports a Dockerfile finding with its CN8 principle. */
export function reportDocker(ctx: RuleContext, df: Dockerfile, span: DockerSpan, f: { problem: string; principle: Principle; fix: string; key: string; severity?: Severity; snippet?: string; dependency?: DependencyKind }): void {
  ctx.report({
    message: `${f.problem} [${principle(f.principle).split(" ")[0]}]`,
    locations: [spanLocation(df.path, span)],
    evidence: { source: "dockerfile", principle: principle(f.principle) },
    key: `${df.path}#${f.key}`,
    fix: f.fix,
    confidence: confidenceFor(df.path),
    ...(f.snippet ? { snippet: f.snippet } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.dependency ? { dependency: f.dependency } : {}),
  });
}
