import { looksLikeNpy, parseNpyHeader } from "../../ecosystems/models/npy.js";
import { otherFormat } from "../../ecosystems/models/other-formats.js";
import { looksLikePickle, mayBePickle, readsAsPickle } from "../../ecosystems/models/pickle.js";
import { looksLikeTar } from "../../ecosystems/models/tar.js";
import { COMPRESSED_PICKLE_NAME, compression } from "../../ecosystems/models/walk.js";
import { looksLikeZip, readZipDirectory } from "../../ecosystems/models/zip.js";
import type { Rule } from "../types.js";
import { filesMatching, PICKLE_FILE } from "./lib/model-files.js";
import { fileRangeSource } from "./lib/scan-model.js";

/** Names that do not promise a pickle: their bytes must read as one. */
const MAYBE_PICKLE = /\.(?:bin|dat|data|mar|pt2|th|model)$/i;
/** Names whose loaders (joblib.load, pandas' read_pickle) decompress before they unpickle, by the bytes or by the extension. */
const COMPRESSED_PICKLE = new RegExp(String.raw`\.(?:pkl|pickle|joblib|dill|sav)$|${COMPRESSED_PICKLE_NAME}`, "i");

export const rule: Rule = {
  meta: {
    id: "models/pickle-format",
    title: "Model published in a pickle-based format",
    severity: "low",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "Even a clean pickle-based model teaches users to load files that can run code, and the next version (or a tampered copy) may not be clean. Safetensors, GGUF and ONNX hold only tensors and metadata: loading them runs nothing.",
    remediation:
      "Publish the weights as safetensors: `from safetensors.torch import save_file; save_file(model.state_dict(), \"model.safetensors\")` (or `huggingface_hub`'s conversion, or `convert.py` in the safetensors repository), keep the configuration as JSON, and drop the `.pt`/`.bin`/`.pkl` copy.",
    references: [
      { title: "safetensors", url: "https://github.com/huggingface/safetensors" },
      { title: "Hugging Face: pickle security", url: "https://huggingface.co/docs/hub/security-pickle" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const files = await filesMatching(ctx, PICKLE_FILE);
    if (files.length === 0) return ctx.notApplicable("no pickle-based model files");
    for (const f of files) {
      const read = await ctx.readRange(f.path, 0, 64 * 1024, { optional: true });
      const head = read?.bytes;
      if (!read || !head || head.length === 0) continue;
      let format: string | undefined;
      // A `.bin`, `.dat` or `.data` (or a text `.pth`) is a pickle only when it reads as one (binaries and text may start with a pickle's first byte).
      // A `.pt` or `.pkl` is unpickled from its first byte unless it starts with a zip's local header (a pickle before a zip archive included).
      const whole = head.length >= read.size;
      if (!/\.(?:npy|npz|zip)$/i.test(f.path) && (MAYBE_PICKLE.test(f.path) || otherFormat(f.path, head) ? readsAsPickle(head, whole) : looksLikePickle(head) || (!looksLikeZip(head) && mayBePickle(head, whole)))) format = "a pickle";
      else if (looksLikeNpy(head)) {
        try {
          const h = parseNpyHeader(head);
          if (h.uncertain !== undefined) format = `a NumPy array that may hold objects (a pickle): ${h.uncertain}`;
          else if (h.object) format = "a NumPy object array (a pickle)";
        } catch {
          // Malformed headers are models/malformed-model's finding.
        }
      } else if (looksLikeZip(head) && !/\.npz$/i.test(f.path)) {
        // torch.save's archive is what torch.load opens whatever the file is named (`model.pkl` is common), and it finds
        // data.pkl through miniz, which compares names without case.
        const src = await fileRangeSource(ctx, f.path);
        const entries = src ? await readZipDirectory(src).catch(() => []) : [];
        if (entries.some((e) => /(?:^|\/)data\.pkl$/i.test(e.name))) format = "a PyTorch zip checkpoint (a pickle)";
      } else if (looksLikeTar(head) && /\.(?:pt|pth|th|bin|ckpt|tar)$/i.test(f.path)) format = "a PyTorch tar checkpoint (pickles)";
      // NeMo 1.x's restore_from extracts the tar (plain or gzipped) and torch.load's the checkpoint in it.
      else if (/\.nemo$/i.test(f.path) && (looksLikeTar(head) || compression(head) === "gzip")) format = "a NeMo archive (a tar holding a torch.save checkpoint, which restore_from unpickles)";
      else {
        // joblib.load and pandas.read_pickle decompress first (a 7z archive is neither's: the walk judges what it holds).
        const codec = COMPRESSED_PICKLE.test(f.path) ? compression(head) : undefined;
        if (codec !== undefined && codec !== "7z") format = `a pickle compressed with ${codec} (joblib.load and pandas.read_pickle unpickle it)`;
      }
      if (!format) continue;
      ctx.report({
        message: `${f.path} is ${format}: loading it can run code; publish safetensors instead`,
        locations: [{ path: f.path }],
        evidence: { format },
        key: f.path,
        fix: 'save_file(model.state_dict(), "model.safetensors")   # from safetensors.torch import save_file',
      });
    }
  },
};
