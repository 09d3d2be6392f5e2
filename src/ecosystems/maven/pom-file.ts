import { ParseFailure, type Parser } from "../../core/files.js";
import { xmlList, xmlParser, xmlText, type XmlFile } from "../formats/xml.js";
import { lockfileParser } from "../conflict-markers.js";

// One pom.xml as written (https://maven.apache.org/pom.html): coordinates, parent, properties,
// dependencies and dependencyManagement (with those of the profiles active by default), nothing
// interpolated yet. pom.ts combines a pom with the parents it finds in the checkout.

/** A `<dependency>` as written. */
export interface PomDependency {
  groupId: string;
  artifactId: string;
  version?: string;
  scope?: string;
  type?: string;
  classifier?: string;
  line?: number;
  /** The pom it is declared in. */
  path: string;
}

/** The `<parent>` reference. */
export interface PomParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  relativePath?: string;
}

/** What one pom.xml declares. */
export interface PomFile {
  path: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: PomParent;
  properties: Map<string, string>;
  dependencies: PomDependency[];
  managed: PomDependency[];
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function dependencies(xml: XmlFile, container: unknown, path: string): PomDependency[] {
  const out: PomDependency[] = [];
  for (const d of xmlList(obj(container)?.dependency)) {
    const groupId = xmlText(d.groupId);
    const artifactId = xmlText(d.artifactId);
    if (!groupId || !artifactId) continue;
    const dep: PomDependency = { groupId, artifactId, path };
    for (const k of ["version", "scope", "type", "classifier"] as const) {
      const v = xmlText(d[k]);
      if (v) dep[k] = v;
    }
    const line = xml.lineOf(d);
    if (line !== undefined) dep.line = line;
    out.push(dep);
  }
  return out;
}

/** Copies the `<properties>` of a pom or a profile into `into`, a later definition replacing an earlier one. */
function readProperties(container: unknown, into: Map<string, string>): void {
  for (const [k, v] of Object.entries(obj(container) ?? {})) {
    const t = xmlText(v);
    if (t !== undefined && !k.startsWith("@_")) into.set(k, t);
  }
}

/**
 * The profiles Maven activates with no command line, environment or machine to consult: those
 * marked `<activeByDefault>true</activeByDefault>`. Profiles activated by a JDK, an OS, a property
 * or a file depend on the build machine and are not evaluated.
 */
function defaultProfiles(project: Record<string, unknown>): Record<string, unknown>[] {
  return xmlList(obj(project.profiles)?.profile).filter((p) => xmlText(obj(p.activation)?.activeByDefault)?.toLowerCase() === "true");
}

/** Reads one parsed pom.xml. */
export function readPomFile(xml: XmlFile, path: string): PomFile {
  const project = obj(xml.value.project);
  if (!project) throw new ParseFailure("not a Maven POM: no <project> element", 1, 1);
  const properties = new Map<string, string>();
  readProperties(project.properties, properties);
  const parentEl = obj(project.parent);
  const out: PomFile = {
    path,
    properties,
    dependencies: dependencies(xml, project.dependencies, path),
    managed: dependencies(xml, obj(project.dependencyManagement)?.dependencies, path),
  };
  // An active profile is injected into the pom: its properties and declarations come after (and
  // override) the pom's own.
  for (const profile of defaultProfiles(project)) {
    readProperties(profile.properties, properties);
    out.dependencies.push(...dependencies(xml, profile.dependencies, path));
    out.managed.push(...dependencies(xml, obj(profile.dependencyManagement)?.dependencies, path));
  }
  for (const k of ["groupId", "artifactId", "version"] as const) {
    const v = xmlText(project[k]);
    if (v) out[k] = v;
  }
  if (parentEl) {
    const parent: PomParent = {};
    for (const k of ["groupId", "artifactId", "version", "relativePath"] as const) {
      const v = xmlText(parentEl[k]);
      if (v !== undefined) parent[k] = v;
    }
    out.parent = parent;
  }
  return out;
}

/** The workspace parser for one pom.xml as written. */
export const pomFileParser: Parser<PomFile> = lockfileParser("pom-file", xmlParser, "resolve the conflict", (xml, file) => readPomFile(xml, file.path));
