import { encodePurlComponent, parsePurl } from "../ecosystems/purl.js";

// The package URLs of VEX documents (every format) in the form findings carry (src/ecosystems/purl.ts):
// qualifiers and subpath dropped, components encoded one way, names in lower case where purlFor writes
// them so (npm, Go, Composer, Pub, Hex, GitHub) and PyPI names normalised, so `pkg:npm/@Scope/x@1` and
// `pkg:npm/%40scope/x@1` name one package.

/** The purl as findings write it, or undefined when `s` is not a package URL. */
export function canonicalPurl(s: string): string | undefined {
  const p = parsePurl(s);
  if (!p) return undefined;
  let name = p.name;
  let namespace = p.namespace;
  if (p.type === "npm" || p.type === "golang" || p.type === "composer" || p.type === "pub" || p.type === "hex" || p.type === "github") {
    name = name.toLowerCase();
    namespace = namespace.map((n) => n.toLowerCase());
  } else if (p.type === "pypi") name = name.toLowerCase().replace(/[-_.]+/g, "-");
  const ns = namespace.length > 0 ? `${namespace.map(encodePurlComponent).join("/")}/` : "";
  return `pkg:${p.type}/${ns}${encodePurlComponent(name)}${p.version ? `@${encodePurlComponent(p.version)}` : ""}`;
}

/** The purl naming the same package at no version. */
export function withoutVersion(purl: string): string {
  const at = purl.lastIndexOf("@");
  return at > purl.lastIndexOf("/") ? purl.slice(0, at) : purl;
}

/** The purl naming `version` of the same package. */
export function withVersion(purl: string, version: string): string {
  return `${withoutVersion(purl)}@${encodePurlComponent(version)}`;
}
