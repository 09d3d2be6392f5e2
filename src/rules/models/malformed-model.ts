import { looksLikeGguf, readGgufHeader } from "../../ecosystems/models/gguf.js";
import { readKerasMetadata } from "../../ecosystems/models/keras-metadata.js";
import { looksLikeNpy, npyHeaderEnd, parseNpyHeader } from "../../ecosystems/models/npy.js";
import { ProtobufError } from "../../ecosystems/models/protobuf.js";
import { checkSafetensors, MAX_SAFETENSORS_HEADER, safetensorsHeaderLength } from "../../ecosystems/models/safetensors.js";
import { ZipError } from "../../ecosystems/models/zip.js";
import type { Rule, RuleContext } from "../types.js";
import { filesMatching, KERAS_METADATA_FILE } from "./lib/model-files.js";
import { ONNX_FILE, readOnnxFile } from "./lib/onnx-file.js";
import { fileRangeSource } from "./lib/scan-model.js";
import { readTensorflowFile } from "./lib/tensorflow-file.js";

export const rule: Rule = {
  meta: {
    id: "models/malformed-model",
    title: "Model file with a malformed header",
    severity: "medium",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "Safetensors, GGUF and NumPy files are safe to load because their headers describe plain data. A header that lies (offsets past the end of the file, impossible lengths, a truncated file) crashes loaders at best and feeds memory-safety bugs in parsers at worst (several GGUF parsing CVEs); it also means the file is not the one that was produced. The same holds for protobuf models (ONNX `.onnx`, TensorFlow's `saved_model.pb`, frozen GraphDef `.pb`, `keras_metadata.pb`): a truncated varint or a length past the end means the graph cannot be checked for what it does, so it is never trusted.",
    remediation: "Re-export the model from its source and replace the file; check its digest against the published one (`assay verify MODEL_DIR --model-signature model.sig`).",
    references: [
      { title: "safetensors format", url: "https://github.com/huggingface/safetensors#format" },
      { title: "GGUF specification", url: "https://github.com/ggml-org/ggml/blob/master/docs/gguf.md" },
      { title: "NumPy .npy format", url: "https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html" },
      { title: "Protocol Buffers encoding", url: "https://protobuf.dev/programming-guides/encoding/" },
      { title: "onnx.proto: the ONNX model format", url: "https://github.com/onnx/onnx/blob/main/onnx/onnx.proto" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const files = await filesMatching(ctx, /\.(?:safetensors|gguf|npy|pb|onnx)$/i);
    if (files.length === 0) return ctx.notApplicable("no safetensors, GGUF, .npy, ONNX or TensorFlow .pb files");
    for (const f of files) {
      const problem = await check(ctx, f.path);
      if (!problem) continue;
      ctx.report({ message: `${f.path} ${problem}`, locations: [{ path: f.path }], evidence: { problem }, key: f.path, fix: "re-export the model from its source and replace this file" });
    }
  },
};

async function check(ctx: RuleContext, path: string): Promise<string | undefined> {
  if (/\.pb$/i.test(path)) return checkProtobuf(ctx, path);
  if (ONNX_FILE.test(path)) return checkOnnx(ctx, path);
  const src = await fileRangeSource(ctx, path);
  if (!src) return undefined;
  const head = await src.read(0, Math.min(src.size, 64 * 1024));
  try {
    if (/\.safetensors$/i.test(path)) {
      if (src.size < 8) return `is ${src.size} bytes, too short for a safetensors header`;
      const n = safetensorsHeaderLength(head);
      if (n > MAX_SAFETENSORS_HEADER) return `declares a safetensors header of ${n} bytes, over the 100 MB loaders accept`;
      if (8 + n > src.size) return `declares a safetensors header of ${n} bytes, longer than the file (${src.size} bytes): truncated or crafted`;
      const header = new Uint8Array(n);
      for (let o = 0; o < n; o += 16 * 1024 * 1024) header.set(await src.read(8 + o, Math.min(16 * 1024 * 1024, n - o)), o);
      checkSafetensors(header, n, src.size);
      return undefined;
    }
    if (/\.gguf$/i.test(path)) {
      if (!looksLikeGguf(head)) return "is not a GGUF file (no GGUF magic)";
      await readGgufHeader(src, new Set(), { tensors: true });
      return undefined;
    }
    if (!looksLikeNpy(head)) return "is not a NumPy .npy file (no NUMPY magic)";
    // A header longer than the first bytes (np.load takes one of any length with allow_pickle) is read whole, up to parseNpyHeader's cap.
    const end = npyHeaderEnd(head);
    const h = parseNpyHeader(end > head.length && end <= 1024 * 1024 + 12 ? await src.read(0, Math.min(src.size, end)) : head);
    // np.load reads exactly the bytes the shape and dtype make (more are ignored): fewer is a file cut short.
    const data = src.size - h.dataOffset;
    if (h.dataBytes !== undefined && data < h.dataBytes) return `holds ${data} bytes of array data, but its header's shape and dtype (${h.descr}) make ${h.dataBytes}: truncated`;
    return undefined;
  } catch (e) {
    return `has a malformed header: ${(e as Error).message}`;
  }
}

/** An ONNX model's problem: not a ModelProto, or cut short; a cap reached makes the rule incomplete instead. */
async function checkOnnx(ctx: RuleContext, path: string): Promise<string | undefined> {
  const file = await readOnnxFile(ctx, path);
  if (file?.kind !== "unreadable") return undefined;
  if (file.error.kind === "limit") {
    ctx.incomplete(`could not be read whole (${file.error.message})`, { path });
    return undefined;
  }
  return `is not a well-formed ONNX model: ${file.error.message}`;
}

/** A TensorFlow protobuf's problem: only files that are TensorFlow's (by name, or by their first fields) are judged. */
async function checkProtobuf(ctx: RuleContext, path: string): Promise<string | undefined> {
  let error: ProtobufError;
  let what: string;
  if (KERAS_METADATA_FILE.test(path)) {
    const src = await fileRangeSource(ctx, path);
    if (!src) return undefined;
    try {
      await readKerasMetadata(src, ctx.signal);
      return undefined;
    } catch (e) {
      if (e instanceof ZipError) return undefined;
      if (!(e instanceof ProtobufError)) throw e;
      [error, what] = [e, "keras_metadata.pb"];
    }
  } else {
    const file = await readTensorflowFile(ctx, path);
    if (file?.kind !== "unreadable") return undefined;
    [error, what] = [file.error, file.format === "saved-model" ? "SavedModel" : "GraphDef"];
  }
  if (error.kind === "limit") {
    ctx.incomplete(`could not be read whole (${error.message})`, { path });
    return undefined;
  }
  return `is not a well-formed ${what}: ${error.message}`;
}
