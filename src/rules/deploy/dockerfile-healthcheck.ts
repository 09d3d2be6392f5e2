import type { Rule } from "../types.js";
import { dockerfiles, finalStage, isShellLess, reportDocker, stageChain } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-healthcheck",
    title: "Dockerfile of a service has no HEALTHCHECK",
    severity: "low",
    check: "Dockerfile",
    references: [{ title: "Dockerfile reference: HEALTHCHECK", url: "https://docs.docker.com/reference/dockerfile/#healthcheck" }],
    rationale:
      "A service image without a HEALTHCHECK leaves Docker and Compose unable to tell a hung or half-started process from a healthy one, so nothing restarts it and dependants start against it. CN8 principle 8 (the system's state and limitations are explainable to its operator). Only images that EXPOSE a port are judged (command-line tools need none), and not those built `FROM scratch` or on a distroless or `static` base, where no shell or probe tool exists to run a check (as hadolint, which has no such rule, and Kubernetes probes leave it); Kubernetes ignores HEALTHCHECK and uses probes instead, hence the low severity.",
    remediation: "Add a HEALTHCHECK to the final stage, e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (a command that exists in the image; distroless images have no curl), or `HEALTHCHECK NONE` to say on purpose there is none.",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      const last = finalStage(df);
      // Nothing in an empty or shell-less image can run a check; a probe from outside is the way there.
      if (!last || isShellLess(df, last)) continue;
      const chain = stageChain(df, last);
      const ins = chain.flatMap((s) => s.instructions);
      if (!ins.some((i) => i.keyword === "EXPOSE") || ins.some((i) => i.keyword === "HEALTHCHECK")) continue;
      // A base image's HEALTHCHECK is inherited, and which images set one is not known offline: say
      // so. Docker's official images (docker.io/library/…) set none, by the docker-library policy.
      const root = chain[chain.length - 1]?.base;
      const base = root?.kind === "image" && !(root.ref.registry === "docker.io" && root.ref.repository.startsWith("library/")) ? root.ref.raw : undefined;
      reportDocker(ctx, df, last.from.span, { problem: `the final stage exposes a port but has no HEALTHCHECK${base ? ` (unless ${base} defines one, which it passes on)` : ""}`, principle: 8, fix: 'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app", "healthcheck"]', key: "healthcheck" });
    }
  },
};
