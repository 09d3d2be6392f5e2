import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskedAmong, maskSecrets } from "../../src/secrets/mask.js";
import { sharedScanner } from "../../src/secrets/scanner.js";
import { tokens } from "../helpers/secret-tokens.js";
import { instantiate, loadCases } from "./cases.js";

const t = tokens(5);

/** What maskedAmong must give: every text maskSecrets changes, scanned alone. */
function oneByOne(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    const masked = maskSecrets(text);
    if (masked !== text) out.set(text, masked);
  }
  return out;
}

describe("maskedAmong", () => {
  it("masks exactly what maskSecrets masks text by text, over every detector case (fires, examples and near misses)", () => {
    const texts = loadCases().map((c, i) => instantiate(c, i).text);
    const expected = oneByOne(texts);
    assert.ok(expected.size > 300, `only ${expected.size} case texts were masked`);
    assert.deepEqual(maskedAmong(texts), expected);
  });

  it("finds a secret in the first, the last and a text between clean ones, base64-encoded, beside NULs and multibyte text", () => {
    const gh = t("«gh:ghp_»");
    const encoded = Buffer.from(`token=${gh}`).toString("base64");
    const texts = [
      `first ${gh}`,
      "clean text, well over eight bytes",
      `ünïcödé ✓ then ${t("«gh:ghp_»")}`,
      `data: ${encoded}`,
      "a NUL\u0000inside, and nothing else",
      `${gh.slice(0, 20)}`, // half a token: nothing
      "short",
      `last ${gh}`,
    ];
    const masked = maskedAmong(texts);
    assert.deepEqual(masked, oneByOne(texts));
    assert.deepEqual([...masked.keys()], [texts[0], texts[2], texts[3], texts[7]]);
    for (const v of masked.values()) assert.ok(!v.includes(gh.slice(4)) && !v.includes(encoded));
  });

  it("screens more than one pass's worth of texts (2 Mi characters) in several passes, with the same result", () => {
    const filler = "plain words of a finding message, nothing to see here. ".repeat(36);
    const texts: string[] = [];
    for (let i = 0; i < 2500; i++) texts.push(`${i} ${filler}${i % 997 === 0 || i === 2100 || i === 2400 ? ` ${t("«gh:ghp_»")}` : ""}`);
    // A text longer than a pass on its own, in the middle.
    texts.splice(1200, 0, `${"x ".repeat(2_200_000)}${t("«gh:ghp_»")}`);
    const masked = maskedAmong(texts);
    assert.deepEqual(masked, oneByOne(texts));
    assert.equal(masked.size, 6);
  });

  it("returns nothing for nothing and for texts too short to hold a credential", () => {
    assert.equal(maskedAmong([]).size, 0);
    assert.equal(maskedAmong(["a", "", "1234567"]).size, 0);
  });
});

describe("SecretScanner.screen", () => {
  it("flags the texts holding a keyword or a blob to decode (this one has no keyword), and only those", () => {
    const texts = ["nothing here at all", "password = hunter2hunter2", "plain words again", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0", "x"];
    const starts = new Int32Array(texts.length + 1);
    let size = 0;
    texts.forEach((s, i) => {
      starts[i] = size;
      size += Buffer.byteLength(s) + 1;
    });
    starts[texts.length] = size;
    const buf = Buffer.alloc(size);
    texts.forEach((s, i) => buf.write(s, starts[i] as number));
    assert.deepEqual([...sharedScanner().screen(buf, starts)], [0, 1, 0, 1, 0]);
  });
});
