import type { Rule } from "../types.js";
import { dockerfiles, finalStage, reportDocker, spanLocation, stageChain } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";

/**
 * Base images that are known to set a non-root user themselves: distroless `:nonroot`, the
 * `-unprivileged`/`-rootless` variants, .NET's `-chiseled` images (user `app`) and Chainguard's
 * images, which their publishers document as running as non-root by default.
 */
const NON_ROOT_BASE = /(?:nonroot|non-root|unprivileged|rootless|-chiseled|^cgr\.dev\/chainguard\/)/i;

/**
 * Windows base images (Server Core, Nano Server, and the .NET Framework tags built on them): there
 * is no root, the default account is chosen with `USER ContainerUser`, and Kubernetes' runAsNonRoot
 * does not apply to Windows pods.
 */
const WINDOWS_BASE = /(?:^|[/:-])(?:windowsservercore|servercore|nanoserver|windows)(?:[/:-]|$)/i;

/**
 * Repositories Microsoft publishes for Windows only, whatever the tag says: the .NET Framework
 * images (`mcr.microsoft.com/dotnet/framework/*`, and on Docker Hub the retired
 * `microsoft/dotnet-framework`, `-build`, `aspnet`, `iis`), all built on Server Core.
 */
const WINDOWS_REPOSITORY = /^(?:docker\.io\/microsoft\/(?:dotnet-framework(?:-[a-z]{1,20})?|aspnet|iis|wcf)|mcr\.microsoft\.com\/dotnet\/framework\/[a-z-]{1,40})$/;

/** Instructions of an image that only carries files: FROM, COPY, ADD and metadata. */
const BUNDLE_ONLY = new Set(["FROM", "COPY", "ADD", "LABEL", "ARG"]);

/** True when a USER value names root (`root`, `0`, `0:0`, `root:root`). */
function isRoot(user: string): boolean {
  const u = user.trim().split(":")[0] ?? "";
  return u === "root" || u === "0";
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-root-user",
    title: "Dockerfile's image runs as root",
    severity: "medium",
    check: "Dockerfile",
    references: [{ title: "Dockerfile reference: USER", url: "https://docs.docker.com/reference/dockerfile/#user" }, { title: "Docker build checks", url: "https://docs.docker.com/reference/build-checks/" }],
    rationale:
      "Without a USER instruction the image's processes run as root, and every orchestrator that runs it without an override (docker run, Compose, a Pod without runAsNonRoot) gives an attacker root inside the container, one kernel bug away from the host. CN8 principle 7 cites running as non-root as the default that has protected users from container runtime vulnerabilities. Only the final stage matters: build stages may run as root. Windows images (Server Core, Nano Server, the .NET Framework images) have no root user and are not judged, nor are images built from scratch of nothing but COPY, ADD and LABEL (files other images copy from; nothing runs there). `ONBUILD USER root` in an image that itself runs as non-root is reported at this rule's default severity: the trigger runs right after the FROM of every image built on it, so a child that sets no USER runs as root.",
    remediation: "Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-create-home app` then `USER 10001` (numeric, so Kubernetes' runAsNonRoot can verify it), or build on a distroless `:nonroot` base.",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      const last = finalStage(df);
      if (!last) continue;
      const chain = stageChain(df, last);
      let user: { value: string; line: number } | undefined;
      let userIns;
      for (const st of chain) {
        const users = st.instructions.filter((i) => i.keyword === "USER");
        const u = users[users.length - 1];
        if (u) {
          user = { value: df.expand(u.args.trim(), u).value, line: u.span.line };
          userIns = u;
          break;
        }
      }
      const root = chain[chain.length - 1];
      const baseRef = root?.base.kind === "image" ? root.base.ref : undefined;
      const baseName = baseRef?.raw ?? "";
      // `ONBUILD USER root` runs right after the FROM of every image built on this one (Dockerfile
      // reference, ONBUILD): a child that sets no USER of its own runs as root although this image
      // does not. Reported when this image itself is not already reported as root; the last trigger
      // counts (`ONBUILD USER root` … `ONBUILD USER app` hands children a non-root user).
      const triggers = last.instructions.flatMap((i) => (i.keyword === "ONBUILD" && i.trigger?.keyword === "USER" ? [{ top: i, value: df.expand(i.trigger.args.trim(), i).value }] : []));
      const onbuild = triggers[triggers.length - 1];
      const onbuildRoot = onbuild && isRoot(onbuild.value) ? onbuild : undefined;
      const reportOnbuild = (): void => {
        if (!onbuildRoot) return;
        reportDocker(ctx, df, onbuildRoot.top.span, { problem: `ONBUILD USER ${onbuildRoot.value} switches every image built FROM this one to root, so a child that sets no USER of its own runs as root`, principle: 7, fix: "# remove ONBUILD USER root; children that need root say USER root themselves", key: "onbuild-user-root" });
      };
      if (user && userIns) {
        if (isRoot(user.value)) reportDocker(ctx, df, userIns.span, { problem: `the final stage switches to USER ${user.value}, so the image runs as root`, principle: 7, fix: "USER 10001", key: "user-root", severity: "high" });
        else reportOnbuild();
        continue;
      }
      if (NON_ROOT_BASE.test(baseName)) {
        // Passed on the publisher's word, not on anything this file says: the pass says so.
        ctx.evidence({ message: `the final stage sets no USER and runs as the user ${baseName} sets: its publisher documents it as non-root (distroless \`:nonroot\` is uid 65532); a USER with a numeric id would let Kubernetes' runAsNonRoot verify it`, locations: [spanLocation(df.path, last.from.span)] });
        reportOnbuild();
        continue;
      }
      if (WINDOWS_BASE.test(baseName) || (baseRef && WINDOWS_REPOSITORY.test(`${baseRef.registry}/${baseRef.repository}`))) continue;
      // `ARG BASE` then `FROM $BASE`: the image is the caller's choice, and so is its user.
      const unnamed = root?.base.kind === "unresolved" && root.base.missing.length > 0 ? root.base.missing : undefined;
      // An image built from scratch of nothing but files is a bundle other images copy from
      // (`COPY --from=`): nothing runs in it. ENV, EXPOSE, WORKDIR… say it is meant to run.
      if (root?.base.kind === "scratch" && chain.every((st) => st.instructions.every((i) => BUNDLE_ONLY.has(i.keyword)))) continue;
      reportDocker(ctx, df, last.from.span, {
        problem: `the final stage${last.name ? ` "${last.name}"` : ""} sets no USER, so the image runs as root${baseName ? ` unless ${baseName} sets one` : unnamed && root ? ` unless ${root.image} sets one (build argument${unnamed.length > 1 ? "s" : ""} ${unnamed.join(", ")} ${unnamed.length > 1 ? "have" : "has"} no default: the build names the image)` : ""}`,
        principle: 7,
        fix: "RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app\nUSER 10001",
        key: "no-user",
      });
    }
  },
};
