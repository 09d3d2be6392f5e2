import { Readable } from "node:stream";
import { createGunzip, createInflate } from "node:zlib";
import { decodeBzip2 } from "./bzip2.js";
import { decodeLz4 } from "./lz4.js";
import { decodeLzma, decodeLzma2, decodeXz, type LzmaOutput } from "./lzma.js";
import { looksLikeNpy, npyHeaderEnd, parseNpyHeader } from "./npy.js";
import { otherFormat } from "./other-formats.js";
import { IMPORTABLE, looksLikePickle, mayBePickle, PickleScanner, type PickleImport, type PickleScan } from "./pickle.js";
import { isDillLoadType, judgeDillLoadType, judgeImport } from "./pickle-globals.js";
import { looksLikeTar, readTarEntries } from "./tar.js";
import { DEFAULT_ZIP_LIMITS, endsWithZip, entryBytes, entryChunks, entryDataOffset, looksLikeZip, readZipDirectory, windowSource, ZipError, bytesSource, type RangeSource, type ZipEntry } from "./zip.js";

// Walks one model file (and the archives inside it) to every pickle stream it holds — plain
// pickles, PyTorch zip and legacy checkpoints, joblib files (zlib or gzip compressed), NumPy
// object arrays, .npz archives, nested zips — and judges each import. Bounded: archive depth,
// entries, expansion ratio and bytes inflated; a cap that stops the walk is itself a finding.

/** Something the walk found in a model file. */
export interface ModelFinding {
  kind: "dangerous" | "suspicious" | "library" | "computed" | "malformed" | "limit";
  /** The file, then `!entry` for each archive level. */
  where: string;
  message: string;
  module?: string;
  name?: string;
  offset?: number;
  /** Set on an import or computed import read before the stream broke (where it broke): the loader ran it, then failed. */
  brokeAt?: number;
  /** Set when bytes that hold (or may hold) a pickle could not be read, wholly or in part: the verdict cannot be trusted. */
  uninspected?: true;
}

/** What one file held. */
export interface ModelScan {
  findings: ModelFinding[];
  /** Pickle streams read. */
  streams: number;
  /** What the file is: `pickle`, `zip`, `npy`, `joblib`… (undefined: not a model format). */
  format: string | undefined;
}

/**
 * Pickles named by their compression, which pandas' read_pickle and joblib.load pick the codec from
 * (`.pkl.gz`, `.joblib.lz4`…: the codecs this walk decodes, and zstd), PyTorch's `.pth.tar`, and
 * NVIDIA NeMo's `.nemo` (a tar, plain or gzipped, of a config and a torch.save checkpoint that
 * restore_from extracts and torch.load's): regular-expression source, for the rules' file names
 * and for the names that must be models.
 */
export const COMPRESSED_PICKLE_NAME = String.raw`\.(?:pkl|pickle|joblib)\.(?:gz|z|bz2|xz|lzma|zst|lz4)$|\.(?:pth?|ckpt)\.tar$|\.nemo$`;

/**
 * Extensions whose files must be a model format: anything else in them is malformed. The others
 * (`.bin`, `.dat`, `.data`, `.zip`…) are models only when their bytes say so: a stream in them that
 * breaks the format is some other binary or text, judged only on the dangerous imports it happened
 * to hold (as picklescan reports a scan error, not an issue, for such files).
 */
const MUST_BE_MODEL = new RegExp(String.raw`\.(?:pkl|pickle|joblib|dill|pt|pth|ckpt|npy|npz|sav)$|${COMPRESSED_PICKLE_NAME}|(?:^|/)pytorch_model[^/]{0,40}\.bin$`, "i");
/** Entries of an archive worth opening (pickle and NumPy names, as picklescan and modelscan list them). */
const ENTRY_OF_INTEREST = /(?:\.(?:pkl|pickle|joblib|dat|data|dill|pt|pth|bin|ckpt|npy|npz|zip|keras|mar|sav|nemo)$|(?:^|\/)data\.pkl$)/i;
const CHUNK = 4 * 1024 * 1024;
const MAX_DEPTH = 4;
const MAX_ENTRIES_SCANNED = 10_000;
/** Entries of one archive whose first bytes are looked at when their name says nothing. */
const MAX_ENTRIES_SNIFFED = 100_000;
const NESTED_IN_MEMORY = 64 * 1024 * 1024;
/** The longest .npy header read (parseNpyHeader's cap, and its prefix). */
const NPY_HEADER_MAX = 1024 * 1024 + 12;

interface Walk {
  findings: ModelFinding[];
  streams: number;
  entries: number;
}

/** Walks a model file read through `src`; `name` is its path, `signal` stops the walk. */
export async function scanModelSource(src: RangeSource, name: string, signal?: AbortSignal): Promise<ModelScan> {
  const walk: Walk = { findings: [], streams: 0, entries: 0 };
  const format = await scanSource(src, name, name, 0, walk, signal);
  return { findings: walk.findings, streams: walk.streams, format };
}

/** Walks bytes held in memory (tests and nested archives). */
export async function scanModelBytes(bytes: Uint8Array, name: string): Promise<ModelScan> {
  const walk: Walk = { findings: [], streams: 0, entries: 0 };
  const format = await scanSource(bytesSource(bytes), name, name, 0, walk, undefined);
  return { findings: walk.findings, streams: walk.streams, format };
}

async function scanSource(src: RangeSource, where: string, name: string, depth: number, walk: Walk, signal: AbortSignal | undefined): Promise<string | undefined> {
  const head = await src.read(0, Math.min(src.size, 64 * 1024));
  // A page template named `.pt`, a path file named `.pth` or a TensorFlow V1 `.ckpt` is read as a pickle only if its bytes are one.
  const tail = /\.ckpt$/i.test(name) && src.size >= 64 ? await src.read(src.size - 8, 8) : undefined;
  const maybe = !MUST_BE_MODEL.test(name) || otherFormat(name, head, tail) !== undefined;
  try {
    if (looksLikeZip(head)) {
      await scanZip(src, where, depth, walk, signal);
      return "zip";
    }
    if (await endsWithZip(src)) {
      // An archive behind other bytes: zipfile-based loaders open it, so its entries are judged. torch.load, pickle.load and
      // np.load take a file for a zip only when it starts with a local header, and unpickle any other from its first byte.
      await scanZip(src, where, depth, walk, signal);
      if (looksLikePickle(head) || mayBePickle(head, head.length === src.size)) await scanStream(() => chunksOf(src), where, walk, 0, true);
      return "zip";
    }
    if (looksLikeTar(head)) {
      await scanTar(src, where, depth, walk, signal, maybe);
      return "tar";
    }
    if (looksLikeNpy(head)) {
      const end = npyHeaderEnd(head);
      const h = parseNpyHeader(end > head.length && end <= NPY_HEADER_MAX ? await src.read(0, Math.min(src.size, end)) : head);
      if (h.object) await scanStream(() => chunksOf(windowSource(src, h.dataOffset, src.size - h.dataOffset)), where, walk, h.dataOffset, false);
      return "npy";
    }
    const compressed = compression(head);
    if (compressed === "zlib" || compressed === "gzip") {
      // A gzipped tar (a `.nemo` saved compressed, a `.tar.gz` of checkpoints): its members are walked as a tar's.
      const inner = await inflatedTar(src, compressed, where);
      if (inner === "capped") {
        if (!maybe) walk.findings.push({ kind: "limit", where, message: `is a compressed tar archive that inflates past the ${NESTED_IN_MEMORY / 1024 / 1024} MiB cap: its members were not inspected`, uninspected: true });
        return "tar";
      }
      if (inner) {
        await scanTar(bytesSource(inner), where, depth, walk, signal, maybe);
        return "tar";
      }
      return (await scanStream(() => inflated(src, compressed, where), where, walk, 0, maybe)) ? "joblib" : undefined;
    }
    if ((compressed === "xz" || compressed === "lzma" || compressed === "7z" || compressed === "bzip2" || compressed === "lz4") && src.size <= NESTED_IN_MEMORY) {
      return (await scanLzma(src, compressed, where, depth, walk, signal, maybe)) ? compressed : undefined;
    }
    if (compressed) {
      // A `.bin` or `.dat` compressed some other way is some other data: only a name that promises a pickle makes it one unread.
      if (maybe) return undefined;
      walk.findings.push({ kind: "limit", where, message: `is compressed with ${compressed}, which assay cannot open: its pickle was not inspected`, uninspected: true });
      return compressed;
    }
    // The unpickler takes any opcode first; the ones Python's pickler never starts with are read when the first bytes hold together as a pickle.
    if (looksLikePickle(head) || mayBePickle(head, head.length === src.size)) {
      return (await scanStream(() => chunksOf(src), where, walk, 0, maybe)) ? "pickle" : undefined;
    }
  } catch (e) {
    if (!(e instanceof ZipError || e instanceof Error)) throw e;
    walk.findings.push({ kind: e instanceof ZipError ? e.kind : "malformed", where, message: e.message, ...(e instanceof ZipError && e.offset !== undefined ? { offset: e.offset } : {}) });
    return "unreadable";
  }
  if (!maybe && src.size > 0) walk.findings.push({ kind: "malformed", where, message: "is neither a pickle, a zip archive nor a NumPy file: assay cannot tell what loading it does", offset: 0 });
  // Loading an empty file fails at once (EOFError) and runs nothing; what should be there is missing all the same.
  else if (!maybe && depth === 0) walk.findings.push({ kind: "malformed", where, message: "is empty (0 bytes): not a model, whatever it was meant to hold is missing", offset: 0 });
  return undefined;
}

async function scanZip(src: RangeSource, where: string, depth: number, walk: Walk, signal: AbortSignal | undefined): Promise<void> {
  const entries = await readZipDirectory(src, DEFAULT_ZIP_LIMITS);
  let sniffed = 0;
  // A PyTorch archive's tensor storages (`<root>/data/<key>` beside `<root>/data.pkl`) are raw bytes torch.load never unpickles.
  const roots = new Set(entries.filter((e) => TORCH_PICKLE.test(e.name)).map((e) => e.name.slice(0, -"data.pkl".length)));
  const scripted = torchScriptRoots(entries, roots);
  let sourceBytes = 0;
  for (const entry of entries) {
    if (signal?.aborted) return;
    if (entry.name.endsWith("/")) continue;
    if (scripted.size > 0 && isTorchScriptSource(entry.name, scripted)) {
      sourceBytes += entry.size;
      await scanTorchScriptSource(src, entry, `${where}!${entry.name}`, walk, sourceBytes);
      continue;
    }
    // Any other entry is opened when its first bytes are a pickle's PROTO or NumPy's magic, as picklescan does.
    if (!ENTRY_OF_INTEREST.test(entry.name)) {
      // np.load opens an .npz by its entries' names, data/0 as well as any: there a storage's name proves nothing.
      if (roots.size > 0 && isStorage(entry.name, roots) && !NPZ.test(where.slice(where.lastIndexOf("!") + 1))) continue;
      if (++sniffed > MAX_ENTRIES_SNIFFED || !(await startsLikeModel(src, entry))) continue;
    }
    if (++walk.entries > MAX_ENTRIES_SCANNED) {
      walk.findings.push({ kind: "limit", where, message: `holds more than ${MAX_ENTRIES_SCANNED} model entries: the rest were not inspected`, uninspected: true });
      return;
    }
    const inner = `${where}!${entry.name}`;
    if (depth + 1 > MAX_DEPTH) {
      walk.findings.push({ kind: "limit", where: inner, message: `is nested ${depth + 1} archives deep, past the cap of ${MAX_DEPTH}: not inspected`, uninspected: true });
      continue;
    }
    try {
      const before = walk.findings.length;
      await scanEntry(src, entry, inner, depth, walk, signal);
      if (scripted.size > 0 && isTorchScriptPickle(entry.name, scripted)) dropTorchScriptClasses(walk, before, inner);
    } catch (e) {
      if (!(e instanceof ZipError || e instanceof Error)) throw e;
      // An entry named as a model that cannot be read (another compression method, encryption, a truncated or undecodable
      // stream) may hold anything: never a pass.
      walk.findings.push({ kind: e instanceof ZipError ? e.kind : "malformed", where: inner, message: e.message, ...(MUST_BE_MODEL.test(entry.name) ? { uninspected: true as const } : {}) });
    }
  }
}

/** Where pickles may start in 7z content (a PROTO of protocol 2-5): the archive's header is not read, so its files' bounds are unknown. */
const MAX_EMBEDDED = 64;

/**
 * Decompresses an xz, .lzma or bzip2 file (joblib's and pandas' other codecs) and judges the pickle it
 * holds, or a 7z archive (the nullifAI models' wrapper): its first packed stream, LZMA or LZMA2,
 * holds the archived files one after another, and each place a pickle may start is judged, as the
 * pickle the loader reads once someone extracts it. Returns false when nothing in it was a pickle.
 */
async function scanLzma(src: RangeSource, kind: "xz" | "lzma" | "7z" | "bzip2" | "lz4", where: string, depth: number, walk: Walk, signal: AbortSignal | undefined, maybe: boolean): Promise<boolean> {
  const bytes = await readAll(src);
  const decode = (cap: number): LzmaOutput => {
    if (kind === "xz") return decodeXz(bytes, cap);
    if (kind === "bzip2") return decodeBzip2(bytes, cap);
    if (kind === "lz4") return decodeLz4(bytes, cap);
    if (kind === "lzma") {
      // A .lzma header: properties, dictionary size, then the size (all ones: unknown, the stream ends with a marker).
      const size = bytes.subarray(5, 13).every((b) => b === 0xff) ? Infinity : bytes.subarray(5, 13).reduceRight((v, b) => v * 256 + b, 0);
      return decodeLzma(bytes, 13, bytes[0] ?? 0, cap, size);
    }
    // Packed streams start after the 32-byte signature header: an LZMA range coder starts with 0, an LZMA2 stream with a
    // chunk that resets the dictionary; 7-Zip's default properties (lc 3, lp 0, pb 2) are assumed for LZMA.
    const first = bytes[32] ?? 0xff;
    return first === 0 ? decodeLzma(bytes, 32, 0x5d, cap) : first === 1 || first >= 0xe0 ? decodeLzma2(bytes, 32, cap) : { bytes: bytes.subarray(32, 32 + cap), capped: false, error: undefined };
  };
  // A `.bin` or `.dat` compressed this way is some other data unless its first bytes are a pickle: a dataset is not inflated whole to find out.
  if (maybe && kind !== "7z") {
    const head = decode(64 * 1024).bytes;
    if (!looksLikePickle(head) && !mayBePickle(head, head.length < 64 * 1024)) return false;
  }
  const out = decode(NESTED_IN_MEMORY);
  const before = walk.findings.length;
  let found: boolean;
  if (kind === "7z") {
    const inner = `${where}!7z`;
    found = (await scanSource(bytesSource(out.bytes), inner, "7z-content", depth + 1, walk, signal)) !== undefined;
    for (let i = 1, n = 0; i + 1 < out.bytes.length && n < MAX_EMBEDDED; i++) {
      if (out.bytes[i] !== 0x80 || (out.bytes[i + 1] as number) < 2 || (out.bytes[i + 1] as number) > 5) continue;
      n++;
      if (await scanStream(() => singleChunk(out.bytes.subarray(i)), inner, walk, i, true, true)) found = true;
    }
    if (!walk.findings.slice(before).some((f) => f.kind === "dangerous") && !maybe) {
      walk.findings.push({ kind: "limit", where, message: "is a 7z archive, which torch.load cannot open: assay read the files of its first packed stream for pickles but not its header" });
      found = true;
    }
  } else if (out.bytes.length === 0 && out.error !== undefined) {
    // Nothing came out before the break: the break is the one thing to say (below), not an empty pickle too.
    found = false;
  } else found = await scanStream(() => singleChunk(out.bytes), where, walk, 0, maybe);
  if (out.capped) walk.findings.push({ kind: "limit", where, message: `decompresses past the ${NESTED_IN_MEMORY / 1024 / 1024} MiB cap: the rest was not inspected`, uninspected: true });
  else if (out.error !== undefined && !maybe && kind !== "7z") walk.findings.push({ kind: "malformed", where, message: `could not be decompressed whole (${out.error})` });
  return found || out.capped;
}

async function* singleChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A source's bytes in memory, read in pieces (reads are capped at 16 MiB each). */
async function readAll(src: RangeSource): Promise<Uint8Array> {
  const out = new Uint8Array(src.size);
  for (let o = 0; o < src.size; o += CHUNK) out.set(await src.read(o, Math.min(CHUNK, src.size - o)), o);
  return out;
}

/** Members of PyTorch's tar checkpoints that torch.load unpickles. */
const TORCH_TAR_PICKLE = /^(?:sys_info|pickle|storages|tensors)$/;

/**
 * Judges every member of a tar archive that reads as a pickle (PyTorch's legacy tar checkpoints), and
 * walks the members that are models in turn: by name (`model_weights.ckpt` in a `.nemo`), or by bytes
 * (a zip, a NumPy array, a tar). A broken or oversized archive is reported only when its name promises
 * a model: a `.bin` or `.dat` tar is some other data, judged on the members read before the break.
 */
async function scanTar(src: RangeSource, where: string, depth: number, walk: Walk, signal: AbortSignal | undefined, maybe: boolean): Promise<void> {
  const { entries, error } = await readTarEntries(src);
  if (error && !maybe) walk.findings.push({ kind: error.kind, where, message: error.message, ...(error.offset !== undefined ? { offset: error.offset } : {}) });
  for (const entry of entries) {
    if (signal?.aborted) return;
    if (entry.size === 0) continue;
    const member = windowSource(src, entry.offset, entry.size);
    const head = await member.read(0, Math.min(entry.size, 512));
    const inner = `${where}!${entry.name}`;
    if (TORCH_TAR_PICKLE.test(entry.name)) {
      await scanStream(() => chunksOf(member), inner, walk, entry.offset, false);
      continue;
    }
    const nested = ENTRY_OF_INTEREST.test(entry.name) || looksLikeZip(head) || looksLikeNpy(head) || looksLikeTar(head);
    if (!nested && !looksLikePickle(head)) continue;
    if (!nested) {
      await scanStream(() => chunksOf(member), inner, walk, entry.offset, true);
      continue;
    }
    if (++walk.entries > MAX_ENTRIES_SCANNED) {
      walk.findings.push({ kind: "limit", where, message: `holds more than ${MAX_ENTRIES_SCANNED} model entries: the rest were not inspected`, uninspected: true });
      return;
    }
    if (depth + 1 > MAX_DEPTH) {
      walk.findings.push({ kind: "limit", where: inner, message: `is nested ${depth + 1} archives deep, past the cap of ${MAX_DEPTH}: not inspected`, uninspected: true });
      continue;
    }
    await scanSource(member, inner, entry.name, depth + 1, walk, signal);
  }
}

const TORCH_PICKLE = /(?:^|\/)data\.pkl$/;
/** TorchScript's compiled classes, as its pickles name them (`__torch__.Net`, `__torch__.torch.nn.modules.linear.Linear`). */
const TORCHSCRIPT_CLASS = /^__torch__(?:\.|$)/;

/**
 * The roots of TorchScript archives (torch.jit.save): a `data.pkl` beside `constants.pkl` or the
 * `code/` folder of compiled sources. torch.load hands such an archive to torch.jit.load.
 */
function torchScriptRoots(entries: readonly ZipEntry[], roots: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const at = e.name.endsWith("/constants.pkl") || e.name === "constants.pkl" ? e.name.length - "constants.pkl".length : e.name.lastIndexOf("code/__torch__");
    if (at >= 0 && (at === 0 || e.name[at - 1] === "/") && roots.has(e.name.slice(0, at))) out.add(e.name.slice(0, at));
  }
  return out;
}

/** Whether an entry is a TorchScript archive's own `data.pkl` or `constants.pkl`. */
function isTorchScriptPickle(name: string, scripted: ReadonlySet<string>): boolean {
  for (const file of ["data.pkl", "constants.pkl"]) if (name.endsWith(file) && scripted.has(name.slice(0, -file.length))) return true;
  return false;
}

/** Whether an entry is TorchScript source of an archive (`<root>code/…/*.py`). */
function isTorchScriptSource(name: string, scripted: ReadonlySet<string>): boolean {
  if (!name.endsWith(".py")) return false;
  for (let i = name.indexOf("code/"); i >= 0; i = name.indexOf("code/", i + 1)) if ((i === 0 || name[i - 1] === "/") && scripted.has(name.slice(0, i))) return true;
  return false;
}

/** TorchScript source read per file, and per archive: real archives hold kilobytes to a few megabytes of it. */
const MAX_SOURCE = 8 * 1024 * 1024;
const MAX_SOURCES = 64 * 1024 * 1024;

/**
 * The file operators TorchScript code can call, as torch.jit.save prints them (an `aten::` op is
 * printed `torch.<op>`, any other `ops.<namespace>.<op>`): `aten::save` pickles a value to the path
 * it is given and `aten::from_file` maps the file it is given into a tensor. Everything else TorchScript
 * calls is tensor math or control flow: it imports no Python and opens nothing. A method named
 * `__setstate__` runs as torch.jit.load rebuilds the module, `forward` whenever it runs.
 */
const TORCHSCRIPT_FILE_OP = /(?<![\w.])(?:torch|ops[ \t]*\.[ \t]*aten)[ \t]*\.[ \t]*(save|from_file)(?!\w)/g;
/** Where each method of TorchScript source starts, to say which one calls an operator. */
const TORCHSCRIPT_DEF = /^[ \t]*def[ \t]+(\w{1,200})/gm;

/**
 * Judges a TorchScript archive's source file (`code/__torch__/….py`): a call of a file operator is
 * dangerous (the model writes or reads a file of the machine that loads it: CVE-2025-32434's class of
 * torch.load(weights_only=True) bypass ran through TorchScript). A file past the caps is not read, and says so.
 */
async function scanTorchScriptSource(src: RangeSource, entry: ZipEntry, where: string, walk: Walk, soFar: number): Promise<void> {
  if (entry.size > MAX_SOURCE || soFar > MAX_SOURCES) {
    walk.findings.push({ kind: "limit", where, message: `is TorchScript source past the ${(entry.size > MAX_SOURCE ? MAX_SOURCE : MAX_SOURCES) / 1024 / 1024} MiB cap: what the model runs was not read`, uninspected: true });
    return;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8").decode(await entryBytes(src, entry, MAX_SOURCE));
  } catch (e) {
    if (!(e instanceof ZipError || e instanceof Error)) throw e;
    walk.findings.push({ kind: e instanceof ZipError ? e.kind : "malformed", where, message: `is TorchScript source that could not be read (${e.message}): what the model runs was not judged`, uninspected: true });
    return;
  }
  const seen = new Set<string>();
  const defs = [...text.matchAll(TORCHSCRIPT_DEF)].map((d) => ({ at: d.index, name: d[1] as string }));
  for (const m of text.matchAll(TORCHSCRIPT_FILE_OP)) {
    const op = m[1] as string;
    if (seen.has(op)) continue;
    seen.add(op);
    const method = defs.filter((d) => d.at < m.index).at(-1)?.name;
    let line = 1;
    for (let k = text.indexOf("\n"); k >= 0 && k < m.index; k = text.indexOf("\n", k + 1)) line++;
    const when = method === "__setstate__" ? "as torch.jit.load (or torch.load) rebuilds the model" : `whenever ${method !== undefined ? `its ${method}` : "that code"} runs`;
    walk.findings.push({
      kind: "dangerous",
      where,
      module: "torch",
      name: op,
      message: `calls torch.${op} (aten::${op}) at line ${line}${method !== undefined ? ` in ${method}` : ""}: the TorchScript model ${op === "save" ? "writes a file at a path it names" : "reads a file at a path it names into a tensor"} ${when}`,
    });
  }
}

/**
 * In a TorchScript archive's own pickles, `__torch__.*` names no Python module: torch.jit.load's
 * unpickler resolves it to a class compiled from the archive's `code/` (TorchScript, which calls no
 * Python), and plain pickle.load fails to import it. Those imports are not findings; every other
 * import of the stream still is.
 */
function dropTorchScriptClasses(walk: Walk, from: number, where: string): void {
  const kept = walk.findings.slice(from).filter((f) => !(f.where === where && (f.kind === "suspicious" || f.kind === "library") && f.module !== undefined && TORCHSCRIPT_CLASS.test(f.module)));
  walk.findings.splice(from, walk.findings.length - from, ...kept);
}
const NPZ = /\.npz$/i;
const STORAGE_KEY = /^\d{1,20}$/;

function isStorage(name: string, roots: ReadonlySet<string>): boolean {
  const at = name.lastIndexOf("data/");
  return (at === 0 || name[at - 1] === "/") && roots.has(name.slice(0, at)) && STORAGE_KEY.test(name.slice(at + 5));
}

/** Whether an entry begins with a PROTO opcode (protocol 2-5) or NumPy's magic; unreadable entries do not. */
async function startsLikeModel(src: RangeSource, entry: ZipEntry): Promise<boolean> {
  if (entry.size < 2 || (entry.method !== 0 && entry.method !== 8 && entry.method !== 12 && entry.method !== 14)) return false;
  entry = entry.encrypted ? { ...entry, encrypted: false } : entry;
  try {
    let head: Uint8Array | undefined;
    if (entry.method === 0) head = await src.read(await entryDataOffset(src, entry), Math.min(6, entry.size));
    else for await (const c of entryChunks(src, entry, DEFAULT_ZIP_LIMITS, 64 * 1024)) {
      head = c;
      break;
    }
    if (!head) return false;
    return (head[0] === 0x80 && (head[1] ?? 99) >= 2 && (head[1] ?? 99) <= 5) || looksLikeNpy(head);
  } catch (e) {
    // An entry nobody asked for that cannot be read is left alone, as it was before it was sniffed.
    if (e instanceof ZipError || e instanceof Error) return false;
    throw e;
  }
}

/**
 * An entry flagged as encrypted whose bytes are a plain pickle, NumPy array or archive all the same:
 * PyTorch's zip reader ignores the flag, so picklescan reads such entries as they are (its relaxed
 * zipfile) and so does this walk. Real ZipCrypto data starts with 12 random bytes and stays unread.
 */
async function plainDespiteFlag(src: RangeSource, entry: ZipEntry): Promise<ZipEntry | undefined> {
  const plain = { ...entry, encrypted: false };
  try {
    for await (const head of entryChunks(src, plain, DEFAULT_ZIP_LIMITS, 64)) return looksLikePickle(head) || mayBePickle(head, head.length >= plain.size) || looksLikeNpy(head) || looksLikeZip(head) ? plain : undefined;
  } catch (e) {
    if (e instanceof ZipError || e instanceof Error) return undefined;
    throw e;
  }
  return undefined;
}

async function scanEntry(src: RangeSource, entryAsListed: ZipEntry, where: string, depth: number, walk: Walk, signal: AbortSignal | undefined): Promise<void> {
  const entry = entryAsListed.encrypted ? ((await plainDespiteFlag(src, entryAsListed)) ?? entryAsListed) : entryAsListed;
  if (entry.method === 0 && !entry.encrypted) {
    // Stored: read it in place, as its own source (random access for a nested archive).
    const start = await entryDataOffset(src, entry);
    await scanSource(windowSource(src, start, entry.compressedSize), where, entry.name, depth + 1, walk, signal);
    return;
  }
  // Deflated (a bomb too: its first bytes are inflated and judged, and entryChunks stops it past its ratio cap): look at the first bytes, then stream (or, for a nested archive, inflate it whole, capped).
  let head = new Uint8Array(0);
  for await (const c of entryChunks(src, entry, DEFAULT_ZIP_LIMITS, NPY_HEADER_MAX)) {
    const joined = new Uint8Array(head.length + c.length);
    joined.set(head, 0);
    joined.set(c, head.length);
    head = joined;
    // An array's header is read whole, however far it pads (within parseNpyHeader's 1 MiB).
    if (head.length >= 64 * 1024 && !(looksLikeNpy(head) && head.length < Math.min(npyHeaderEnd(head), NPY_HEADER_MAX))) break;
  }
  if (looksLikeZip(head)) {
    if (entry.size > NESTED_IN_MEMORY) {
      walk.findings.push({ kind: "limit", where, message: `is a compressed nested archive of ${entry.size} bytes, over the ${NESTED_IN_MEMORY / 1024 / 1024} MiB cap: not inspected`, uninspected: true });
      return;
    }
    await scanSource(bytesSource(await entryBytes(src, entry, NESTED_IN_MEMORY)), where, entry.name, depth + 1, walk, signal);
    return;
  }
  if (looksLikeNpy(head)) {
    const h = parseNpyHeader(head);
    if (h.object) await scanStream(() => skipBytes(entryChunks(src, entry), h.dataOffset), where, walk, h.dataOffset, false);
    return;
  }
  if (looksLikePickle(head) || mayBePickle(head, head.length === entry.size)) {
    await scanStream(() => entryChunks(src, entry), where, walk, 0, !MUST_BE_MODEL.test(entry.name) || otherFormat(entry.name, head) !== undefined);
    return;
  }
  if (MUST_BE_MODEL.test(entry.name) && otherFormat(entry.name, head) === undefined && entry.size > 0) walk.findings.push({ kind: "malformed", where, message: "is neither a pickle, a zip archive nor a NumPy file: assay cannot tell what loading it does", offset: 0 });
}

/**
 * Feeds a stream of chunks to the pickle scanner and turns what it found into findings. `maybe`: the
 * file's name does not promise a pickle, so bytes that break the pickle format are not one (text
 * such as `(5.1, 3.5)` even reaches a STOP). `open` gives the chunks from the start each time it is
 * called: a joblib file is read a second time the way plain pickle.load reads it. `embedded`: the
 * stream starts where a PROTO happened to be found inside other data. Returns false when the bytes
 * were not a pickle.
 */
async function scanStream(open: () => AsyncIterable<Uint8Array>, where: string, walk: Walk, base: number, maybe: boolean, embedded = false): Promise<boolean> {
  // Bytes that may not be a pickle are read only to their first break (nothing after it runs), and no file is read on
  // past the raw data after its last stream.
  const scanner = new PickleScanner({ stopAtError: maybe });
  const first: number[] = [];
  try {
    for await (const c of open()) {
      for (let k = 0; first.length < 2 && k < c.length; k++) first.push(c[k] as number);
      scanner.feed(c);
      if (scanner.finished) break;
    }
  } catch (e) {
    // Reading stopped (a cap, a truncated archive): judge what was read, and say why it stopped.
    const r = scanner.end();
    const kind = e instanceof ZipError ? e.kind : "malformed";
    if (maybe && kind === "malformed") return addBroken(r, where, walk, base);
    addScan(r, where, walk, base, false);
    walk.findings.push({ kind, where, message: (e as Error).message, uninspected: true });
    return true;
  }
  const r = scanner.end();
  // Bytes that open with a PROTO of protocol 2-5 and read as opcodes, never breaking, until they run out are a pickle cut
  // short (an interrupted download or copy), whatever the name: other data that opens so breaks long before its end. It is
  // reported as unreadable, never passed as something else.
  const proto = first[1] ?? 0;
  const cutShort = !embedded && r.streams === 0 && r.truncated && first[0] === 0x80 && proto >= 2 && proto <= 5;
  if (maybe && r.error && !cutShort) return addBroken(r, where, walk, base);
  addScan(r, where, walk, base, true);
  if (r.joblibFrom !== undefined) await addPlainReading(open, r, where, walk, base);
  return true;
}

/**
 * A pickle with joblib's arrays in it, read again as pickle.load, torch.load and pandas read it: one
 * stream, where joblib's raw array bytes are opcodes and an object array's stream shares the outer
 * memo. Real joblib files break at once there (the bytes are an alignment count, or numbers); a file
 * made to run something under the plain reading does it where joblib skips. What that reading
 * imports from the first skipped byte on is judged as bytes that may not be a pickle are.
 */
async function addPlainReading(open: () => AsyncIterable<Uint8Array>, joblib: PickleScan, where: string, walk: Walk, base: number): Promise<void> {
  const from = joblib.joblibFrom ?? 0;
  const plain = new PickleScanner({ stopAtError: true, joblib: false });
  try {
    for await (const c of open()) {
      plain.feed(c);
      if (plain.finished) break;
    }
  } catch (e) {
    // The joblib reading went through these bytes and said what stopped it.
    if (e instanceof ZipError || e instanceof Error) return;
    throw e;
  }
  const r = plain.end();
  const reported = new Set(walk.findings.filter((f) => f.where === where && f.module !== undefined).map((f) => `${f.module}\u0000${f.name}`));
  const fresh = (imp: PickleImport): boolean => imp.offset >= from && !reported.has(`${imp.module}\u0000${imp.name}`);
  const imports = r.imports.filter(fresh);
  // A later stream that breaks counts for its gadgets alone, as in any file.
  const afterLast = r.afterLast.filter(fresh);
  // Numbers read as opcodes may hold a STACK_GLOBAL (a few files in a thousand): a computed import counts here when
  // something is called after it, as a payload must be, or when the bytes read to their end as a pickle.
  const computed = joblib.computedImports.length > 0 ? [] : r.computedImports.filter((o) => o >= from && (r.error === undefined || o < r.lastCall));
  if (imports.length === 0 && afterLast.length === 0 && computed.length === 0) return;
  const before = walk.findings.length;
  const only = { ...r, imports, afterLast, computedImports: computed, streams: 0, importsCapped: false };
  if (r.error) addBroken(only, where, walk, base);
  else addScan(only, where, walk, base, true);
  for (const f of walk.findings.slice(before)) f.message = `${f.message} (read as one plain pickle stream, as pickle.load and torch.load read it: joblib takes these bytes for array data)`;
}

/**
 * Bytes that only looked like a pickle: what they import before the first break still counts (the
 * unpickler has run it by then), nothing after it does: the unpickler stops at the break, and text
 * read on past it may spell anything (`ios\nandroid\n` is an INST of os). An unlisted import counts
 * only when its names could be imported at all (`cat\ndog\n` in a text file could, `lass Foo:` could
 * not); it and a computed import are marked with the break, which the rule weighs.
 */
function addBroken(r: PickleScan, where: string, walk: Walk, base: number): boolean {
  const brokeAt = r.error?.offset ?? Infinity;
  const kept = r.imports.filter((imp) => {
    if (imp.offset >= brokeAt || imp.opcode === "EXT") return false;
    const verdict = judgeImport(imp.module, imp.name).verdict;
    return verdict === "dangerous" || ((verdict === "suspicious" || verdict === "library") && IMPORTABLE.test(imp.module) && IMPORTABLE.test(imp.name));
  });
  const computed = r.capped ? [] : r.computedImports.filter((o) => o < brokeAt);
  const before = walk.findings.length;
  addScan({ ...r, imports: kept, computedImports: computed, error: undefined }, where, walk, base, false);
  for (const f of walk.findings.slice(before)) if (f.kind === "suspicious" || f.kind === "library" || f.kind === "computed") Object.assign(f, { brokeAt: base + brokeAt, message: `${f.message}; the stream then breaks at byte ${base + brokeAt}, after the loader has run it` });
  return kept.length > 0 || computed.length > 0;
}


function addScan(r: PickleScan, where: string, walk: Walk, base: number, complete: boolean): void {
  walk.streams += r.streams;
  // First, so a cap on findings per file never hides it behind the imports it let go.
  if (r.importsCapped) walk.findings.push({ kind: "limit", where, message: "imports more distinct names than the scan keeps (10,000): the rest were not judged" });
  const seen = new Set<string>();
  for (const imp of r.afterLast) {
    const v = imp.opcode === "EXT" ? undefined : judgeImport(imp.module, imp.name);
    if (v?.verdict !== "dangerous" || seen.has(`${imp.module}\u0000${imp.name}`)) continue;
    seen.add(`${imp.module}\u0000${imp.name}`);
    walk.findings.push({ kind: "dangerous", where, message: `imports ${imp.module}.${imp.name} in pickle stream ${imp.stream + 1}, which breaks after it (a loader that reads that stream runs the import before the break): ${v.reason}`, module: imp.module, name: imp.name, offset: base + imp.offset });
  }
  for (const imp of r.imports) {
    const key = `${imp.module}\u0000${imp.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (imp.opcode === "EXT") {
      walk.findings.push({ kind: "suspicious", where, message: `imports through the copyreg extension registry (${imp.name}): what it loads depends on the loading program`, offset: base + imp.offset, module: imp.module, name: imp.name });
      continue;
    }
    const v = isDillLoadType(imp.module, imp.name) ? judgeDillLoadType(r.loadTypes, r.loadTypeUnknown) : judgeImport(imp.module, imp.name);
    if (v.verdict === "safe") continue;
    walk.findings.push({ kind: v.verdict, where, message: `imports ${imp.module}.${imp.name}${imp.stream > 0 ? ` in pickle stream ${imp.stream + 1}` : ""}: ${v.reason}`, module: imp.module, name: imp.name, offset: base + imp.offset });
  }
  if (r.computedImports.length > 0 && r.capped) {
    walk.findings.push({ kind: "limit", where, message: `holds ${r.computedImports.length === 1 ? "an import" : `${r.computedImports.length} imports`} whose names were not kept (the stream passed the scan's cap on strings or stack): not judged`, offset: base + (r.computedImports[0] as number) });
  } else if (r.computedImports.length > 0) {
    walk.findings.push({ kind: "computed", where, message: `computes ${r.computedImports.length === 1 ? "an import" : `${r.computedImports.length} imports`} at load time (STACK_GLOBAL on values that are not literal names): what it calls cannot be known without running it`, offset: base + (r.computedImports[0] as number) });
  }
  if (r.error && complete) walk.findings.push({ kind: "malformed", where, message: `pickle stream is unreadable at byte ${base + r.error.offset} (${r.error.message}): a partial scan is never trusted`, offset: base + r.error.offset });
}

async function* chunksOf(src: RangeSource): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < src.size; o += CHUNK) yield await src.read(o, Math.min(CHUNK, src.size - o));
}

async function* skipBytes(chunks: AsyncIterable<Uint8Array>, n: number): AsyncGenerator<Uint8Array> {
  let left = n;
  for await (const c of chunks) {
    if (left >= c.length) {
      left -= c.length;
      continue;
    }
    yield left > 0 ? c.subarray(left) : c;
    left = 0;
  }
}

/** The compression a file's first bytes announce (`zlib`, `gzip`, `bzip2`, `xz`, `lzma`, `lz4`, `zstd`, `7z`), if any. */
export function compression(head: Uint8Array): string | undefined {
  const [a, b, c] = [head[0], head[1], head[2]];
  if (a === 0x78 && (b === 0x01 || b === 0x5e || b === 0x9c || b === 0xda)) return "zlib";
  if (a === 0x1f && b === 0x8b) return "gzip";
  if (a === 0x42 && b === 0x5a && c === 0x68) return "bzip2";
  if (a === 0xfd && b === 0x37 && c === 0x7a && head[3] === 0x58) return "xz";
  if (a === 0x5d && b === 0x00 && c === 0x00) return "lzma";
  // joblib's lz4 frames, and zstd (pandas' `.pkl.zst`).
  if (a === 0x04 && b === 0x22 && c === 0x4d && head[3] === 0x18) return "lz4";
  if (a === 0x28 && b === 0xb5 && c === 0x2f && head[3] === 0xfd) return "zstd";
  // 7-Zip: how the nullifAI models wrapped their PyTorch archives (their pickles run once someone extracts and loads them).
  if (a === 0x37 && b === 0x7a && c === 0xbc && head[3] === 0xaf && head[4] === 0x27 && head[5] === 0x1c) return "7z";
  return undefined;
}

/**
 * The inflated bytes of a zlib or gzip file whose content is a tar archive (read whole, up to
 * NESTED_IN_MEMORY: "capped" past it); undefined when the content is not a tar.
 */
async function inflatedTar(src: RangeSource, kind: "zlib" | "gzip", where: string): Promise<Uint8Array | "capped" | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let checked = false;
  try {
    for await (const c of inflated(src, kind, where)) {
      chunks.push(c);
      size += c.length;
      // Only the first header is needed to tell: a compressed pickle is never inflated whole here.
      if (!checked && size >= 512) {
        if (!looksLikeTar(Buffer.concat(chunks, size).subarray(0, 512))) return undefined;
        checked = true;
      }
      if (size > NESTED_IN_MEMORY) return "capped";
    }
  } catch (e) {
    // The stream's own reading (scanStream) reports what breaks it.
    if (e instanceof ZipError || e instanceof Error) return undefined;
    throw e;
  }
  const out = Buffer.concat(chunks, size);
  return looksLikeTar(out) ? out : undefined;
}

/**
 * Inflates a zlib or gzip file with the same caps as archive entries. joblib's zlib reader goes on
 * through zlib streams written one after another (as Python's bz2 and lzma files do), so a pickle
 * may run across them: each is inflated in turn, until the bytes left are not one. Node's gunzip
 * reads every member of a gzip file itself.
 */
async function* inflated(src: RangeSource, kind: "zlib" | "gzip", where: string): AsyncGenerator<Uint8Array> {
  let out = 0;
  let consumed = 0;
  for (let n = 0; consumed < src.size && n < 10_000; n++) {
    const z = kind === "zlib" ? createInflate() : createGunzip();
    const input = Readable.from(chunksOf(windowSource(src, consumed, src.size - consumed)));
    input.pipe(z);
    try {
      for await (const c of z as AsyncIterable<Buffer>) {
        out += c.length;
        if (out > DEFAULT_ZIP_LIMITS.maxEntryBytes) throw new ZipError(`inflates past the ${DEFAULT_ZIP_LIMITS.maxEntryBytes / 1024 / 1024} MiB cap`, "limit");
        if (out > 1024 * 1024 && out / Math.max(1, consumed + z.bytesWritten) > DEFAULT_ZIP_LIMITS.maxRatio) throw new ZipError(`inflates more than ${DEFAULT_ZIP_LIMITS.maxRatio}:1 (a compression bomb)`, "limit");
        yield new Uint8Array(c.buffer, c.byteOffset, c.length);
      }
    } catch (e) {
      if (e instanceof ZipError) throw e;
      // Bytes after a complete stream that do not inflate are ignored, as joblib ignores them.
      if (n > 0) return;
      throw new ZipError(`${where.slice(where.lastIndexOf("!") + 1)} could not be decompressed (${(e as Error).message})`, "malformed");
    } finally {
      input.unpipe(z);
      input.destroy();
      z.destroy();
    }
    consumed += Math.max(1, z.bytesWritten);
    if (kind === "gzip" || compression(await src.read(consumed, 4)) !== "zlib") return;
  }
}
