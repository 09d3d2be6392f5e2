// Generates a synthetic repository for benchmarks: many small source files across a deep tree,
// a few large blobs, and the files posture rules look for. Deterministic (seeded), cached by size.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface GenOptions {
  files: number;
  totalBytes: number;
  git: boolean;
}

/** A small deterministic PRNG (mulberry32), so every run generates the same tree. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTS = ["ts", "js", "py", "go", "rs", "md", "json", "yml", "java", "c", "h", "txt"];
const WORDS = ["const", "value", "return", "function", "import", "export", "class", "if", "else", "for", "while", "data", "config", "result", "error", "handle", "parse", "build"];

function line(r: () => number): string {
  const n = 4 + Math.floor(r() * 10);
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
}

/** Creates (or reuses) the tree at `dir`; returns it. */
export function generate(dir: string, opts: GenOptions): string {
  const stamp = join(dir, ".bench-stamp");
  const want = JSON.stringify(opts);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const bigFiles = 8;
  const bigSize = Math.floor((opts.totalBytes * 0.5) / bigFiles);
  const smallBudget = opts.totalBytes - bigFiles * bigSize;
  const smallCount = opts.files - bigFiles - 6;
  const avg = Math.floor(smallBudget / smallCount);
  const write = (p: string, data: string | Uint8Array) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), data);
  };
  write("README.md", "# bench\n");
  write("package.json", JSON.stringify({ name: "bench", version: "1.0.0", license: "MIT" }));
  write(".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n");
  write("go.mod", "module example.com/bench\n\ngo 1.22\n");
  write("requirements.txt", "requests==2.31.0\n");
  write("tools/helper.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
  const chunk = Array.from({ length: 200 }, () => line(r)).join("\n") + "\n";
  for (let i = 0; i < bigFiles; i++) {
    const parts: string[] = [];
    let size = 0;
    while (size < bigSize) {
      parts.push(chunk);
      size += chunk.length;
    }
    write(`data/blob-${i}.txt`, parts.join("").slice(0, bigSize));
  }
  for (let i = 0; i < smallCount; i++) {
    const depth = 1 + Math.floor(r() * 4);
    const segs = Array.from({ length: depth }, () => `d${Math.floor(r() * 30)}`);
    const ext = EXTS[Math.floor(r() * EXTS.length)];
    const size = Math.max(16, Math.floor(avg * (0.2 + r() * 1.6)));
    const reps = Math.ceil(size / chunk.length);
    write(`src/${segs.join("/")}/f${i}.${ext}`, chunk.repeat(reps).slice(0, size));
  }
  if (opts.git) {
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
    const g = (...a: string[]) => execFileSync("git", ["-c", "user.name=b", "-c", "user.email=b@example.org", "-c", "init.defaultBranch=main", ...a], { cwd: dir, env, stdio: "ignore" });
    g("init", "-q");
    g("add", "-A");
    g("commit", "-qm", "bench");
  }
  writeFileSync(stamp, want);
  return dir;
}
