// Inputs for bench/secrets.bench.ts: a working tree of real source text with credentials
// sprinkled in, and a git repository of many commits built with fast-import. Deterministic
// (seeded), cached by size.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expand, rng } from "../test/secrets/cases.js";

const WORDS = ["const", "value", "return", "function", "import", "export", "class", "if", "else", "for", "while", "data", "config", "result", "error", "handle", "parse", "build", "user", "request", "response", "token", "session", "cache", "client", "server", "path", "key", "name", "options", "password", "secret", "auth", "url", "items"];
const EXT = ["ts", "js", "py", "go", "json", "yml", "md", "java", "rs", "txt"];

/** A line of text in the style of a file type, mostly harmless, sometimes near a secret's shape. */
function line(r: () => number, ext: string): string {
  const w = (): string => WORDS[Math.floor(r() * WORDS.length)] as string;
  const id = (): string => `${w()}${w().replace(/^./, (c) => c.toUpperCase())}`;
  const x = r();
  if (x < 0.02) return `  "integrity": "sha512-${Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))).toString("base64")}",`;
  if (x < 0.03) return `  const ${id()} = "https://api.example.org/v1/${w()}/${w()}?page=${Math.floor(r() * 100)}";`;
  if (x < 0.04) return `  ${id()}: process.env.${w().toUpperCase()}_TOKEN,`;
  if (x < 0.05) return `  // ${w()} the ${w()} token before the ${w()} password is checked`;
  if (x < 0.06) return `  commit: ${Array.from({ length: 40 }, () => "0123456789abcdef"[Math.floor(r() * 16)]).join("")}`;
  if (ext === "md") return `${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${w()}.`;
  if (ext === "yml") return `${"  ".repeat(Math.floor(r() * 3))}${w()}_${w()}: ${w()}-${Math.floor(r() * 1000)}`;
  if (ext === "json") return `  "${id()}": ${r() < 0.5 ? `"${w()} ${w()}"` : Math.floor(r() * 1e6)},`;
  return `${"  ".repeat(Math.floor(r() * 4))}${w()} ${id()} = ${id()}(${w()}, ${w()}.${w()}); // ${w()}`;
}

/** One credential in a realistic context (every few hundred kilobytes). */
function secretLine(r: () => number): string {
  const templates = [
    "GITHUB_TOKEN=«gh:ghp_»",
    "aws_access_key_id = AKIA«b32:16»",
    'stripe.api_key = "sk_live_«b62:32»"',
    "SLACK_BOT_TOKEN=xoxb-«digits:12»-«digits:13»-«b62:24»",
    // Split so this source file does not itself read as a credential to the scanner it benchmarks.
    "DATABASE_URL=postgres://app" + ":«b62:20»@db.prod.acme-corp.io:5432/app",
    '  "password"' + ': "«b62:14»",',
  ];
  return expand(templates[Math.floor(r() * templates.length)] as string, r);
}

/**
 * A working tree of about `totalBytes`: real source text (the JavaScript, TypeScript, JSON and
 * Markdown of this checkout's node_modules, whose density of words like token, key and password is
 * that of real code), copied round-robin under src/ until the size is reached, with a credential
 * appended to one file in 20. The copies live in the bench folder only, never in the project.
 */
export function generateTree(dir: string, opts: { totalBytes: number; source: string }): { dir: string; secrets: number; files: number } {
  const stamp = join(dir, ".bench-stamp");
  const want = JSON.stringify(opts);
  if (existsSync(stamp) && readFileSync(stamp, "utf8").startsWith(want)) {
    const [, secrets = "0", files = "0"] = readFileSync(stamp, "utf8").split("\n");
    return { dir, secrets: Number(secrets), files: Number(files) };
  }
  rmSync(dir, { recursive: true, force: true });
  const r = rng(42);
  const sources = listText(opts.source);
  let total = 0;
  let secrets = 0;
  let files = 0;
  for (let round = 0; total < opts.totalBytes && sources.length > 0; round++) {
    for (const src of sources) {
      if (total >= opts.totalBytes) break;
      let text = readFileSync(src, "utf8");
      if (r() < 0.05) {
        text += `\n${secretLine(r)}\n`;
        secrets++;
      }
      const path = join(dir, "src", `copy${round}`, src.slice(opts.source.length + 1).replace(/node_modules\//g, "deps/"));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      total += Buffer.byteLength(text);
      files++;
    }
  }
  writeFileSync(stamp, `${want}\n${secrets}\n${files}`);
  return { dir, secrets, files };
}

/** Text files (by extension) under a folder, sorted, skipping minified bundles. */
function listText(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:js|mjs|cjs|ts|mts|json|md|yml|yaml|txt)$/.test(e.name) && !/\.min\.|\.bundle\./.test(e.name) && statSync(p).size < 2 * 1024 * 1024) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A git repository of `commits` commits, each adding about `bytesPerCommit` to a few files, built with fast-import. */
export function generateHistory(dir: string, opts: { commits: number; bytesPerCommit: number }): string {
  const stamp = join(dir, ".git", "bench-stamp");
  const want = JSON.stringify(opts);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir, env });
  const r = rng(7);
  const parts: string[] = [];
  for (let c = 1; c <= opts.commits; c++) {
    parts.push(`commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.org> ${1_600_000_000 + c * 60} +0000\ndata 9\ncommit ${String(c % 10)}\n${c > 1 ? `from :${c - 1}\n` : ""}`);
    for (let f = 0; f < 3; f++) {
      const ext = EXT[(c + f) % EXT.length] as string;
      let body = "";
      while (body.length < opts.bytesPerCommit / 3) body += `${r() < 0.002 ? secretLine(r) : line(r, ext)}\n`;
      const content = Buffer.from(body);
      parts.push(`M 100644 inline src/area${(c * 3 + f) % 200}/file${f}.${ext}\ndata ${content.length}\n${body}\n`);
    }
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, env, input: parts.join(""), maxBuffer: 1 << 30 });
  execFileSync("git", ["checkout", "-q", "main"], { cwd: dir, env });
  writeFileSync(stamp, want);
  return dir;
}
