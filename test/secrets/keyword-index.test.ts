import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findRuns } from "../../src/secrets/decode.js";
import { KeywordIndex } from "../../src/secrets/keyword-index.js";

/** Every occurrence by brute force, in the index's order: by end offset, the longest keyword first at one end. */
function naive(keywords: readonly string[], text: string): number[] {
  const lower = text.toLowerCase();
  const found: { kw: number; start: number; end: number }[] = [];
  keywords.forEach((k, kw) => {
    const key = k.toLowerCase();
    for (let at = lower.indexOf(key); at !== -1; at = lower.indexOf(key, at + 1)) found.push({ kw, start: at, end: at + key.length });
  });
  found.sort((a, b) => a.end - b.end || a.start - b.start || a.kw - b.kw);
  return found.flatMap((f) => [f.kw, f.start]);
}

/** The index's hits with ties at one end ordered by keyword id too (the index orders them by length only). */
function indexed(index: KeywordIndex, text: string): number[] {
  const hits = index.find(Buffer.from(text, "latin1"));
  const pairs: { kw: number; start: number }[] = [];
  for (let i = 0; i < hits.length; i += 2) pairs.push({ kw: hits[i] as number, start: hits[i + 1] as number });
  const end = (p: { kw: number; start: number }): number => p.start + (index.lengths[p.kw] as number);
  pairs.sort((a, b) => end(a) - end(b) || a.start - b.start || a.kw - b.kw);
  return pairs.flatMap((p) => [p.kw, p.start]);
}

/** A deterministic pseudo-random generator (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe("KeywordIndex", () => {
  const keywords = ["ghp_", "token", "to", "oken", "AKIA", "sk_live_", "://", "pass", "password", "sword", "a"];

  it("finds every occurrence of every keyword, overlapping and case-insensitive, in the order of their ends", () => {
    const index = new KeywordIndex(keywords);
    const text = "TOKEN=ghp_x; Password: https://u:p@h, akia sk_LIVE_ tokentoken";
    assert.deepEqual(indexed(index, text), naive(keywords, text));
    // In input order already: ends ascend, and at one end the longest keyword comes first.
    const hits = index.find(Buffer.from(text, "latin1"));
    for (let i = 2; i < hits.length; i += 2) {
      const prevEnd = (hits[i - 1] as number) + (index.lengths[hits[i - 2] as number] as number);
      const end = (hits[i + 1] as number) + (index.lengths[hits[i] as number] as number);
      assert.ok(prevEnd < end || (prevEnd === end && (index.lengths[hits[i - 2] as number] as number) >= (index.lengths[hits[i] as number] as number)), `hit ${i / 2} out of order`);
    }
  });

  it("gives the same hits as a brute-force search on long random texts, and on keywords planted at every offset around their middle", () => {
    const index = new KeywordIndex(keywords);
    const next = random(20261202);
    const alphabet = "tokenTOKENpaswrdghp_:/AKIAsk_live_ \n";
    for (const size of [4095, 4096, 4097, 9000, 20_001]) {
      let text = "";
      for (let i = 0; i < size; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assert.deepEqual(indexed(index, text), naive(keywords, text), `random text of ${size} bytes`);
      // A keyword placed at every offset around the middle of the text.
      for (let shift = -10; shift <= 10; shift++) {
        const mid = size >> 1;
        const at = mid + shift;
        const planted = `${"x".repeat(at)}password${"x".repeat(Math.max(0, size - at - 8))}`;
        assert.deepEqual(indexed(index, planted), naive(keywords, planted), `password at ${at} of ${planted.length}`);
      }
    }
  });

  it("finds a keyword of thousands of characters among its own repeated fragments", () => {
    const long = `k${"ey".repeat(1500)}`;
    const index = new KeywordIndex([long, "ey"]);
    const text = `${"z".repeat(100)}${long}${"z".repeat(1100)}`;
    assert.ok(text.length >= 4096);
    assert.deepEqual(indexed(index, text), naive([long, "ey"], text));
  });

  it("treats bytes outside printable ASCII as never part of a keyword", () => {
    const index = new KeywordIndex(["token"]);
    const bytes = Buffer.concat([Buffer.from("tok"), Buffer.from([0xc3, 0xa9]), Buffer.from("token"), Buffer.alloc(5000, 0xff), Buffer.from("TOKEN")]);
    assert.deepEqual([...index.find(bytes)], [0, 5, 0, 5010]);
  });

  it("gives exactly the JavaScript loop's hits, in its order, from the WebAssembly automaton and its parts", () => {
    const wasm = new KeywordIndex(keywords);
    const js = new KeywordIndex(keywords, { wasm: false });
    const next = random(7);
    const alphabet = "tokenpaswrdghp_:/AKIA ";
    // Below and above the size where the text is cut in four parts, and odd sizes (a remainder for the last part).
    for (const size of [255, 256, 4095, 4096, 4099, 65_537]) {
      let text = "";
      for (let i = 0; i < size; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const bytes = Buffer.from(text, "latin1");
      assert.deepEqual([...wasm.find(bytes)], [...js.find(bytes)], `random text of ${size} bytes`);
      // Keywords across each cut between parts (sizes divided by four), at every offset around it.
      const part = Math.floor(size / 4);
      for (let cut = part; cut < size; cut += part) {
        for (let shift = -9; shift <= 1; shift++) {
          const planted = Buffer.from(text, "latin1");
          const at = cut + shift;
          if (at < 0 || at + 8 > size) continue;
          planted.write("password", at, "latin1");
          planted.write("sk_live_", Math.max(0, at - 5), "latin1");
          assert.deepEqual([...wasm.find(planted)], [...js.find(planted)], `keywords at ${at} of ${size}`);
          assert.deepEqual(indexed(wasm, planted.toString("latin1")), naive(keywords, planted.toString("latin1")), `brute force, keywords at ${at} of ${size}`);
        }
      }
    }
  });

  it("gives the same hits in WebAssembly as in JavaScript when a keyword is longer than a part of the text", () => {
    const long = `k${"ey".repeat(1500)}`;
    const text = Buffer.from(`${"ey".repeat(900)}${long}${"z".repeat(500)}`, "latin1");
    assert.ok(text.length >= 4096 && long.length > text.length / 4);
    assert.deepEqual([...new KeywordIndex([long, "ey", "yk"]).find(text)], [...new KeywordIndex([long, "ey", "yk"], { wasm: false }).find(text)]);
  });

  it("falls back to the JavaScript loop when the WebAssembly memory cannot grow to hold a text", () => {
    const index = new KeywordIndex(keywords);
    const text = Buffer.from(`${"x".repeat(200_000)} password ${"y".repeat(100)} ghp_`, "latin1");
    const grow = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "grow");
    Object.defineProperty(WebAssembly.Memory.prototype, "grow", { configurable: true, value: () => { throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded"); } });
    try {
      assert.deepEqual([...index.find(text)], [...new KeywordIndex(keywords, { wasm: false }).find(text)]);
      assert.ok(index.find(text).length > 0);
    } finally {
      if (grow) Object.defineProperty(WebAssembly.Memory.prototype, "grow", grow);
    }
  });

  it("finds the base64 and hex runs of the text it last searched in WebAssembly exactly as findRuns does", () => {
    const index = new KeywordIndex(keywords);
    const next = random(99);
    const alphabet = "ABCDEFabcdef0123456789+/_-xyz";
    const texts: Buffer[] = [];
    for (let t = 0; t < 40; t++) {
      const parts: string[] = [];
      // Runs of every length around MIN_RUN (24), at the start, in the middle and at the end.
      for (let k = 0; k < 60; k++) parts.push(Array.from({ length: Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
      texts.push(Buffer.from(parts.join(next() < 0.5 ? " " : ".\n=")));
    }
    texts.push(Buffer.from(`${"A".repeat(24)} ${"b".repeat(23)} ${"x".repeat(300)}`), Buffer.from(`${" ".repeat(300)}${"Q".repeat(24)}`), Buffer.from("=".repeat(400)));
    for (const text of texts) {
      assert.ok(text.length >= 256, "long enough for WebAssembly");
      index.find(text);
      assert.deepEqual(Array.from(index.blobRuns(text) ?? [-1]), findRuns(text));
    }
    const other = Buffer.from(texts[0] as Buffer);
    assert.equal(index.blobRuns(other), undefined, "another text is not in memory");
    assert.equal(new KeywordIndex(keywords, { wasm: false }).blobRuns(texts[0] as Buffer), undefined);
  });

  it("refuses keywords it cannot search for", () => {
    assert.throws(() => new KeywordIndex([""]), /printable ASCII/);
    assert.throws(() => new KeywordIndex(["tök"]), /printable ASCII/);
  });
});
