// The bad inputs the foundation promises to survive: each gives a clear note and the scan goes on.
import assert from "node:assert/strict";
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { scan } from "../../src/api/scan.js";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const now = new Date("2026-06-01T00:00:00Z");

describe("bad input", () => {
  it("scans a tree of 100,000 files with every rule", async () => {
    const dir = tmpDir();
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `d${d}`, `f${f}.txt`), "");
    }
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES, now });
    assert.equal(a.summary.files, 100_000);
    assert.equal(a.summary.ruleErrors, 0);
  });

  it("skips a 1 GiB file with a note, and still judges the rest", async () => {
    const dir = tmpDir({ "README.md": "# x\n" });
    // Sparse: a real 1 GiB size without writing a gigabyte.
    const fd = openSync(join(dir, "SECURITY.md"), "w");
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES, now });
    assert.equal(a.summary.ruleErrors, 0);
    const note = a.diagnostics.find((d) => d.code === "file-too-large");
    assert.equal(note?.path, "SECURITY.md");
    assert.match(note?.message ?? "", /1024\.0 MiB/);
    const f = a.findings.find((x) => x.ruleId === "repo/security-policy");
    assert.match(f?.message ?? "", /SECURITY\.md is 1024\.0 MiB, over the 8 MiB read limit/);
  });

  it("survives invalid UTF-8 and binary junk in the files rules read", async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const dir = tmpDir({ "SECURITY.md": new Uint8Array([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a]), "LICENSE": junk, ".github/CODEOWNERS": junk, ".github/dependabot.yml": new Uint8Array([0x80, 0x81, 0x3a, 0x0a]), ".github/workflows/ci.yml": junk });
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES, now });
    assert.equal(a.summary.ruleErrors, 0, JSON.stringify(a.rules.filter((r) => r.outcome === "error")));
  });

  it("survives malformed YAML everywhere with one diagnostic per file", async () => {
    const bad = "on: [push\njobs: {\n";
    const dir = tmpDir({ ".github/workflows/a.yml": bad, ".github/workflows/b.yml": "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo\n", ".github/dependabot.yml": bad, "SECURITY-INSIGHTS.yml": bad });
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES, now });
    assert.equal(a.summary.ruleErrors, 0);
    const parseErrors = a.diagnostics.filter((d) => d.code === "parse-error");
    assert.deepEqual(parseErrors.map((d) => d.path).sort(), [".github/dependabot.yml", ".github/workflows/a.yml", "SECURITY-INSIGHTS.yml"]);
    assert.ok(parseErrors.every((d) => typeof d.line === "number" && typeof d.column === "number"));
  });
});
