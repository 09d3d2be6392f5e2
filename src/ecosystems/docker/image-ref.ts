// Container image references as Docker's distribution/reference grammar writes them:
// [registry[:port]/]path[:tag][@algorithm:hex]. Parsed without regular expressions over the whole
// string, so hostile input costs one pass.

/** A parsed image reference. */
export interface ImageRef {
  /** As written (after variable substitution). */
  raw: string;
  /** `docker.io` when none is written. */
  registry: string;
  /** True when the reference names its registry. */
  explicitRegistry: boolean;
  /** The repository path: `library/ubuntu`, `org/app`. */
  repository: string;
  tag: string | undefined;
  /** `sha256:…` when pinned by digest. */
  digest: string | undefined;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Parses an image reference; undefined when it is not one (empty, bad characters, a variable left). */
export function parseImageRef(raw: string): ImageRef | undefined {
  const s = raw.trim();
  if (s === "" || s.length > 512) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split("/");
  let registry = "docker.io";
  let explicitRegistry = false;
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase())) {
    registry = first;
    explicitRegistry = true;
    parts.shift();
    if (!/^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/.test(registry)) return undefined;
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) return undefined;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = "docker.io";
  const repository = registry === "docker.io" && parts.length === 1 ? `library/${parts[0]}` : parts.join("/");
  return { raw: s, registry, explicitRegistry, repository, tag, digest };
}

/** The short name people write: `ubuntu`, `org/app`, `ghcr.io/org/app` (no tag or digest). */
export function familiarName(ref: ImageRef): string {
  if (ref.registry === "docker.io") return ref.repository.startsWith("library/") ? ref.repository.slice(8) : ref.repository;
  return `${ref.registry}/${ref.repository}`;
}

/** `name:tag` (tag `latest` when none), the key under which the same image is recognised elsewhere. */
export function taggedName(ref: ImageRef): string {
  return `${familiarName(ref)}:${ref.tag ?? "latest"}`;
}
