import type { Rule } from "../types.js";
import { dockerfiles, reportDocker } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-add-url",
    title: "Dockerfile ADDs a remote URL without a checksum",
    severity: "medium",
    check: "Dockerfile",
    references: [{ title: "Dockerfile reference: ADD --checksum", url: "https://docs.docker.com/reference/dockerfile/#add---checksum" }],
    rationale:
      "`ADD https://…` downloads at build time whatever the server returns, with no integrity check, into the image: a compromised or hijacked server (or a moved release asset) changes the image without any change to the repository. CN8 principle 7 (protect against pervasive exploits: tampered downloads). Git sources (`ADD https://…git`) are fine only when pinned to a commit.",
    remediation: "Add `--checksum=sha256:<digest>` to the ADD (BuildKit verifies it), or download with `RUN curl -fsSLo file URL && echo \"<sha256>  file\" | sha256sum -c -`; for git sources pin a commit (`#<sha>`).",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      for (const ins of df.instructions) {
        if (ins.keyword !== "ADD" || ins.flags.some((f) => f.name === "checksum")) continue;
        const sources = ins.form === "exec" && ins.exec ? ins.exec.slice(0, -1).map((x) => x.value) : ins.args.trim().split(/\s+/).slice(0, -1);
        for (const raw of sources) {
          const src = df.expand(raw, ins).value;
          if (!/^(?:https?|ftp):\/\//i.test(src) && !/^git@/.test(src)) continue;
          const git = /\.git(?:#|$)/.test(src) || /^git@/.test(src);
          if (git && /#[0-9a-f]{40}$/i.test(src)) continue;
          reportDocker(ctx, df, ins.span, {
            problem: git ? `ADD ${src} fetches a git source at a moving ref` : `ADD ${src} downloads without a checksum`,
            principle: 7,
            fix: git ? `ADD ${src.replace(/#.*$/, "")}#<commit sha> /dest` : `ADD --checksum=sha256:<sha256 of the file> ${src} /dest`,
            key: `add/${src}`,
            snippet: `ADD ${ins.args}`.slice(0, 300),
          });
        }
      }
    }
  },
};
