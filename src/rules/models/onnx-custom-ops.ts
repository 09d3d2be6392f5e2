import { clip, visible } from "../../core/escape.js";
import type { Severity } from "../../core/severity.js";
import { domainKind, type OnnxOpUse } from "../../ecosystems/models/onnx.js";
import type { Rule } from "../types.js";
import { eachOnnxModel } from "./lib/onnx-file.js";

export const rule: Rule = {
  meta: {
    id: "models/onnx-custom-ops",
    title: "ONNX model that needs custom operator code to load",
    severity: "medium",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "An ONNX model is data as long as its operators are ONNX's own (`ai.onnx`, `ai.onnx.ml`, the training domains) or onnxruntime's built-in ones (`com.microsoft` and its layout and execution-provider domains). An operator of any other domain has no implementation in the runtime: onnxruntime refuses the model until the loading program registers a custom-op library for that domain (`SessionOptions.register_custom_ops_library`), which loads native code the model does not carry and that nobody can check from the model. So such a model comes with an instruction to run someone's shared library, and a user who follows it runs that code (medium). onnxruntime-extensions' domain `ai.onnx.contrib` is a known library (tokenizers, string and image ops), but its operators also run Python functions the loading program registers under the operator's name (`@onnx_op`, PyOp), so the model decides which registered function runs (low); TensorRT plugins (`trt.plugins`) run from TensorRT's plugin library or one the program adds (low). onnxruntime's language-interop `PyOp` names a Python module and class in its attributes, which onnxruntime builds with `--enable_language_interop_ops` import and call: the model chooses the Python code that runs (high).",
    remediation:
      "Prefer a model made of standard operators (re-export it, or replace the custom operator with an ONNX function of standard operators). When the custom operator is needed, load only the library the model's authors publish, built from source you trust, and pin it; never register a library or a Python module shipped beside a model you did not build.",
    references: [
      { title: "onnxruntime: custom operators", url: "https://onnxruntime.ai/docs/reference/operators/add-custom-op.html" },
      { title: "onnxruntime contrib operators (com.microsoft)", url: "https://github.com/microsoft/onnxruntime/blob/main/docs/ContribOperators.md" },
      { title: "onnxruntime-extensions (ai.onnx.contrib, PyOp)", url: "https://github.com/microsoft/onnxruntime-extensions" },
      { title: "onnxruntime: Python operator (language interop)", url: "https://github.com/microsoft/onnxruntime/blob/main/docs/PyOp.md" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    await eachOnnxModel(ctx, "its operators", (path, model) => {
      if (model.moreOps > 0) ctx.incomplete(`uses more than 10,000 distinct non-standard operators: ${model.moreOps} more were not judged`, { path: path });
      for (const g of group(model.ops)) {
        ctx.report({
          message: visible(`${path}: ${g.text}`),
          locations: [{ path }],
          severity: g.severity,
          evidence: { domain: g.domain, ops: g.ops.map((o) => o.opType).slice(0, 20), node: g.ops[0]?.node ?? null, scope: g.ops[0]?.scope ?? null, nodes: g.ops.reduce((n, o) => n + o.count, 0), module: g.module ?? null, className: g.className ?? null },
          key: `${path}:${g.key}`,
          fix: g.severity === "high" ? "replace the PyOp with standard operators before anyone loads this model" : "re-export the model with standard operators, or publish the custom-op library's source and version beside it",
        });
      }
    });
  },
};

interface Group {
  key: string;
  domain: string;
  ops: OnnxOpUse[];
  severity: Severity;
  text: string;
  module?: string;
  className?: string;
}

/** One finding per custom domain (its operators listed), and one per Python class a PyOp names. */
function group(ops: OnnxOpUse[]): Group[] {
  const byDomain = new Map<string, OnnxOpUse[]>();
  const out: Group[] = [];
  for (const o of ops) {
    const kind = domainKind(o.domain);
    if (kind === "standard" || kind === "runtime") continue;
    if (o.opType === "PyOp" && o.module !== undefined) {
      const where = `node '${clip(o.node, 120)}' in ${o.scope}${o.count > 1 ? ` (and ${o.count - 1} more node${o.count > 2 ? "s" : ""} like it)` : ""}`;
      out.push({
        key: `pyop:${o.domain}:${o.module}:${o.className ?? ""}`,
        domain: o.domain,
        ops: [o],
        severity: "high",
        module: o.module,
        ...(o.className !== undefined ? { className: o.className } : {}),
        text: `PyOp ${where}, domain '${clip(o.domain, 120)}', names the Python module '${clip(o.module, 120)}'${o.className !== undefined ? ` and class '${clip(o.className, 120)}'` : ""}: onnxruntime built with language interop ops imports and calls them when the model runs, so the model chooses the Python code that runs`,
      });
      continue;
    }
    const list = byDomain.get(o.domain) ?? [];
    list.push(o);
    byDomain.set(o.domain, list);
  }
  for (const [domain, list] of byDomain) {
    const first = list[0] as OnnxOpUse;
    const names = list.slice(0, 5).map((o) => `'${clip(o.opType, 80)}'`).join(", ") + (list.length > 5 ? ` and ${list.length - 5} more` : "");
    const nodes = list.reduce((n, o) => n + o.count, 0);
    const where = `first node '${clip(first.node, 120)}' in ${first.scope}${nodes > 1 ? `, ${nodes} nodes in all` : ""}`;
    const kind = domainKind(domain);
    const many = list.length > 1;
    const ops = `operator${many ? "s" : ""} ${names}`;
    out.push({
      key: `domain:${domain}`,
      domain,
      ops: list,
      severity: kind === "custom" ? "medium" : "low",
      text:
        kind === "extensions"
          ? `${ops} of onnxruntime-extensions' domain 'ai.onnx.contrib' (${where}) ${many ? "run" : "runs"} only with that library registered, or as ${many ? "Python functions the loading program registers under these names" : "a Python function the loading program registers under this name"} (PyOp)`
          : kind === "tensorrt"
            ? `${ops} of the domain 'trt.plugins' (${where}) ${many ? "are TensorRT plugins: they run" : "is a TensorRT plugin: it runs"} only in TensorRT, from its plugin library or one the loading program adds (trt_extra_plugin_lib_paths)`
            : `${ops} of domain '${clip(domain, 120)}' (${where}) ${many ? "are" : "is"} not built into ONNX or onnxruntime: the model loads only after the program registers a custom-op library for the domain, native code the model does not carry`,
    });
  }
  return out;
}
