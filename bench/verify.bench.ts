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

function median(cmd: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, cmd, { stdio: ["ignore", "ignore", "pipe"] });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${cmd.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

const node = median(["-e", "0"], 15);
const verify = median(args, 15);
const after = verify - node;
console.log("| measure | result | target |\n|---|---|---|");
console.log(`| \`node -e 0\` (median of 15) | ${node.toFixed(0)} ms | |`);
console.log(`| \`assay verify\` of the npm attestations (2 bundles, median of 15) | ${verify.toFixed(0)} ms (${(verify / node).toFixed(1)}× \`node -e 0\`) | |`);
console.log(`| verification after start-up (difference) | ${after.toFixed(0)} ms ${after < 100 ? "✅" : "❌"} | < 100 ms |`);
