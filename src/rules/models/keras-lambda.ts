import { visible } from "../../core/escape.js";
import { readKerasMetadata, type KerasSavedObject } from "../../ecosystems/models/keras-metadata.js";
import { judgeImport } from "../../ecosystems/models/pickle-globals.js";
import { ProtobufError } from "../../ecosystems/models/protobuf.js";
import { entryBytes, looksLikeZip, readZipDirectory, ZipError } from "../../ecosystems/models/zip.js";
import type { Rule, RuleContext } from "../types.js";
import { filesMatching, KERAS_METADATA_FILE } from "./lib/model-files.js";
import { fileRangeSource } from "./lib/scan-model.js";

export const rule: Rule = {
  meta: {
    id: "models/keras-lambda",
    title: "Keras model with a Lambda layer or an imported gadget",
    severity: "high",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "A Keras `Lambda` layer stores Python bytecode in the model file, as does any Python lambda a Keras 3 config serialises elsewhere (an activation or an initializer saved as `__lambda__`); loading it (`tf.keras.models.load_model` on an `.h5` file or a SavedModel directory, whose `keras_metadata.pb` holds the layer configs, or Keras 3 with `safe_mode=False`) runs that code. A malicious model can hide a command in it (CVE-2024-3660). Keras 3 configs also name the module of every object they rebuild (`\"module\": \"keras.layers\"`); Keras before 3.9 imports whatever module is named, even in safe mode, so a config naming `os`, `subprocess` or `keras.utils.get_file` runs or downloads something on load (CVE-2025-1550, CVE-2025-8747). A tf.keras `TFOpLambda` layer naming a file or Python op of the tf API (`io.write_file`, `py_function`) calls it whenever the model runs. A lookup layer or tokenizer whose `vocabulary` (BPE `merges`, SentencePiece `proto`) is a path reads that file of the loading machine, or fetches a URL, when the model is loaded (CVE-2025-12058; refused in safe mode only from Keras 3.12).",
    remediation:
      "Replace Lambda layers with a registered custom layer class whose code lives in your package (`@keras.saving.register_keras_serializable()`), re-save the model, and load untrusted models with Keras 3's default `safe_mode=True` on Keras 3.9 or later. Do not load a model whose config imports a process, file or network callable: remove it and find out where it came from.",
    references: [
      { title: "Keras: safe_mode and Lambda layers", url: "https://keras.io/api/models/model_saving_apis/model_saving_and_loading/" },
      { title: "CVE-2024-3660 (arbitrary code in Keras models)", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-3660" },
      { title: "CVE-2025-1550 (Keras safe_mode bypass through config.json modules)", url: "https://nvd.nist.gov/vuln/detail/CVE-2025-1550" },
      { title: "CVE-2025-12058 (Keras lookup layers read a vocabulary file on load)", url: "https://nvd.nist.gov/vuln/detail/CVE-2025-12058" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const files = await filesMatching(ctx, /\.(?:keras|h5|hdf5)$|(?:^|\/)keras_metadata\.pb$/i);
    if (files.length === 0) return ctx.notApplicable("no Keras model files (.keras, .h5, keras_metadata.pb)");
    for (const f of files) {
      const layers = /\.keras$/i.test(f.path) ? await kerasArchiveLambdas(ctx, f.path) : KERAS_METADATA_FILE.test(f.path) ? await savedModelLambdas(ctx, f.path) : await h5Lambdas(ctx, f.path);
      // Gadgets (critical) first: past 200 findings in one file the rest are only counted, so 200 Lambda layers must not hide one.
      const gadgetFirst = (x: Found): number => Number(typeof x === "object" && "module" in x);
      for (const name of [...layers].sort((a, b) => gadgetFirst(b) - gadgetFirst(a))) {
        if (typeof name === "object" && "readIn" in name) {
          ctx.report({
            message: visible(`${f.path}: ${name.readIn !== undefined ? `layer ${name.readIn}` : "a lookup layer"} reads ${JSON.stringify(name.path)} when the model is loaded: Keras rebuilds the layer's vocabulary from that file of the loading machine (or fetches it, for a URL or bucket), even in safe mode before Keras 3.12 (CVE-2025-12058)`),
            locations: [{ path: f.path }],
            evidence: { layer: name.readIn ?? null, file: name.path },
            key: `${f.path}:vocabulary:${name.readIn ?? ""}:${name.path}`,
            fix: "re-save the model with Keras 3.12 or later (which keeps the vocabulary inside the archive) or pass the vocabulary as a list, and load untrusted models with safe_mode=True",
          });
          continue;
        }
        if (typeof name === "object" && "lambdaIn" in name) {
          ctx.report({
            message: `${f.path} config holds a Python lambda${name.lambdaIn !== undefined ? ` in ${name.lambdaIn}` : ""}: loading the model with safe_mode=False runs the Python code stored in it`,
            locations: [{ path: f.path }],
            evidence: { layer: name.lambdaIn ?? null },
            key: `${f.path}:__lambda__:${name.lambdaIn ?? ""}`,
            fix: "replace the lambda with a registered function or class (@keras.saving.register_keras_serializable()) and re-save the model",
          });
          continue;
        }
        if (typeof name === "object") {
          ctx.report({
            message: `${f.path} config rebuilds ${name.module}.${name.name}: ${name.reason}`,
            locations: [{ path: f.path }],
            severity: "critical",
            evidence: { layer: null, import: `${name.module}.${name.name}` },
            key: `${f.path}:${name.module}.${name.name}`,
            fix: "do not load this model: remove it, find out where it came from, and re-save it from code whose layers live in keras or your own registered package",
          });
          continue;
        }
        ctx.report({
          message: `${f.path} has a Lambda layer${name ? ` (${name})` : ""}: loading the model runs the Python code stored in it`,
          locations: [{ path: f.path }],
          evidence: { layer: name ?? null },
          key: `${f.path}:${name ?? "lambda"}`,
          fix: "replace the Lambda layer with a registered custom layer class and re-save the model",
        });
      }
    }
  },
};

/** An object a Keras config rebuilds from a module that is a known code-execution gadget. */
interface Gadget {
  module: string;
  name: string;
  reason: string;
}

/**
 * A Python lambda serialised outside a Lambda layer (an activation, an initializer, a loss): Keras 3's
 * deserialize_keras_object loads `__lambda__` wherever it is, as a Lambda layer's, once safe mode is off.
 */
interface PyLambda {
  /** The name of the layer (or other object) whose config holds it. */
  lambdaIn: string | undefined;
}

/**
 * A lookup layer or tokenizer whose vocabulary (merges, SentencePiece proto) is a path: Keras reads that file of the
 * loading machine when it rebuilds the layer, through tf.io.gfile for a URL or bucket (CVE-2025-12058, refused in safe
 * mode only from Keras 3.12).
 */
interface FileRead {
  /** The name of the layer whose config names the file. */
  readIn: string | undefined;
  path: string;
}

/** What a config holds that runs code or reads a file: a Lambda layer (its name, if any), another Python lambda, an imported gadget, or a vocabulary path. */
type Found = string | undefined | Gadget | PyLambda | FileRead;

/** Names of Lambda layers, and imported gadgets, in a `.keras` archive's config.json. */
async function kerasArchiveLambdas(ctx: RuleContext, path: string): Promise<Found[]> {
  const src = await fileRangeSource(ctx, path);
  if (!src) return [];
  try {
    const head = await src.read(0, 4);
    if (!looksLikeZip(head)) {
      ctx.incomplete("is not a zip archive, as .keras files are", { path });
      return [];
    }
    // Keras opens config.json by name through zipfile, which takes the last of entries that share it: every one is judged.
    const out: Found[] = [];
    for (const entry of (await readZipDirectory(src)).filter((e) => e.name === "config.json")) {
      const config = JSON.parse(new TextDecoder().decode(await entryBytes(src, entry, 64 * 1024 * 1024))) as unknown;
      walk(config, 0, out);
    }
    return out;
  } catch (e) {
    ctx.incomplete(`config.json could not be read (${e instanceof ZipError || e instanceof Error ? e.message : String(e)})`, { path });
    return [];
  }
}

/** Names of Lambda layers, and imported gadgets, in a Keras SavedModel's keras_metadata.pb (each object's config, as JSON). */
async function savedModelLambdas(ctx: RuleContext, path: string): Promise<Found[]> {
  const src = await fileRangeSource(ctx, path);
  if (!src) return [];
  let objects: KerasSavedObject[];
  try {
    objects = await readKerasMetadata(src, ctx.signal);
  } catch (e) {
    if (!(e instanceof ProtobufError || e instanceof ZipError)) throw e;
    ctx.incomplete(`keras_metadata.pb could not be read (${e.message})`, { path });
    return [];
  }
  // The model's config lists its layers and each layer has its own entry: one finding per layer name.
  const found = new Map<string, Found>();
  for (const o of objects) {
    if (o.metadata === "") continue;
    let config: unknown;
    try {
      config = JSON.parse(o.metadata);
    } catch {
      ctx.incomplete(`the metadata of ${o.nodePath.slice(0, 100) || "an object"} is not JSON`, { path });
      continue;
    }
    const names: Found[] = [];
    walk(config, 0, names);
    for (const n of names) found.set(typeof n !== "object" ? (n ?? "") : "module" in n ? `\u0000${n.module}.${n.name}` : "readIn" in n ? `\u0002${n.readIn ?? ""}\u0000${n.path}` : `\u0001${n.lambdaIn ?? ""}`, n);
  }
  return [...found.values()];
}

/** `inLambda`: inside a Lambda layer, whose own lambdas are its finding; `owner`: the nearest enclosing object's name. */
function walk(node: unknown, depth: number, out: Found[], inLambda = false, owner: string | undefined = undefined): void {
  if (depth > 200 || out.length > 1000 || typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (const x of node) walk(x, depth + 1, out, inLambda, owner);
    return;
  }
  const o = node as Record<string, unknown>;
  const cfg = o["config"];
  const cfgName = typeof cfg === "object" && cfg !== null && typeof (cfg as { name?: unknown }).name === "string" ? ((cfg as { name: string }).name.slice(0, 100)) : undefined;
  // Keras 3 looks a class up as `module` + "." + `class_name`, so `"module": "keras", "class_name": "layers.Lambda"` is one too.
  const lambdaLayer = typeof o["class_name"] === "string" && /^(?:[\w.]{1,200}\.)?Lambda$/.test(o["class_name"]);
  if (lambdaLayer) out.push(cfgName);
  else if (o["class_name"] === "__lambda__" && !inLambda) out.push({ lambdaIn: owner });
  const gadget = importedGadget(o);
  if (gadget) out.push(gadget);
  if (typeof o["class_name"] === "string" && VOCABULARY_LAYER.test(o["class_name"]) && typeof cfg === "object" && cfg !== null) {
    for (const key of VOCABULARY_KEYS) {
      const v = (cfg as Record<string, unknown>)[key];
      // A path, not a value kept inline as text (a serialised proto or vocabulary runs to kilobytes and lines).
      if (typeof v === "string" && v !== "" && v.length <= 1024 && !/[\r\n\0]/.test(v)) out.push({ readIn: cfgName, path: v.slice(0, 300) });
    }
  }
  for (const v of Object.values(o)) walk(v, depth + 1, out, inLambda || lambdaLayer, cfgName ?? owner);
}

/**
 * Layers that load their vocabulary from a path given in their config: Keras's lookup layers and TextVectorization, and
 * keras_hub's tokenizers (vocabulary, BPE merges, a SentencePiece proto). A list or null there is the vocabulary itself.
 */
const VOCABULARY_LAYER = /^(?:[\w.]{1,200}\.)?(?:StringLookup|IntegerLookup|IndexLookup|TextVectorization|\w{0,60}Tokenizer)$/;
const VOCABULARY_KEYS = ["vocabulary", "merges", "proto"] as const;

/** tf API functions a TFOpLambda layer may name that touch files or run Python (the ops models/unsafe-tensorflow-ops reports in graphs). */
const TF_OP_GADGET = /^(?:compat\.v1\.)?(?:io\.(?:write_file|read_file|matching_files|gfile\.\w{1,40})|gfile\.\w{1,40}|py_function|numpy_function|py_func|raw_ops\.(?:WriteFile|ReadFile|MatchingFiles|PyFunc\w{0,20}|EagerPyFunc|Save\w{0,10}|Restore\w{0,10}))$/;

/**
 * The callable a Keras 3 serialised object names (`module` plus `class_name`, or plus `config` for a
 * function), when it is a gadget the pickle judge knows as dangerous. `builtins` functions are Keras's
 * own shorthand for its activations and losses (looked up in keras, not in Python's builtins).
 */
function importedGadget(o: Record<string, unknown>): Gadget | undefined {
  const module = o["module"];
  const cls = o["class_name"];
  if ((cls === "TFOpLambda" || cls === "SlicingOpLambda") && typeof o["config"] === "object" && o["config"] !== null) {
    // tf.keras rebuilds these by looking `function` up in the tf API and calls it in the model's forward pass.
    const fn = (o["config"] as Record<string, unknown>)["function"];
    if (typeof fn === "string" && TF_OP_GADGET.test(fn)) return { module: "tf", name: fn.slice(0, 200), reason: "a TFOpLambda layer calls it, reading or writing files or calling Python, whenever the model runs" };
  }
  if (typeof module !== "string" || typeof cls !== "string") return undefined;
  const name = cls === "function" ? o["config"] : cls;
  if (typeof name !== "string" || (module === "builtins" && cls === "function")) return undefined;
  const v = judgeImport(module.slice(0, 200), name.slice(0, 200));
  return v.verdict === "dangerous" ? { module: module.slice(0, 200), name: name.slice(0, 200), reason: `${v.reason}, and Keras before 3.9 imports any module a config names, even in safe mode` } : undefined;
}

const LATIN1 = new TextDecoder("latin1");
const CHUNK = 4 * 1024 * 1024;
/** Squeezed text carried from one chunk to the next: more than the longest pair PAIR matches, so a pair across a boundary is whole in one. */
const OVERLAP = 2048;
/**
 * Runs of JSON whitespace are cut to this many characters before the search: json.loads takes any amount between a key,
 * its colon and its value, so padding must not move a pair out of PAIR's reach or across a chunk it cannot see whole.
 */
const MAX_SPACE = 64;
// A JSON string (escapes and all, as Keras's json.loads reads them), whitespace, a colon,
// whitespace and another JSON string: a key and its value. The string bodies and the whitespace
// are bounded, so each `"` starts a bounded attempt and the search is linear in the file.
const JSON_STRING = String.raw`"((?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})){1,64})"`;
const PAIR = new RegExp(`${JSON_STRING}[ \\t\\r\\n]{0,${MAX_SPACE}}:[ \\t\\r\\n]{0,${MAX_SPACE}}${JSON_STRING}`, "g");

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** `bytes` as latin1 text with every run of JSON whitespace cut to MAX_SPACE characters. */
function squeeze(bytes: Uint8Array): string {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  let run = 0;
  for (const c of bytes) {
    run = isSpace(c) ? run + 1 : 0;
    if (run <= MAX_SPACE) out[n++] = c;
  }
  return LATIN1.decode(out.subarray(0, n));
}

/**
 * The last `limit` characters `squeeze(bytes)` would give, read from the end (weight bytes give them at once, a run of
 * padding is walked once); `whole` when they are all of it.
 */
function squeezedTail(bytes: Uint8Array, limit: number): { text: string; whole: boolean } {
  const out = new Uint8Array(Math.min(limit, bytes.length));
  let n = out.length;
  let run = 0;
  let i = bytes.length - 1;
  for (; i >= 0 && n > 0; i--) {
    const c = bytes[i] as number;
    run = isSpace(c) ? run + 1 : 0;
    if (run <= MAX_SPACE) out[--n] = c;
  }
  return { text: LATIN1.decode(out.subarray(n)), whole: i < 0 };
}

/** Squeezed text `a` then squeezed text `b`, with the run of whitespace where they meet cut to MAX_SPACE too. */
function joinSqueezed(a: string, b: string): string {
  let ta = 0;
  while (ta < a.length && isSpace(a.charCodeAt(a.length - 1 - ta))) ta++;
  let lb = 0;
  while (lb < b.length && isSpace(b.charCodeAt(lb))) lb++;
  return a + b.slice(lb - Math.min(lb, Math.max(0, MAX_SPACE - ta)));
}

/**
 * What a chunk must hold to be searched: "Lambda" or a lookup layer's vocabulary key spelt out, or a letter escaped
 * (\u00XX). Tensor bytes hold none. Each is a pass over the chunk, and Node's search for a needle past a few bytes is
 * slower: "vocab" stands for the key, and keras_hub's tokenizer keys (merges, proto), which no legacy .h5 config holds,
 * are left out.
 */
const TOKENS = ["Lambda", "\\u00", "vocab"];
/** More than the longest pair PAIR matches (two strings of 64 characters, each perhaps a six-character escape, a colon, squeezed whitespace). */
const PAIR_SPAN = 1024;
/** Bytes read past a chunk so that what follows a pair at its end (the layer's name, a TFOpLambda's function) is seen. */
const LOOKAHEAD = 4096;

/**
 * Lambda layers in an HDF5 file's model_config attribute: the JSON is stored as text, so the bytes
 * are searched for `"class_name": "Lambda"` pairs (and TFOpLambda ones, whose `function` is judged),
 * decoded as Keras's json.loads decodes them (a `\u004c` escape or a run of whitespace hides nothing).
 * The file is read in chunks, each squeezed (runs of whitespace cut) and searched after the squeezed end
 * of what came before it, so a pair padded across chunks is whole in one search.
 */
async function h5Lambdas(ctx: RuleContext, path: string): Promise<Found[]> {
  const src = await fileRangeSource(ctx, path);
  if (!src) return [];
  const out: Found[] = [];
  let carry = "";
  for (let o = 0; o < src.size && out.length < 100; o += CHUNK) {
    const bytes = await src.read(o, Math.min(CHUNK + LOOKAHEAD, src.size - o));
    const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const buf = all.subarray(0, Math.min(CHUNK, all.length));
    // Most chunks are skipped: only the squeezed end of one is carried on. A token may also sit in a pair that straddles
    // the carried text and this chunk.
    const junction = carry.slice(-PAIR_SPAN) + LATIN1.decode(buf.subarray(0, PAIR_SPAN));
    if (!TOKENS.some((t) => buf.includes(t) || junction.includes(t))) {
      const tail = squeezedTail(buf, OVERLAP);
      carry = (tail.whole ? joinSqueezed(carry, tail.text) : tail.text).slice(-OVERLAP);
      continue;
    }
    const text = joinSqueezed(carry, squeeze(buf));
    const judged = carry.length;
    const withAhead = joinSqueezed(text, squeeze(all.subarray(buf.length)));
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(withAhead); m !== null && out.length < 100; m = PAIR.exec(withAhead)) {
      const endsAt = m.index + m[0].length;
      // A pair that ends in the carried text was judged with the chunk before; one that ends in the lookahead, with the next.
      if (endsAt <= judged) continue;
      if (endsAt > text.length) break;
      const key = jsonString(m[1]);
      if (key === "vocabulary") {
        // tf.keras rebuilds a lookup layer's vocabulary from the file its config names: a path is read on load.
        const path = jsonString(m[2]);
        if (path) out.push({ readIn: undefined, path });
        continue;
      }
      const cls = key === "class_name" ? jsonString(m[2]) : undefined;
      if (cls !== "Lambda" && cls !== "TFOpLambda" && cls !== "SlicingOpLambda") continue;
      const after = withAhead.slice(endsAt, endsAt + 1000);
      if (cls === "Lambda") {
        out.push(/["']name["']\s{0,4}:\s{0,4}["']([^"']{1,100})["']/.exec(after.slice(0, 300))?.[1]);
        continue;
      }
      const fn = /"function"\s{0,4}:\s{0,4}"([^"]{1,100})"/.exec(after)?.[1];
      const gadget = fn === undefined ? undefined : importedGadget({ class_name: cls, config: { function: fn } });
      if (gadget) out.push(gadget);
    }
    carry = text.slice(-OVERLAP);
  }
  return out;
}

/** A JSON string's body decoded (escapes and all), or undefined when it is not one. */
function jsonString(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  if (!body.includes("\\")) return body;
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}
