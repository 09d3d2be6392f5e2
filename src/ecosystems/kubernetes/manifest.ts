import type { Parser, TextFile } from "../../core/files.js";
import { GO_FALSE, GO_TRUE } from "../formats/yaml-bounds.js";
import type { YamlPath } from "./locate.js";
import { parseStream, type StreamDocument } from "./yaml-stream.js";

/** One Kubernetes object of a manifest file (a `List`'s items are objects of their own). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  /** `metadata.name`, or `metadata.generateName`, or "" when the object has neither. */
  name: string;
  namespace: string | undefined;
  /** The object itself, as parsed. */
  value: Record<string, unknown>;
  /** The document it is in. */
  doc: StreamDocument;
  /** Where the object sits in its document: [] or ["items", i] inside a List. */
  base: YamlPath;
}

/** A YAML file read as Kubernetes manifests. */
export interface KubeManifest {
  text: string;
  docs: StreamDocument[];
  objects: KubeObject[];
}

/** A plain object (a YAML map), else undefined. */
export function asMap(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) ? (v as Record<string, unknown>) : undefined;
}

/** An array (a YAML sequence), else an empty one. */
export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A string value, or a number or boolean written as one; else undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}


/**
 * A boolean as Kubernetes reads it. Its YAML reader (go-yaml v2) takes YAML 1.1 booleans, so
 * `hostNetwork: yes` is true there although YAML 1.2 reads a string: both spellings count.
 */
export function asBool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return GO_TRUE.has(v) ? true : GO_FALSE.has(v) ? false : undefined;
  return undefined;
}

/** True for a map with string `apiVersion` and `kind`: the shape every Kubernetes object has. */
export function isKubeObject(v: unknown): v is Record<string, unknown> {
  const m = asMap(v);
  return m !== undefined && typeof m["apiVersion"] === "string" && typeof m["kind"] === "string" && (m["kind"] as string).length > 0;
}

/** The objects of parsed documents: every document that is one, and the items of `List` kinds. */
export function objectsOf(docs: readonly StreamDocument[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of docs) {
    const v = doc.value;
    if (!isKubeObject(v)) continue;
    const kind = v["kind"] as string;
    if (kind === "List" || (kind.endsWith("List") && Array.isArray(v["items"]))) {
      asList(v["items"]).forEach((item, i) => {
        if (isKubeObject(item)) out.push(objectOf(item, doc, ["items", i]));
      });
      continue;
    }
    out.push(objectOf(v, doc, []));
  }
  return out;
}

function objectOf(v: Record<string, unknown>, doc: StreamDocument, base: YamlPath): KubeObject {
  const meta = asMap(v["metadata"]);
  return {
    apiVersion: v["apiVersion"] as string,
    kind: v["kind"] as string,
    name: asString(meta?.["name"]) ?? asString(meta?.["generateName"]) ?? "",
    namespace: asString(meta?.["namespace"]),
    value: v,
    doc,
    base,
  };
}

/** Reads Kubernetes manifests from YAML text; a document that does not parse keeps its error and position. */
export function parseManifest(text: string): KubeManifest {
  const docs = parseStream(text);
  return { text, docs, objects: objectsOf(docs) };
}

/** The workspace parser for Kubernetes manifest files (multi-document YAML, `List` kinds). */
export const kubernetesParser: Parser<KubeManifest> = {
  id: "kubernetes-manifest",
  parse: (file: TextFile) => parseManifest(file.text),
  problems: (m) => m.docs.flatMap((d) => (d.error ? [{ message: documentProblem(m.text, d, d.error.message), line: d.error.line, column: d.error.column }] : [])),
};

/** Why a document was not read, in words: a template outside a Helm chart is not a syntax error to fix. */
export function documentProblem(text: string, doc: StreamDocument, error: string): string {
  return text.slice(doc.start, doc.end).includes("{{")
    ? "looks like a templated Kubernetes manifest outside a Helm chart; render it and check the output with `assay manifests`"
    : `a document does not parse as YAML (${error})`;
}

/**
 * A cheap test on raw text before parsing: only a file that mentions both `apiVersion` and
 * `kind` as keys can hold a manifest, so the thousands of other YAML files are never parsed.
 * A key may also follow `{` or `,` on its line: compact JSON (`kubectl … -o json | jq -c`) and
 * YAML flow maps, which kubectl applies as well, put a whole object on one line.
 */
export function mayHoldManifest(text: string): boolean {
  return /(?:^|\n|[{,])[ \t-]{0,40}["']?apiVersion["']?[ \t]{0,8}:/.test(text) && /(?:^|\n|[{,])[ \t-]{0,40}["']?kind["']?[ \t]{0,8}:/.test(text);
}
