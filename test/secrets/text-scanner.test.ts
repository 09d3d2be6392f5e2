// Locating secret matches in a text: lines, columns and masked snippets, in work that grows with
// the number of matches, not its square (a file of 80,000 password lines took 36 s).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DETECTORS } from "../../src/secrets/detectors/index.js";
import { locate, secretsTextScanner } from "../../src/secrets/text-scanner.js";
import type { SecretMatch } from "../../src/secrets/scanner.js";

const detector = DETECTORS[0];
if (!detector) throw new Error("no detectors");

/** One match per line of `text` at the value after `= "`, counting how often any match's `end` is read. */
function matchesOf(text: string): { matches: SecretMatch[]; reads: { n: number } } {
  const reads = { n: 0 };
  const matches: SecretMatch[] = [];
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', text.indexOf('"', at + 1) + 1)) {
    const start = at + 1;
    const end = text.indexOf('"', start);
    const m = { detector, secret: text.slice(start, end), start, verdict: "secret", severity: "high", confidence: "medium" } as SecretMatch;
    Object.defineProperty(m, "end", { get: () => (reads.n++, end), enumerable: true });
    matches.push(m);
  }
  return { matches, reads };
}

describe("locate", () => {
  it("masks every secret of a line in its snippet and places each on its line and column", () => {
    const text = 'a = "s3cr3tvalue1" b = "s3cr3tvalue2"\npassword = "hunter2hunter2"\n';
    const { matches } = matchesOf(text);
    const out = locate(Buffer.from(text), matches);
    assert.deepEqual(out.map((s) => [s.line, s.column, s.endColumn]), [[1, 6, 17], [1, 25, 36], [2, 13, 26]]);
    for (const s of out.slice(0, 2)) assert.doesNotMatch(s.snippet, /s3cr3tvalue/, "the other secret on the line is masked too");
    assert.doesNotMatch(out[2]?.snippet ?? "", /hunter2hunter2/);
  });

  it("looks at the matches near each one, not at every match of the file for each", () => {
    const lines = 4000;
    const { matches, reads } = matchesOf('password = "abcdefgh12345"\n'.repeat(lines));
    const out = locate(Buffer.from('password = "abcdefgh12345"\n'.repeat(lines)), matches);
    assert.equal(out.length, lines);
    assert.equal(out[lines - 1]?.line, lines);
    // Quadratic work read `end` lines × lines times (16 million here); a sliding window reads it a few times per match.
    assert.ok(reads.n < 10 * lines, `${reads.n} reads of a match's end for ${lines} matches`);
  });
});

describe("secretsTextScanner", () => {
  it("says whether the bytes it last scanned held the suppression marker, with either scanner, and nothing of other needles", () => {
    const scan = secretsTextScanner.create();
    assert.equal(scan.sawMarker?.("ignore["), undefined, "nothing scanned yet");
    scan(Buffer.from("token = 1 # assay: ignore[secrets/x]\n"), "a.env", { line: 1 });
    assert.equal(scan.sawMarker?.("ignore["), true);
    assert.equal(scan.sawMarker?.("other["), undefined);
    scan(Buffer.from("plain text\n"), "b.txt", { line: 1 });
    assert.equal(scan.sawMarker?.("ignore["), false);
    scan(Buffer.from("var a=1;// ignore[x]\n"), "c.min.js", { line: 1, unmistakableOnly: true });
    assert.equal(scan.sawMarker?.("ignore["), true);
  });
});
