import { isMap, isSeq } from "yaml";
import { mapEntries, mapGet } from "../../ecosystems/formats/yaml.js";
import { str, type Job, type Str, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Severity } from "../../core/severity.js";
import type { Rule } from "../types.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unpinned-images",
    title: "Job container or service image not pinned by digest",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "A job's `container:` and `services:` run as the image's publisher built it, with the job's token and secrets around them. A tag (and above all `latest`, or no tag) can be re-pushed to different content at any time; only a `@sha256:` digest names one image forever. A tag without a digest is reported in the pedantic persona only, as zizmor does; `latest` or no tag, in every scan.",
    remediation:
      "Pin images by digest, keeping the tag for people: `image: node:20.11@sha256:<digest>` (`docker buildx imagetools inspect node:20.11` prints it), and let Dependabot (`package-ecosystem: docker`) or Renovate update it.",
    references: [
      { title: "GitHub: jobs.<job_id>.container", url: "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainer" },
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "zizmor: unpinned-images", url: "https://docs.zizmor.sh/audits/#unpinned-images" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    // Images judged, pinned or not: with none, there is nothing to pin (Scorecard scores only kinds a repository uses).
    let judged = 0;
    for (const wf of inputs.workflows) {
      for (const job of wf.jobs) {
        const images: [string, Str][] = [];
        if (job.container?.image) images.push(["the job container", job.container.image]);
        for (const s of job.services) if (s.image) images.push([`service \`${s.id}\``, s.image]);
        judged += images.length;
        for (const [what, image] of images) {
          for (const value of expand(wf, job, image)) {
            if (value.trim() !== "" && !value.includes("${{")) ctx.dependencies("other-image");
            const j = judge(value);
            if (!j) continue;
            ctx.report({
              message: `${what} of job \`${job.id}\` in ${wf.path} uses \`${clip(value, 100)}\`, ${j.why}`,
              locations: [at(wf.path, image.span)],
              severity: j.severity,
              ...(j.persona ? { persona: j.persona } : {}),
              key: `${job.id}:${what}:${value}`,
              dependency: "other-image",
              fix: `image: ${value.replace(/@.*$/, "")}@sha256:<digest>`,
            });
          }
        }
      }
    }
    for (const a of inputs.actions) {
      const image = a.runs.image;
      if (!image || !/^docker:\/\//i.test(image.value.trim())) continue;
      judged++;
      const value = image.value.trim().slice("docker://".length);
      if (value !== "" && !value.includes("${{")) ctx.dependencies("other-image");
      const j = judge(value);
      if (j) ctx.report({ message: `the Docker action ${a.path} runs \`${clip(value, 100)}\`, ${j.why}`, locations: [at(a.path, image.span)], severity: j.severity, ...(j.persona ? { persona: j.persona } : {}), key: `action:${value}`, dependency: "other-image", fix: `image: docker://${value.replace(/@.*$/, "")}@sha256:<digest>` });
    }
    if (judged === 0) ctx.notApplicable("no job container, service or Docker action image in the workflows");
  },
};

/**
 * How an image reference is pinned; undefined when it is pinned by digest (or cannot be judged). A
 * tag without a digest is pedantic, as in zizmor: it is a pin, only one its publisher can move.
 */
function judge(ref: string): { severity: Severity; why: string; persona?: "pedantic" } | undefined {
  const v = ref.trim();
  if (v === "" || v.includes("${{") || /@sha256:[0-9a-f]{64}$/i.test(v)) return undefined;
  const name = v.replace(/@.*$/, "");
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  if (!tag || tag === "latest") return { severity: "high", why: tag ? "the `latest` tag, which changes with every release" : "no tag at all (so `latest`, which changes with every release)" };
  return { severity: "low", why: `the tag \`${tag}\`, which can be re-pushed: pin it by digest`, persona: "pedantic" };
}

/** An image's possible values: itself, or the static matrix values it expands to. */
function expand(wf: Workflow, job: Job, image: Str): string[] {
  const m = /^\s*\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}\s*$/.exec(image.value);
  if (!m) return [image.value];
  const key = m[1] as string;
  const out: string[] = [];
  const collect = (node: unknown): void => {
    const s = str(wf.yaml, node);
    if (s) out.push(s.value);
    else if (isSeq(node)) for (const i of node.items) collect(i);
  };
  const matrix = mapGet(job.strategy, "matrix");
  for (const e of mapEntries(matrix)) {
    if (e.key === key) collect(e.value);
    else if (e.key === "include" && isSeq(e.value)) for (const item of e.value.items) if (isMap(item)) collect(mapGet(item, key));
  }
  return out;
}
