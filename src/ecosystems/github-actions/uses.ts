import type { YamlFile } from "../formats/yaml.js";
import { trailingComment, type Str } from "./located.js";

/** A `uses:` reference: an action, a reusable workflow, a local path or a container image. */
export interface Uses {
  raw: Str;
  /** `local` (`./path` or `$/path`), `docker` (`docker://image`), `repository` (`owner/repo[/path]@ref`), or `invalid`. */
  kind: "local" | "docker" | "repository" | "invalid";
  /**
   * True for the self-repository form `$/path` (GitHub, July 2026): the workflow's own repository
   * at the commit that is running, read without a checkout. Unlike `./path`, never the files a
   * step put in the workspace (a fork's checkout), and pinned by construction.
   */
  self?: boolean;
  /** What is used without its ref: `actions/checkout`, `github/codeql-action/analyze`, `./.github/actions/x`. */
  name: string;
  owner?: string;
  repo?: string;
  /** The path inside the repository (`analyze`, `.github/workflows/release.yml`), "" for the root. */
  subpath?: string;
  /** The ref after `@`, as written. */
  ref?: string;
  /** `sha`: a full 40-hex commit; `short-sha`: 7-39 hex; `symbolic`: a tag or branch; `none`: no ref. */
  refKind: "sha" | "short-sha" | "symbolic" | "none";
  /** For `docker://` uses: the image without tag or digest, the tag and the digest. */
  image?: string;
  tag?: string;
  digest?: string;
  /** The trailing comment (`# v4.1.1`) and the version it names, if any. */
  comment?: string;
  commentVersion?: string;
  /** True when the ref or the name holds a `${{ }}` expression (cannot be judged statically). */
  dynamic: boolean;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;
const VERSION_IN_COMMENT = /\bv?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.-]{1,40})?\b/;

/** Parses a `uses:` value. */
export function parseUses(y: YamlFile, raw: Str): Uses {
  const value = raw.value.trim();
  // Built field by field rather than with spreads: this runs for every step of every workflow.
  const u = { raw, dynamic: value.includes("${{") } as Uses;
  const comment = trailingComment(y, raw);
  if (comment !== undefined) {
    u.comment = comment;
    const commentVersion = VERSION_IN_COMMENT.exec(comment)?.[0];
    if (commentVersion) u.commentVersion = commentVersion;
  }
  if (value.startsWith("./") || value === "." || value.startsWith("$/")) {
    u.kind = "local";
    u.name = value;
    u.refKind = "none";
    if (value.startsWith("$/")) u.self = true;
    return u;
  }
  if (value.toLowerCase().startsWith("docker://")) {
    const image = value.slice("docker://".length);
    const at = image.indexOf("@");
    const ref = at < 0 ? image : image.slice(0, at);
    const digest = at < 0 ? undefined : image.slice(at + 1);
    const colon = ref.lastIndexOf(":");
    const tag = colon > ref.lastIndexOf("/") ? ref.slice(colon + 1) : undefined;
    u.kind = "docker";
    u.name = value;
    u.image = tag === undefined ? ref : ref.slice(0, colon);
    if (tag) u.tag = tag;
    if (digest) u.digest = digest;
    u.refKind = digest ? "sha" : "none";
    return u;
  }
  const at = value.indexOf("@");
  const name = at < 0 ? value : value.slice(0, at);
  const ref = at < 0 ? undefined : value.slice(at + 1);
  const parts = name.split("/");
  u.name = name;
  if (parts.length < 2 || parts.some((p) => p === "")) {
    u.kind = "invalid";
    u.refKind = "none";
    if (ref !== undefined) u.ref = ref;
    return u;
  }
  u.kind = "repository";
  u.owner = parts[0] as string;
  u.repo = parts[1] as string;
  u.subpath = parts.slice(2).join("/");
  if (ref !== undefined) u.ref = ref;
  u.refKind = ref === undefined || ref === "" ? "none" : FULL_SHA.test(ref) ? "sha" : SHORT_SHA.test(ref) ? "short-sha" : "symbolic";
  return u;
}

/** The action a `uses` names, lower-cased, without its `@ref` (`github/codeql-action/analyze`). */
export function actionName(uses: string): string {
  const at = uses.indexOf("@");
  return (at < 0 ? uses : uses.slice(0, at)).trim().toLowerCase();
}

/** The `@ref` of a `uses`, or undefined. */
export function actionRef(uses: string): string | undefined {
  const at = uses.indexOf("@");
  return at < 0 ? undefined : uses.slice(at + 1).trim();
}
