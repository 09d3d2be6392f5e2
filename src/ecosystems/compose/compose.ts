import type { Parser, TextFile } from "../../core/files.js";
import type { YamlPath } from "../kubernetes/locate.js";
import { asList, asMap, asString } from "../kubernetes/manifest.js";
import { parseStream, type StreamDocument } from "../kubernetes/yaml-stream.js";

/** One service of a Compose file. */
export interface ComposeService {
  name: string;
  value: Record<string, unknown>;
  /** ["services", name]. */
  path: YamlPath;
}

/** A Compose file (the Compose Specification: `services`, `volumes`, `networks`…). */
export interface ComposeFile {
  text: string;
  doc: StreamDocument | undefined;
  services: ComposeService[];
  error?: StreamDocument["error"];
}

/** A host path mounted into a service's container. */
export interface BindMount {
  source: string;
  target: string;
  readOnly: boolean;
  /** Path of the volume entry inside the file. */
  path: YamlPath;
}

/** True for the file names Compose looks for (`compose.yaml`, `docker-compose.override.yml`, `docker-compose.prod.yaml`…). */
export function isComposeFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return /^(?:docker-)?compose(?:[.-][a-z0-9_.-]{1,64})?\.ya?ml$/.test(base);
}

/** Reads a Compose file; the first document is the one Compose reads. */
export function parseCompose(text: string): ComposeFile {
  const docs = parseStream(text);
  const doc = docs[0];
  if (!doc) return { text, doc: undefined, services: [] };
  if (doc.error) return { text, doc, services: [], error: doc.error };
  const services = asMap(asMap(doc.value)?.["services"]);
  return {
    text,
    doc,
    services: Object.entries(services ?? {}).flatMap(([name, v]) => {
      const value = asMap(v);
      return value ? [{ name, value, path: ["services", name] }] : [];
    }),
  };
}

/**
 * The files a Compose file takes services from, as written (relative to it): each service's
 * `extends.file` and the top-level `include` entries (a path, a list of paths, or `path:` entries).
 * Remote ones (`git@…`, `https://…`, `oci://…`) are left out.
 */
export function referencedFiles(file: ComposeFile): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    const s = asString(v)?.trim();
    if (s && !/^[A-Za-z][A-Za-z0-9+.-]{0,20}:|^[^/]{1,100}@[^/]{1,200}:/.test(s)) out.add(s);
  };
  for (const s of file.services) add(asMap(s.value["extends"])?.["file"]);
  for (const entry of asList(asMap(file.doc?.value)?.["include"])) {
    const m = asMap(entry);
    if (!m) add(entry);
    else if (Array.isArray(m["path"])) m["path"].forEach(add);
    else add(m["path"]);
  }
  return [...out];
}

/** The workspace parser for Compose files. */
export const composeParser: Parser<ComposeFile> = {
  id: "compose",
  parse: (file: TextFile) => parseCompose(file.text),
};

/**
 * A value as Compose interpolates it when no variable is set: `${VAR:-default}` and `${VAR-default}`
 * give their default and `$$` a literal `$`. Undefined when any part depends on the environment
 * (`$VAR`, `${VAR}`, `${VAR:?error}`, `${VAR:+alt}`, a default that is itself interpolated).
 */
export function interpolateDefaults(s: string): string | undefined {
  let out = "";
  let at = 0;
  // One `$` form at a time; the braces' contents are bounded and exclude `}` and `$`, so the scan is linear.
  const re = /\$(?:(\$)|\{[A-Za-z_][A-Za-z0-9_]{0,255}:?-([^}$]{0,1024})\}|\{|[A-Za-z_])/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] === undefined && m[2] === undefined) return undefined;
    out += s.slice(at, m.index) + (m[1] ?? m[2] ?? "");
    at = m.index + m[0].length;
  }
  return out + s.slice(at);
}

/** A source that names a host path rather than a named volume (`/x`, `./x`, `../x`, `~/x`, `C:\x`). */
function isHostPath(s: string): boolean {
  return /^(?:\/|\.{1,2}(?:\/|$)|~|[A-Za-z]:[\\/]|\$\{?[A-Za-z_])/.test(s);
}

/** The host paths a service mounts, from the short (`/src:/dst:ro`) and long (`type: bind`) syntaxes. */
export function bindMounts(service: ComposeService): BindMount[] {
  const out: BindMount[] = [];
  asList(service.value["volumes"]).forEach((v, i) => {
    const path = [...service.path, "volumes", i];
    const s = asString(v);
    if (s !== undefined) {
      // SOURCE:TARGET[:MODE]; a Windows drive letter keeps its colon.
      const m = /^((?:[A-Za-z]:)?[^:]*):([^:]*)(?::([^:]*))?$/.exec(s);
      if (!m) return;
      const source = m[1] as string;
      if (!isHostPath(source)) return;
      out.push({ source, target: m[2] as string, readOnly: /(^|,)ro(,|$)/.test(m[3] ?? ""), path });
      return;
    }
    const long = asMap(v);
    if (!long || asString(long["type"]) !== "bind") return;
    const source = asString(long["source"]);
    if (source) out.push({ source, target: asString(long["target"]) ?? "", readOnly: long["read_only"] === true, path });
  });
  return out;
}
