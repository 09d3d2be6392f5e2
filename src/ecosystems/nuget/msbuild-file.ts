import { ParseFailure, type Parser } from "../../core/files.js";
import { xmlList, xmlParser, xmlText, type XmlFile } from "../formats/xml.js";
import { lockfileParser } from "../conflict-markers.js";

// One MSBuild file as written (a project file, Directory.Build.props, Directory.Packages.props,
// an imported .props/.targets; https://learn.microsoft.com/visualstudio/msbuild/msbuild-project-file-schema-reference):
// the steps that decide which NuGet packages a project restores, in document order — property
// definitions, imports, and PackageReference/PackageVersion/GlobalPackageReference items. Nothing is evaluated here
// (msbuild-evaluate.ts does that); targets (build-time logic) are not read.

/**
 * A `<PackageReference>`, `<PackageVersion>` or `<GlobalPackageReference>` (central package
 * management's reference for every project) item with the metadata NuGet reads.
 */
export interface MsbuildItem {
  type: "PackageReference" | "PackageVersion" | "GlobalPackageReference";
  /** `Include` (a new item) or `Update` (changes items included before it). */
  operation: "Include" | "Update";
  /** The item spec as written (`Newtonsoft.Json`, `A;B`, `$(Name)`). */
  spec: string;
  version?: string;
  versionOverride?: string;
  privateAssets?: string;
  line?: number;
}

/** One step of an MSBuild file, in document order. */
export type MsbuildStep =
  | { kind: "property"; name: string; value: string; conditions: string[] }
  | { kind: "import"; project: string; line?: number }
  | { kind: "item"; item: MsbuildItem };

/** What one MSBuild file declares. */
export interface MsbuildFile {
  path: string;
  steps: MsbuildStep[];
}

/** Nested `<Choose>` deeper than this is not read (real files nest one or two). */
const MAX_CHOOSE_DEPTH = 8;

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Attributes and child elements by lower-case name (MSBuild metadata names ignore case). */
function metadata(el: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(el)) {
    if (k === "#text") continue;
    const name = (k.startsWith("@_") ? k.slice(2) : k).toLowerCase();
    const text = typeof v === "string" && k.startsWith("@_") ? v.trim() : xmlText(Array.isArray(v) ? v[v.length - 1] : v);
    if (text !== undefined && !out.has(name)) out.set(name, text);
  }
  return out;
}

function condition(el: unknown): string | undefined {
  const c = obj(el)?.["@_Condition"];
  return typeof c === "string" && c.trim() !== "" ? c : undefined;
}

/** Every value of a property element (a repeated name parses as a list). */
function propertyValues(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

class Reader {
  readonly steps: { at: number; order: number; step: MsbuildStep }[] = [];
  private order = 0;

  constructor(private readonly xml: XmlFile) {}

  /** Records a step at the offset of the element it comes from (its group's, for a property). */
  private push(element: unknown, step: MsbuildStep): void {
    this.steps.push({ at: this.xml.offsetOf(element) ?? 0, order: this.order++, step });
  }

  /** Reads the groups of a `<Project>`, `<When>` or `<Otherwise>` under the conditions around it. */
  container(el: Record<string, unknown>, conditions: string[], depth: number): void {
    for (const group of xmlList(el.PropertyGroup)) this.propertyGroup(group, conditions);
    for (const group of xmlList(el.ItemGroup)) this.itemGroup(group);
    for (const imp of xmlList(el.Import)) this.import(imp);
    for (const group of xmlList(el.ImportGroup)) for (const imp of xmlList(group.Import)) this.import(imp);
    if (depth >= MAX_CHOOSE_DEPTH) return;
    for (const choose of xmlList(el.Choose)) {
      const whens = xmlList(choose.When);
      for (const when of whens) this.container(when, [...conditions, condition(when) ?? "when"], depth + 1);
      for (const otherwise of xmlList(choose.Otherwise)) this.container(otherwise, [...conditions, "otherwise"], depth + 1);
    }
  }

  private propertyGroup(group: Record<string, unknown>, outer: string[]): void {
    const groupCondition = condition(group);
    for (const [name, raw] of Object.entries(group)) {
      if (name.startsWith("@_") || name === "#text") continue;
      for (const v of propertyValues(raw)) {
        const own = condition(v);
        const conditions = [...outer, ...(groupCondition ? [groupCondition] : []), ...(own ? [own] : [])];
        // The group's offset for each: a group's definitions keep their written order among themselves.
        this.push(group, { kind: "property", name, value: xmlText(v) ?? "", conditions });
      }
    }
  }

  private itemGroup(group: Record<string, unknown>): void {
    for (const type of ["PackageReference", "PackageVersion", "GlobalPackageReference"] as const) {
      for (const el of xmlList(group[type])) {
        const meta = metadata(el);
        const include = meta.get("include");
        const update = meta.get("update");
        const spec = include ?? update;
        if (spec === undefined || spec === "") continue;
        const item: MsbuildItem = { type, operation: include !== undefined ? "Include" : "Update", spec };
        const version = meta.get("version");
        const versionOverride = meta.get("versionoverride");
        const privateAssets = meta.get("privateassets");
        if (version !== undefined) item.version = version;
        if (versionOverride !== undefined) item.versionOverride = versionOverride;
        if (privateAssets !== undefined) item.privateAssets = privateAssets;
        const line = this.xml.lineOf(el);
        if (line !== undefined) item.line = line;
        this.push(el, { kind: "item", item });
      }
    }
  }

  private import(el: Record<string, unknown>): void {
    const project = el["@_Project"];
    if (typeof project !== "string" || project.trim() === "") return;
    // An SDK import (`<Import Project="Sdk.props" Sdk="…"/>`) comes from the SDK, not the checkout.
    if (el["@_Sdk"] !== undefined) return;
    const line = this.xml.lineOf(el);
    this.push(el, { kind: "import", project: project.trim(), ...(line !== undefined ? { line } : {}) });
  }
}

/** Reads one parsed MSBuild file. */
export function readMsbuildFile(xml: XmlFile, path: string): MsbuildFile {
  const project = obj(xml.value.Project);
  if (!project) {
    // `<Project/>` with nothing in it parses as an empty string: an empty project.
    if (xml.value.Project === "") return { path, steps: [] };
    throw new ParseFailure("not an MSBuild file: no <Project> element", 1, 1);
  }
  const reader = new Reader(xml);
  reader.container(project, [], 0);
  // Evaluation goes in document order: a property defined after an import overrides the import's.
  const steps = reader.steps.sort((a, b) => a.at - b.at || a.order - b.order).map((s) => s.step);
  return { path, steps };
}

/** The workspace parser for one MSBuild file as written. */
export const msbuildFileParser: Parser<MsbuildFile> = lockfileParser("msbuild-file", xmlParser, "resolve the conflict", (xml, file) => readMsbuildFile(xml, file.path));
