import { DEFAULT_PROTO_LIMITS, LEN, ProtoReader, ProtobufError, VARINT, type ProtoField } from "./protobuf.js";
import type { RangeSource } from "./zip.js";

// TensorFlow's graph files, read as protobuf without TensorFlow: a SavedModel (`saved_model.pb`:
// its meta graphs, each a GraphDef, the functions of its library and its saver) and a frozen
// GraphDef (`.pb`). Only what judging the graph needs is kept: each node's name, op and inputs,
// and the few attributes that say where an op reads, writes or calls. Field numbers are those of
// TensorFlow's .proto files, named where they are used.

/** One attribute of a node, as far as it is kept. */
export interface TfAttr {
  /** `s` (a string attribute). */
  s?: string;
  /** `list.s` (a list of strings). */
  list?: string[];
  /** Function names: `func.name` and `list.func[].name`. */
  funcs?: string[];
  /** A constant tensor's `string_val` (the `value` of a Const); `undefined` when it holds no strings. */
  strings?: string[];
}

/** One NodeDef. */
export interface TfNode {
  name: string;
  op: string;
  /** Data inputs (`node:out`, `arg`), then control inputs (`^node`), as written. */
  inputs: string[];
  attrs: Record<string, TfAttr>;
}

/** A graph or a function of the library: where nodes live. */
export interface TfScope {
  /** `graph`, or the function's name. */
  name: string;
  /** The function's input argument names, in order (none for the graph). */
  args: string[];
  nodes: TfNode[];
}

/** A SaverDef: the tensors the loader feeds and runs to restore the variables. */
export interface TfSaver {
  filenameTensor: string;
  saveTensor: string;
  restoreOp: string;
}

/** One MetaGraphDef (or the single graph of a frozen GraphDef). */
export interface TfMetaGraph {
  tags: string[];
  graph: TfScope;
  functions: TfScope[];
  saver?: TfSaver;
  /** What a loader runs: signature outputs and init ops (tensor or op names). */
  entryPoints: string[];
  /** Whether it has a SavedObjectGraph (TF 2), whose functions the loading program may call directly. */
  objectGraph: boolean;
}

/** A TensorFlow graph file. */
export interface TfModel {
  format: "saved-model" | "graph-def";
  metaGraphs: TfMetaGraph[];
  nodes: number;
}

const MAX_NODES = 1_000_000;
/** Collections of ops the TF 1 loader (and training on a SavedModel) runs. */
const INIT_COLLECTIONS = new Set(["saved_model_main_op", "legacy_init_op", "saved_model_train_op", "table_initializer", "init_op", "local_init_op"]);
const MAX_KEPT_STRING = 4096;
const MAX_CONST_STRINGS = 64;
/** Attributes whose strings are kept (the others only give function names). */
const STRING_ATTRS = new Set(["output_stream", "debug_urls", "memory_region_name", "token", "value"]);
/** NodeDef.name as TensorFlow accepts it ([A-Za-z0-9.][A-Za-z0-9_./]*, with `-` and `>` its importer allows too). */
const NODE_NAME = /^[A-Za-z0-9._][A-Za-z0-9_./>-]{0,1023}$/;
/** NodeDef.op: an op ([A-Z][A-Za-z0-9>_]*) or the name of a library function. */
const OP_NAME = /^[A-Za-z_][A-Za-z0-9_.>-]{0,1023}$/;

/** Reads a SavedModel (`saved_model.pb`); throws ProtobufError naming the byte where it went wrong. */
export async function readSavedModel(src: RangeSource, signal?: AbortSignal): Promise<TfModel> {
  const r = new ProtoReader(src, {}, signal);
  const count = { nodes: 0 };
  const metaGraphs: TfMetaGraph[] = [];
  // saved_model.proto: SavedModel { int64 saved_model_schema_version = 1; repeated MetaGraphDef meta_graphs = 2; }
  for (const f of await r.fields(0, src.size, 0)) {
    if (f.number === 1) expectWire(f, VARINT, "SavedModel.saved_model_schema_version");
    if (f.number === 2) metaGraphs.push(await readMetaGraph(r, expectWire(f, LEN, "SavedModel.meta_graphs"), 1, count));
  }
  if (metaGraphs.length === 0) throw new ProtobufError("holds no meta graph: it is not a SavedModel", "malformed", 0);
  return { format: "saved-model", metaGraphs, nodes: count.nodes };
}

/** Reads a frozen GraphDef (`.pb`). */
export async function readGraphDef(src: RangeSource, signal?: AbortSignal): Promise<TfModel> {
  const r = new ProtoReader(src, {}, signal);
  const count = { nodes: 0 };
  const { graph, functions } = await readGraph(r, 0, src.size, 0, count);
  return { format: "graph-def", metaGraphs: [{ tags: [], graph, functions, entryPoints: [], objectGraph: false }], nodes: count.nodes };
}

/**
 * What a `.pb` of unknown kind is, from its first fields: a SavedModel (schema version 1, then a
 * meta graph), a GraphDef (its first field a node with a valid name and op), or neither (other
 * protobuf data, which is not a model and is left alone). Throws only when a read fails.
 */
export async function sniffTensorflow(src: RangeSource): Promise<"saved-model" | "graph-def" | undefined> {
  try {
    const r = new ProtoReader(src, { maxBytes: 4096 });
    const first = await firstField(r, 0, src.size);
    if (!first) return undefined;
    if (first.number === 1 && first.wire === VARINT && first.value === 1) {
      const second = await firstField(r, first.start + first.length, src.size);
      if (second?.number !== 2 || second.wire !== LEN) return undefined;
      const inner = await firstField(r, second.start, second.start + second.length);
      return inner && (inner.number === 1 || inner.number === 2) && inner.wire === LEN ? "saved-model" : undefined;
    }
    if (first.number !== 1 || first.wire !== LEN) return undefined;
    // GraphDef.node = 1; NodeDef { string name = 1; string op = 2; } in that order, as every serializer writes them.
    const name = await firstField(r, first.start, first.start + first.length);
    if (name?.number !== 1 || name.wire !== LEN) return undefined;
    const op = await firstField(r, name.start + name.length, first.start + first.length);
    if (op?.number !== 2 || op.wire !== LEN) return undefined;
    return NODE_NAME.test(await r.text(name)) && OP_NAME.test(await r.text(op)) ? "graph-def" : undefined;
  } catch (e) {
    if (e instanceof ProtobufError) return undefined;
    throw e;
  }
}

/** The first field of the message at [start, end), reading only its header. */
async function firstField(r: ProtoReader, start: number, end: number): Promise<ProtoField | undefined> {
  return start < end ? r.fieldAt(start, end) : undefined;
}

async function readMetaGraph(r: ProtoReader, f: ProtoField, depth: number, count: { nodes: number }): Promise<TfMetaGraph> {
  // meta_graph.proto: MetaGraphDef { MetaInfoDef meta_info_def = 1; GraphDef graph_def = 2; SaverDef saver_def = 3;
  //   map<string, CollectionDef> collection_def = 4; map<string, SignatureDef> signature_def = 5; …; SavedObjectGraph object_graph_def = 7; }
  const tags: string[] = [];
  const entryPoints: string[] = [];
  let objectGraph = false;
  let graph: TfScope = { name: "graph", args: [], nodes: [] };
  let functions: TfScope[] = [];
  let saver: TfSaver | undefined;
  for (const g of await r.message(f, depth)) {
    if (g.number === 1) {
      // MetaInfoDef { …; repeated string tags = 4; }
      for (const h of await r.message(expectWire(g, LEN, "MetaGraphDef.meta_info_def"), depth + 1)) if (h.number === 4) tags.push(await r.text(expectWire(h, LEN, "MetaInfoDef.tags")));
    } else if (g.number === 2) {
      expectWire(g, LEN, "MetaGraphDef.graph_def");
      ({ graph, functions } = await readGraph(r, g.start, g.start + g.length, depth + 1, count));
    } else if (g.number === 3) {
      // saver.proto: SaverDef { string filename_tensor_name = 1; string save_tensor_name = 2; string restore_op_name = 3; … }
      const s: TfSaver = { filenameTensor: "", saveTensor: "", restoreOp: "" };
      for (const h of await r.message(expectWire(g, LEN, "MetaGraphDef.saver_def"), depth + 1)) {
        if (h.number === 1) s.filenameTensor = await r.text(expectWire(h, LEN, "SaverDef.filename_tensor_name"));
        if (h.number === 2) s.saveTensor = await r.text(expectWire(h, LEN, "SaverDef.save_tensor_name"));
        if (h.number === 3) s.restoreOp = await r.text(expectWire(h, LEN, "SaverDef.restore_op_name"));
      }
      saver = s;
    } else if (g.number === 4) {
      // A map entry { string key = 1; CollectionDef value = 2; }; CollectionDef { NodeList node_list = 1; … }, NodeList { repeated string value = 1; }
      const [key, value] = await mapEntry(r, expectWire(g, LEN, "MetaGraphDef.collection_def"), depth + 1);
      if (value && INIT_COLLECTIONS.has(key)) {
        for (const h of await r.message(value, depth + 2)) if (h.number === 1 && h.wire === LEN) for (const k of await r.message(h, depth + 3)) if (k.number === 1 && k.wire === LEN) entryPoints.push(await r.text(k));
      }
    } else if (g.number === 5) {
      // SignatureDef { map<string, TensorInfo> inputs = 1; map<string, TensorInfo> outputs = 2; … }: what serving it runs is its outputs.
      const [, value] = await mapEntry(r, expectWire(g, LEN, "MetaGraphDef.signature_def"), depth + 1);
      for (const h of value ? await r.message(value, depth + 2) : []) {
        if (h.number !== 2 || h.wire !== LEN) continue;
        const [, info] = await mapEntry(r, h, depth + 3);
        if (info) entryPoints.push(...(await tensorNames(r, info, depth + 4)));
      }
    } else if (g.number === 7) objectGraph = true;
  }
  return { tags, graph, functions, entryPoints, objectGraph, ...(saver ? { saver } : {}) };
}

/** A map entry's key and value field. */
async function mapEntry(r: ProtoReader, f: ProtoField, depth: number): Promise<[string, ProtoField | undefined]> {
  let key = "";
  let value: ProtoField | undefined;
  for (const h of await r.message(f, depth)) {
    if (h.number === 1 && h.wire === LEN) key = await r.text(h);
    if (h.number === 2 && h.wire === LEN) value = h;
  }
  return [key, value];
}

/** The tensor names of a TensorInfo: its name, a sparse tensor's three, a composite tensor's components. */
async function tensorNames(r: ProtoReader, f: ProtoField, depth: number): Promise<string[]> {
  // TensorInfo { string name = 1; DataType dtype = 2; …; CooSparse coo_sparse = 4; CompositeTensor composite_tensor = 5; }
  // CooSparse { string values_tensor_name = 1; string indices_tensor_name = 2; string dense_shape_tensor_name = 3; }
  // CompositeTensor { TypeSpecProto type_spec = 1; repeated TensorInfo components = 2; }
  const out: string[] = [];
  for (const h of await r.message(f, depth)) {
    if (h.wire !== LEN) continue;
    if (h.number === 1) out.push(await r.text(h));
    else if (h.number === 4) {
      for (const k of await r.message(h, depth + 1)) if (k.wire === LEN) out.push(await r.text(k));
    } else if (h.number === 5) {
      for (const k of await r.message(h, depth + 1)) if (k.number === 2 && k.wire === LEN) out.push(...(await tensorNames(r, k, depth + 2)));
    }
  }
  return out;
}

async function readGraph(r: ProtoReader, start: number, end: number, depth: number, count: { nodes: number }): Promise<{ graph: TfScope; functions: TfScope[] }> {
  // graph.proto: GraphDef { repeated NodeDef node = 1; FunctionDefLibrary library = 2; int32 version = 3; VersionDef versions = 4; … }
  const graph: TfScope = { name: "graph", args: [], nodes: [] };
  const functions: TfScope[] = [];
  // Field by field rather than listed first: a graph holds up to a million nodes.
  if (depth > DEFAULT_PROTO_LIMITS.maxDepth) throw new ProtobufError(`messages nest deeper than ${DEFAULT_PROTO_LIMITS.maxDepth} levels at byte ${start}`, "malformed", start);
  for (let pos = start; pos < end; ) {
    const f = await r.fieldAt(pos, end);
    pos = f.start + f.length;
    if (f.number === 1) graph.nodes.push(await readNode(r, expectWire(f, LEN, "GraphDef.node"), depth, count));
    else if (f.number === 2) {
      // function.proto: FunctionDefLibrary { repeated FunctionDef function = 1; repeated GradientDef gradient = 2; }
      for (const g of await r.message(expectWire(f, LEN, "GraphDef.library"), depth)) if (g.number === 1) functions.push(await readFunction(r, expectWire(g, LEN, "FunctionDefLibrary.function"), depth + 1, count));
    }
  }
  return { graph, functions };
}

async function readFunction(r: ProtoReader, f: ProtoField, depth: number, count: { nodes: number }): Promise<TfScope> {
  // FunctionDef { OpDef signature = 1; repeated NodeDef node_def = 3; map<string, string> ret = 4; … }
  // op_def.proto: OpDef { string name = 1; repeated ArgDef input_arg = 2; … }, ArgDef { string name = 1; … }
  const scope: TfScope = { name: "", args: [], nodes: [] };
  for (const g of await r.message(f, depth)) {
    if (g.number === 1) {
      for (const h of await r.message(expectWire(g, LEN, "FunctionDef.signature"), depth + 1)) {
        if (h.number === 1) scope.name = await r.text(expectWire(h, LEN, "OpDef.name"));
        if (h.number === 2) for (const a of await r.message(expectWire(h, LEN, "OpDef.input_arg"), depth + 2)) if (a.number === 1) scope.args.push(await r.text(expectWire(a, LEN, "ArgDef.name")));
      }
    } else if (g.number === 3) scope.nodes.push(await readNode(r, expectWire(g, LEN, "FunctionDef.node_def"), depth + 1, count));
  }
  return scope;
}

async function readNode(r: ProtoReader, f: ProtoField, depth: number, count: { nodes: number }): Promise<TfNode> {
  if (++count.nodes > MAX_NODES) throw new ProtobufError(`holds more than ${MAX_NODES} nodes: the rest was not read`, "limit", f.offset);
  // node_def.proto: NodeDef { string name = 1; string op = 2; repeated string input = 3; string device = 4; map<string, AttrValue> attr = 5; … }
  const node: TfNode = { name: "", op: "", inputs: [], attrs: {} };
  for (const g of await r.message(f, depth)) {
    if (g.number === 1) node.name = await r.text(expectWire(g, LEN, "NodeDef.name"));
    else if (g.number === 2) node.op = await r.text(expectWire(g, LEN, "NodeDef.op"));
    else if (g.number === 3) node.inputs.push(await r.text(expectWire(g, LEN, "NodeDef.input")));
    else if (g.number === 5) {
      // A map entry: { string key = 1; AttrValue value = 2; }
      let key = "";
      let value: ProtoField | undefined;
      for (const h of await r.message(expectWire(g, LEN, "NodeDef.attr"), depth + 1)) {
        if (h.number === 1) key = await r.text(expectWire(h, LEN, "NodeDef.attr key"));
        if (h.number === 2) value = expectWire(h, LEN, "NodeDef.attr value");
      }
      if (!value) continue;
      const attr = await readAttr(r, value, depth + 2, STRING_ATTRS.has(key));
      if (attr) node.attrs[key] = attr;
    }
  }
  if (node.op === "") throw new ProtobufError(`a node at byte ${f.offset} has no op`, "malformed", f.offset);
  return node;
}

/** An AttrValue: function names always, strings only for the attributes that need them. */
async function readAttr(r: ProtoReader, f: ProtoField, depth: number, keepStrings: boolean): Promise<TfAttr | undefined> {
  // attr_value.proto: AttrValue { oneof value { ListValue list = 1; bytes s = 2; …; TensorProto tensor = 8; NameAttrList func = 10; … } }
  const attr: TfAttr = {};
  for (const g of await r.message(f, depth)) {
    if (g.number === 2 && keepStrings && g.wire === LEN) attr.s = await shortText(r, g);
    else if (g.number === 10 && g.wire === LEN) {
      // NameAttrList { string name = 1; map<string, AttrValue> attr = 2; }
      for (const h of await r.message(g, depth)) if (h.number === 1 && h.wire === LEN) (attr.funcs ??= []).push(await shortText(r, h));
    } else if (g.number === 1 && g.wire === LEN) {
      // ListValue { repeated bytes s = 2; …; repeated NameAttrList func = 9; }
      for (const h of await r.message(g, depth)) {
        if (h.number === 2 && keepStrings && h.wire === LEN) (attr.list ??= []).push(await shortText(r, h));
        if (h.number === 9 && h.wire === LEN) for (const k of await r.message(h, depth + 1)) if (k.number === 1 && k.wire === LEN) (attr.funcs ??= []).push(await shortText(r, k));
      }
    } else if (g.number === 8 && keepStrings && g.wire === LEN) {
      // tensor.proto: TensorProto { DataType dtype = 1; …; bytes tensor_content = 4; …; repeated bytes string_val = 8; … }
      for (const h of await r.message(g, depth)) {
        if (h.number !== 8 || h.wire !== LEN) continue;
        attr.strings ??= [];
        if (attr.strings.length < MAX_CONST_STRINGS) attr.strings.push(await shortText(r, h));
      }
    }
  }
  return attr.s !== undefined || attr.list || attr.funcs || attr.strings ? attr : undefined;
}

/** A string value, cut to what is worth keeping (long ones are data, not names or paths). */
async function shortText(r: ProtoReader, f: ProtoField): Promise<string> {
  return r.text(f.length > MAX_KEPT_STRING ? { ...f, length: MAX_KEPT_STRING } : f);
}

function expectWire(f: ProtoField, wire: number, what: string): ProtoField {
  if (f.wire !== wire) throw new ProtobufError(`${what} at byte ${f.offset} has wire type ${f.wire}, not ${wire}: the file is not the message it claims to be`, "malformed", f.offset);
  return f;
}
