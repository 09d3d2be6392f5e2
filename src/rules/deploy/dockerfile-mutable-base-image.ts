import { scorecardCountsBaseImages } from "../../core/dependency.js";
import type { Rule } from "../types.js";
import { dockerfiles, reportDocker } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-mutable-base-image",
    title: "Dockerfile builds on :latest or an untagged image",
    severity: "medium",
    // About pinning: it scores under supply-chain's Pinned-Dependencies, which owns every unpinned base.
    check: "Pinned-Dependencies",
    references: [{ title: "Dockerfile reference: FROM", url: "https://docs.docker.com/reference/dockerfile/#from" }],
    rationale:
      "`FROM image` without a tag means `:latest`: whatever the publisher pushed last, a different operating system release from one build to the next, and a rebuild that silently changes everything under the application. CN8 principle 5: a secure default is only inherited from a base that is a known one. One finding per line: this rule owns a `FROM` on `:latest` or with no tag (and scores under Pinned-Dependencies); a tagged base without a digest is reported by supply-chain/unpinned-image instead.",
    remediation: "Name a release tag, e.g. `FROM python:3.12.7-slim-bookworm` (better with its digest, `@sha256:…`), and update it deliberately (Dependabot and Renovate both update Dockerfile tags).",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      for (const st of df.stages) {
        if (st.base.kind === "unresolved") {
          const at = { path: df.path, line: st.imageSpan.line, column: st.imageSpan.column };
          // `ARG BASH` then `FROM bash:$BASH` (pyenv's test image): without the build argument the
          // build fails, so the Dockerfile ships no default base to judge; the caller names one.
          if (st.base.missing.length > 0) ctx.evidence({ message: `FROM ${st.image} takes its base from build argument${st.base.missing.length > 1 ? "s" : ""} ${st.base.missing.join(", ")}, which ${st.base.missing.length > 1 ? "have" : "has"} no default: whoever builds it names the image, there is no default base to judge`, locations: [{ path: at.path, startLine: at.line, startColumn: at.column }] });
          // `FROM python:{{ cookiecutter.python_version }}-slim`: a template's placeholder, filled in
          // when the project is generated from it; what it becomes is the generator's answer.
          else if (/\{\{|\{%|<%|%%|@[A-Z_]{1,40}@/.test(st.image)) ctx.evidence({ message: `FROM ${st.image} is a template's placeholder: the file is rendered before any build, so there is no base to judge here`, locations: [{ path: at.path, startLine: at.line, startColumn: at.column }] });
          else ctx.incomplete(`FROM ${st.image} cannot be resolved`, at);
          continue;
        }
        if (st.base.kind !== "image" || st.base.ref.digest) continue;
        const tag = st.base.ref.tag;
        if (tag !== undefined && tag.toLowerCase() !== "latest") continue;
        // The tagged ones are supply-chain/unpinned-image's to count; Scorecard leaves vendored, test and template Dockerfiles out.
        const kind = scorecardCountsBaseImages(df.path) ? "container-image" : "other-image";
        ctx.dependencies(kind);
        reportDocker(ctx, df, st.imageSpan, {
          problem: `FROM ${st.image} ${tag === undefined ? "has no tag, so it builds on whatever :latest is" : "builds on :latest"}${st.resolved !== st.image ? ` (resolves to ${st.resolved}${unset(st.emptyArgs)})` : ""}`,
          principle: 5,
          fix: `FROM ${st.resolved.replace(/:latest$/i, "")}:<release>@sha256:<digest>`,
          key: `from/${st.index}/${st.resolved}`,
          dependency: kind,
        });
      }
    }
  },
};

/** Says which build arguments the resolved image takes as empty (none given to the build). */
function unset(args: readonly string[]): string {
  return args.length === 0 ? "" : ` when the build passes no ${args.join(", ")}`;
}
