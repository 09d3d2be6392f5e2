// `npx tsx bench/verify.bench.ts`: `assay verify` of the real npm attestations of sigstore@1.0.0
// against `node -e 0` (Node's own start-up), through the built CLI (run `node scripts/build.mjs`
// first). The target: under 100 ms of verification after start-up.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sharedData } from "../test/helpers/shared-data.js";

const root = new URL("..", import.meta.url).pathname;
const data = sharedData();
if (!data) throw new Error("../shared/data is needed (set ASSAY_SHARED_DATA)");
const args = [join(root, "bin/assay.js"), "verify", join(root, "test/fixtures/verify/sigstore-1.0.0.tgz"), "--attestation", join(data, "sigstore/npm-sigstore-1.0.0-attestations.json"), "--certificate-identity", "https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com"];

const preload = ["--import", new URL("./lib/cpu-at-exit.mjs", import.meta.url).href];

/** Wall and CPU (the child's own, from lib/cpu-at-exit.mjs) per run: medians and bests. */
function measure(cmd: string[], runs: number): { wall: number; cpu: number; bestWall: number; bestCpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [...preload, ...cmd], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    wall.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${cmd.join(" ")} exited ${r.status}: ${r.stderr}`);
    const m = /assay-bench-cpu-ms ([\d.]+)/.exec(r.stderr);
    if (!m) throw new Error(`no CPU figure from ${cmd.join(" ")}`);
    cpu.push(Number(m[1]));
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
  return { wall: med(wall), cpu: med(cpu), bestWall: Math.min(...wall), bestCpu: Math.min(...cpu) };
}

const node = measure(["-e", "0"], 15);
const verify = measure(args, 15);
const after = verify.bestCpu - node.bestCpu;
const f = (x: number): string => x.toFixed(0);
console.log("| measure | result | target |\n|---|---|---|");
console.log(`| \`node -e 0\` (15 runs: best / median) | CPU ${f(node.bestCpu)} / ${f(node.cpu)} ms, wall ${f(node.bestWall)} / ${f(node.wall)} ms | |`);
console.log(`| \`assay verify\` of the npm attestations (2 bundles; 15 runs: best / median) | CPU ${f(verify.bestCpu)} / ${f(verify.cpu)} ms, wall ${f(verify.bestWall)} / ${f(verify.wall)} ms (${(verify.bestWall / node.bestWall).toFixed(1)}× \`node -e 0\`, best wall) | |`);
console.log(`| verification after start-up (best CPU minus best CPU of \`node -e 0\`; wall: ${f(verify.bestWall - node.bestWall)} ms) | ${f(after)} ms ${after < 100 ? "✅" : "❌"} | < 100 ms |`);
