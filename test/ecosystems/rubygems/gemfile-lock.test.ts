import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { makeTextFile } from "../../../src/core/text-file.js";
import { readGemfileLock } from "../../../src/ecosystems/rubygems/gemfile-lock.js";

const file = (text: string) => makeTextFile("Gemfile.lock", new TextEncoder().encode(text));

describe("Gemfile.lock", () => {
  it("refuses a lockfile left with merge conflict markers, at the first marker, as Bundler does", () => {
    // Read as a section header, `<<<<<<< HEAD` used to hide every spec below it: no package, no finding.
    const text = "GEM\n  remote: https://rubygems.org/\n  specs:\n<<<<<<< HEAD\n    rack (2.2.3)\n=======\n    rack (2.2.8)\n>>>>>>> feature\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rack\n";
    assert.throws(
      () => readGemfileLock(file(text)),
      (e: unknown) => e instanceof ParseFailure && e.line === 4 && e.column === 1 && /^has merge-conflict markers at line 4: /.test(e.message),
    );
  });

  it("still reads section names that merely start like a marker's character", () => {
    const lf = readGemfileLock(file("GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.3)\n\nBUNDLED WITH\n   2.5.4\n"));
    assert.deepEqual(lf.packages.map((p) => `${p.name}@${p.version}`), ["rack@2.2.3"]);
  });
});
