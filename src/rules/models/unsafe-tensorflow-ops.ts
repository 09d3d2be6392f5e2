import type { Severity } from "../../core/severity.js";
import { unsafeOps, type OpPower } from "../../ecosystems/models/tensorflow-ops.js";
import type { Rule } from "../types.js";
import { filesMatching, TF_PROTOBUF_FILE } from "./lib/model-files.js";
import { readTensorflowFile } from "./lib/tensorflow-file.js";

export const rule: Rule = {
  meta: {
    id: "models/unsafe-tensorflow-ops",
    title: "TensorFlow graph that touches files, the network or Python",
    severity: "critical",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "A TensorFlow SavedModel or frozen GraphDef is a program: every op in its graph and functions runs inside the process that loads or serves it (TensorFlow Serving, `tf.saved_model.load`). Ops like `WriteFile`, `ReadFile`, `MatchingFiles`, file-backed datasets, RPC and tf.data service ops, `tf.print` to a file, or checkpoint ops aimed at a path written into the model let a model read secrets, plant files (an SSH key, a shell profile) or talk to an attacker's server when it runs; `PyFunc` calls Python functions of the loading process. Ordinary models do none of this: their only file ops are the saver's, which write and read the checkpoint path the loader gives them.",
    remediation:
      "Do not load or serve a model reported here until you know why its graph has the op: re-export it from the training code without the file, network or `tf.py_function` ops (keep file reading in the input pipeline, outside the exported signature), and check what the op reads or writes. Inspect a SavedModel with `saved_model_cli scan --dir MODEL_DIR` (TensorFlow's own denylist check).",
    references: [
      { title: "TensorFlow: using TensorFlow securely (models are programs)", url: "https://github.com/tensorflow/tensorflow/blob/master/SECURITY.md" },
      { title: "saved_model_cli scan", url: "https://www.tensorflow.org/guide/saved_model#details_of_the_savedmodel_command_line_interface" },
      { title: "ProtectAI modelscan: TensorFlow SavedModel scanner", url: "https://github.com/protectai/modelscan" },
      { title: "TensorAbuse: abusing TensorFlow APIs in models (Zhu et al., 2024)", url: "https://github.com/ZJU-SEC/TensorAbuse" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const candidates = await filesMatching(ctx, TF_PROTOBUF_FILE);
    let graphs = 0;
    for (const f of candidates) {
      if (ctx.signal.aborted) return;
      const file = await readTensorflowFile(ctx, f.path);
      if (!file || file.kind === "not-tensorflow") continue;
      graphs++;
      if (file.kind === "unreadable") {
        ctx.incomplete(`${file.error.kind === "limit" ? "could not be read whole" : "is not a well-formed TensorFlow graph"} (${file.error.message}), so its ops were not all judged`, { path: f.path });
        continue;
      }
      // Critical ops first: past 200 findings in one file the rest are only counted, so 200 file readers must not hide a writer.
      for (const op of [...unsafeOps(file.model)].sort((a, b) => Number(SEVERITY[b.power] === "critical") - Number(SEVERITY[a.power] === "critical"))) {
        const where = op.scope === "graph" ? "the graph" : `function '${op.scope}'`;
        const more = op.count > 1 ? ` (and ${op.count - 1} more ${op.op} node${op.count > 2 ? "s" : ""} there)` : "";
        ctx.report({
          message: `${f.path}: ${op.op} node '${op.node}' in ${where} ${POWER[op.power]}${op.detail ? `: ${op.detail}` : ""}${more}`,
          locations: [{ path: f.path }],
          severity: SEVERITY[op.power],
          evidence: { op: op.op, node: op.node, scope: op.scope, power: op.power, detail: op.detail ?? null, count: op.count, tags: op.tags, format: file.model.format },
          key: `${f.path}:${op.scope}:${op.op}`,
          fix: "re-export the model without this op (keep file and network access out of the exported graph), and do not serve this file until you know what it does",
        });
      }
    }
    if (graphs === 0) ctx.notApplicable("no TensorFlow SavedModel (saved_model.pb) or GraphDef (.pb) files");
  },
};

const POWER: Record<OpPower, string> = {
  "writes-files": "writes files when the model runs",
  "reads-files": "reads files when the model runs",
  network: "reaches the network when the model runs",
  "runs-python": "calls a Python function of the loading process (its code is not in the model)",
};

/** Writing files and reaching the network take over the host; reading exposes it; PyFunc runs code the model does not carry. */
const SEVERITY: Record<OpPower, Severity> = { "writes-files": "critical", network: "critical", "reads-files": "high", "runs-python": "high" };
