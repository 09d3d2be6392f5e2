// The text-scan service: the same results on worker threads as on the main thread, each file read
// once and shared by every rule, binary and symlinked files skipped, history read on every ref.
import assert from "node:assert/strict";
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { TEXT_SCAN_WORKER, TEXT_SCANNERS } from "../../src/api/text-scanners.js";
import type { TextScanner } from "../../src/core/text-scan.js";
import { secretsTextScanner } from "../../src/secrets/index.js";
import { prestartEarly, prestartTextScanWorkers, takeEarlyWorkers, TextScanPool, workersPay } from "../../src/workspace/text-scan.js";
import { readStats } from "../../src/workspace/read-stats.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { spawnSync } from "../helpers/child-timeout.js";
import { tokens } from "../helpers/secret-tokens.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

const t = tokens(121);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(): string {
  const files: Record<string, string | Uint8Array> = { "bin.dat": new Uint8Array([0, 1, 2, 0, 65]) };
  for (let i = 0; i < 40; i++) files[`src/f${i}.env`] = i % 7 === 0 ? `TOKEN=${t("«gh:ghp_»")}\n` : `x=${i}\n`;
  const dir = tmpRepo(files);
  symlinkSync("/etc/hostname", join(dir, "outside"));
  dirs.push(dir);
  return dir;
}

describe("text-scan service", () => {
  it("gives the same report on worker threads as on the main thread", async () => {
    const dir = repo();
    const ws = await Workspace.open(dir);
    const here = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER);
    const there = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 2, inline: 0 }, TEXT_SCAN_WORKER);
    try {
      const [a, b] = await Promise.all([here.scan({ scanner: secretsTextScanner }), there.scan({ scanner: secretsTextScanner })]);
      assert.equal(there.jobsOnWorkers > 0, true, "worker threads answered");
      assert.equal(here.jobsOnWorkers, 0);
      assert.deepEqual(b, a);
      assert.deepEqual(a.files.map((f) => f.path), ["src/f0.env", "src/f14.env", "src/f21.env", "src/f28.env", "src/f35.env", "src/f7.env"]);
      assert.equal(a.skipped.binary, 1);
      assert.equal(a.skipped.symlinks, 1);
      assert.equal(a.scanned, 40);
    } finally {
      await there.close();
    }
  });

  it("tells the workspace which files hold the needle, on worker threads as on the main thread", async () => {
    const dir = repo();
    writeFileSync(join(dir, "src/f3.env"), `x=3 # assay: ignore[secrets/forge-token]\n`);
    for (const workers of [0, 2]) {
      const ws = await Workspace.open(dir);
      const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers, inline: 0, needle: "ignore[" }, TEXT_SCAN_WORKER);
      try {
        await pool.scan({ scanner: secretsTextScanner });
        assert.equal(pool.jobsOnWorkers > 0, workers > 0);
        const before = readStats.files;
        assert.equal(await ws.textIfContains("src/f0.env", "ignore["), undefined);
        assert.equal(readStats.files - before, 0, "searched by the scan: not read again");
        assert.match((await ws.textIfContains("src/f3.env", "ignore["))?.text ?? "", /ignore\[secrets/);
      } finally {
        await pool.close();
      }
    }
  });

  it("scans once per scanner however many rules ask, and runs a scanner no worker knows on the main thread", async () => {
    const ws = await Workspace.open(repo());
    let created = 0;
    const own: TextScanner<string> = { id: "own", create: () => ((created++, (bytes: Uint8Array) => (Buffer.from(bytes).includes("TOKEN") ? ["t"] : []))) };
    const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 2, inline: 0 }, TEXT_SCAN_WORKER);
    try {
      const [a, b] = await Promise.all([pool.scan({ scanner: own }), pool.scan({ scanner: own })]);
      assert.equal(a, b);
      assert.equal(created, 1);
      assert.equal(a.files.length, 6);
      assert.equal(pool.jobsOnWorkers, 0);
    } finally {
      await pool.close();
    }
  });

  it("starts worker threads only when what is left would keep the main thread busy longer than they take to boot", async () => {
    assert.deepEqual([workersPay(1000, undefined), workersPay(1000, 0.1), workersPay(10_000, 0.1), workersPay(10, 100, 500)], [false, false, true, true]);
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`src/f${i}.env`] = `x=${i}\n`;
    const dir = tmpRepo(files);
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    // The main thread's time budget is spent at once; 68 small files left are not worth a worker.
    const small = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 2, inlineMs: 0 }, TEXT_SCAN_WORKER);
    const alone = await small.scan({ scanner: secretsTextScanner });
    assert.equal(small.jobsOnWorkers, 0);
    const eager = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 2, inlineMs: 0, workersPayMs: 0, mainShares: false }, TEXT_SCAN_WORKER);
    try {
      const shared = await eager.scan({ scanner: secretsTextScanner });
      // Files 0–31 are measured on the main thread; the threads claim 32–63, 64–95 and 96–99.
      assert.equal(eager.jobsOnWorkers, 3, "the first claim is measured on the main thread, the rest go to the threads");
      assert.equal(shared.scanned, alone.scanned);
    } finally {
      await eager.close();
      await small.close();
    }
  });

  it("scans on the main thread too, claiming files beside the worker thread, with the same report", async () => {
    const files: Record<string, string> = {};
    // 384 files of ~24 KB: a thread takes milliseconds over each claim of 32, so both get some.
    for (let i = 0; i < 64 * 6; i++) files[`src/f${i}.env`] = i % 50 === 0 ? `TOKEN=${t("«gh:ghp_»")}\n` : `x=${i}\n`.repeat(3000);
    const dir = tmpRepo(files);
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    const here = await new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER).scan({ scanner: secretsTextScanner });
    for (const mainShares of [true, false]) {
      const early = prestartTextScanWorkers(TEXT_SCAN_WORKER, 1);
      for (let i = 0; i < 600 && !early.set.ready; i++) await new Promise((r) => setTimeout(r, 50));
      const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 1, eagerFiles: 10, mainShares }, TEXT_SCAN_WORKER, early);
      try {
        const report = await pool.scan({ scanner: secretsTextScanner });
        assert.deepEqual(report, here);
        assert.equal(pool.jobsShared > 0, mainShares, `main thread shared: ${pool.jobsShared} of 12 claims`);
        assert.equal(pool.jobsOnWorkers + pool.jobsShared, 12);
      } finally {
        await pool.close();
      }
    }
  });

  it("keeps worker threads started while the checkout was listed when it is large, and they claim files beside the main thread", async () => {
    const dir = repo();
    const early = prestartTextScanWorkers(TEXT_SCAN_WORKER, 2);
    const ws = await Workspace.open(dir);
    // Booted, and their scanners built, without the main thread reading a message from them.
    for (let i = 0; i < 600 && !early.set.ready; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(early.set.ready, true, "both threads booted");
    const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, eagerFiles: 10, needle: "assay:" }, TEXT_SCAN_WORKER, early);
    const here = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER);
    try {
      const report = await pool.scan({ scanner: secretsTextScanner });
      // 40 files are two claims of 32: the main thread takes the first at once.
      assert.equal(pool.jobsOnWorkers + pool.jobsShared, 2);
      assert.ok(pool.jobsShared >= 1, "the main thread scanned beside the threads");
      assert.deepEqual(report, await here.scan({ scanner: secretsTextScanner }));
      assert.equal(early.set.running, 2);
    } finally {
      await pool.close();
    }
    assert.equal(early.set.running, 0, "closing the pool stops them");
  });

  it("waits for its threads to exit when closed, even when a thread's answer arrives while closing", () => {
    const script = new URL("../fixtures/text-scan/close-while-answering.ts", import.meta.url);
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, ["--import", "tsx", script.pathname], { encoding: "utf8", timeout: 60_000 });
      assert.equal(r.stdout, "closed\n", `run ${i}: exit ${r.status}, ${r.stderr}`);
      assert.equal(r.status, 0);
    }
  });

  it("hands threads started before a command loaded to the scan that wants as many, and stops them for one that does not", async () => {
    prestartEarly(TEXT_SCAN_WORKER);
    const wanted = takeEarlyWorkers();
    assert.ok(wanted, "taken");
    assert.equal(takeEarlyWorkers(), undefined, "taken once");
    await wanted.close();
    prestartEarly(TEXT_SCAN_WORKER);
    const running = takeEarlyWorkers(999);
    assert.equal(running, undefined, "a scan that wants another count (0: none) gets none; they are stopped");
    assert.equal(takeEarlyWorkers(), undefined);
  });

  it("stops worker threads started while the checkout was listed when it turns out small, and scans on the main thread", async () => {
    const dir = repo();
    const early = prestartTextScanWorkers(TEXT_SCAN_WORKER, 2);
    const pool = new TextScanPool(await Workspace.open(dir), TEXT_SCANNERS, { scanVendored: false, scanMinified: false }, TEXT_SCAN_WORKER, early);
    try {
      const report = await pool.scan({ scanner: secretsTextScanner });
      assert.equal(pool.jobsOnWorkers, 0);
      assert.equal(report.files.length > 0, true, "the planted tokens are found all the same");
      for (let i = 0; i < 600 && early.set.running > 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(early.set.running, 0, "both threads stopped");
    } finally {
      await pool.close();
    }
  });

  it("scans again what a worker thread claimed when it stops mid-scan, and the files nobody claimed", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`src/f${String(i).padStart(3, "0")}.env`] = i % 9 === 0 ? `TOKEN=${t("«gh:ghp_»")}\n` : `x=${i}\n`;
    const dir = tmpRepo(files);
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    const alone = await new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER).scan({ scanner: secretsTextScanner });
    // The thread claims two chunks of files and stops without answering; the main thread does not share (inline).
    const stops = new URL("../fixtures/text-scan/stops-on-files.ts", import.meta.url);
    const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 1, inline: 0 }, stops);
    try {
      const report = await pool.scan({ scanner: secretsTextScanner });
      assert.deepEqual(report, alone);
      assert.equal(pool.jobsOnWorkers, 0);
      assert.equal(report.files.length, 23);
    } finally {
      await pool.close();
    }
  });

  it("does not wait for a worker thread that has not joined by the time every file is claimed", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`src/f${i}.env`] = i % 7 === 0 ? `TOKEN=${t("«gh:ghp_»")}\n` : `x=${i}\n`;
    const dir = tmpRepo(files);
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    // A thread that never boots: without the shut-out the scan would wait until its 30-second start
    // timer fails it (and terminates it). Still running after the scan: the scan did not wait.
    const silent = new URL("../fixtures/text-scan/never-answers.mjs", import.meta.url);
    const early = prestartTextScanWorkers(silent, 1);
    const pool = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 1, eagerFiles: 10 }, silent, early);
    try {
      const report = await pool.scan({ scanner: secretsTextScanner });
      assert.equal(report.files.length, 8);
      assert.equal(pool.jobsShared, 2, "the main thread scanned both claims");
      assert.equal(early.set.running, 1, "the silent thread was not failed by its start timer: the scan did not wait for it");
    } finally {
      await pool.close();
    }
  });

  it("scans the added lines of every ref's commits, and says when the clone is not git", async () => {
    const dir = tmpRepo({ "a.txt": "one\n" });
    dirs.push(dir);
    git(dir, "checkout", "-qb", "side");
    writeFileSync(join(dir, "b.env"), `TOKEN=${t("«gh:ghp_»")}\n`);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "side");
    git(dir, "checkout", "-q", "main");
    const pool = new TextScanPool(await Workspace.open(dir), TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER);
    const h = await pool.scanHistory({ scanner: secretsTextScanner });
    assert.equal(h.commits, 2);
    assert.deepEqual(h.hits.map((x) => [x.path, x.matches.map((m) => m.line)]), [["b.env", [1]]]);
    assert.equal(h.incomplete, undefined);
    const folder = tmpDir({ "a.txt": "x\n" });
    dirs.push(folder);
    const plain = new TextScanPool(await Workspace.open(folder), TEXT_SCANNERS, { scanVendored: false, scanMinified: false }, TEXT_SCAN_WORKER);
    assert.match((await plain.scanHistory({ scanner: secretsTextScanner })).incomplete ?? "", /not a git repository/);
  });
  it("lends each batch of history to the worker thread and uses its memory again for a later batch, with the same hits as the main thread alone", async () => {
    const files: Record<string, string> = { "a.txt": "one\n" };
    const dir = tmpRepo(files);
    dirs.push(dir);
    for (let c = 0; c < 24; c++) {
      writeFileSync(join(dir, `c${c}.env`), `${"# padding line of the commit\n".repeat(1600)}${c % 5 === 0 ? `TOKEN=${t("«gh:ghp_»")}\n` : ""}`);
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", `c${c}`);
    }
    const ws = await Workspace.open(dir);
    const lent = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 1, inline: 0, patchBatchBytes: 2048 }, TEXT_SCAN_WORKER);
    const here = new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0, patchBatchBytes: 2048 }, TEXT_SCAN_WORKER);
    try {
      const a = await lent.scanHistory({ scanner: secretsTextScanner });
      const b = await here.scanHistory({ scanner: secretsTextScanner });
      assert.equal(a.incomplete, undefined);
      assert.equal(a.commits, 25);
      assert.ok(lent.jobsOnWorkers >= 10, `${lent.jobsOnWorkers} batches on the worker`);
      assert.ok(lent.patchBuffers <= 4, `${lent.patchBuffers} buffers made for ${lent.jobsOnWorkers} batches`);
      assert.ok(here.patchBuffers <= 2, `${here.patchBuffers} buffers made on the main thread alone`);
      assert.deepEqual(a.hits, b.hits);
      assert.equal(a.hits.length, 5);
    } finally {
      await lent.close();
    }
  });

  it("says the history scan is incomplete when a worker thread stops while it holds a batch, instead of scanning nothing in its place", async () => {
    const dir = tmpRepo({ "a.env": `TOKEN=${t("«gh:ghp_»")}\n` });
    dirs.push(dir);
    const stops = new URL("../fixtures/text-scan/stops-on-history.mjs", import.meta.url);
    const pool = new TextScanPool(await Workspace.open(dir), TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 1, inline: 0 }, stops);
    try {
      const h = await pool.scanHistory({ scanner: secretsTextScanner });
      assert.match(h.incomplete ?? "", /worker thread stopped while it held part of the history/);
    } finally {
      await pool.close();
    }
  });

  it("reports a file whose name is not UTF-8 as unread, in a git checkout and in a plain folder, never as gone", async () => {
    for (const make of [tmpRepo, tmpDir]) {
      const dir = make({ "ok.env": "x=1\n" });
      dirs.push(dir);
      // 0xff is never valid UTF-8: the listing decodes it to U+FFFD, which names no file.
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/w`), Buffer.from([0xff]), Buffer.from(".env")]), `TOKEN=${t("«gh:ghp_»")}\n`);
      if (make === tmpRepo) git(dir, "add", "-A");
      const ws = await Workspace.open(dir);
      assert.ok(ws.files.some((f) => f.path === "w\uFFFD.env"), make.name);
      const report = await new TextScanPool(ws, TEXT_SCANNERS, { scanVendored: false, scanMinified: false, workers: 0 }, TEXT_SCAN_WORKER).scan({ scanner: secretsTextScanner });
      assert.deepEqual(report.unread, [{ path: "w\uFFFD.env", reason: "unreadable", message: "could not be read (its name is not valid UTF-8)" }], make.name);
      assert.equal(await ws.readText("w\uFFFD.env"), undefined);
      assert.match(ws.diagnostics.find((d) => d.code === "unreadable-file")?.message ?? "", /not valid UTF-8/, make.name);
    }
  });
});
