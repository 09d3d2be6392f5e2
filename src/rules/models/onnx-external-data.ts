import { visible, clip } from "../../core/escape.js";
import type { LocationEscape, OnnxExternalTensor } from "../../ecosystems/models/onnx.js";
import type { Rule } from "../types.js";
import { eachOnnxModel } from "./lib/onnx-file.js";

export const rule: Rule = {
  meta: {
    id: "models/onnx-external-data",
    title: "ONNX model whose external data points outside its folder",
    severity: "high",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "An ONNX model can keep a tensor's bytes in another file: `external_data` gives its `location`, which `onnx.load` and onnxruntime join to the model's folder and read into the tensor. A location that is absolute (`/etc/passwd`, `C:\\Users\\…`), a Windows UNC path (`\\\\host\\share`, which makes Windows connect to that server and offer the user's credentials) or that climbs out with `..` (also through a subfolder, `data/../../…`) makes loading the model read any file the user can read into the model, where its outputs or a re-saved copy can leak it: CVE-2022-25882 and its bypass CVE-2024-27318 in `onnx` before 1.16, and any loader that joins the path without the check. onnxruntime's in-memory tag (`*/_ORT_MEM_ADDR_/*`) in a file makes OpenVINO's ONNX reader copy from a raw memory address the model chooses. Exporters only write plain names beside the model (`model.onnx.data`, one file per tensor), so no real model needs any of this.",
    remediation:
      "Do not load the model until you know why it reads that file. Re-export it, or rewrite its external data next to it: `onnx.load(path, load_external_data=False)`, set each tensor's `location` to a file name in the model's folder, and save; upgrade `onnx` to 1.16 or later, whose loader refuses such paths.",
    references: [
      { title: "ONNX external data format", url: "https://onnx.ai/onnx/repo-docs/ExternalData.html" },
      { title: "CVE-2022-25882: onnx directory traversal through external_data", url: "https://nvd.nist.gov/vuln/detail/CVE-2022-25882" },
      { title: "CVE-2024-27318: bypass of the CVE-2022-25882 fix", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-27318" },
      { title: "onnx.proto: TensorProto.external_data", url: "https://github.com/onnx/onnx/blob/main/onnx/onnx.proto" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    await eachOnnxModel(ctx, "its external data locations", (path, model) => {
      // One finding per location: a model that reads the same outside file into many tensors is one problem.
      const byLocation = new Map<string, { first: OnnxExternalTensor; count: number }>();
      for (const t of model.escapingTensors) {
        const seen = byLocation.get(t.location);
        if (seen) seen.count++;
        else byLocation.set(t.location, { first: t, count: 1 });
      }
      const more = model.moreEscaping;
      const groups = [...byLocation.values()];
      groups.forEach(({ first: t, count }, i) => {
        const others = count > 1 ? ` (and ${count - 1} more tensor${count > 2 ? "s" : ""} from it)` : "";
        // Past the kept tensors the rest are only counted: the last finding says how many.
        const unlisted = i === groups.length - 1 && more > 0 ? `; ${more} more tensors read from outside the folder are not listed` : "";
        ctx.report({
          message: visible(`${path}: ${t.role} '${clip(t.tensor, 120)}' in ${t.scope} reads its data from '${clip(t.location, 200)}', ${ESCAPE[t.escape]}${others}${unlisted}`),
          locations: [{ path }],
          evidence: { tensor: t.tensor, location: clip(t.location, 1024), escape: t.escape, role: t.role, scope: t.scope, count },
          key: `${path}:${t.location}`,
          fix: "store the tensor's data in a file beside the model and point `location` at its plain name (no folders above, no absolute path)",
        });
      });
    });
  },
};

/** What each escape means to the loader that joins the location to the model's folder. */
const ESCAPE: Record<LocationEscape, string> = {
  absolute: "an absolute path: loading the model reads that file, wherever it is",
  "windows-drive": "a Windows drive path: on Windows, loading the model reads that file, wherever it is",
  unc: "a UNC or device path: on Windows, loading the model opens it on that host, offering the user's credentials",
  parent: "a path that climbs out of the model's folder with '..': loading the model reads a file outside it",
  "memory-address": "onnxruntime's in-memory tag: a reader that honours it (OpenVINO's ONNX frontend) copies from the raw memory address the model gives as its offset",
};
