// The large tree: 50,000 files and 1 GiB by default (small source-like files across a deep tree,
// eight large text blobs, a workflow, manifests and one checked-in executable). Deterministic;
// cached between runs.
import { rng } from "./lib/rng.js";
import { cachedTree, type TreeInfo } from "./lib/tree.js";

/** Sizes of the large tree. */
export interface LargeOptions {
  files: number;
  totalBytes: number;
}

const EXTS = ["ts", "js", "py", "go", "rs", "md", "json", "yml", "java", "c", "h", "txt"];
const WORDS = ["const", "value", "return", "function", "import", "export", "class", "if", "else", "for", "while", "data", "config", "result", "error", "handle", "parse", "build"];

/** Generates (or reuses) the large tree at `dir`, committed to git when `git` is set. */
export function generateLarge(dir: string, opts: LargeOptions, git: boolean): TreeInfo {
  return cachedTree(dir, { large: 1, ...opts }, git, (w) => {
    const r = rng(42);
    const line = () => Array.from({ length: r.int(4, 13) }, () => r.pick(WORDS)).join(" ");
    const bigFiles = 8;
    const bigSize = Math.floor((opts.totalBytes * 0.5) / bigFiles);
    const smallBudget = opts.totalBytes - bigFiles * bigSize;
    const smallCount = opts.files - bigFiles - 6;
    const avg = Math.floor(smallBudget / smallCount);
    w.write("README.md", "# bench\n");
    w.write("package.json", JSON.stringify({ name: "bench", version: "1.0.0", license: "MIT" }));
    w.write(".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n");
    w.write("go.mod", "module example.com/bench\n\ngo 1.22\n");
    w.write("requirements.txt", "requests==2.31.0\n");
    w.write("tools/helper.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    const chunk = Array.from({ length: 200 }, line).join("\n") + "\n";
    for (let i = 0; i < bigFiles; i++) w.write(`data/blob-${i}.txt`, chunk.repeat(Math.ceil(bigSize / chunk.length)).slice(0, bigSize));
    for (let i = 0; i < smallCount; i++) {
      const segs = Array.from({ length: r.int(1, 4) }, () => `d${r.int(0, 29)}`);
      const size = Math.max(16, Math.floor(avg * (0.2 + r.next() * 1.6)));
      w.write(`src/${segs.join("/")}/f${i}.${r.pick(EXTS)}`, chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size));
    }
  });
}
