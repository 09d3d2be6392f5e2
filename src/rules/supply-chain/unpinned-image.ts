import { scorecardCountsBaseImages, scorecardSkipsTestPath } from "../../core/dependency.js";
import type { Location, TextEdit } from "../../core/finding.js";
import { dockerfileParser, type Dockerfile, type DockerStage } from "../../ecosystems/docker/dockerfile.js";
import { familiarName, parseImageRef, taggedName, type ImageRef } from "../../ecosystems/docker/image-ref.js";
import { jsoncParser } from "../../ecosystems/formats/json.js";
import type { Rule, RuleContext } from "../types.js";
import { filesToJudge } from "../../core/link-out.js";
import { dockerfiles, spanLocation } from "./lib/sources.js";

export const rule: Rule = {
  meta: {
    id: "supply-chain/unpinned-image",
    title: "Container image not pinned by digest",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "A tag such as `node:20` or `ubuntu:latest` is a pointer the image's publisher (or whoever takes over the account or registry) can move at any time: the next build silently gets different code, and a build cannot be reproduced or reviewed. A digest names exactly one image. One finding per line: a Dockerfile `FROM` on `:latest` or with no tag is reported by deploy/dockerfile-mutable-base-image (which scores under this check too); this rule reports the other unpinned `FROM` images, every image `COPY --from` pulls or a `RUN --mount=type=bind|cache,from=` mounts without a digest (`ONBUILD COPY --from=` and `ONBUILD RUN --mount` too: they pull in every build on this image), a `# syntax=` frontend other than Docker's own `docker/dockerfile` named without a digest (the build runs that image's code to read the Dockerfile), and every unpinned devcontainer image.",
    remediation:
      "Pin each base image by digest and keep the tag for readers: `FROM node:20-alpine@sha256:<digest>` (find the digest with `docker buildx imagetools inspect node:20-alpine` or `crane digest node:20-alpine`), and let Dependabot or Renovate update the digest. Multi-stage references to earlier stages and `scratch` need nothing. `assay fix` adds the digest when the same image is pinned elsewhere in the repository.",
    references: [
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "Docker: pin base image versions", url: "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions" },
      { title: "Dev Container metadata reference: image", url: "https://containers.dev/implementors/json_reference/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const files = await dockerfiles(ctx);
    const devcontainers = (await filesToJudge(ctx, (p) => /(?:^|\/)\.?devcontainer(?:\/[^/]{1,100})?\/?\.?devcontainer\.json$|^\.devcontainer\.json$/.test(p))).map((f) => f.path);
    if (files.length === 0 && devcontainers.length === 0) return ctx.notApplicable("no Dockerfiles, Containerfiles or devcontainer.json");

    const parsed: Dockerfile[] = [];
    for (const path of files) {
      const df = await ctx.parse(path, dockerfileParser);
      if (df) parsed.push(df);
    }
    // `from`: a stage's base, the one image Scorecard counts; the others are shown beside its score.
    const images: { ref: ImageRef; raw: string; location: Location; edit?: (digest: string) => TextEdit; what: string; line: string; from?: true }[] = [];
    for (const df of parsed) {
      // Scorecard leaves vendored, test-data and template Dockerfiles (and Containerfiles) out: their bases are shown, not weighed.
      const counted = scorecardCountsBaseImages(df.path);
      for (const st of df.stages) {
        // Scorecard counts `FROM <earlier stage>` as a base too, pinned as that stage's own base is:
        // a stage built on a floating one floats with it, and the earlier stage's finding is the fix.
        if (st.base.kind === "stage") {
          const root = stageRoot(df, st.base.stage);
          if (root !== undefined) ctx.dependencies(counted ? "container-image" : "other-image", 1, root === "floating" ? 1 : 0);
          continue;
        }
        // `FROM ${BASE}` with no default names no image here, so it is no finding; Scorecard counts
        // what is written, unpinned unless it carries a digest (`…@sha256:${DIGEST}` counts as one).
        // A template's placeholder (`{{ … }}`) is left alone: the file is rendered before any build.
        if (st.base.kind === "unresolved" && !TEMPLATE_TAG.test(st.image)) {
          ctx.dependencies(counted ? "container-image" : "other-image", 1, scorecardPinned(st) ? 0 : 1);
          continue;
        }
        if (st.base.kind !== "image") continue;
        // `:latest` and untagged bases belong to deploy/dockerfile-mutable-base-image: one finding per line.
        if (isMutableBase(st.base.ref)) continue;
        const written = st.image;
        // The digest goes at the end of the image as written, when the image is written out (no variables in it).
        const offset = st.from.sourceOffset(st.from.args.indexOf(written)) + written.length;
        const text = await ctx.readText(df.path);
        const editable = !written.includes("$") && text !== undefined && text.text.slice(offset - written.length, offset) === written;
        images.push({
          ref: st.base.ref,
          raw: st.resolved,
          location: spanLocation(df.path, st.imageSpan),
          what: `FROM ${written}${written !== st.resolved ? ` (${st.resolved}${st.emptyArgs.length > 0 ? ` when the build passes no ${st.emptyArgs.join(", ")}` : ""})` : ""}`,
          line: `FROM ${st.platform ? `--platform=${st.platform} ` : ""}${written}`,
          ...(counted ? { from: true as const } : {}),
          ...(editable ? { edit: (digest: string) => ({ path: df.path, offset, replace: "", with: `@${digest}` }) } : {}),
        });
      }
    }
    for (const df of parsed) {
      // `# syntax=` names the BuildKit frontend: the build pulls that image and runs its code to
      // read the Dockerfile. Docker's own (docker/dockerfile) ships with the tool's trust; another
      // one behind a tag is code its publisher can change under every build.
      const frontend = df.directives["syntax"];
      const fref = frontend ? parseImageRef(frontend) : undefined;
      if (frontend && fref && !fref.digest && !OFFICIAL_FRONTEND.has(familiarName(fref))) {
        const line = df.directiveLines["syntax"] ?? 1;
        images.push({ ref: fref, raw: frontend, location: { path: df.path, startLine: line, startColumn: 1 }, what: `# syntax=${frontend} (a BuildKit frontend whose code the build runs)`, line: `# syntax=${frontend}` });
      }
      // `COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv` pulls an image as surely as FROM does
      // (an earlier stage's name or index is not an image). No other rule reports its tag.
      for (const ins of df.instructions) {
        const flag = ins.keyword === "COPY" ? ins.flags.find((f) => f.name === "from") : undefined;
        if (!flag?.value) continue;
        const src = df.source(flag.value, ins);
        if (src.kind !== "image") continue;
        images.push({ ref: src.ref, raw: df.expand(flag.value, ins).value, location: spanLocation(df.path, flag.span), what: `COPY --from=${flag.value}`, line: `COPY --from=${flag.value}` });
      }
      // `RUN --mount=type=bind,from=alpine:3.20,target=/x` (and a cache mount's `from=`) mounts an
      // image's files into the build step: an image pulled as COPY --from pulls it.
      for (const ins of df.instructions) {
        if (ins.keyword !== "RUN") continue;
        for (const flag of ins.flags) {
          const from = flag.name === "mount" && flag.value ? mountFrom(flag.value) : undefined;
          if (!from) continue;
          const src = df.source(from, ins);
          if (src.kind !== "image") continue;
          images.push({ ref: src.ref, raw: df.expand(from, ins).value, location: spanLocation(df.path, flag.span), what: `RUN --mount=…from=${from}`, line: `RUN --mount=${flag.value}` });
        }
      }
      // `ONBUILD COPY --from=image …` pulls the image in every build FROM this one. A bare name
      // there may be a stage of the child's Dockerfile, and a variable the child's ARG: only a
      // value a stage name cannot be (`/`, `:`, `@` are not allowed in one) is surely an image.
      for (const top of df.instructions) {
        const ins = top.keyword === "ONBUILD" ? top.trigger : undefined;
        const flags = ins?.keyword === "COPY" ? ins.flags.filter((f) => f.name === "from") : ins?.keyword === "RUN" ? ins.flags.filter((f) => f.name === "mount") : [];
        for (const flag of flags) {
          const value = flag.name === "mount" && flag.value ? mountFrom(flag.value) : flag.value;
          if (!value || value.includes("$") || !/[/:@]/.test(value)) continue;
          const ref = parseImageRef(value);
          if (!ref) continue;
          const what = flag.name === "mount" ? `ONBUILD RUN --mount=…from=${value}` : `ONBUILD COPY --from=${value}`;
          images.push({ ref, raw: value, location: spanLocation(df.path, flag.span), what, line: flag.name === "mount" ? `ONBUILD RUN --mount=${flag.value}` : what });
        }
      }
    }
    for (const path of devcontainers) {
      const json = await ctx.parse(path, jsoncParser);
      const image = (json?.value as { image?: unknown } | undefined)?.image;
      if (!json || typeof image !== "string") continue;
      const ref = parseImageRef(image);
      if (!ref) continue;
      const at = json.locate(["image"]);
      const text = await ctx.readText(path);
      // Offset of the value: the key's position, then the quoted value after it.
      const valueAt = at && text ? text.text.indexOf(JSON.stringify(image), at.offset) : -1;
      images.push({
        ref,
        raw: image,
        location: { path, startLine: at?.line ?? 1, startColumn: at?.column ?? 1 },
        what: `devcontainer image ${image}`,
        line: `"image": "${image}"`,
        ...(valueAt >= 0 ? { edit: (digest: string) => ({ path, offset: valueAt + JSON.stringify(image).length - 1, replace: "", with: `@${digest}` }) } : {}),
      });
    }

    // Digests the repository already uses for a tag: the fix `assay fix` can apply offline.
    const known = knownDigests(images.map((i) => i.ref));
    ctx.dependencies("container-image", images.filter((i) => i.from).length);
    ctx.dependencies("other-image", images.filter((i) => !i.from).length);
    for (const img of images) {
      if (img.ref.digest) continue;
      const name = taggedName(img.ref);
      const digest = known.get(name);
      const pinned = `${img.raw.replace(/@.*$/, "")}@${digest ?? "sha256:<digest>"}`;
      report(ctx, img, name, pinned, digest);
    }
  },
};

/**
 * The `from=` of a RUN mount (`type=bind,from=alpine:3.20,target=/x`): the stage, build context or
 * image whose files a bind or cache mount starts from. The value is CSV as BuildKit reads it
 * (a field may be double-quoted); keys are case-insensitive. Secret, SSH and tmpfs mounts take none.
 */
export function mountFrom(value: string): string | undefined {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < value.length && fields.length < 64; i++) {
    const c = value[i] as string;
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  let type = "bind";
  let from: string | undefined;
  for (const f of fields) {
    const eq = f.indexOf("=");
    const key = (eq < 0 ? f : f.slice(0, eq)).trim().toLowerCase();
    const v = eq < 0 ? "" : f.slice(eq + 1).trim();
    if (key === "type") type = v.toLowerCase();
    else if (key === "from") from = v;
  }
  return (type === "bind" || type === "cache") && from ? from : undefined;
}

/** A template engine's tag in a FROM line (`{{ … }}`, `{% … %}`, `<% … %>`, `@VAR@`), as the mutable-base rule reads it. */
const TEMPLATE_TAG = /\{\{|\{%|<%|%%|@[A-Z_]{1,40}@/;
/** What Scorecard takes for a digest in a FROM it cannot resolve: `@sha256:` and 64 hex digits, or a variable. */
const SCORECARD_DIGEST = /@sha256:(?:[a-f\d]{64}|\$\{)/;

/** Whether the image an earlier stage (and so every stage built FROM it) starts from is pinned; undefined when it cannot be resolved. */
function stageRoot(df: Dockerfile, stage: number): "pinned" | "floating" | undefined {
  let i = stage;
  // Stages name only earlier ones, so this ends; the bound is for safety.
  for (let hops = 0; hops < 256; hops++) {
    const st = df.stages[i];
    const base = st?.base;
    if (st === undefined || base === undefined) return undefined;
    // A variable with no default: pinned only as Scorecard reads the text (see scorecardPinned).
    if (base.kind === "unresolved") return TEMPLATE_TAG.test(st.image) ? undefined : scorecardPinned(st) ? "pinned" : "floating";
    if (base.kind === "scratch") return "pinned";
    if (base.kind === "image") return base.ref.digest ? "pinned" : "floating";
    i = base.stage;
  }
  return undefined;
}

/** Whether Scorecard takes a FROM it cannot resolve for pinned: the text carries `@sha256:` and a digest or a variable. */
function scorecardPinned(st: DockerStage): boolean {
  return SCORECARD_DIGEST.test(st.image) || SCORECARD_DIGEST.test(st.resolved);
}

/** Docker's own Dockerfile frontends, which `# syntax=docker/dockerfile:1` is documented to name. */
const OFFICIAL_FRONTEND = new Set(["docker/dockerfile", "docker/dockerfile-upstream"]);

/** A base with no digest and no tag, or `:latest`: the mutable-base rule's case. */
function isMutableBase(ref: ImageRef): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag.toLowerCase() === "latest");
}

function knownDigests(refs: readonly ImageRef[]): Map<string, string> {
  const out = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const r of refs) {
    if (!r.digest || !r.tag) continue;
    const name = taggedName(r);
    if (out.has(name) && out.get(name) !== r.digest) conflicting.add(name);
    out.set(name, r.digest);
  }
  // Two different digests for one tag: which is current is not known offline, so neither is applied.
  for (const c of conflicting) out.delete(c);
  return out;
}

function report(ctx: RuleContext, img: { location: Location; what: string; line: string; edit?: (d: string) => TextEdit; from?: true }, name: string, pinned: string, digest: string | undefined): void {
  const latest = !name.includes(":") || name.endsWith(":latest");
  ctx.report({
    message: `${img.what} is not pinned by digest${latest && !img.what.includes(":latest") ? " (no tag: it follows latest)" : ""}${digest ? `; the repository pins ${name} to ${digest.slice(0, 19)}… elsewhere` : ""}`,
    locations: [img.location],
    snippet: img.line,
    evidence: { image: name, digestKnown: digest !== undefined },
    key: name,
    // Under testdata/ or src/test/ it is most likely a fixture.
    ...(scorecardSkipsTestPath(img.location.path) ? { confidence: "low" as const } : {}),
    dependency: img.from ? "container-image" : "other-image",
    fix: digest ? pinned : `${pinned}   (get the digest: docker buildx imagetools inspect ${name})`,
    ...(digest && img.edit ? { edits: [img.edit(digest)] } : {}),
  });
}
