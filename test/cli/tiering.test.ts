// The executable's V8 tiering: a short run optimises later than V8's default, and only the
// executable asks for it (the library leaves its host process alone).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import { spawnSync } from "../helpers/child-timeout.js";

const bin = new URL("../../bin/assay.js", import.meta.url).pathname;
const tiering = new URL("../../src/cli/tiering.ts", import.meta.url).href;
const root = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "assay-tiering-"));
const probe = JSON.stringify(pathToFileURL(join(dir, "probe.mjs")).href);
after(() => rmSync(dir, { recursive: true, force: true }));

// Calls a small function until V8 marks it for optimisation (or optimises it) and prints how many
// calls that took: deterministic for one V8, since the budget counts interpreted bytecode.
const PROBE = `
const status = new Function("f", "return %GetOptimizationStatus(f)");
function hot(x) { let s = 0; for (let i = 0; i < 8; i++) s += i * x; return s; }
export function callsUntilOptimised() {
  let calls = 0;
  for (; calls < 5000000; calls++) { hot(calls); if (status(hot) & (16 | 256 | 512 | 1024)) break; }
  return calls;
}
`;
writeFileSync(join(dir, "probe.mjs"), PROBE);
writeFileSync(join(dir, "at-exit.mjs"), `import { callsUntilOptimised } from "./probe.mjs";\nprocess.on("exit", () => process.stderr.write("calls " + callsUntilOptimised() + "\\n"));\n`);

function calls(args: string[]): number {
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", ...args], { encoding: "utf8", cwd: root, env: { ...process.env, NO_COLOR: "1" } });
  const m = /calls (\d+)/.exec(r.stderr);
  assert.ok(m, `no probe output: ${r.stderr}`);
  return Number(m[1]);
}

describe("V8 tiering for one run", () => {
  const plain = calls(["--input-type=module", "-e", `import { callsUntilOptimised } from ${probe}; process.stderr.write("calls " + callsUntilOptimised() + "\\n");`]);

  it("tuneTieringForOneRun makes V8 wait several times longer before optimising", () => {
    const tuned = calls(["--import", "tsx", "--input-type=module", "-e", `import { tuneTieringForOneRun } from ${JSON.stringify(tiering)}; import { callsUntilOptimised } from ${probe}; tuneTieringForOneRun(); process.stderr.write("calls " + callsUntilOptimised() + "\\n");`]);
    assert.ok(plain > 0);
    assert.ok(tuned >= 4 * plain, `tuned ${tuned} calls, default ${plain}`);
  });

  it("the assay executable tunes itself", () => {
    const run = calls(["--import", join(dir, "at-exit.mjs"), bin, "--version"]);
    assert.ok(run >= 4 * plain, `assay ${run} calls, default ${plain}`);
  });

  it("importing the library does not", () => {
    const lib = new URL("../../src/index.ts", import.meta.url).href;
    const imported = calls(["--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(lib)}); const { callsUntilOptimised } = await import(${probe}); process.stderr.write("calls " + callsUntilOptimised() + "\\n");`]);
    assert.equal(imported, plain);
  });
});

describe("V8 scavenger for one run", () => {
  it("scavenges on the main thread alone on two cores or fewer, in parallel on more", async () => {
    const { oneRunFlags } = await import("../../src/cli/tiering.js");
    assert.match(oneRunFlags(1), /--no-parallel-scavenge/);
    assert.match(oneRunFlags(2), /--no-parallel-scavenge/);
    assert.doesNotMatch(oneRunFlags(4), /parallel-scavenge/);
  });

  it("keeps the young generation at its first size once tuned, where V8 would grow it", () => {
    const young = (tune: boolean): number => {
      const code = `${tune ? `import { tuneTieringForOneRun } from ${JSON.stringify(tiering)}; tuneTieringForOneRun();` : ""} import v8 from "node:v8"; let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 2e5) keep = []; } const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space"); process.stderr.write("young " + ns.physical_space_size + " " + keep.length + "\\n");`;
      const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8", cwd: root });
      const m = /young (\d+)/.exec(r.stderr);
      assert.ok(m, r.stderr);
      return Number(m[1]) / 2 ** 20;
    };
    const grown = young(false);
    const tuned = young(true);
    assert.ok(grown >= 8, `default young generation ${grown} MiB`);
    assert.ok(tuned <= 4, `tuned young generation ${tuned} MiB`);
  });

  it("keeps it small after a text-scan worker thread has booted (whose boot resets the process's flags)", () => {
    const scan = new URL("../../src/workspace/text-scan.ts", import.meta.url).href;
    const scanners = new URL("../../src/api/text-scanners.ts", import.meta.url).href;
    const code = `import { tuneTieringForOneRun } from ${JSON.stringify(tiering)}; tuneTieringForOneRun();
      const { prestartTextScanWorkers } = await import(${JSON.stringify(scan)}); const { TEXT_SCAN_WORKER } = await import(${JSON.stringify(scanners)});
      const early = prestartTextScanWorkers(TEXT_SCAN_WORKER, 1);
      for (let i = 0; i < 600 && !early.set.ready; i++) await new Promise((r) => setTimeout(r, 50));
      const v8 = await import("node:v8"); let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 2e5) keep = []; }
      const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
      process.stderr.write("ready " + early.set.ready + " young " + ns.physical_space_size + " " + keep.length + "\\n"); await early.close();`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8", cwd: root });
    const m = /ready (\w+) young (\d+)/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.equal(m[1], "true", "the thread booted");
    assert.ok(Number(m[2]) / 2 ** 20 <= 4, `young generation ${Number(m[2]) / 2 ** 20} MiB with a thread running`);
  });

  it("a run that scavenges many times with the flag set after start-up completes", () => {
    const code = `import { tuneTieringForOneRun } from ${JSON.stringify(tiering)}; tuneTieringForOneRun(1); let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 5e4) keep = []; } process.stderr.write("done " + keep.length + "\\n");`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--trace-gc", "-e", code], { encoding: "utf8", cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /done \d+/);
    assert.ok((r.stdout.match(/Scavenge/g) ?? []).length >= 5, "the loop scavenged");
  });
});
