import type { OsvEcosystem } from "./packages.js";

// Package URLs (https://github.com/package-url/purl-spec, ECMA-427): one builder per OSV ecosystem,
// applying each type's rules for namespaces, letter case and percent-encoding.

const encoder = new TextEncoder();

/** Percent-encodes a purl component: everything but the spec's unreserved characters (A-Z a-z 0-9 . - _ ~). */
export function encodePurlComponent(s: string): string {
  if (/^[A-Za-z0-9._~-]*$/.test(s)) return s;
  let out = "";
  for (const ch of s) {
    if (/^[A-Za-z0-9._~-]$/.test(ch)) out += ch;
    else for (const b of encoder.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function build(type: string, namespace: string[] | undefined, name: string, version: string): string {
  const ns = namespace && namespace.length > 0 ? `${namespace.map(encodePurlComponent).join("/")}/` : "";
  return `pkg:${type}/${ns}${encodePurlComponent(name)}${version ? `@${encodePurlComponent(version)}` : ""}`;
}

/** The last `/`-separated segment as the name, the rest as namespace segments. */
function split(path: string): { namespace: string[]; name: string } {
  const parts = path.split("/").filter((p) => p !== "");
  const name = parts.pop() ?? path;
  return { namespace: parts, name };
}

/** The purl of a package named as its ecosystem's advisories name it (see `LockedPackage.name`). */
export function purlFor(ecosystem: OsvEcosystem, name: string, version: string): string {
  switch (ecosystem) {
    case "npm": {
      // Scoped names keep `@scope` as the namespace (encoded `%40scope`); npm names are lower case.
      const lower = name.toLowerCase();
      const slash = lower.startsWith("@") ? lower.indexOf("/") : -1;
      return slash > 0 ? build("npm", [lower.slice(0, slash)], lower.slice(slash + 1), version) : build("npm", undefined, lower, version);
    }
    case "PyPI":
      return build("pypi", undefined, name.toLowerCase().replace(/[-_.]+/g, "-"), version);
    case "crates.io":
      return build("cargo", undefined, name, version);
    case "Go": {
      // The spec lowercases Go paths; the version is the module version as the toolchain writes it (`v1.2.3`).
      const { namespace, name: last } = split(name.toLowerCase());
      const v = version === "" ? "" : version.startsWith("v") ? version : `v${version}`;
      return build("golang", namespace, last, v);
    }
    case "RubyGems":
      return build("gem", undefined, name, version);
    case "Packagist": {
      const { namespace, name: last } = split(name.toLowerCase());
      return build("composer", namespace, last, version);
    }
    case "Maven": {
      const [group = "", artifact = name] = name.split(":");
      return build("maven", group ? [group] : undefined, artifact, version);
    }
    case "NuGet":
      return build("nuget", undefined, name, version);
    case "Pub":
      return build("pub", undefined, name.toLowerCase(), version);
    case "Hex":
      return build("hex", undefined, name.toLowerCase(), version);
    case "CRAN":
      return build("cran", undefined, name, version);
    case "Hackage":
      return build("hackage", undefined, name, version);
    case "ConanCenter":
      return build("conan", undefined, name, version);
    case "SwiftURL": {
      // The swift type's namespace is the source host and owner (`github.com/apple`); a registry
      // identity (`scope.name`, SE-0292) has its scope there instead.
      if (name.includes("/")) {
        const { namespace, name: last } = split(name);
        return build("swift", namespace, last, version);
      }
      const dot = name.indexOf(".");
      return dot > 0 ? build("swift", [name.slice(0, dot)], name.slice(dot + 1), version) : build("swift", undefined, name, version);
    }
    case "GitHub Actions": {
      // The github type's owner and repository are not case sensitive and must be lowercased (purl-spec types/github); the ref keeps its case.
      const { namespace, name: last } = split(name.toLowerCase());
      return build("github", namespace, last, version);
    }
    case "Debian":
      return build("deb", ["debian"], name, version);
    case "Ubuntu":
      return build("deb", ["ubuntu"], name, version);
    case "Alpine":
      return build("apk", ["alpine"], name, version);
    case "Red Hat":
      return rpm("redhat", name, version);
    case "Rocky Linux":
      return rpm("rocky", name, version);
    case "AlmaLinux":
      return rpm("almalinux", name, version);
    case "SUSE":
      return rpm("suse", name, version);
    case "openSUSE":
      return rpm("opensuse", name, version);
    case "Wolfi":
      return build("apk", ["wolfi"], name, version);
    case "Chainguard":
      return build("apk", ["chainguard"], name, version);
  }
}

/** An rpm purl: the purl spec's rpm type writes the epoch (`1:3.0.7-27.el9`) as a qualifier, not in the version. */
function rpm(vendor: string, name: string, version: string): string {
  const m = /^(\d+):(.+)$/.exec(version);
  return m ? `${build("rpm", [vendor], name, m[2] as string)}?epoch=${m[1]}` : build("rpm", [vendor], name, version);
}

/** A package URL taken apart: components percent-decoded, the type in lower case. */
export interface ParsedPurl {
  type: string;
  namespace: string[];
  name: string;
  /** "" when the purl names no version. */
  version: string;
  qualifiers: Record<string, string>;
  subpath: string;
}

/** Longest purl read: a real one is well under a kilobyte. */
const MAX_PURL = 4096;

function decodeComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Parses a package URL as the spec reads one (right to left: `#subpath`, `?qualifiers`,
 * `@version`, then type, namespace and name); undefined for anything that is not one.
 */
export function parsePurl(purl: string): ParsedPurl | undefined {
  if (purl.length > MAX_PURL || !/^pkg:/i.test(purl)) return undefined;
  let rest = purl.slice(4);
  let subpath = "";
  const hash = rest.lastIndexOf("#");
  if (hash >= 0) {
    subpath = rest.slice(hash + 1).split("/").filter((s) => s !== "" && s !== "." && s !== "..").map((s) => decodeComponent(s) ?? s).join("/");
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const question = rest.lastIndexOf("?");
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split("&")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const value = decodeComponent(pair.slice(eq + 1));
      if (value !== undefined && value !== "") qualifiers[pair.slice(0, eq).toLowerCase()] = value;
    }
    rest = rest.slice(0, question);
  }
  rest = rest.replace(/^\/+/, "");
  const slash = rest.indexOf("/");
  if (slash <= 0) return undefined;
  const type = rest.slice(0, slash).toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(type)) return undefined;
  rest = rest.slice(slash + 1).replace(/\/+$/, "");
  let version = "";
  const at = rest.lastIndexOf("@");
  // An `@` that opens the last segment is part of the name (an npm scope written unencoded), not a version.
  if (at > 0 && rest[at - 1] !== "/") {
    const v = decodeComponent(rest.slice(at + 1));
    if (v === undefined) return undefined;
    version = v;
    rest = rest.slice(0, at);
  }
  const segments: string[] = [];
  for (const s of rest.split("/")) {
    if (s === "") continue;
    const d = decodeComponent(s);
    if (d === undefined) return undefined;
    segments.push(d);
  }
  const name = segments.pop();
  if (name === undefined || name === "") return undefined;
  return { type, namespace: segments, name, version, qualifiers, subpath };
}

/** Longest repository URL kept: a real one is well under this. */
const MAX_VCS_URL = 1000;

/**
 * A git dependency's repository and commit in the purl spec's `vcs_url` form (`git+https://github.com/o/r@<commit>`), as SPDX's
 * download location writes one: the transport prefixed with `git+`, an scp-like address
 * (`git@github.com:o/r.git`) as the ssh URL it stands for, any query or fragment (a branch, the
 * commit again: a `#<sha>` fragment is taken as the commit when none is given) dropped, and credentials never kept (a user name other than `git` may be a token).
 * Undefined for anything that is not a repository URL.
 */
export function gitVcsUrl(url: string, commit?: string): string | undefined {
  let u = url.trim();
  if (u.length === 0 || u.length > MAX_VCS_URL || /\s/.test(u)) return undefined;
  u = u.replace(/^git\+/i, "");
  const scp = u.includes("://") ? null : /^([\w.-]{1,100})@([\w.-]{1,253}):(?!\/)(.{1,900})$/.exec(u);
  if (scp) u = `ssh://${scp[1] as string}@${scp[2] as string}/${scp[3] as string}`;
  const m = /^(https?|ssh|git|file):\/\/(?:([^@/]{0,200})@)?([^/?#]{1,253})([^?#]{0,900})/i.exec(u);
  if (!m) return undefined;
  const scheme = (m[1] as string).toLowerCase();
  const user = m[2] === "git" ? "git@" : "";
  const pinned = commit ?? /#([0-9a-f]{7,64})$/i.exec(u)?.[1];
  const sha = pinned !== undefined && /^[0-9a-f]{7,64}$/i.test(pinned) ? `@${pinned.toLowerCase()}` : "";
  return `git+${scheme}://${user}${m[3]}${m[4] ?? ""}${sha}`;
}

/**
 * The purl spec's `repository_url` qualifier for a package of a registry other than its
 * ecosystem's public one (the registry's http(s) URL without credentials, query or fragment), so an
 * SBOM reader does not take it for the public package; undefined for anything else.
 */
export function repositoryUrlQualifier(url: string): string | undefined {
  const m = /^(https?):\/\/(?:[^@/]{0,200}@)?([^/?#\s]{1,253})([^?#\s]{0,900})/i.exec(url.trim());
  return m ? `repository_url=${encodePurlComponent(`${(m[1] as string).toLowerCase()}://${m[2] as string}${m[3] ?? ""}`)}` : undefined;
}

/** A registry's URL as compared: lower case, without its scheme (`registry+`/`sparse+` too), a trailing `/` or `.git`. */
export function registryUrlKey(url: string): string {
  let s = url.trim().toLowerCase().replace(/^(?:registry\+|sparse\+)?[a-z][a-z0-9+.-]{0,20}:\/\//, "");
  while (s.endsWith("/")) s = s.slice(0, -1);
  return s.endsWith(".git") ? s.slice(0, -4) : s;
}

/**
 * The public registries of the ecosystems whose lockfiles name a package's registry, by purl type,
 * as registryUrlKey gives them: crates.io's git and sparse indexes; pub.dev under its names and
 * the public mirrors Flutter's documentation for China lists (pub writes the URL it fetched from).
 * A package of any other registry is not the public package of its name.
 */
export const PUBLIC_REGISTRIES = {
  cargo: new Set(["github.com/rust-lang/crates.io-index", "index.crates.io", "crates.io"]),
  pub: new Set(["pub.dev", "pub.dartlang.org", "pub.flutter-io.cn", "pub-web.flutter-io.cn", "mirrors.tuna.tsinghua.edu.cn/dart-pub", "mirror.sjtu.edu.cn/dart-pub", "dart-pub.mirrors.sjtug.sjtu.edu.cn"]),
} as const satisfies Record<string, ReadonlySet<string>>;
