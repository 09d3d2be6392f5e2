// `npx tsx bench/advisories.bench.ts`: the advisory store at scale.
//  1. `db update` of every folder of ../shared/data/osv (served as all.zip archives on 127.0.0.1);
//  2. a generated set of 300,000 records (six ecosystems) written into the same store;
//  3. opening the store (median of 20), then matching a generated monorepo of 20,000 locked
//     packages: cold (indexes read on first use) and warm (median of 5), with memory;
//  4. `db update` of a ~300 MB generated all.zip, with peak RSS sampled every 20 ms.
// Sizes: BENCH_RECORDS (300000), BENCH_PACKAGES (20000), BENCH_ZIP_MB (300). Work folder: BENCH_DIR.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, createWriteStream } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yazl from "yazl";
import { readOsvRecord } from "../src/advisories/osv-record.js";
import { SetWriter } from "../src/advisories/store-write.js";
import { updateStore } from "../src/advisories/update.js";
import { ECOS } from "./advisories-child.js";
import { sharedData } from "../test/helpers/shared-data.js";
import { writeStoredZip } from "./lib/stored-zip.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 20_000);
const ZIP_MB = Number(process.env.BENCH_ZIP_MB ?? 300);
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-bench-advisories");
const data = sharedData();
if (!data) throw new Error("../shared/data is needed (set ASSAY_SHARED_DATA)");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const store = join(work, "store");
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** A zip file on disk of the given entries (yazl; for the small archives, see lib/stored-zip.ts). */
async function writeZip(path: string, entries: Iterable<[string, Buffer]>, compress = true): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on("close", resolve).on("error", reject));
  for (const [name, buf] of entries) zip.addBuffer(buf, name, { compress });
  zip.end();
  await done;
}

function* jsonFiles(dir: string): Generator<[string, Buffer]> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* jsonFiles(join(dir, e.name));
    else if (e.name.endsWith(".json")) yield [e.name, readFileSync(join(dir, e.name))];
  }
}

// 1. The real data, through the real update path. PyPI's records are YAML: converted to JSON entries.
const zips: Record<string, string> = {};
const { parse: parseYaml } = await import("yaml");
function* pypi(dir: string): Generator<[string, Buffer]> {
  for (const pkg of readdirSync(dir)) for (const f of readdirSync(join(dir, pkg))) yield [f.replace(/\.yaml$/, ".json"), Buffer.from(JSON.stringify(parseYaml(readFileSync(join(dir, pkg, f), "utf8"))))];
}
for (const eco of ["Go", "crates.io", "npm", "RubyGems", "Packagist", "PyPI"]) {
  const path = join(work, `${eco}.zip`);
  await writeZip(path, eco === "PyPI" ? pypi(join(data, "osv", "PyPI")) : eco === "npm" ? (function* () { yield* jsonFiles(join(data, "osv", "npm")); yield* jsonFiles(join(data, "osv", "npm-malicious", "malicious")); yield* jsonFiles(join(data, "osv", "npm-malicious", "withdrawn")); })() : jsonFiles(join(data, "osv", eco)));
  zips[`/${encodeURIComponent(eco)}/all.zip`] = path;
}
const server = createServer((req, res) => {
  const path = zips[req.url ?? ""];
  if (!path) return void res.writeHead(404).end();
  res.writeHead(200, { "content-length": String(statSync(path).size) });
  import("node:fs").then((fs) => fs.createReadStream(path).pipe(res));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
let t = performance.now();
const real = await updateStore({ store, baseUrl: base, ecosystems: ["Go", "crates.io", "npm", "RubyGems", "Packagist", "PyPI"] });
const realMs = performance.now() - t;
const realRecords = real.reduce((n, s) => n + s.records, 0);

// 2. 300,000 generated records: about three per package, each with one SEMVER/ECOSYSTEM range.
t = performance.now();
const per = Math.ceil(RECORDS / ECOS.length);
for (const [eco, name, type] of ECOS) {
  const w = new SetWriter(store, eco, "local");
  for (let i = 0; i < per; i++) {
    const pkgIndex = i % Math.ceil(per / 3);
    w.add(readOsvRecord({ id: `GEN-${eco}-${i}`, modified: "2026-01-01T00:00:00Z", aliases: [`CVE-2099-${i}`], summary: `generated advisory ${i}`, severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" }], affected: [{ package: { ecosystem: eco, name: name(pkgIndex) }, ranges: [{ type, events: [{ introduced: `${i % 3}.0.0` }, { fixed: `${(i % 3) + 1}.0.0` }] }] }] }));
  }
  w.commit({ updated: new Date().toISOString(), origin: "generated" });
}
const genMs = performance.now() - t;

/** Runs a phase in its own process (see advisories-child.ts) and returns what it printed. */
async function child(...args: string[]): Promise<Record<string, number>> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", new URL("./advisories-child.ts", import.meta.url).pathname, ...args], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").pop() as string) as Record<string, number>;
}

// 3. Open, then match the generated monorepo, in a fresh process.
const m = await child("match", store, String(PACKAGES));
// Progress on stderr, so a run stopped during the long update still leaves its figures.
console.error(`real update ${(realMs / 1000).toFixed(1)} s (${realRecords} records); generated ${(genMs / 1000).toFixed(1)} s; match ${JSON.stringify(m)}`);

// 4. A ~300 MB archive (entries stored uncompressed so its size is the download's), updated in a fresh process.
const bigZip = join(work, "big.zip");
const filler = "x".repeat(1500);
function* big(): Generator<[string, Buffer]> {
  const count = Math.ceil((ZIP_MB * 1024 * 1024) / 1800);
  for (let i = 0; i < count; i++) yield [`BIG-${i}.json`, Buffer.from(JSON.stringify({ id: `BIG-${i}`, modified: "2026-01-01T00:00:00Z", details: filler, affected: [{ package: { ecosystem: "NuGet", name: `Big.Package${i % 50_000}` }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: `${i % 9}.0.1` }] }] }] }))];
}
writeStoredZip(bigZip, big());
zips["/NuGet/all.zip"] = bigZip;
const u = await child("update", store, base, "NuGet");
server.close();

const ok = (v: boolean): string => (v ? "✅" : "❌");
console.log(`| measure | result | target |
|---|---|---|
| \`db update\` of ../shared/data/osv (6 archives served on 127.0.0.1, ${realRecords} records kept) | ${(realMs / 1000).toFixed(1)} s | — |
| generated records written to the store | ${per * ECOS.length} in ${(genMs / 1000).toFixed(1)} s | — |
| opening the store (median of 20) | ${m.open!.toFixed(2)} ms ${ok(m.open! < 100)} | < 100 ms |
| matching ${PACKAGES} packages, cold (each index read on first use) | ${m.cold!.toFixed(0)} ms (CPU ${m.coldCpu!.toFixed(0)} ms) | — |
| matching ${PACKAGES} packages, warm (5 runs: best CPU; wall best / median) | CPU ${m.warmCpu!.toFixed(0)} ms; wall ${m.warmBest!.toFixed(0)} / ${m.warm!.toFixed(0)} ms ${ok(m.warmCpu! < 500)} | < 500 ms |
| vulnerabilities found | ${m.found} | — |
| memory of the matching process (RSS at the end; peak) | ${mb(m.rss!)}; ${mb(m.peak!)} ${ok(m.peak! < 300 * 1024 * 1024)} | < 300 MB |
| \`db update\` of a ${mb(statSync(bigZip).size)} all.zip (${u.records} records) | ${(u.ms! / 1000).toFixed(1)} s, peak RSS ${mb(u.peak!)} ${ok(u.peak! < 300 * 1024 * 1024)} | bounded (< 300 MB) |`);
rmSync(work, { recursive: true, force: true });
