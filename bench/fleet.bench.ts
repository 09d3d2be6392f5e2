// `npx tsx bench/fleet.bench.ts`: assay fleet at scale, embedded (PGlite + pg-boss, scans in
// child processes). Generates BENCH_FLEET_SMALL (1,000) small repositories and BENCH_FLEET_REAL
// (50) realistic ones (this checkout's own tree at HEAD) as local bare repositories, then:
//   1. repositories per minute with 1, 2 and 4 workers (BENCH_FLEET_SWEEP new repositories each);
//   2. every other repository at 4 workers, with one scan process SIGKILLed mid-run, and a check
//      that every repository is stored exactly once;
//   3. a no-change re-run (HEAD read only), through the local fast path and through `git ls-remote`;
//   4. database size per 1,000 assessments, peak memory per scan process and of the main process.
// Prints Markdown for bench/RESULTS.md. The tree is kept under BENCH_DIR ($TMPDIR/assay-fleet-bench).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { addRepositories } from "../src/fleet/registry.js";
import { runFleet, type RunSummary } from "../src/fleet/run.js";
import { SCHEMA } from "../src/fleet/schema.js";
import { fleetSettings } from "../src/fleet/settings.js";
import { fleetLocation, openFleetDb } from "../src/fleet/store.js";
import { RULES } from "../src/rules/index.js";

const SMALL = Number(process.env.BENCH_FLEET_SMALL ?? 1000);
const REAL = Number(process.env.BENCH_FLEET_REAL ?? 50);
const SWEEP = Number(process.env.BENCH_FLEET_SWEEP ?? 100);
const work = process.env.BENCH_DIR ?? join(tmpdir(), "assay-fleet-bench");
const repoRoot = new URL("..", import.meta.url).pathname;
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
// Scan processes run the built bundle, as an installed assay does (not the sources through tsx).
process.env.ASSAY_FLEET_SCANNER ??= join(repoRoot, "dist", "fleet-scanner.js");
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "init.defaultBranch=main", ...args], { cwd, env, stdio: ["ignore", "pipe", "ignore"] }).toString();

/** Ten small variants (README, licence, policy, a workflow, a lockfile, a binary…), each a bare repository, copied to make `SMALL`. */
function generate(): { small: string[]; real: string[] } {
  const repos = join(work, "repos");
  const small = Array.from({ length: SMALL }, (_, i) => join(repos, `small-${String(i).padStart(5, "0")}.git`));
  const real = Array.from({ length: REAL }, (_, i) => join(repos, `real-${String(i).padStart(3, "0")}.git`));
  if ([...small, ...real].every((p) => existsSync(join(p, "HEAD")))) return { small, real };
  rmSync(work, { recursive: true, force: true });
  mkdirSync(repos, { recursive: true });
  const templates: string[] = [];
  for (let v = 0; v < 10; v++) {
    const w = join(work, "tpl-work", `v${v}`);
    mkdirSync(join(w, ".github/workflows"), { recursive: true });
    writeFileSync(join(w, "README.md"), `# project ${v}\n`);
    writeFileSync(join(w, "index.js"), `export const v = ${v};\n`);
    if (v % 2 === 0) writeFileSync(join(w, "LICENSE"), "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n");
    if (v % 3 === 0) writeFileSync(join(w, "SECURITY.md"), "# Security\n\nReport vulnerabilities to security@example.org. We answer within 3 days and support the latest release.\n");
    if (v % 4 === 0) writeFileSync(join(w, ".github/workflows/ci.yml"), "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n");
    if (v === 7) writeFileSync(join(w, "tool.exe"), Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2000)]));
    writeFileSync(join(w, "package.json"), JSON.stringify({ name: `p${v}`, version: "1.0.0", dependencies: { leftpad: "^1.0.0" } }, null, 2));
    git(w, "init", "-q");
    git(w, "add", "-A");
    git(w, "commit", "-qm", `variant ${v}`);
    const bare = join(work, "tpl", `v${v}.git`);
    mkdirSync(join(work, "tpl"), { recursive: true });
    git(work, "clone", "-q", "--bare", w, bare);
    templates.push(bare);
  }
  small.forEach((p, i) => cpSync(templates[i % templates.length] as string, p, { recursive: true }));
  // Realistic: assay's own tree at HEAD (a TypeScript project with workflows, a lockfile, docs, tests and fixtures).
  const realTpl = join(work, "tpl", "real.git");
  git(work, "clone", "-q", "--bare", "--depth", "1", pathToFileURL(repoRoot).href, realTpl);
  for (const p of real) cpSync(realTpl, p, { recursive: true });
  return { small, real };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

const perMinute = (s: RunSummary) => (s.scanned / Math.max(1, s.ms - s.plan.ms)) * 60_000;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

const t0 = Date.now();
const { small, real } = generate();
console.error(`generated ${small.length} small and ${real.length} realistic repositories in ${work} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
const store = join(work, "store");
rmSync(store, { recursive: true, force: true });
const settings = fleetSettings({ ASSAY_FLEET_RETRY_DELAY: "1" });
const openT = Date.now();
const db = await openFleetDb(fleetLocation({}, work, store), { command: "run" });
const createMs = Date.now() - openT;
const rows: string[] = [];
const cpu0 = process.cpuUsage();
let peakWorker = 0;
const realNames = new Set(real.map((p) => p.split("/").pop()?.replace(/\.git$/, "")));
const realMs: number[] = [];
try {
  let next = 0;
  const register = async (paths: string[]) => addRepositories(db.sql, paths.map((p) => ({ url: pathToFileURL(p).href, name: p.split("/").pop()?.replace(/\.git$/, "") ?? p })), "bench");
  for (const workers of [1, 2, 4]) {
    const batch = small.slice(next, next + SWEEP);
    next += batch.length;
    await register(batch);
    const s = await runFleet(db, RULES, { workers, ...settings, scratch: join(store, "scratch") });
    peakWorker = Math.max(peakWorker, s.peakWorkerRssKb);
    rows.push(`| ${workers} worker${workers > 1 ? "s" : ""}, ${s.scanned} small repositories | ${perMinute(s).toFixed(0)} repositories/min | ${((s.ms - s.plan.ms) / 1000).toFixed(1)} s of work; peak per scan process ${mb(s.peakWorkerRssKb)} |`);
    console.error(rows[rows.length - 1]);
  }
  await register([...small.slice(next), ...real]);
  let killed = 0;
  const rest = await runFleet(db, RULES, {
    workers: 4,
    ...settings,
    scratch: join(store, "scratch"),
    onSpawn: (pid) => {
      if (killed++ === 1) setTimeout(() => process.kill(pid, "SIGKILL"), 5_000);
    },
    onEvent: (e) => {
      if (e.type === "scanned" && realNames.has(e.job.data.name)) realMs.push(e.outcome.ms);
    },
  });
  peakWorker = Math.max(peakWorker, rest.peakWorkerRssKb);
  rows.push(`| 4 workers, the other ${rest.scanned} (${real.length} realistic), one scan process killed | ${perMinute(rest).toFixed(0)} repositories/min | ${((rest.ms - rest.plan.ms) / 1000).toFixed(1)} s; ${rest.failed} failed attempt(s), all retried; realistic ones ${(realMs.reduce((a, b) => a + b, 0) / Math.max(1, realMs.length) / 1000).toFixed(1)} s each on average |`);
  console.error(rows[rows.length - 1]);
  const [{ n, repos, dupes }] = (await db.sql.query<{ n: number; repos: number; dupes: number }>(
    `SELECT (SELECT count(*)::int FROM ${SCHEMA}.assessment) AS n, (SELECT count(*)::int FROM ${SCHEMA}.repository WHERE last_assessment_id IS NOT NULL) AS repos,
       (SELECT count(*)::int FROM (SELECT repository_id FROM ${SCHEMA}.assessment GROUP BY repository_id HAVING count(*) > 1) d) AS dupes`,
  )) as [{ n: number; repos: number; dupes: number }];
  rows.push(`| exactly once | ${n} assessments for ${repos} of ${small.length + real.length} repositories, ${dupes} repositories with more than one | ${n === small.length + real.length && dupes === 0 ? "✅" : "❌"} |`);
  const noChange = await runFleet(db, RULES, { workers: 4, ...settings, scratch: join(store, "scratch") });
  rows.push(`| no-change re-run, ${small.length + real.length} repositories (local HEAD read) | ${(noChange.ms / 1000).toFixed(1)} s (HEADs ${(noChange.plan.ms / 1000).toFixed(1)} s), ${noChange.plan.queued} queued | target < 10 s for 1,000 |`);
  const lsRemote = await runFleet(db, RULES, { workers: 4, ...settings, scratch: join(store, "scratch"), lsRemoteOnly: true });
  rows.push(`| no-change re-run, ${small.length + real.length} repositories (\`git ls-remote\` each, 16 at a time) | ${(lsRemote.ms / 1000).toFixed(1)} s (HEADs ${(lsRemote.plan.ms / 1000).toFixed(1)} s), ${lsRemote.plan.queued} queued | target < 10 s for 1,000 |`);
  const [{ bytes, docs }] = (await db.sql.query<{ bytes: number; docs: number }>(
    `SELECT sum(pg_total_relation_size(c.oid))::float8 AS bytes, (SELECT sum(length(document))::float8 FROM ${SCHEMA}.assessment) AS docs FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = '${SCHEMA}' AND c.relkind = 'r'`,
  )) as [{ bytes: number; docs: number }];
  rows.push(`| database size per 1,000 assessments | ${(bytes / n / 1000).toFixed(1)} MB in tables (gzip JSON ${(docs / n / 1000).toFixed(1)} MB of it); store folder ${(dirBytes(join(store, "pgdata")) / 2 ** 20).toFixed(0)} MiB in all | ${n} assessments |`);
  rows.push(`| peak memory | scan process ${mb(peakWorker)}; main process (PGlite, pg-boss, ${small.length + real.length} repositories) ${Math.round(process.resourceUsage().maxRSS / 1024)} MB | |`);
  const cpu = process.cpuUsage(cpu0);
  rows.push(`| store creation | ${(createMs / 1000).toFixed(1)} s (PGlite initdb, once per store) | main process CPU over the run ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s |`);
} finally {
  await db.close();
}
console.log(`\n## ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"} (load average ${loadavg()[0]?.toFixed(0)} at the end), Node ${process.version}\n`);
console.log("| measure | result | notes |\n|---|---|---|");
for (const r of rows) console.log(r);
