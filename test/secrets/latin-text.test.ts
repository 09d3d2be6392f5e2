import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LatinText } from "../../src/secrets/latin-text.js";

const bytes = (n: number): Buffer => Buffer.from("abcdefghij".repeat(Math.ceil(n / 10)).slice(0, n), "latin1");

describe("LatinText", () => {
  it("gives the bytes of every window as text at their own offsets", () => {
    const buf = bytes(300_000);
    const t = new LatinText(buf);
    for (const [from, to] of [[-50, 20], [1000, 1600], [1100, 1200], [299_900, 300_400], [150_000, 194_000]] as const) {
      const w = t.window(from, to);
      const start = Math.max(0, from);
      const end = Math.min(buf.length, to);
      assert.ok(w.start <= start && w.start + w.text.length >= end, `[${from}, ${to})`);
      assert.equal(w.text.slice(start - w.start, end - w.start), buf.toString("latin1", start, end));
    }
  });

  it("decodes a small text whole once its windows add up to half of it, and reuses what it decoded", () => {
    const buf = bytes(60_000);
    const t = new LatinText(buf);
    for (let at = 0; at < buf.length; at += 50) t.window(at - 101, at + 520);
    assert.ok(t.decodedChars <= buf.length * 1.6, `${t.decodedChars} characters decoded for ${buf.length}`);
  });

  it("never decodes a large text whole, and decodes it in linear work however dense and uneven the windows", () => {
    const buf = bytes(2 * 1024 * 1024);
    const t = new LatinText(buf);
    let longest = 0;
    for (let at = 0; at < buf.length; at += 37) {
      // The widest window a detector asks for (40 KB of span, 4 KB of context behind), then the usual one.
      longest = Math.max(longest, t.window(at - 4203, at + 44_100).text.length, t.window(at - 101, at + 520).text.length);
    }
    assert.ok(longest < 128 * 1024, `a window of ${longest} characters: a large-object string`);
    assert.ok(t.decodedChars <= 8 * buf.length, `${t.decodedChars} characters decoded for ${buf.length}`);
  });
});
