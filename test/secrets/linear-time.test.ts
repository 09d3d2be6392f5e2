// Every detector runs in linear time: each is fed adversarial input built from its own keywords
// and alphabet (the keyword repeated, the keyword then a long run of token characters with no
// end, near misses back to back) at n and 8n bytes. Linear work grows about 8x; a quadratic
// pattern grows 64x. CPU time (not wall time), the best of four runs, a generous bound, and three
// measurements before a case counts as slow keep it from flaking on a loaded machine.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Detector } from "../../src/secrets/detector.js";
import { DETECTORS } from "../../src/secrets/detectors/index.js";
import { SecretScanner, sharedScanner } from "../../src/secrets/scanner.js";
import { locate } from "../../src/secrets/text-scanner.js";
import { rng } from "./cases.js";

const N = 8 * 1024;
const FACTOR = 8;

/** Adversarial texts of about `size` bytes for one detector. */
function inputs(d: Detector, size: number): string[] {
  const words = d.prefixes.length > 0 ? d.prefixes : d.keywords;
  const out: string[] = [];
  for (const w of words.slice(0, 1)) {
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    out.push(fill(w));
    out.push(w + fill("aB3_-+/=.x9Z"));
    out.push(fill(`${w}="${"Ab9".repeat(12)} `));
    // A keyed name as a YAML parent or an INI section, over and over: each hit reads at most eight lines on.
    out.push(fill(`${w}:\n  ${w}_id: Ab9\n`), fill(`[${w}]\nx = ${"Ab9".repeat(8)}\n`));
  }
  if (d.keywords.includes("-----begin")) out.push("-----BEGIN RSA PRIVATE KEY-----\n".repeat(Math.ceil(size / 32)), `-----BEGIN RSA PRIVATE KEY-----\n${"QUJD".repeat(size / 4)}`);
  // A file detector has no keyword: its file's content is the input, read whole.
  if (d.file) out.push("0a1b".repeat(size / 4), `${"f".repeat(31)}\n`.repeat(size / 32));
  if (d.keywords.includes("://")) out.push("x://a:".repeat(size / 6), `postgres://${"u:".repeat(size / 2)}`, `postgres://u:${"p@".repeat(size / 2)}`);
  // Pairs: an id then a bounded search for its secret, the id over and over, or before a run that never ends.
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  if (d.keywords.includes("akia")) out.push(fill('AKIAQRSTUVWXYZ234567", "'), `AKIAQRSTUVWXYZ234567", "${fill("aB3+/")}`, fill("AKIAQRSTUVWXYZ234567 secret "));
  if (d.keywords.includes("'ac")) out.push(fill("'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9', "), `'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9', '${fill("0a1b")}`);
  // Values that `;` and `,` may continue: each separator looks ahead a bounded way for the next key.
  if (d.id === "password-assignment" || d.id === "secret-assignment") out.push(`${words[0]}=${fill("a;b,")}`, fill(`${words[0]}=ab;cd=ef;`));
  // A file's lines stepped over one by one before its key; an XML element's tags before and after its `<D>`.
  if (d.id === "sentry-cli-config-token") out.push(fill("token=\n"), `[auth]\n${fill("token = 0a1b")}`);
  if (d.id === "xml-rsa-private-key") out.push(`<RSAKeyValue>${fill("<P>QUJD</P>")}`, fill("<RSAKeyValue><D>QUJDQUJD"), fill(`<RSAKeyValue><D>${"QUJD".repeat(20)}</D><Q>`), `<RSAKeyValue>${fill("<")}`);
  // Env entries and a Dockerfile's ENV: each hit reads a bounded way back for `ENV` or `name:`.
  if (d.id === "password-assignment" || d.id === "aws-secret-access-key") out.push(fill(`- name: X_${words[0]}\n`), fill(`ENV X_${words[0]} `), fill(`{"name":"X_${words[0]}","value":"`), `ENV ${fill(`${words[0]}_`)}`);
  return out;
}

/** CPU milliseconds to scan `text`, the best of four runs of enough repetitions to measure (a GC pause lands in one). */
function cpuMs(scanner: SecretScanner, text: Buffer, path: string): number {
  let best = Infinity;
  for (let trial = 0; trial < 4; trial++) {
    let reps = 0;
    const start = process.cpuUsage();
    let elapsed = 0;
    do {
      scanner.scan(text, { path });
      reps++;
      const u = process.cpuUsage(start);
      elapsed = (u.user + u.system) / 1000;
    } while (elapsed < 3 && reps < 100);
    best = Math.min(best, elapsed / reps);
  }
  return best;
}

/** A path each file detector reads (the others see a .env). */
const FILE_PATHS: Readonly<Record<string, string>> = { "rails-master-key-file": "config/master.key", "vault-token-file": "home/.vault-token", "ansible-vault-password-file": ".vault_pass", "jenkins-master-key-file": "jenkins_home/secrets/master.key", "sentry-cli-config-token": "home/.sentryclirc" };

function pathFor(d: Detector): string {
  const path = FILE_PATHS[d.id];
  if (d.file && (path === undefined || !d.file.test(path))) throw new Error(`${d.id}: add a path its file test accepts to FILE_PATHS`);
  return path ?? "adversarial.env";
}

describe("secret detectors: linear time on adversarial input", () => {
  it("grows about linearly from n to 8n bytes for every detector", () => {
    const slow: string[] = [];
    for (const d of DETECTORS) {
      const scanner = new SecretScanner([d]);
      const small = inputs(d, N);
      const large = inputs(d, FACTOR * N);
      small.forEach((s, i) => {
        // A quadratic pattern is slow every time; a neighbour on a shared machine is not: a case is
        // reported only when three measurements in a row exceed the bound.
        let verdict = "";
        for (let attempt = 0; attempt < 3; attempt++) {
          const a = cpuMs(scanner, Buffer.from(s), pathFor(d));
          const b = cpuMs(scanner, Buffer.from(large[i] as string), pathFor(d));
          // Below a millisecond the clock's grain dominates the ratio; the absolute bound (64 KiB in 100 ms,
          // where a quadratic pattern takes seconds) still applies.
          const ratio = b / Math.max(a, 0.25);
          verdict = ratio > 3 * FACTOR || b > 100 ? `${d.id} input ${i}: ${a.toFixed(2)} ms → ${b.toFixed(2)} ms (×${ratio.toFixed(1)})` : "";
          if (verdict === "") break;
        }
        if (verdict !== "") slow.push(verdict);
      });
    }
    assert.deepEqual(slow, []);
  });
});

describe("secret scanner: linear time on large texts dense with keyword hits", () => {
  it("grows about linearly from 256 KiB to 2 MiB (texts past 64 KiB are decoded in windows and segments, never whole)", () => {
    const scanner = new SecretScanner(DETECTORS);
    const unit = "password: x\ntoken=${T}\napi_key = 'a'\nsecret\n";
    const text = (size: number): Buffer => Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size));
    let verdict = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = cpuMs(scanner, text(256 * 1024), "dense.env");
      const b = cpuMs(scanner, text(FACTOR * 256 * 1024), "dense.env");
      verdict = b / a > 3 * FACTOR ? `${a.toFixed(1)} ms → ${b.toFixed(1)} ms (×${(b / a).toFixed(1)})` : "";
      if (verdict === "") break;
    }
    assert.equal(verdict, "");
  });
});

describe("locating findings: linear time", () => {
  it("grows about linearly with the findings on one line (16,000 key ids on a line took 14 s)", () => {
    const random = rng(5);
    const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const id = (): string => `AKIA${Array.from({ length: 16 }, () => B32[Math.floor(random() * 32)]).join("")}`;
    const line = (n: number): Buffer => Buffer.from(`${Array.from({ length: n }, id).join(" ")}\n`);
    const ms = (text: Buffer): number => {
      let best = Infinity;
      for (let trial = 0; trial < 2; trial++) {
        const start = process.cpuUsage();
        const found = locate(text, sharedScanner().scan(text, { path: "ids.txt" }));
        const u = process.cpuUsage(start);
        assert.ok(found.length > 0);
        best = Math.min(best, (u.user + u.system) / 1000);
      }
      return best;
    };
    let verdict = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = ms(line(2000));
      const b = ms(line(FACTOR * 2000));
      // 16,000 ids: quadratic work took seconds; linear work takes a few hundred milliseconds.
      verdict = b / Math.max(a, 1) > 3 * FACTOR || b > 4000 ? `${a.toFixed(1)} ms → ${b.toFixed(1)} ms (×${(b / a).toFixed(1)})` : "";
      if (verdict === "") break;
    }
    assert.equal(verdict, "");
  });
});
