// Phases of bench/advisories.bench.ts that run in their own process, so their memory is theirs:
//   match STORE PACKAGES       open the store (median of 20), match PACKAGES generated packages cold and warm
//   update STORE URL ECOSYSTEM  `db update` of one archive, with peak RSS sampled every 20 ms
import { matchPackages } from "../src/advisories/match.js";
import { AdvisoryStore } from "../src/advisories/store.js";
import { updateStore } from "../src/advisories/update.js";
import type { LockedPackage, OsvEcosystem } from "../src/ecosystems/packages.js";

/** The generated ecosystems: how a package is named in each, and the range type its records use. */
export const ECOS: [OsvEcosystem, (i: number) => string, string][] = [
  ["npm", (i) => `pkg-${i}`, "SEMVER"],
  ["PyPI", (i) => `py-pkg-${i}`, "ECOSYSTEM"],
  ["Go", (i) => `example.org/mod${i}`, "SEMVER"],
  ["crates.io", (i) => `crate_${i}`, "SEMVER"],
  ["Maven", (i) => `org.example:artifact-${i}`, "ECOSYSTEM"],
  ["RubyGems", (i) => `gem-${i}`, "ECOSYSTEM"],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const [phase, store, arg, eco] = process.argv.slice(2) as [string | undefined, string, string, string | undefined];
let peak = process.memoryUsage().rss;
// Only when run as a phase: the main benchmark imports ECOS from here too.
const sampler = phase ? setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20) : undefined;

if (phase === "match") {
  const opens: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    AdvisoryStore.open(store)?.close();
    opens.push(performance.now() - t);
  }
  const packages: LockedPackage[] = [];
  const count = Number(arg);
  for (let i = 0; i < count; i++) {
    const [e, name] = ECOS[i % ECOS.length] as (typeof ECOS)[number];
    const n = Math.floor(i / ECOS.length) * 7;
    packages.push({ ecosystem: e, name: name(n), version: `${i % 4}.${i % 10}.0`, purl: `pkg:generic/${n}`, lockfile: `services/s${i % 50}/lock`, direct: i % 5 === 0 });
  }
  const db = AdvisoryStore.open(store) as AdvisoryStore;
  const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
  let t = performance.now();
  let c = process.cpuUsage();
  const found = matchPackages(db, packages).length;
  const cold = performance.now() - t;
  const coldCpu = cpuMs(process.cpuUsage(c));
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    c = process.cpuUsage();
    matchPackages(db, packages);
    warm.push(performance.now() - t);
    warmCpu.push(cpuMs(process.cpuUsage(c)));
  }
  clearInterval(sampler);
  // The sampler cannot run while matching (synchronous): the RSS at the end counts too.
  const rss = process.memoryUsage().rss;
  console.log(JSON.stringify({ open: median(opens), cold, coldCpu, warm: median(warm), warmBest: Math.min(...warm), warmCpu: Math.min(...warmCpu), found, rss, peak: Math.max(peak, rss) }));
} else if (phase === "update") {
  const t = performance.now();
  const [set] = await updateStore({ store, baseUrl: arg, ecosystems: [eco as string] });
  clearInterval(sampler);
  console.log(JSON.stringify({ ms: performance.now() - t, records: set?.records, peak }));
}
