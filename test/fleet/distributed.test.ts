// Distributed mode for real: a PostgreSQL server started for the test, `assay fleet worker`
// processes (the built CLI) sharing its pg-boss queue with a `fleet run`, one worker killed
// mid-job, the database stopped and restarted mid-run. Every repository ends up stored once.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli } from "../../src/cli/main.js";
import type { FleetReport } from "../../src/fleet/report-model.js";
import { SCHEMA } from "../../src/fleet/schema.js";
import { fleetLocation, openFleetDb } from "../../src/fleet/store.js";
import { skipWithoutPostgres, startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { git, tmpDir } from "../helpers/tmp-repo.js";
import { fleetReportValidator } from "./schema.js";

const BIN = new URL("../../bin/assay.js", import.meta.url).pathname;
const BUILT = existsSync(new URL("../../dist/fleet-scanner.js", import.meta.url));
// Enough that the queue outlasts an idle worker's poll (at most 2 s between fetches): with 6, the
// run's own slot and one worker once took every job before the other worker woke.
const REPOS = 16;

describe("assay fleet, distributed on PostgreSQL", { skip: skipWithoutPostgres().skip || (BUILT ? false : "dist/ is not built (node scripts/build.mjs)") }, () => {
  const root = tmpDir({});
  let pg: TestPostgres;
  const children: ChildProcess[] = [];
  let env: Record<string, string>;

  before(async () => {
    pg = await startPostgres();
    env = { ASSAY_FLEET_DATABASE: pg.url, ASSAY_FLEET_JOB_TIMEOUT: "20", ASSAY_FLEET_RETRY_DELAY: "1", ASSAY_FLEET_RETRY_LIMIT: "3", NO_COLOR: "1", HOME: root };
    for (let i = 0; i < REPOS; i++) {
      const work = join(root, "work", `r${i}`);
      mkdirSync(work, { recursive: true });
      writeFileSync(join(work, "README.md"), `# r${i}\n`);
      git(work, "init", "-q");
      git(work, "add", "-A");
      git(work, "commit", "-qm", "initial");
      git(root, "clone", "-q", "--bare", work, join(root, `r${i}.git`));
    }
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    pg?.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(args: string[], extra: Record<string, string> = env) {
    let stdout = "";
    let stderr = "";
    const code = await cli(["fleet", ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: root, env: extra });
    return { code, stdout, stderr };
  }

  /**
   * `fleet run` in its own process, not in this one: it waits out database outages for as long as
   * they last, so only a process the `after` hook can kill lets a failed test end.
   */
  function runProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> & { log: () => string } {
    let stdout = "";
    let stderr = "";
    const child = spawn(process.execPath, [BIN, "fleet", ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
    // Its output so far, for a timeout's message: who took the jobs when a worker never got one.
    return Object.assign(done, { log: () => `${stdout}${stderr}${child.exitCode !== null ? `(exited ${child.exitCode})\n` : ""}` });
  }

  /** A `fleet worker` process; its stderr is collected. */
  function worker(name: string): { child: ChildProcess; log: () => string; exited: Promise<number | null>; closed: Promise<void> } {
    let log = "";
    const child = spawn(process.execPath, [BIN, "fleet", "worker", "--workers", "1", "--verbose", "--store", join(root, name)], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (c: Buffer) => (log += c.toString("utf8")));
    children.push(child);
    // `closed` waits for stderr's end too, so the log is whole; `exit` may come before it.
    return { child, log: () => log, exited: new Promise((r) => child.on("exit", (code) => r(code))), closed: new Promise((r) => child.on("close", () => r())) };
  }

  /** Waits for `ok`; on a timeout the error carries the tail of the logs `show` returns, to tell why. */
  async function until(what: string, ok: () => boolean, ms = 180_000, show: () => string = () => ""): Promise<void> {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}${show() ? `; the log ends:\n${show().slice(-2000)}` : ""}`);
      await sleep(200);
    }
  }

  it("`fleet worker` needs the shared database", async () => {
    const r = await run(["worker"], { HOME: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs a shared database: set ASSAY_FLEET_DATABASE/);
  });

  it("an idle worker notices the database going away (pg-boss's fetch would answer \"no job\")", async () => {
    const w = worker("idle");
    await until("the worker to start", () => w.log().includes("assay fleet worker:"), 60_000, w.log);
    pg.stop();
    try {
      await until("the idle worker to notice the outage", () => /waiting for the database: /.test(w.log()), 30_000, w.log);
    } finally {
      pg.start();
    }
    w.child.kill("SIGTERM");
    assert.equal(await w.exited, 0);
  });

  it("shares the queue between workers; a killed worker's job expires and is retried; a database outage is waited out", async () => {
    const add = await run(["add", ...Array.from({ length: REPOS }, (_, i) => `r${i}.git`)]);
    assert.equal(add.code, 0, add.stderr);
    const a = worker("wa");
    const b = worker("wb");
    await until("both workers to start", () => a.log().includes("assay fleet worker:") && b.log().includes("assay fleet worker:"));

    const running = runProcess(["run", "--workers", "1", "--verbose"]);
    // The first worker to take a job is killed in it; the other must wait out the outage. On a
    // timeout, the end of every log says who took the jobs.
    // A worker is in a job when its last `scanning` line has no `scanned` line after it. A job on
    // a one-file repository takes a fraction of a second, so a worker seen scanning once may have
    // finished and taken another by the time it is killed: the job it lost is read from its whole
    // log after it has closed, never assumed to be the first one it took.
    const inFlight = (w: typeof a): string | undefined => {
      let job: string | undefined;
      for (const m of w.log().matchAll(/^(scanning|scanned) ([^\s:]+)/gm)) job = m[1] === "scanning" ? m[2] : job === m[2] ? undefined : job;
      return job;
    };
    await until("a worker to take a job", () => inFlight(a) !== undefined || inFlight(b) !== undefined, undefined, () => `fleet run:\n${running.log().slice(-900)}\nworker B:\n${b.log().slice(-900)}\nworker A:\n${a.log().slice(-900)}`);
    const [victim, survivor] = inFlight(a) !== undefined ? [a, b] : [b, a];
    victim.child.kill("SIGKILL");
    await victim.closed;
    // The database goes away while the others work, until a worker notices; then it comes back.
    pg.stop();
    await until("the other worker to notice the outage", () => /waiting for the database: /.test(survivor.log()), 120_000, () => `surviving worker:\n${survivor.log()}\nkilled worker:\n${victim.log()}`);
    pg.start();
    const r = await running;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^fleet run: ${REPOS} queued `));

    survivor.child.kill("SIGTERM");
    assert.equal(await survivor.exited, 0, "a worker stops cleanly on SIGTERM");
    // The job the worker was killed in expired and was retried. In the rare kill that lands after
    // its last job was stored, none was lost; every repository is still assessed once, below.
    const lost = inFlight(victim);
    if (lost !== undefined) assert.match(`${r.stderr}\n${survivor.log()}`, new RegExp(`^scanning ${lost.replace(/[.]/g, "\\.")} \\(retry 1\\)$`, "m"), `the killed worker's job expired and was retried; killed worker:\n${victim.log()}`);

    const rep = await run(["report", "--format", "json"]);
    const report = JSON.parse(rep.stdout) as FleetReport;
    const validate = fleetReportValidator();
    assert.ok(validate(report), JSON.stringify(validate.errors));
    assert.equal(report.summary.repositories, REPOS);
    assert.equal(report.summary.assessed, REPOS, "every repository was assessed, the killed worker's one included");
    const db = await openFleetDb(fleetLocation(env, root), { command: "check" });
    try {
      const rows = await db.sql.query<{ n: number; distinct_repos: number }>(`SELECT count(*)::int AS n, count(DISTINCT repository_id)::int AS distinct_repos FROM ${SCHEMA}.assessment`);
      assert.deepEqual(rows[0], { n: REPOS, distinct_repos: REPOS }, "exactly one assessment per repository");
    } finally {
      await db.close();
    }
    const again = await run(["run", "--workers", "1"]);
    assert.match(again.stdout, new RegExp(`^fleet run: 0 queued \\(${REPOS} unchanged`));
    const st = await run(["status"]);
    assert.match(st.stdout, new RegExp(`^fleet \\(PostgreSQL\\): ${REPOS} repositories\n`));
  });
});
