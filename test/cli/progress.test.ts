import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import type { Io } from "../../src/cli/io.js";
import { progress } from "../../src/cli/progress.js";

function io(tty: boolean): Io & { err: string } {
  const o = { err: "", stdout: { write: () => true }, stderr: { write: (s: string) => (o.err += s), isTTY: tty }, cwd: "/", env: {} };
  return o;
}

describe("progress line", () => {
  it("stays silent for quick scans", () => {
    const t = io(true);
    const p = progress(t, true, 1000);
    p.update(3, 10);
    p.end();
    assert.equal(t.err, "");
  });

  it("appears after the delay, follows the rules, and is erased at the end", async () => {
    const t = io(true);
    const p = progress(t, true, 5);
    p.update(1, 4);
    await sleep(30);
    p.update(2, 4);
    p.end();
    assert.match(t.err, /scanning… 1\/4 rules/);
    assert.match(t.err, /scanning… 2\/4 rules/);
    assert.ok(t.err.endsWith("\r\x1b[K"));
  });

  it("never writes when stderr is not a terminal or progress is off", async () => {
    for (const [tty, on] of [[false, true], [true, false]] as const) {
      const t = io(tty);
      const p = progress(t, on, 1);
      await sleep(10);
      p.update(1, 1);
      p.end();
      assert.equal(t.err, "");
    }
  });
});
