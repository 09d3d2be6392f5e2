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
  /** The source as written when it came from a variable's default (`${DOCKER_SOCK:-/var/run/docker.sock}`). */
  written?: string;
  /** The named volume that binds the host path, when the mount names one. */
  volume?: string;
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

/** A reference Compose fetches (`oci://…`, `https://…`, `git@host:repo`), not a path. */
const REMOTE = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:|^[^/]{1,100}@[^/]{1,200}:/;

/**
 * The files a Compose file takes services from, as written (relative to it): each service's
 * `extends.file` and the top-level `include` entries (a path, a list of paths, or `path:` entries).
 * Remote ones (`git@…`, `https://…`, `oci://…`) are left out.
 */
export function referencedFiles(file: ComposeFile): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    const s = asString(v)?.trim();
    if (s && !REMOTE.test(s)) out.add(s);
  };
  for (const s of file.services) add(asMap(s.value["extends"])?.["file"]);
  for (const p of includedFiles(file)) out.add(p);
  return [...out];
}

/** Every path or reference of a Compose file's top-level `include`, as written. */
function includes(file: ComposeFile): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    const s = asString(v)?.trim();
    if (s) out.add(s);
  };
  for (const entry of asList(asMap(file.doc?.value)?.["include"])) {
    const m = asMap(entry);
    if (!m) add(entry);
    else if (Array.isArray(m["path"])) m["path"].forEach(add);
    else add(m["path"]);
  }
  return [...out];
}

/** The files a Compose file's top-level `include` brings whole into the project, as written (remote ones left out). */
export function includedFiles(file: ComposeFile): string[] {
  return includes(file).filter((s) => !REMOTE.test(s));
}

/** The remote projects a Compose file's `include` fetches (a git repository, an OCI artifact): never read offline. */
export function remoteIncludes(file: ComposeFile): string[] {
  return includes(file).filter((s) => REMOTE.test(s));
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

/**
 * The host paths a service mounts, from the short (`/src:/dst:ro`) and long (`type: bind`)
 * syntaxes, and through a named volume of the file's top-level `volumes` that the local driver
 * binds to a host path (`driver_opts: {type: none, o: bind, device: /var/run/docker.sock}`).
 */
export function bindMounts(service: ComposeService, volumes?: Record<string, unknown>): BindMount[] {
  const out: BindMount[] = [];
  asList(service.value["volumes"]).forEach((v, i) => {
    const path = [...service.path, "volumes", i];
    const raw = asString(v);
    if (raw !== undefined) {
      const parts = splitShortVolume(raw);
      if (parts.length < 2 || parts.length > 3) return;
      // Compose interpolates before it mounts, so `${SOCK:-/var/run/docker.sock}:/var/run/docker.sock`
      // mounts the default when SOCK is unset; a value the environment decides is judged as written.
      const written = parts[0] as string;
      const source = interpolateDefaults(written) ?? written;
      const target = interpolateDefaults(parts[1] as string) ?? (parts[1] as string);
      const readOnly = /(^|,)ro(,|$)/.test(parts[2] ?? "");
      if (isHostPath(source)) out.push({ source, target, readOnly, path, ...(source !== written ? { written } : {}) });
      else {
        const device = boundDevice(volumes, source);
        if (device) out.push({ source: device, target, readOnly, path, volume: source });
      }
      return;
    }
    const long = asMap(v);
    const type = asString(long?.["type"]);
    if (!long || (type !== "bind" && type !== "volume")) return;
    const written = asString(long["source"]);
    const source = written === undefined ? undefined : (interpolateDefaults(written) ?? written);
    const target = asString(long["target"]) ?? "";
    const readOnly = long["read_only"] === true;
    if (type === "bind" && source) out.push({ source, target, readOnly, path, ...(written !== source ? { written } : {}) });
    const device = type === "volume" && source ? boundDevice(volumes, source) : undefined;
    if (device && source) out.push({ source: device, target, readOnly, path, volume: source });
  });
  return out;
}

/** The host path a top-level named volume binds (the local driver's `o: bind` with a `device`), if it does. */
function boundDevice(volumes: Record<string, unknown> | undefined, name: string): string | undefined {
  const opts = asMap(asMap(volumes?.[name])?.["driver_opts"]);
  const device = asString(opts?.["device"]);
  if (!device || !/(^|,)\s*r?bind\s*(,|$)/.test(asString(opts?.["o"]) ?? "")) return undefined;
  const source = interpolateDefaults(device) ?? device;
  return isHostPath(source) ? source : undefined;
}

/** A host device given to a service's container (`devices:`). */
export interface DeviceMapping {
  source: string;
  target: string;
  /** Path of the devices entry inside the file. */
  path: YamlPath;
}

/**
 * The host devices a service gets, from the short (`/dev/sda:/dev/xvda:rwm`) and long (`source:`)
 * syntaxes; CDI names (`vendor.com/class=name`) are not host paths and are left out.
 */
export function deviceMappings(service: ComposeService): DeviceMapping[] {
  const out: DeviceMapping[] = [];
  asList(service.value["devices"]).forEach((v, i) => {
    const long = asMap(v);
    const raw = long ? asString(long["source"]) : asString(v);
    if (raw === undefined || raw.includes("=")) return;
    const parts = long ? [raw, asString(long["target"]) ?? raw] : raw.split(":");
    const source = interpolateDefaults(parts[0] ?? "") ?? (parts[0] as string);
    if (!source.startsWith("/")) return;
    out.push({ source, target: parts[1] || source, path: [...service.path, "devices", i] });
  });
  return out;
}

/** Where a volume entry mounts (short `SRC:TARGET[:MODE]` or `TARGET`, long `target:`), as written; undefined when unknown. */
export function volumeTarget(v: unknown): string | undefined {
  const raw = asString(v);
  if (raw === undefined) return asString(asMap(v)?.["target"]);
  const parts = splitShortVolume(raw);
  return parts.length === 1 ? parts[0] : parts[1];
}

/**
 * A short-syntax volume split at its colons, `SOURCE:TARGET[:MODE]`, leaving the colons inside
 * `${VAR:-default}` alone and a Windows drive letter (`C:\logs`) with its path.
 */
function splitShortVolume(raw: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "$" && raw[i + 1] === "{") {
      depth++;
      cur += "${";
      i++;
    } else if (c === "}" && depth > 0) {
      depth--;
      cur += c;
    } else if (c === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  const [first, second] = parts;
  if (first !== undefined && /^[A-Za-z]$/.test(first) && second !== undefined && /^[\\/]/.test(second)) parts.splice(0, 2, `${first}:${second}`);
  return parts;
}

/** A port a service publishes on the host (`ports:`). */
export interface PublishedPort {
  /** The host address it binds, as written; undefined when none is written (every interface). */
  hostIp: string | undefined;
  /** The host port or range, as written; empty when Docker picks one. */
  published: string;
  /** The container port or range. */
  target: string;
  protocol: string;
  /** Path of the ports entry inside the file. */
  path: YamlPath;
  /** The entry as written, for messages. */
  written: string;
}

/**
 * The ports a service publishes, from the short syntax (`[HOST_IP:][HOST:]CONTAINER[/PROTO]`,
 * with `[::1]` or `::1` addresses and ranges) and the long one (`target`, `published`,
 * `host_ip`, `protocol`). Entries that do not parse are left out.
 */
export function publishedPorts(service: ComposeService): PublishedPort[] {
  const out: PublishedPort[] = [];
  asList(service.value["ports"]).forEach((v, i) => {
    const path = [...service.path, "ports", i];
    const long = asMap(v);
    if (long) {
      const target = scalar(long["target"]);
      if (target === undefined) return;
      const hostIp = scalar(long["host_ip"]);
      out.push({ hostIp: hostIp === "" ? undefined : hostIp, published: scalar(long["published"]) ?? "", target, protocol: scalar(long["protocol"]) ?? "tcp", path, written: `target: ${target}${long["published"] !== undefined ? `, published: ${scalar(long["published"]) ?? ""}` : ""}${hostIp ? `, host_ip: ${hostIp}` : ""}` });
      return;
    }
    const raw = scalar(v)?.trim();
    if (raw === undefined || raw.length > 200) return;
    // Split from the right: the container port, then the host port, then whatever address is left
    // (an IPv6 one has colons of its own).
    // Positions are found in a copy whose `${VAR:-default}` contents are blanked: their colons are not separators.
    const masked = maskVariables(raw);
    const slash = masked.lastIndexOf("/");
    const protocol = slash >= 0 ? raw.slice(slash + 1) : "tcp";
    const rest = slash >= 0 ? raw.slice(0, slash) : raw;
    const t = masked.lastIndexOf(":", rest.length - 1);
    const target = rest.slice(t + 1);
    if (t < 0) {
      out.push({ hostIp: undefined, published: "", target, protocol, path, written: raw });
      return;
    }
    const before = rest.slice(0, t);
    const p = before.endsWith("]") ? -1 : t === 0 ? -1 : masked.lastIndexOf(":", t - 1);
    const published = p < 0 && before.startsWith("[") ? "" : before.slice(p + 1);
    const host = p < 0 ? (before.startsWith("[") ? before : undefined) : before.slice(0, p);
    out.push({ hostIp: host === undefined || host === "" ? undefined : host.replace(/^\[|\]$/g, ""), published, target, protocol, path, written: raw });
  });
  return out;
}

/** The text with every character inside `${…}` replaced by `x`, same length. */
function maskVariables(raw: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "$" && raw[i + 1] === "{") depth++;
    else if (c === "}" && depth > 0) {
      depth--;
      out += c;
      continue;
    }
    out += depth > 0 && c !== "$" && c !== "{" ? "x" : c;
  }
  return out;
}

function scalar(v: unknown): string | undefined {
  return typeof v === "number" ? String(v) : asString(v);
}
