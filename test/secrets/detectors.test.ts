// Every detector against its cases (test/secrets/cases/*.txt): true positives with the exact
// secret, documented examples reported as examples, near misses that must not fire at all.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DETECTORS } from "../../src/secrets/detectors/index.js";
import { KeywordIndex } from "../../src/secrets/keyword-index.js";
import { SecretScanner } from "../../src/secrets/scanner.js";
import { instantiate, loadCases } from "./cases.js";

const scanner = new SecretScanner();
const cases = loadCases();
/** Each case is expanded with several seeds, so a pattern is not tested against one lucky draw. */
const SEEDS = [1, 2, 3];

describe("secret detectors: cases", () => {
  it("has a true positive and a near miss for every detector", () => {
    const missing: string[] = [];
    for (const d of DETECTORS) {
      const mine = cases.filter((c) => c.detector === d.id);
      if (!mine.some((c) => c.kind === "fire")) missing.push(`${d.id}: no true positive`);
      if (!mine.some((c) => c.kind === "quiet")) missing.push(`${d.id}: no near miss`);
    }
    const known = new Set(DETECTORS.map((d) => d.id));
    for (const c of cases) if (!known.has(c.detector)) missing.push(`${c.file}:${c.line}: unknown detector ${c.detector}`);
    assert.deepEqual(missing, []);
  });

  it("never has a byte test that only reads its pattern's own conditions refuse a place where the pattern matches", () => {
    // These prechecks only save their pattern's work (others also read context, a path or a
    // file's kind, on purpose). Over every case, and texts written around the forms they read
    // (quotes, escaped line breaks, CRLF), each keyword hit is tried with the pattern over the
    // whole text and with the byte test.
    const patternOnly = new Set(["netrc-password", "kubernetes-secret-manifest"]);
    const texts = cases.flatMap((c) => SEEDS.map((seed) => instantiate(c, seed).text));
    texts.push(
      "machine api.example.org login bot password hunter2-Zq81x\n",
      "  default\tlogin anonymous password guest@example.org\n",
      'f.write("machine h.example.org\\n  login u\\n  password Zq81x-hunter2\\n")\n',
      "cfg = `default\r\n  password pw-Zq81x-hunter2`\n",
      "x='machine h login u password p4ss-Zq81x'\n",
      "kind: Secret\r\nstringData: \r\n  token: Zq81xhunter2Zq81xhunter2\r\n",
      "kind: Secret\ndata:\t \n  password: WnE4MXhodW50ZXIyWnE4MXg=\n",
      "- data:\n    password: WnE4MXhodW50ZXIyWnE4MXg=\nkind: Secret\n",
    );
    const refused: string[] = [];
    for (const d of DETECTORS.filter((x) => patternOnly.has(x.id))) {
      const index = new KeywordIndex(d.keywords, { wasm: false });
      for (const text of texts) {
        const bytes = Buffer.from(text, "latin1");
        const hits = index.find(bytes);
        for (let h = 0; h < hits.length; h += 2) {
          const kw = hits[h] as number;
          const at = hits[h + 1] as number;
          const matches = d.backs.some((back) => {
            if (back > at) return false;
            d.pattern.lastIndex = at - back;
            return d.pattern.exec(text) !== null;
          });
          if (matches && !(d.precheck as NonNullable<typeof d.precheck>)(bytes, at, index.lengths[kw] as number)) refused.push(`${d.id} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 60))}`);
        }
      }
    }
    assert.deepEqual(refused, []);
    assert.equal(DETECTORS.filter((x) => patternOnly.has(x.id) && x.precheck !== undefined).length, patternOnly.size);
  });

  it("finds every true positive with its detector and exact secret", () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.kind === "fire")) {
      for (const seed of SEEDS) {
        const { text, secret } = instantiate(c, seed);
        const found = scanner.scanString(text, { path: c.path });
        const hit = found.find((m) => m.detector.id === c.detector && m.verdict === "secret" && (secret === undefined || m.secret === secret));
        if (!hit) failures.push(`${c.file}:${c.line} ${c.detector} (seed ${seed}): ${JSON.stringify(text.slice(0, 160))} gave ${JSON.stringify(found.map((m) => [m.detector.id, m.verdict, m.secret.slice(0, 60)]))}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it("reports documented examples and placeholders as examples, never as secrets", () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.kind === "example")) {
      const { text } = instantiate(c, 1);
      const found = scanner.scanString(text, { path: c.path });
      if (found.some((m) => m.verdict === "secret") || !found.some((m) => m.detector.id === c.detector && m.verdict === "example" && m.severity === "info")) {
        failures.push(`${c.file}:${c.line} ${c.detector}: ${JSON.stringify(found.map((m) => [m.detector.id, m.verdict]))}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it("reports a GitHub or npm token whose checksum does not match at low severity, under its provider", () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.kind === "fire" && x.template.includes("«ghbad:"))) {
      const { text, secret } = instantiate(c, 1);
      const hit = scanner.scanString(text, { path: c.path }).find((m) => m.secret === secret);
      if (hit?.detector.id !== c.detector || hit.severity !== "low") failures.push(`${c.file}:${c.line} ${c.detector}: ${JSON.stringify(hit ? [hit.detector.id, hit.severity] : null)}`);
    }
    assert.ok(cases.some((c) => c.template.includes("«ghbad:")));
    assert.deepEqual(failures, []);
  });

  it("stays quiet on every near miss", () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.kind === "quiet")) {
      for (const seed of SEEDS) {
        const { text } = instantiate(c, seed);
        const found = scanner.scanString(text, { path: c.path }).filter((m) => m.verdict === "secret");
        if (found.length > 0) failures.push(`${c.file}:${c.line} ${c.detector} (seed ${seed}): ${JSON.stringify(text.slice(0, 160))} gave ${JSON.stringify(found.map((m) => [m.detector.id, m.secret.slice(0, 60)]))}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
