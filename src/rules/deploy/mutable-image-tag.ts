import { dirOf } from "../../core/checkout-path.js";
import { familiarName, parseImageRef } from "../../ecosystems/docker/image-ref.js";
import { overrideImage } from "../../ecosystems/kubernetes/kustomization.js";
import { interpolateDefaults } from "../../ecosystems/compose/compose.js";
import { asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { dotEnvIn } from "./lib/inputs.js";
import { kustomizeImages } from "./lib/kustomize.js";
import { skaffoldImages } from "./lib/skaffold.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads, type DeployFinding } from "./lib/report.js";

const LATEST = "uses the :latest tag";

/**
 * Why an image reference is mutable, or undefined when it names a fixed release or a digest, or
 * is not a reference at all (a template or variable left in it cannot be judged as "no tag").
 */
export function mutableTag(ref: string): string | undefined {
  const img = parseImageRef(ref);
  if (!img) return emptyTag(ref);
  if (img.digest !== undefined) return undefined;
  if (img.tag === undefined) return "has no tag, so it means :latest";
  if (img.tag.toLowerCase() === "latest") return LATEST;
  return undefined;
}

/**
 * `repo:` is no reference, but it is what a chart's `"{{ .Values.image.repository }}:{{
 * .Values.image.tag }}"` renders when the default tag is left empty: no release is named, and
 * whoever installs it picks one (or the pod fails with InvalidImageName).
 */
function emptyTag(ref: string): string | undefined {
  const s = ref.trim();
  if (!s.endsWith(":") || s.includes("@")) return undefined;
  const bare = parseImageRef(s.slice(0, -1));
  return bare && bare.tag === undefined ? "has an empty tag, so it names no release" : undefined;
}

/** The fix: the image at a release tag and its digest. */
function pinned(ref: string): string {
  const img = parseImageRef(ref);
  return `image: ${img ? familiarName(img) : ref.trim()}:<release>@sha256:<digest>`;
}

/** The images Skaffold builds for manifests under a folder: those of every skaffold.yaml above it. */
function builtFor(built: ReadonlyMap<string, ReadonlySet<string>>, path: string): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const [dir, names] of built) {
    if (dir !== "" && !path.startsWith(`${dir}/`)) continue;
    out ??= new Set();
    for (const n of names) out.add(n);
  }
  return out;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/mutable-image-tag",
    title: "Image uses :latest or no tag",
    severity: "medium",
    references: [{ title: "Kubernetes: configuration best practices, container images", url: "https://kubernetes.io/docs/concepts/configuration/overview/#container-images" }],
    rationale:
      "An image without a tag, or tagged :latest, means whatever the registry serves at pull time: two nodes can run different code, a rollback does not roll back, and whoever can push to the repository changes what every user runs. The deployment no longer says what it deploys. CN8 principle 7 (defaults that protect against pervasive exploits: here, a poisoned or broken latest). Pinning by digest is reported separately under Pinned-Dependencies.",
    remediation: "Reference a fixed release tag, best with its digest: `image: ghcr.io/org/app:1.4.2@sha256:…`. In a chart, default the tag to `.Chart.AppVersion`.",
  }),

  async run(ctx) {
    const kustomized = await kustomizeImages(ctx);
    const built = await skaffoldImages(ctx);
    for (const w of await workloads(ctx)) {
      const overrides = w.subject.source === "manifest" ? kustomized.get(w.subject.path) : undefined;
      const skaffold = w.subject.source === "manifest" ? builtFor(built, w.subject.path) : undefined;
      for (const c of w.containers) {
        const v = c.value["image"];
        const path = [...c.path, "image"];
        if (v === undefined || unresolved(ctx, w.subject, path, v)) continue;
        const written = asString(v);
        if (written === undefined || written.trim() === "") continue;
        // The image kustomize deploys: its `images:` entry for this name wins over the placeholder
        // written here; an overlay's render applies every kustomization's entries on the way out.
        // A replacement that wrote the image ran after the images: entries applied so far (kustomize's order): only later ones rewrite it.
        const skip = w.subject.imagesReplaced?.get(path.join("\u0000"));
        const lists = skip !== undefined ? (w.subject.images ?? []).slice(skip) : w.subject.images;
        const ref = lists ? lists.reduce((r, o) => overrideImage(r, o), written.trim()) : overrides ? overrideImage(written.trim(), overrides) : written;
        // An image Skaffold builds is replaced by the one it built, tagged (and pinned) at deploy time.
        if (skaffold?.has(ref.trim())) continue;
        const why = mutableTag(ref);
        if (!why) continue;
        const shown = ref === written ? ref : `${written} (${ref} once kustomize's images: entry applies)`;
        // A chart's `"{{ .Values.image.repository }}:{{ .Values.image.tag }}"`: the tag's own line decides `:latest`.
        const tagAt = ref === written && why === LATEST ? written.lastIndexOf(":") + 1 : undefined;
        const finding: DeployFinding = { problem: `${containerLabel(c)} image ${shown} ${why}`, path, principle: 7, fix: pinned(ref), key: `${c.list}/${c.name}/${written}` };
        if (tagAt !== undefined) finding.within = tagAt;
        reportAt(ctx, w.subject, finding);
      }
    }
    for (const s of await composeServices(ctx)) {
      const written = asString(s.service.value["image"]);
      if (!written || s.service.value["build"] !== undefined) continue;
      if (!written.includes("$")) {
        const why = mutableTag(written);
        if (why) reportCompose(ctx, s, ["image"], { problem: `image ${written} ${why}`, principle: 7, fix: pinned(written), key: `image:${written}` });
        continue;
      }
      // `app:${TAG:-latest}` deploys latest unless whoever runs Compose sets TAG; a .env file beside
      // the Compose file (read by Compose for interpolation) may set it, so then it cannot be judged.
      const ref = ctx.has(dotEnvIn(dirOf(s.path))) ? undefined : interpolateDefaults(written);
      const why = ref === undefined ? undefined : mutableTag(ref);
      if (ref === undefined || !why) continue;
      reportCompose(ctx, s, ["image"], { problem: `image ${written} (${ref} unless its variables are set) ${why}`, principle: 7, fix: pinned(ref), key: `image:${written}`, confidence: "medium" });
    }
  },
};
