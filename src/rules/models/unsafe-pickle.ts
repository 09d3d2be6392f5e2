import { visible } from "../../core/escape.js";
import type { InventoryLookup } from "../../core/files.js";
import { lowerSeverity, type Severity } from "../../core/severity.js";
import type { ModelFinding } from "../../ecosystems/models/walk.js";
import type { Rule } from "../types.js";
import { filesMatching, PICKLE_FILE } from "./lib/model-files.js";
import { scanModelFile } from "./lib/scan-model.js";

const NPY = /\.npy$/i;

export const rule: Rule = {
  meta: {
    id: "models/unsafe-pickle",
    title: "Model file runs code when loaded",
    severity: "critical",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "Pickle-based model files (`.pkl`, `.joblib`, PyTorch `.pt`/`.pth`/`.bin`/`.ckpt`, NumPy object arrays) are programs: loading one calls whatever callables it imports, so a model that imports `os.system`, `subprocess`, `builtins.exec` or `runpy` runs an attacker's command on every machine that loads it (`torch.load`, `pickle.load`, `joblib.load`, `np.load(allow_pickle=True)`). Imports outside the classes real checkpoints use are suspicious (a step lower when a class, by its CapWords name, is the project's own: defined in a `.py` file of this repository whose path ends with the module's, or in `__main__`, the script that saved the file), and classes of well-known ML libraries (scikit-learn estimators, XGBoost boosters, whole `torch.nn` modules), which the library's own code rebuilds, are reported a step lower; a stream that cannot be read whole cannot be judged safe, and a pickle assay cannot read at all (a compression method it does not know, an encrypted entry, a bomb past its caps) leaves the rule incomplete, never passed.",
    remediation:
      "Do not load a file reported as dangerous; remove it and find out how it got in. Publish weights as safetensors (`safetensors.torch.save_file(model.state_dict(), \"model.safetensors\")`), load PyTorch checkpoints with `torch.load(path, weights_only=True)`, and never `np.load(..., allow_pickle=True)` untrusted arrays. For a suspicious import that is your own class, prefer saving plain state (a state_dict, JSON config) over pickling objects.",
    references: [
      { title: "Python pickle: security warning", url: "https://docs.python.org/3/library/pickle.html" },
      { title: "PyTorch: torch.load weights_only", url: "https://pytorch.org/docs/stable/generated/torch.load.html" },
      { title: "Hugging Face: pickle scanning", url: "https://huggingface.co/docs/hub/security-pickle" },
      { title: "CWE-502: Deserialization of Untrusted Data", url: "https://cwe.mitre.org/data/definitions/502.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const files = await filesMatching(ctx, PICKLE_FILE);
    if (files.length === 0) return ctx.notApplicable("no pickle-based model files (.pkl, .joblib, .pt, .pth, .bin, .ckpt, .npy, .npz, .zip)");
    for (const f of files) {
      if (ctx.signal.aborted) return;
      const scan = await scanModelFile(ctx, f.path);
      if (!scan) continue;
      // Gadgets first, then what stopped the scan, then unlisted classes: past 200 findings in one file the rest are only
      // counted, and neither a gadget imported after 200 unlisted classes nor the note that imports went unjudged may be.
      const rank = (k: string): number => (k === "dangerous" || k === "computed" ? 0 : k === "suspicious" || k === "library" ? 2 : 1);
      for (const x of [...scan.findings].sort((a, b) => rank(a.kind) - rank(b.kind))) {
        // A `.npy` whose own header is broken is models/malformed-model's finding: one diagnostic per file, and this rule is incomplete.
        if (x.kind === "malformed" && x.where === f.path && NPY.test(f.path) && scan.format !== "npy" && scan.format !== "pickle") {
          ctx.incomplete(`${x.message}, so its pickle (if any) was not judged`, { path: f.path });
          continue;
        }
        // Bytes that may hold a pickle but could not be read (whole) are unread evidence, as an LFS pointer is: never a pass.
        if (x.uninspected) {
          ctx.incomplete(visible(`${x.where} ${x.message}: what it holds was not read whole, so it was not judged`), { path: f.path });
          continue;
        }
        // A class of the project's own code (defined in this repository, or in the script that saved it): a step lower, as
        // picklescan and modelscan raise nothing for it; an unlisted import from anywhere else stays high.
        // Only a class by its name (CapWords): a function such as `__main__.system` is looked up in the loading script,
        // which may well have imported os's.
        const own = x.kind === "suspicious" && x.module !== undefined && /^[A-Z]/.test(x.name ?? "") ? ownModule(ctx.index, x.module) : undefined;
        const severity = own !== undefined ? lowerSeverity(severityOf(x)) : severityOf(x);
        const what = x.module !== undefined ? `${x.module}.${x.name}` : x.kind;
        ctx.report({
          // Names out of the file (an import's module, an entry's name) may carry terminal escapes: every output shows them inert.
          message: visible(`${x.where} ${x.message}${own !== undefined ? ` (${own === "__main__" ? "the saving script's own code" : `this repository's own code, ${own}`})` : ""}`),
          locations: [{ path: f.path }],
          severity,
          evidence: { kind: x.kind, entry: x.where, import: x.module !== undefined ? what : null, offset: x.offset ?? null, format: scan.format ?? null, ...(x.brokeAt !== undefined ? { brokeAt: x.brokeAt } : {}) },
          key: `${x.where}:${what}`,
          fix:
            x.kind === "dangerous"
              ? "do not load this file: remove it, find out where it came from, and publish the weights as safetensors"
              : x.kind === "malformed" || x.kind === "limit"
                ? "re-export the model (as safetensors) and replace this file; until then treat it as untrusted"
                : x.kind === "library"
                  ? "if the file is not your own, re-export the model in a format that loads without unpickling (skops or ONNX for scikit-learn, the booster's JSON or UBJ model for XGBoost and LightGBM, safetensors for torch modules)"
                  : "save plain state (a state_dict or safetensors plus a JSON config) instead of pickled objects, or load with torch.load(weights_only=True) and an explicit allow-list",
        });
      }
    }
  },
};

/** A Python module name as pickles write them: dotted identifiers. */
const MODULE_NAME = /^[A-Za-z_]\w{0,100}(?:\.[A-Za-z_]\w{0,100}){0,20}$/;

/**
 * Where the project defines `module`: `__main__` (the script that saved the file), or the path of a `.py` file or
 * package of this repository whose path ends with the module's (`models.yolo` in `models/yolo.py` or
 * `src/models/yolo/__init__.py`); undefined otherwise.
 */
function ownModule(index: InventoryLookup, module: string): string | undefined {
  if (module === "__main__") return module;
  if (!MODULE_NAME.test(module)) return undefined;
  const tail = module.replace(/\./g, "/");
  const last = module.slice(module.lastIndexOf(".") + 1);
  const under = (f: { path: string }, suffix: string): boolean => f.path === suffix || f.path.endsWith(`/${suffix}`);
  return index.named(`${last}.py`).find((f) => under(f, `${tail}.py`))?.path ?? index.named("__init__.py").find((f) => under(f, `${tail}/__init__.py`))?.path;
}

/** The severity of a finding of the walk. */
function severityOf(x: ModelFinding): Severity {
  // In bytes whose name does not promise a pickle and whose stream then breaks, an import is a step lower: the loader
  // runs it, but the bytes may be other data that happened to read so.
  const broken = x.brokeAt !== undefined;
  switch (x.kind) {
    case "dangerous":
      return "critical";
    case "computed":
      // Python's pickler never computes an import (it memoises literal names): the stream was built by hand to hide
      // what it imports, so it is dangerous, as picklescan judges its "unknown" imports.
      return broken ? "high" : "critical";
    case "suspicious":
      return broken ? "medium" : "high";
    case "library":
      // A class of a well-known library is rebuilt by that library's own code, with no gadget known in it.
      return broken ? "low" : "medium";
    default:
      return "medium";
  }
}
