import { LEN, ProtobufError, ProtoReader, VARINT, type ProtoField } from "./protobuf.js";
import type { RangeSource } from "./zip.js";

// ONNX models (`.onnx`): a ModelProto (onnx/onnx.proto) in the protobuf wire format, read with the
// schema-less reader so a 2 GiB model is read a window at a time and its weights are never
// touched. Only what the judgement needs is kept: every tensor whose data lives in an external
// file (where the loader will open it), and every operator with its domain (whether the runtime
// can run it without a library the model does not carry). Field numbers, from onnx.proto:
//   ModelProto: opset_import 8, graph 7, training_info 20, functions 25
//   GraphProto: node 1, name 2, initializer 5, sparse_initializer 15
//   NodeProto: name 3, op_type 4, attribute 5, domain 7, overload 8
//   AttributeProto: name 1, s 4, t 5, g 6, tensors 10, graphs 11, sparse_tensor 22, sparse_tensors 23
//   TensorProto: name 8, external_data 13 (StringStringEntryProto: key 1, value 2), data_location 14
//   SparseTensorProto: values 1, indices 2
//   TrainingInfoProto: initialization 1, algorithm 2
//   FunctionProto: name 1, node 7, attribute_proto 11, domain 10, overload 13
//   OperatorSetIdProto: domain 1, version 2

/** A tensor whose bytes the loader reads from a file outside the model's folder. */
export interface OnnxExternalTensor {
  /** TensorProto.name (cut to 256 characters). */
  tensor: string;
  /** The `location` of its external_data that leaves the folder (loaders keep the last of several; every one is judged). */
  location: string;
  escape: LocationEscape;
  /** Where the tensor is: `initializer`, `sparse initializer`, or a node's attribute. */
  role: string;
  /** The graph or function it belongs to. */
  scope: string;
}

/** One operator (domain and type) used by nodes of the model, with its first node. */
export interface OnnxOpUse {
  /** NodeProto.domain as written ("" and "ai.onnx" are both the standard domain). */
  domain: string;
  opType: string;
  /** The first node's name (or `#index` when it has none). */
  node: string;
  scope: string;
  count: number;
  /** For onnxruntime's language-interop `PyOp`: the Python module and class its attributes name. */
  module?: string;
  className?: string;
}

/** What assay keeps of an ONNX model. */
export interface OnnxModel {
  irVersion?: number;
  /** ModelProto.opset_import: the operator sets the model declares. */
  opsets: { domain: string; version: number }[];
  /** Tensors whose data is in an external file, wherever it is. */
  externalCount: number;
  /** External tensors whose location leaves the model's folder (the first 1000). */
  escapingTensors: OnnxExternalTensor[];
  /** Escaping tensors past the kept ones, counted. */
  moreEscaping: number;
  /** Operators of non-standard domains called by nodes, model-local functions excepted (onnxruntime's own domains included). */
  ops: OnnxOpUse[];
  /** Distinct non-standard operators past the 10,000 kept, counted. */
  moreOps: number;
  /** Model-local functions (FunctionProto), as `domain:name`. */
  functions: string[];
  nodes: number;
}

/** Graphs inside attributes of nodes (If, Loop, Scan bodies) nest at most this deep; real models use 2 or 3. */
export const MAX_SUBGRAPH_DEPTH = 16;
/** Names and domains are cut here; a location this long opens on no file system. */
const MAX_NAME = 256;
const MAX_LOCATION = 64 * 1024;
/** Kept per model; the rest are counted. */
const MAX_EXTERNAL = 1000;
const MAX_OP_KINDS = 10_000;
/** Message nesting the reader allows: 16 subgraph levels take 3 messages each (node, attribute, graph), plus the model's own. */
const MAX_MESSAGE_DEPTH = 64;

/**
 * Reads an ONNX ModelProto. Throws a ProtobufError when the bytes break the wire format, a field
 * the schema gives a message has another wire type, the model has no graph, or a cap is reached.
 */
export async function readOnnxModel(src: RangeSource, signal?: AbortSignal): Promise<OnnxModel> {
  if (src.size === 0) throw new ProtobufError("is empty: an ONNX model holds at least a graph", "malformed", 0);
  const r = new ProtoReader(src, { maxDepth: MAX_MESSAGE_DEPTH }, signal);
  const st: State = { r, externalCount: 0, escaping: [], moreEscaping: 0, ops: new Map(), moreOps: 0, functions: new Set(), nodes: 0 };
  const model: OnnxModel = { opsets: [], externalCount: 0, escapingTensors: st.escaping, moreEscaping: 0, ops: [], moreOps: 0, functions: [], nodes: 0 };
  let graphs = 0;
  for (const f of await r.fields(0, src.size, 0)) {
    if (f.number === 1) model.irVersion = expectWire(f, VARINT, "ModelProto.ir_version").value;
    else if (f.number === 8) {
      let domain = "";
      let version = 0;
      for (const g of await r.message(expectWire(f, LEN, "ModelProto.opset_import"), 0)) {
        if (g.number === 1) domain = await shortText(r, expectWire(g, LEN, "OperatorSetIdProto.domain"));
        else if (g.number === 2) version = expectWire(g, VARINT, "OperatorSetIdProto.version").value;
      }
      if (model.opsets.length < MAX_OP_KINDS) model.opsets.push({ domain, version });
    } else if (f.number === 7) {
      graphs++;
      await readGraph(st, expectWire(f, LEN, "ModelProto.graph"), 0, 0, "the graph");
    } else if (f.number === 20) {
      for (const g of await r.message(expectWire(f, LEN, "ModelProto.training_info"), 0)) {
        if (g.number === 1 || g.number === 2) await readGraph(st, expectWire(g, LEN, "TrainingInfoProto graph"), 1, 0, g.number === 1 ? "the training initialization graph" : "the training algorithm graph");
      }
    } else if (f.number === 25) await readFunction(st, expectWire(f, LEN, "ModelProto.functions"));
  }
  if (graphs === 0) throw new ProtobufError("has no graph (ModelProto.graph, field 7): it is not an ONNX model a runtime can load", "malformed", 0);
  model.externalCount = st.externalCount;
  model.moreEscaping = st.moreEscaping;
  model.moreOps = st.moreOps;
  model.functions = [...st.functions];
  model.nodes = st.nodes;
  // A node that calls a function of the model runs that function's nodes, judged where they are.
  model.ops = [...st.ops.values()].filter((o) => !st.functions.has(`${normalDomain(o.domain)}:${o.opType}`));
  return model;
}

interface State {
  r: ProtoReader;
  externalCount: number;
  escaping: OnnxExternalTensor[];
  moreEscaping: number;
  ops: Map<string, OnnxOpUse>;
  moreOps: number;
  functions: Set<string>;
  nodes: number;
}

/** A GraphProto: its nodes, initializers and sparse initializers; `sub` counts enclosing subgraphs. */
async function readGraph(st: State, f: ProtoField, depth: number, sub: number, scope: string): Promise<void> {
  if (sub > MAX_SUBGRAPH_DEPTH) throw new ProtobufError(`graphs nest deeper than ${MAX_SUBGRAPH_DEPTH} levels inside node attributes at byte ${f.offset}: the rest was not read`, "limit", f.offset);
  const fields = await st.r.message(f, depth);
  for (const g of fields) {
    if (g.number === 1) await readNode(st, expectWire(g, LEN, "GraphProto.node"), depth + 1, sub, scope);
    else if (g.number === 5) await readTensor(st, expectWire(g, LEN, "GraphProto.initializer"), depth + 1, "initializer", scope);
    else if (g.number === 15) {
      for (const h of await st.r.message(expectWire(g, LEN, "GraphProto.sparse_initializer"), depth + 1)) {
        if (h.number === 1 || h.number === 2) await readTensor(st, expectWire(h, LEN, "SparseTensorProto tensor"), depth + 2, "sparse initializer", scope);
      }
    }
  }
}

/** A FunctionProto: its identity (so nodes calling it are not taken for unknown operators) and its nodes. */
async function readFunction(st: State, f: ProtoField): Promise<void> {
  const fields = await st.r.message(f, 0);
  let name = "";
  let domain = "";
  let overload = "";
  for (const g of fields) {
    if (g.number === 1) name = await shortText(st.r, expectWire(g, LEN, "FunctionProto.name"));
    else if (g.number === 10) domain = await shortText(st.r, expectWire(g, LEN, "FunctionProto.domain"));
    else if (g.number === 13) overload = await shortText(st.r, expectWire(g, LEN, "FunctionProto.overload"));
  }
  if (st.functions.size < MAX_OP_KINDS) st.functions.add(`${normalDomain(domain)}:${name}`);
  const scope = `function '${domain ? `${domain}:` : ""}${name}${overload ? `:${overload}` : ""}'`;
  for (const g of fields) {
    if (g.number === 7) await readNode(st, expectWire(g, LEN, "FunctionProto.node"), 1, 0, scope);
    else if (g.number === 11) await readAttribute(st, expectWire(g, LEN, "FunctionProto.attribute_proto"), 1, 0, scope, "");
  }
}

/** A NodeProto: its operator, then its attributes (tensors and subgraphs). */
async function readNode(st: State, f: ProtoField, depth: number, sub: number, scope: string): Promise<void> {
  const r = st.r;
  const fields = await r.message(f, depth);
  const index = st.nodes++;
  let name = "";
  let opType = "";
  let domain = "";
  for (const g of fields) {
    if (g.number === 3) name = await shortText(r, expectWire(g, LEN, "NodeProto.name"));
    else if (g.number === 4) opType = await shortText(r, expectWire(g, LEN, "NodeProto.op_type"));
    else if (g.number === 7) domain = await shortText(r, expectWire(g, LEN, "NodeProto.domain"));
  }
  const label = name || `#${index}`;
  let module: string | undefined;
  let className: string | undefined;
  for (const g of fields) {
    if (g.number !== 5) continue;
    const attr = await readAttribute(st, expectWire(g, LEN, "NodeProto.attribute"), depth + 1, sub, `${scope}, node '${label}'`, opType);
    if (attr.s !== undefined && attr.name === "module") module = attr.s;
    else if (attr.s !== undefined && attr.name === "class_name") className = attr.s;
  }
  // Each Python module and class a PyOp names is its own operator: they are what the loader imports.
  const key = `${normalDomain(domain)}\u0000${opType}\u0000${module ?? ""}\u0000${className ?? ""}`;
  if (domainKind(domain) === "standard") return;
  const seen = st.ops.get(key);
  if (seen) seen.count++;
  else if (st.ops.size >= MAX_OP_KINDS) st.moreOps++;
  else st.ops.set(key, { domain, opType, node: label, scope, count: 1, ...(module !== undefined ? { module } : {}), ...(className !== undefined ? { className } : {}) });
}

/** An AttributeProto: tensors are judged for external data, graphs read as subgraphs; `s` kept only for a PyOp's names. */
async function readAttribute(st: State, f: ProtoField, depth: number, sub: number, scope: string, opType: string): Promise<{ name: string; s?: string }> {
  const r = st.r;
  const fields = await r.message(f, depth);
  let name = "";
  for (const g of fields) if (g.number === 1) name = await shortText(r, expectWire(g, LEN, "AttributeProto.name"));
  const out: { name: string; s?: string } = { name };
  const where = `${scope}, attribute '${name}'`;
  for (const g of fields) {
    if (g.number === 4 && opType === "PyOp" && (name === "module" || name === "class_name")) out.s = await shortText(r, expectWire(g, LEN, "AttributeProto.s"));
    else if (g.number === 5 || g.number === 10) await readTensor(st, expectWire(g, LEN, "AttributeProto tensor"), depth + 1, "attribute tensor", where);
    else if (g.number === 6 || g.number === 11) await readGraph(st, expectWire(g, LEN, "AttributeProto graph"), depth + 1, sub + 1, `${where} (subgraph)`);
    else if (g.number === 22 || g.number === 23) {
      for (const h of await r.message(expectWire(g, LEN, "AttributeProto sparse tensor"), depth + 1)) {
        if (h.number === 1 || h.number === 2) await readTensor(st, expectWire(h, LEN, "SparseTensorProto tensor"), depth + 2, "attribute sparse tensor", where);
      }
    }
  }
  return out;
}

/** A TensorProto: counted when its data is external (data_location EXTERNAL, as onnx and onnxruntime decide), kept when a location leaves the folder. */
async function readTensor(st: State, f: ProtoField, depth: number, role: string, scope: string): Promise<void> {
  const r = st.r;
  // Only the small fields are looked at: raw_data and the typed arrays are skipped by their length.
  const fields = await r.message(f, depth);
  let external = false;
  for (const g of fields) if (g.number === 14) external = expectWire(g, VARINT, "TensorProto.data_location").value === 1;
  if (!external) return;
  st.externalCount++;
  for (const g of fields) {
    if (g.number !== 13) continue;
    let key = "";
    let value: ProtoField | undefined;
    for (const h of await r.message(expectWire(g, LEN, "TensorProto.external_data"), depth + 1)) {
      if (h.number === 1) key = await shortText(r, expectWire(h, LEN, "StringStringEntryProto.key"));
      else if (h.number === 2) value = expectWire(h, LEN, "StringStringEntryProto.value");
    }
    if (key !== "location" || !value) continue;
    const location = await r.text(value.length > MAX_LOCATION ? { ...value, length: MAX_LOCATION } : value);
    const escape = locationEscape(location);
    if (!escape) continue;
    if (st.escaping.length >= MAX_EXTERNAL) {
      st.moreEscaping++;
      return;
    }
    st.escaping.push({ tensor: await tensorName(r, fields), location, escape, role, scope });
    return;
  }
}

async function tensorName(r: ProtoReader, fields: ProtoField[]): Promise<string> {
  let name = "";
  for (const g of fields) if (g.number === 8) name = await shortText(r, expectWire(g, LEN, "TensorProto.name"));
  return name;
}

/** The standard domain has two spellings; onnxruntime folds `ai.onnx` into "". */
export function normalDomain(domain: string): string {
  return domain === "ai.onnx" ? "" : domain;
}

/** How far an external data location reaches, judged as the loaders join it to the model's folder. */
export type LocationEscape = "absolute" | "windows-drive" | "unc" | "parent" | "memory-address";

/** onnxruntime's tag for tensors it holds in memory: OpenVINO's ONNX reader takes the offset that follows as a raw pointer. */
export const ORT_MEMORY_TAG = "*/_ORT_MEM_ADDR_/*";

/**
 * Whether an external data location leaves the model's folder: an absolute POSIX path, a Windows
 * drive (absolute or drive-relative) or UNC/device path, or `..` segments that climb above the
 * folder after lexical normalisation (so `a/../b` stays inside and `a/../../b` does not: the
 * CVE-2024-27318 bypass of CVE-2022-25882's fix). Backslashes count as separators, as on Windows.
 * A NUL cuts the path for C++ readers, so the part before one is judged as well.
 */
export function locationEscape(location: string): LocationEscape | undefined {
  if (location === ORT_MEMORY_TAG) return "memory-address";
  const nul = location.indexOf("\u0000");
  return judgePath(location) ?? (nul >= 0 ? judgePath(location.slice(0, nul)) : undefined);
}

function judgePath(location: string): LocationEscape | undefined {
  const p = location.replace(/\\/g, "/");
  if (p.startsWith("//")) return "unc";
  if (p.startsWith("/")) return "absolute";
  if (/^[A-Za-z]:/.test(p)) return "windows-drive";
  let depth = 0;
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    depth += seg === ".." ? -1 : 1;
    if (depth < 0) return "parent";
  }
  return undefined;
}

/** What a domain's operators need to run. */
export type DomainKind =
  /** ONNX's own operator sets: every runtime has them. */
  | "standard"
  /** Built into onnxruntime (contrib ops, layout and execution-provider domains). */
  | "runtime"
  /** onnxruntime-extensions' domain: its native library, or Python functions the loader registers (PyOp). */
  | "extensions"
  /** TensorRT plugins (onnxruntime's TensorRT provider and TensorRT's parser): TensorRT's plugin library, or one the program loads. */
  | "tensorrt"
  /** Anything else: a custom-op library the loading program must register first. */
  | "custom";

const STANDARD_DOMAINS = new Set(["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview", "ai.onnx.preview.training"]);
/** onnxruntime's built-in domains (onnxruntime/core/graph/constants.h), including those of its bundled execution providers. */
const RUNTIME_DOMAINS = new Set([
  "com.microsoft",
  "com.microsoft.experimental",
  "com.microsoft.nchwc",
  "com.microsoft.mlfeaturizers",
  "com.microsoft.dml",
  "com.ms.internal.nhwc",
  "org.pytorch.aten",
  "com.intel.ai",
  "com.xilinx",
]);
export const EXTENSIONS_DOMAIN = "ai.onnx.contrib";
export const TENSORRT_DOMAIN = "trt.plugins";

/** Which runtime an operator domain needs. */
export function domainKind(domain: string): DomainKind {
  if (STANDARD_DOMAINS.has(domain)) return "standard";
  if (RUNTIME_DOMAINS.has(domain)) return "runtime";
  if (domain === EXTENSIONS_DOMAIN) return "extensions";
  if (domain === TENSORRT_DOMAIN) return "tensorrt";
  return "custom";
}

/** A name or domain, cut to what is worth keeping. */
async function shortText(r: ProtoReader, f: ProtoField): Promise<string> {
  return r.text(f.length > MAX_NAME ? { ...f, length: MAX_NAME } : f);
}

function expectWire(f: ProtoField, wire: number, what: string): ProtoField {
  if (f.wire !== wire) throw new ProtobufError(`${what} at byte ${f.offset} has wire type ${f.wire}, not ${wire}: the file is not an ONNX model`, "malformed", f.offset);
  return f;
}
