// A ~2,000-file repository shaped like a real polyglot project: 60 workflows of 50–400 lines
// (anchors and aliases, matrices, long scripts, reusable workflows, local composite actions),
// manifests and lockfiles of five ecosystems, posture and policy files, docs, sources, tests,
// test data and images. Deterministic; cached between runs.
import { rng } from "./lib/rng.js";
import { cachedTree, type TreeInfo } from "./lib/tree.js";
import { manifestFiles } from "./project/manifests.js";
import { postureFiles } from "./project/posture.js";
import { dataText, fileSize, pngBytes, sourceText } from "./project/sources.js";
import { workflowFiles } from "./project/workflows.js";

/** Bump when the generated content changes, so cached trees are rebuilt. */
const VERSION = 2;

const WORKSPACES = ["packages/core", "packages/cli", "packages/web", "packages/utils", "packages/plugin-api"];
const CRATES = ["parser", "engine", "ffi"];
const GO_PKGS = ["config", "server", "store", "auth", "metrics", "queue", "cache", "api", "cli", "render"];
const PY_PKGS = ["acme", "acme/io", "acme/schema", "acme/plugins"];
const DOC_DIRS = ["docs", "docs/guides", "docs/reference", "docs/reference/config", "docs/internals", "docs/tutorials"];

/** Generates (or reuses) the project tree at `dir`, committed to git when `git` is set. */
export function generateProject(dir: string, git = true): TreeInfo {
  return cachedTree(dir, { project: VERSION }, git, (w) => {
    const r = rng(7);
    for (const f of [...workflowFiles(r, 60), ...manifestFiles(r, WORKSPACES, CRATES), ...postureFiles(WORKSPACES)]) w.write(f.path, f.text);
    const many = (n: number, path: (i: number) => string, text: (i: number) => string | Uint8Array) => {
      for (let i = 0; i < n; i++) w.write(path(i), text(i));
    };
    const sub = ["", "lib/", "internal/", "commands/", "util/"];
    many(650, (i) => `${r.pick(WORKSPACES)}/src/${r.pick(sub)}module-${i}.ts`, () => sourceText(r, "ts", fileSize(r, 3500, 60_000)));
    many(200, (i) => `${r.pick(WORKSPACES)}/test/module-${i}.test.ts`, () => sourceText(r, "ts", fileSize(r, 4000, 40_000)));
    many(260, (i) => `${i % 7 === 0 ? "cmd/acme" : `internal/${r.pick(GO_PKGS)}`}/file${i}.go`, () => sourceText(r, "go", fileSize(r, 4000, 50_000)));
    many(110, (i) => `internal/${r.pick(GO_PKGS)}/file${i}_test.go`, () => sourceText(r, "go", fileSize(r, 5000, 40_000)));
    many(130, (i) => `crates/${r.pick(CRATES)}/src/${i % 5 === 0 ? "" : "parts/"}unit_${i}.rs`, () => sourceText(r, "rs", fileSize(r, 5000, 60_000)));
    many(20, (i) => `crates/${r.pick(CRATES)}/tests/it_${i}.rs`, () => sourceText(r, "rs", fileSize(r, 3000, 20_000)));
    many(110, (i) => `python/${r.pick(PY_PKGS)}/mod_${i}.py`, () => sourceText(r, "py", fileSize(r, 3000, 30_000)));
    many(40, (i) => `tests/test_mod_${i}.py`, () => sourceText(r, "py", fileSize(r, 2500, 20_000)));
    many(160, (i) => `${r.pick(DOC_DIRS)}/page-${i}.md`, () => sourceText(r, "md", fileSize(r, 4000, 40_000)));
    many(120, (i) => `testdata/${r.pick(["config", "golden", "inputs"])}/case-${i}.${i % 3 === 0 ? "yaml" : "json"}`, (i) => dataText(r, i % 3 === 0, fileSize(r, 2000, 200_000)));
    many(24, (i) => `docs/img/figure-${i}.png`, () => pngBytes(r, fileSize(r, 30_000, 300_000)));
    many(15, (i) => `scripts/task-${i}.sh`, () => sourceText(r, "sh", fileSize(r, 1500, 8_000)));
    many(40, (i) => `packages/web/assets/style-${i}.css`, () => sourceText(r, "css", fileSize(r, 2000, 20_000)));
  });
}
