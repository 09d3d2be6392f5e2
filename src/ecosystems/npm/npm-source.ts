import type { LockedPackage } from "../packages.js";
import { gitVcsUrl } from "../purl.js";

// What npm-family lockfiles say about where a package comes from.

const GIT = /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)|^[\w.-]+\/[\w.-]+#|\.git(?:#|$)|^https:\/\/codeload\.github\.com\//;
const COMMIT = /#(?:commit=)?([0-9a-f]{40})$/;

/** True for a git specifier or resolution (`git+ssh://…`, `github:user/repo#sha`, `user/repo#sha`). */
export function isGitSpec(s: string): boolean {
  return GIT.test(s);
}

/** The commit a git resolution pins, if it names one. */
export function gitCommit(s: string): string | undefined {
  return isGitSpec(s) ? COMMIT.exec(s)?.[1] : undefined;
}

/** Hosts of npm's git shorthands (`github:o/r`, `gitlab:o/r`, `bitbucket:o/r`; a bare `o/r` is GitHub's). */
const SHORTHAND_HOSTS: Readonly<Record<string, string>> = { github: "github.com", gitlab: "gitlab.com", bitbucket: "bitbucket.org" };

/**
 * The purl `vcs_url` of a git resolution (`git+ssh://git@github.com/o/r.git#<sha>`,
 * `github:o/r#<sha>`, `o/r#<sha>`, yarn's `https://codeload.github.com/o/r/tar.gz/<sha>`):
 * the repository and the commit it pins; undefined for anything that is not a git resolution.
 */
export function npmVcsUrl(s: string | undefined): string | undefined {
  if (s === undefined || !isGitSpec(s)) return undefined;
  const codeload = /^https:\/\/codeload\.github\.com\/([\w.-]{1,100})\/([\w.-]{1,100})\/tar\.gz\/([0-9a-f]{40})$/.exec(s);
  if (codeload) return gitVcsUrl(`https://github.com/${codeload[1] as string}/${codeload[2] as string}`, codeload[3]);
  const commit = /#(?:commit=)?([0-9a-f]{7,64})$/.exec(s)?.[1];
  const repo = s.split("#")[0] ?? s;
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]{1,100})\/([\w.-]{1,100})$/.exec(repo);
  if (short && !repo.includes("://")) return gitVcsUrl(`https://${SHORTHAND_HOSTS[short[1] ?? "github"] as string}/${short[2] as string}/${short[3] as string}`, commit);
  return gitVcsUrl(repo, commit);
}

/** Where a `resolved` URL (or specifier) points: the registry, git, a local path or another URL. */
export function npmSource(resolved: string | undefined): LockedPackage["source"] {
  if (resolved === undefined || resolved === "") return undefined;
  if (/^(?:file|link|portal|workspace):/.test(resolved) || resolved.startsWith(".") || resolved.startsWith("/")) return "path";
  if (isGitSpec(resolved)) return "git";
  // Registry tarballs live under `<name>/-/<file>.tgz` (a `#sha1` fragment may follow).
  if (/^https?:\/\//.test(resolved)) return (resolved.includes("/-/") && /\.tgz(?:[?#]|$)/.test(resolved)) || isCnpmTarball(resolved) ? "registry" : "url";
  return "registry";
}

/**
 * True for a tarball of a cnpm mirror (registry.npm.taobao.org, registry.nlark.com), which serves
 * `<name>/download/<name>-<version>.tgz` (`@scope/a/download/@scope/a-1.0.0.tgz`) instead of `/-/`.
 */
function isCnpmTarball(url: string): boolean {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  const at = path.lastIndexOf("/download/");
  if (at < 0 || !path.endsWith(".tgz")) return false;
  const name = nameFromInstallPath(path.slice(0, at));
  return path.slice(at + "/download/".length).startsWith(`${name}-`);
}

/**
 * The version a registry tarball URL names (`…/@s/a/-/a-1.2.0.tgz` → `1.2.0`), for lockfiles that
 * record a tarball dependency by its URL alone (package-lock v1, bun.lock); undefined for any other URL.
 */
export function registryTarballVersion(name: string, url: string): string | undefined {
  if (npmSource(url) !== "registry") return undefined;
  const end = url.search(/[?#]/);
  const file = (end < 0 ? url : url.slice(0, end)).split("/").pop() ?? "";
  const stem = `${name.slice(name.lastIndexOf("/") + 1)}-`;
  if (!file.startsWith(stem) || !file.endsWith(".tgz")) return undefined;
  const version = file.slice(stem.length, -".tgz".length);
  return /^\d/.test(version) ? version : undefined;
}

/** The package name at the end of an install path (`node_modules/@a/b/node_modules/c` → `c`, `…/@a/b` → `@a/b`). */
export function nameFromInstallPath(path: string): string {
  const parts = path.split("/");
  const last = parts[parts.length - 1] ?? path;
  const scope = parts[parts.length - 2];
  return scope !== undefined && scope.startsWith("@") ? `${scope}/${last}` : last;
}

/** Integrity strings as npm writes them (space-separated `sha512-…` entries). */
export function integrityHashes(integrity: unknown): string[] | undefined {
  if (typeof integrity !== "string" || integrity.trim() === "") return undefined;
  return integrity.trim().split(/\s+/).slice(0, 8);
}
