import type { TfMetaGraph, TfModel, TfNode, TfScope } from "./tensorflow.js";

// Which TensorFlow graph ops give a model powers beyond arithmetic when it is loaded or served:
// reading or writing files, reaching the network, calling Python. ReadFile and WriteFile are the
// ops ProtectAI's modelscan reports; the others are the "TensorAbuse" primitives (Zhu et al.,
// 2024) of the same power. Checkpoint ops (SaveV2, RestoreV2, MergeV2Checkpoints…) are in every
// SavedModel's saver, so they are judged by where their path comes from: the loader's filename
// (the saver's placeholder, or a function argument it is passed through), maybe joined with
// TensorFlow's own relative suffixes, is normal; a path written into the model, or computed by
// anything else, is not.

/** What an op can do beyond computing. */
export type OpPower = "writes-files" | "reads-files" | "network" | "runs-python";

/** One op of a kind, in one graph or function, that has a power. */
export interface UnsafeOp {
  /** `graph`, or the function's name. */
  scope: string;
  /** The first node of that op there. */
  node: string;
  op: string;
  power: OpPower;
  /** What it reads, writes or calls, when the graph says ("the constant path '/etc/passwd'"). */
  detail?: string;
  /** Nodes of that op in that scope. */
  count: number;
  /** The tags of the meta graph it was found in (`serve`). */
  tags: string[];
}

/** Ops whose every use reads or writes files, reaches the network or calls Python. */
const ALWAYS: Record<string, OpPower> = {
  ReadFile: "reads-files",
  MatchingFiles: "reads-files",
  MatchingFilesDataset: "reads-files",
  ExperimentalMatchingFilesDataset: "reads-files",
  FixedLengthRecordDataset: "reads-files",
  FixedLengthRecordDatasetV2: "reads-files",
  TextLineDataset: "reads-files",
  TFRecordDataset: "reads-files",
  TFRecordDatasetV2: "reads-files",
  CSVDataset: "reads-files",
  CSVDatasetV2: "reads-files",
  ExperimentalCSVDataset: "reads-files",
  SqlDataset: "reads-files",
  ExperimentalSqlDataset: "reads-files",
  LMDBDataset: "reads-files",
  ExperimentalLMDBDataset: "reads-files",
  LoadDataset: "reads-files",
  // TF 1's queue readers read whatever file names their queue is fed (ReaderRead pulls them).
  WholeFileReader: "reads-files",
  WholeFileReaderV2: "reads-files",
  TextLineReader: "reads-files",
  TextLineReaderV2: "reads-files",
  TFRecordReader: "reads-files",
  TFRecordReaderV2: "reads-files",
  FixedLengthRecordReader: "reads-files",
  FixedLengthRecordReaderV2: "reads-files",
  LMDBReader: "reads-files",
  WriteFile: "writes-files",
  SaveDataset: "writes-files",
  SaveDatasetV2: "writes-files",
  DatasetToTFRecord: "writes-files",
  ExperimentalDatasetToTFRecord: "writes-files",
  SnapshotDataset: "writes-files",
  SnapshotDatasetV2: "writes-files",
  DistributedSave: "network",
  DataServiceDataset: "network",
  DataServiceDatasetV2: "network",
  DataServiceDatasetV3: "network",
  DataServiceDatasetV4: "network",
  RegisterDataset: "network",
  RegisterDatasetV2: "network",
  Rpc: "network",
  TryRpc: "network",
  RpcClient: "network",
  RpcCall: "network",
  RpcServer: "network",
  RpcServerRegister: "network",
  RpcServerStart: "network",
  PyFunc: "runs-python",
  PyFuncStateless: "runs-python",
  EagerPyFunc: "runs-python",
};

/** Checkpoint ops and which of their inputs are paths (SaveV2's prefix, MergeV2Checkpoints' prefixes and destination…). */
const CHECKPOINT: Record<string, { power: OpPower; paths: number[] }> = {
  SaveV2: { power: "writes-files", paths: [0] },
  Save: { power: "writes-files", paths: [0] },
  SaveSlices: { power: "writes-files", paths: [0] },
  MergeV2Checkpoints: { power: "writes-files", paths: [0, 1] },
  RestoreV2: { power: "reads-files", paths: [0] },
  Restore: { power: "reads-files", paths: [0] },
  RestoreSlice: { power: "reads-files", paths: [0] },
};

/** Ops a saver builds its checkpoint path with (sharded names, the temporary-directory suffix). */
const PATH_OPS = new Set(["Identity", "PlaceholderWithDefault", "StringJoin", "ShardedFilename", "ShardedFilespec", "Select", "SelectV2", "Pack", "StaticRegexFullMatch"]);
/** Calls whose data inputs are the callee's arguments, from this input on. */
const CALLS: Record<string, { attrs: string[]; offset: number }> = {
  PartitionedCall: { attrs: ["f"], offset: 0 },
  StatefulPartitionedCall: { attrs: ["f"], offset: 0 },
  If: { attrs: ["then_branch", "else_branch"], offset: 1 },
  StatelessIf: { attrs: ["then_branch", "else_branch"], offset: 1 },
  While: { attrs: ["cond", "body"], offset: 0 },
  StatelessWhile: { attrs: ["cond", "body"], offset: 0 },
  Case: { attrs: ["branches"], offset: 1 },
  StatelessCase: { attrs: ["branches"], offset: 1 },
};
const MAX_CALL_DEPTH = 8;
const MAX_PATH_NODES = 10_000;

/** The ops of a model that touch files, the network or Python, one entry per op and scope. */
export function unsafeOps(model: TfModel): UnsafeOp[] {
  const out = new Map<string, UnsafeOp>();
  // Meta graphs of one SavedModel often share their functions: count each node once.
  const counted = new Set<string>();
  for (const mg of model.metaGraphs) {
    const ix = indexMetaGraph(mg);
    const live = liveNodes(mg, ix);
    for (const s of ix.scopes.values()) {
      for (const node of s.scope.nodes) {
        if (live && !live.has(node)) continue;
        const hit = judgeNode(ix, s, node);
        if (!hit || counted.has(`${s.scope.name}\u0000${node.name}`)) continue;
        counted.add(`${s.scope.name}\u0000${node.name}`);
        const key = `${s.scope.name}\u0000${node.op}`;
        const seen = out.get(key);
        if (seen) seen.count++;
        else out.set(key, { scope: s.scope.name, node: node.name, op: node.op, power: hit.power, ...(hit.detail ? { detail: hit.detail } : {}), count: 1, tags: mg.tags });
      }
    }
  }
  return [...out.values()];
}

/** Whether a constant string used as a path leaves the working directory (absolute, `..`, a URL, `~`). */
export function escapingPath(s: string): boolean {
  return /^(?:[/\\~]|[A-Za-z]:[/\\]|[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/)/.test(s) || /(?:^|[/\\])\.\.(?:[/\\]|$)/.test(s);
}

interface ScopeIndex {
  scope: TfScope;
  byName: Map<string, TfNode>;
  args: Map<string, number>;
  /** The saver's filename node (the top-level graph of a SavedModel only). */
  saverRoot?: string;
}

interface Call {
  caller: ScopeIndex;
  node: TfNode;
  offset: number;
}

interface MetaIndex {
  scopes: Map<string, ScopeIndex>;
  /** Calls whose arguments can be followed, by callee. */
  calls: Map<string, Call[]>;
  /** Another reference to a function (a dataset's map function…), by callee: its arguments are not followed. */
  opaque: Map<string, string>;
  memo: Map<string, string | undefined>;
}

function indexMetaGraph(mg: TfMetaGraph): MetaIndex {
  const scopes = new Map<string, ScopeIndex>();
  const saverRoot = mg.saver ? producer(mg.saver.filenameTensor) : undefined;
  const add = (scope: TfScope, top: boolean): void => {
    const s: ScopeIndex = { scope, byName: new Map(scope.nodes.map((n) => [n.name, n])), args: new Map(scope.args.map((a, i) => [a, i])), ...(top && saverRoot ? { saverRoot } : {}) };
    scopes.set(top ? "" : scope.name, s);
  };
  add(mg.graph, true);
  for (const f of mg.functions) if (f.name !== "") add(f, false);
  const calls = new Map<string, Call[]>();
  const opaque = new Map<string, string>();
  for (const s of scopes.values()) {
    for (const node of s.scope.nodes) {
      const call = CALLS[node.op];
      if (scopes.has(node.op) && node.op !== "") (calls.get(node.op) ?? calls.set(node.op, []).get(node.op))?.push({ caller: s, node, offset: 0 });
      for (const [key, attr] of Object.entries(node.attrs)) {
        for (const fn of attr.funcs ?? []) {
          if (call?.attrs.includes(key)) (calls.get(fn) ?? calls.set(fn, []).get(fn))?.push({ caller: s, node, offset: call.offset });
          else if (!opaque.has(fn)) opaque.set(fn, `${node.op} node '${node.name}'`);
        }
      }
    }
  }
  return { scopes, calls, opaque, memo: new Map() };
}

/**
 * The nodes a TF 1 SavedModel can run when loaded or served: those its signatures' outputs, its
 * init ops and its saver depend on, and every node of the functions they call. A training
 * graph saved whole (simple_save on the training session) keeps its input pipeline, whose
 * file readers no signature reaches; they never run. Undefined (judge every node) for a TF 2
 * SavedModel, whose functions the loading program may call directly, and for a frozen graph.
 */
function liveNodes(mg: TfMetaGraph, ix: MetaIndex): Set<TfNode> | undefined {
  if (mg.objectGraph || mg.entryPoints.length === 0) return undefined;
  const top = ix.scopes.get("");
  if (!top) return undefined;
  const live = new Set<TfNode>();
  const seenScopes = new Set<ScopeIndex>();
  const scopes: ScopeIndex[] = [];
  const reach = (node: TfNode): void => {
    for (const fn of [node.op, ...Object.values(node.attrs).flatMap((a) => a.funcs ?? [])]) {
      const callee = fn === "" ? undefined : ix.scopes.get(fn);
      if (callee && !seenScopes.has(callee)) {
        seenScopes.add(callee);
        scopes.push(callee);
      }
    }
  };
  const stack = [...mg.entryPoints, ...(mg.saver ? [mg.saver.saveTensor, mg.saver.restoreOp] : [])].map((n) => producer(n.replace(/^\^/, "")));
  while (stack.length > 0) {
    const node = top.byName.get(stack.pop() as string);
    if (!node || live.has(node)) continue;
    live.add(node);
    reach(node);
    for (const i of node.inputs) stack.push(producer(i.replace(/^\^/, "")));
  }
  for (let i = 0; i < scopes.length; i++) {
    for (const node of (scopes[i] as ScopeIndex).scope.nodes) {
      live.add(node);
      reach(node);
    }
  }
  return live;
}

function judgeNode(ix: MetaIndex, s: ScopeIndex, node: TfNode): { power: OpPower; detail?: string } | undefined {
  const always = ALWAYS[node.op];
  if (always === "runs-python") {
    // The token names a function the loading process registered: the Python code is not in the model.
    const token = node.attrs["token"]?.s;
    return { power: always, ...(token ? { detail: `token '${token}'` } : {}) };
  }
  if (always) {
    const path = constantOf(s, dataInputs(node)[0]);
    return { power: always, ...(path !== undefined ? { detail: `the constant path '${path}'` } : {}) };
  }
  const checkpoint = CHECKPOINT[node.op];
  if (checkpoint) {
    const inputs = dataInputs(node);
    for (const i of checkpoint.paths) {
      const ref = inputs[i];
      const why = ref === undefined ? "a path input that is missing" : pathOrigin(ix, s, ref, 0);
      if (why) return { power: checkpoint.power, detail: why };
    }
    return undefined;
  }
  if (node.op === "PrintV2") {
    // tf.print(output_stream="file://…") appends to a file; stderr, stdout and log levels do not.
    const stream = node.attrs["output_stream"]?.s ?? "";
    return /^file:\/\//i.test(stream) ? { power: "writes-files", detail: `prints to '${stream}'` } : undefined;
  }
  if (/^Debug(?:Identity(?:V2|V3)?|NanCount|NumericSummary)$/.test(node.op)) {
    // tfdbg's ops (every BaseDebugOp: DebugIdentity, DebugNanCount, DebugNumericSummary) send what they compute to their
    // debug_urls (grpc://) or write it (file://); without urls they do nothing.
    const urls = node.attrs["debug_urls"]?.list ?? [];
    if (urls.length === 0) return undefined;
    return { power: urls.some((u) => /^grpc:\/\//i.test(u)) ? "network" : "writes-files", detail: `debug_urls ${urls.map((u) => `'${u}'`).join(", ")}` };
  }
  if (node.op === "ImmutableConst") {
    // Memory-mapped graphs (convert_graphdef_memmapped_format) map regions of their own package; any other name is a file.
    const region = node.attrs["memory_region_name"]?.s ?? "";
    return region.startsWith("memmapped_package://") ? undefined : { power: "reads-files", detail: `maps '${region}'` };
  }
  return undefined;
}

/**
 * Why the path at `ref` is not the loader's, or undefined when it is: it must be built only from
 * the saver's filename, placeholders, function arguments (followed to every call) and constants
 * that stay in the working directory, through the string ops a saver uses.
 */
function pathOrigin(ix: MetaIndex, s: ScopeIndex, ref: string, depth: number): string | undefined {
  const stack = [ref];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = producer(stack.pop() as string);
    if (seen.has(name)) continue;
    seen.add(name);
    if (seen.size > MAX_PATH_NODES) return `a path computed by more than ${MAX_PATH_NODES} nodes`;
    const arg = s.args.get(name);
    if (arg !== undefined && !s.byName.has(name)) {
      const why = callersOrigin(ix, s.scope.name, arg, depth);
      if (why) return why;
      continue;
    }
    if (name === s.saverRoot) continue;
    const node = s.byName.get(name);
    if (!node) return `a path from '${name}', which is not a node of ${s === ix.scopes.get("") ? "the graph" : `function '${s.scope.name}'`}`;
    if (node.op === "Placeholder" || node.op === "PlaceholderV2") continue;
    if (node.op === "Const") {
      const bad = node.attrs["value"]?.strings?.find(escapingPath);
      if (bad !== undefined) return `the constant path '${bad}'`;
      continue;
    }
    if (!PATH_OPS.has(node.op)) return `a path computed by ${node.op} node '${node.name}'`;
    stack.push(...dataInputs(node));
  }
  return undefined;
}

/** Why argument `arg` of function `fn` may not be the loader's path, following every call to it. */
function callersOrigin(ix: MetaIndex, fn: string, arg: number, depth: number): string | undefined {
  const key = `${fn}\u0000${arg}`;
  if (ix.memo.has(key)) return ix.memo.get(key);
  // In progress counts as fine: a recursive call adds no new source of the path.
  ix.memo.set(key, undefined);
  let why: string | undefined;
  const opaque = ix.opaque.get(fn);
  if (depth >= MAX_CALL_DEPTH) why = `a path passed through more than ${MAX_CALL_DEPTH} function calls`;
  else if (opaque) why = `a path given by ${opaque}, whose arguments to '${fn}' assay does not follow`;
  else {
    // No call in the model: the loading program calls the function, with its own arguments.
    for (const c of ix.calls.get(fn) ?? []) {
      const ref = dataInputs(c.node)[c.offset + arg];
      why = ref === undefined ? `a path argument that ${c.node.op} node '${c.node.name}' does not pass` : pathOrigin(ix, c.caller, ref, depth + 1);
      if (why) break;
    }
  }
  ix.memo.set(key, why);
  return why;
}

/** The string a path input holds when it is a constant (through Identity nodes), for the message. */
function constantOf(s: ScopeIndex, ref: string | undefined): string | undefined {
  for (let i = 0; ref !== undefined && i < 16; i++) {
    const node = s.byName.get(producer(ref));
    if (node?.op === "Const") return node.attrs["value"]?.strings?.[0];
    if (node?.op !== "Identity") return undefined;
    ref = dataInputs(node)[0];
  }
  return undefined;
}

function dataInputs(node: TfNode): string[] {
  return node.inputs.filter((i) => !i.startsWith("^"));
}

/** The node (or argument) an input names: `node:out:0`, `node:1` and `node` all name `node`. */
function producer(ref: string): string {
  const colon = ref.indexOf(":");
  return colon < 0 ? ref : ref.slice(0, colon);
}
