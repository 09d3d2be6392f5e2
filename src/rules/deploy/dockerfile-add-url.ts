import { pinnedUrl } from "../supply-chain/lib/pinned-url.js";
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
      "`ADD https://…` downloads at build time whatever the server returns, with no integrity check, into the image: a compromised or hijacked server (or a moved release asset) changes the image without any change to the repository. CN8 principle 7 (protect against pervasive exploits: tampered downloads). Git sources (`ADD https://…git`) are fine only when pinned to a commit, and so is a forge's raw file at a full commit hash (`https://raw.githubusercontent.com/<owner>/<repo>/<sha>/file`), which the server cannot change.",
    remediation: "Add `--checksum=sha256:<digest>` to the ADD (BuildKit verifies it), or download with `RUN curl -fsSLo file URL && echo \"<sha256>  file\" | sha256sum -c -`; for git sources pin a commit (`#<sha>`).",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      for (const top of df.instructions) {
        // `ONBUILD ADD URL …` downloads in every image built FROM this one.
        const ins = top.trigger ?? top;
        if (ins.keyword !== "ADD" || ins.flags.some((f) => f.name === "checksum")) continue;
        const sources = ins.form === "exec" && ins.exec ? ins.exec.slice(0, -1).map((x) => x.value) : ins.args.trim().split(/\s+/).slice(0, -1);
        for (const raw of sources) {
          const ex = df.expand(raw, ins);
          // `…-${TARGETARCH}.tar.gz`: a variable the build sets is shown as written, not as empty.
          const src = ex.missing.length > 0 ? expandKnown(raw, df.scopeAt(ins)) : ex.value;
          if (!/^(?:https?|ftp|git|ssh):\/\//i.test(src) && !/^git@/.test(src)) continue;
          const git = isGitSource(src);
          if (git && gitPinned(src)) continue;
          // A forge's raw file at a full commit hash is content the server cannot change (as
          // supply-chain/fetch-execute reads a download of it).
          if (!git && pinnedUrl(src)) continue;
          reportDocker(ctx, df, ins.span, {
            problem: git ? `ADD ${src} fetches a git source at a moving ref` : `ADD ${src} downloads without a checksum`,
            principle: 7,
            fix: git ? `ADD ${src.replace(/[?#].*$/, "")}#<commit sha> /dest` : `ADD --checksum=sha256:<sha256 of the file> ${src} /dest`,
            key: `add/${src}`,
            snippet: `${top.trigger ? "ONBUILD " : ""}ADD ${ins.args}`.slice(0, 300),
          });
        }
      }
    }
  },
};

/** Substitutes the variables that have a value and keeps the others as written (`${TARGETARCH}`). */
function expandKnown(raw: string, scope: ReadonlyMap<string, string | undefined>): string {
  return raw.replace(/\$\{([A-Za-z_]\w{0,200})\}|\$([A-Za-z_]\w{0,200})/g, (t, a: string | undefined, b: string | undefined) => scope.get(a ?? b ?? "") ?? t).replace(/^(["'])(.*)\1$/s, "$2");
}

/** True for what BuildKit fetches with git: `git://`, `ssh://` and `git@host:` URLs, and http(s) ones ending in `.git`. */
function isGitSource(src: string): boolean {
  return /^(?:git|ssh):\/\//i.test(src) || /^git@/.test(src) || /\.git(?:[#?]|$)/.test(src);
}

/**
 * True when a git source names one commit: the fragment's ref (`#<sha>` or `#<sha>:subdir`), or
 * the query form BuildKit 0.24 reads (`?ref=<sha>`, `?commit=<sha>`, `?checksum=<sha>`, which it
 * verifies). A full SHA-1 or SHA-256 object name; a tag or a branch moves.
 */
function gitPinned(src: string): boolean {
  const sha = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
  const hash = src.indexOf("#");
  if (hash >= 0 && sha.test(src.slice(hash + 1).split(":")[0] ?? "")) return true;
  const q = src.indexOf("?");
  if (q < 0) return false;
  const query = src.slice(q + 1, hash > q ? hash : undefined);
  for (const pair of query.split("&").slice(0, 20)) {
    const [k, v = ""] = pair.split("=");
    if ((k === "ref" || k === "commit" || k === "checksum") && sha.test(v)) return true;
  }
  return false;
}
