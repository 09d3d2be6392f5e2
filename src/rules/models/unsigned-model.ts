import { posix } from "node:path";
import type { FileEntry } from "../../core/files.js";
import { otherFormat } from "../../ecosystems/models/other-formats.js";
import type { Rule } from "../types.js";
import { filesMatching, MODEL_FILE, TF_PROTOBUF_FILE } from "./lib/model-files.js";
import { isTensorflowGraph } from "./lib/tensorflow-file.js";

/** Extensions shared with page templates and Python path files. */
const TEMPLATE_OR_PATH = /\.(?:pt|pth)$/i;

/** Folders of test data: a model there is a fixture the tests load, not one the project publishes for users to verify. */
const TEST_FOLDER = /(?:^|\/)(?:tests?|testdata|test_data|testing|__tests__|fixtures|__fixtures__|spec)\//i;

export const rule: Rule = {
  meta: {
    id: "models/unsigned-model",
    title: "Model files carry no signature",
    severity: "low",
    confidence: "medium",
    check: "Model-Integrity",
    rationale:
      "Users of a model cannot tell whether the files they downloaded are the ones the project produced. OpenSSF Model Signing (OMS) signs a manifest of every file's digest with Sigstore, so anyone can check a model directory offline with `assay verify MODEL_DIR --model-signature model.sig`. Models in test and fixture folders (`tests/`, `testdata/`, `fixtures/`…) are what the tests load, not what users download: they are not asked for a signature (the other model rules still read them).",
    remediation:
      "Sign each model directory when you release it: `pip install model-signing` then `model_signing sign sigstore MODEL_DIR --signature MODEL_DIR/model.sig` (keyless, in CI with an OIDC identity), or with a key (`model_signing sign key …`). Commit or publish `model.sig` next to the files and tell users the identity to verify.",
    references: [
      { title: "OpenSSF Model Signing (OMS) specification", url: "https://github.com/ossf/model-signing-spec" },
      { title: "model-signing (sigstore/model-transparency)", url: "https://github.com/sigstore/model-transparency" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const models: FileEntry[] = [];
    let fixtures = 0;
    for (const f of await filesMatching(ctx, MODEL_FILE)) {
      if (TEST_FOLDER.test(f.path)) {
        fixtures++;
        continue;
      }
      // `.pt` and `.pth` are also page templates and Python path files: those are not models.
      if (TEMPLATE_OR_PATH.test(f.path)) {
        const head = await ctx.readBytes(f.path, 8192, { optional: true });
        if (head && otherFormat(f.path, head)) continue;
      }
      models.push(f);
    }
    // Protobuf test data is common: a `.pb` counts only when it is a SavedModel or a GraphDef.
    for (const f of await filesMatching(ctx, TF_PROTOBUF_FILE)) if (!TEST_FOLDER.test(f.path) && (await isTensorflowGraph(ctx, f.path))) models.push(f);
    models.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (models.length === 0) return ctx.notApplicable(fixtures > 0 ? `no model files outside test folders (${fixtures} in test or fixture folders, which are not published for users to verify)` : "no model files");
    // A signature covers its folder and everything under it (OMS signs a directory).
    const signed = new Set(ctx.files.filter((f) => /(?:^|\/)(?:model\.sig|[^/]{1,200}\.(?:sig|sigstore|sigstore\.json|asc))$/.test(f.path)).map((f) => posix.dirname(f.path)));
    const covered = (path: string): boolean => {
      for (let d = posix.dirname(path); ; d = posix.dirname(d)) {
        if (signed.has(d)) return true;
        if (d === "." || d === "/" || d === "") return false;
      }
    };
    const byDir = new Map<string, string[]>();
    for (const m of models) {
      if (covered(m.path)) continue;
      const dir = posix.dirname(m.path);
      byDir.set(dir, [...(byDir.get(dir) ?? []), m.path]);
    }
    for (const [dir, paths] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const where = dir === "." ? "the repository root" : `${dir}/`;
      ctx.report({
        message: `${paths.length === 1 ? paths[0] : `${paths.length} model files in ${where}`} ${paths.length === 1 ? "has" : "have"} no signature (no model.sig or detached signature in ${where} or above)`,
        locations: [{ path: paths[0] as string }],
        evidence: { directory: dir, files: paths.slice(0, 20) },
        key: dir,
        fix: `model_signing sign sigstore ${dir === "." ? "." : dir} --signature ${dir === "." ? "" : `${dir}/`}model.sig`,
      });
    }
  },
};
