// Locating secret matches in a text: lines, columns and masked snippets, in work that grows with
// the number of matches, not its square (a file of 80,000 password lines took 36 s).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DETECTORS } from "../../src/secrets/detectors/index.js";
import { locate, secretsTextScanner, type LocatedSecret } from "../../src/secrets/text-scanner.js";
import { sharedScanner, type SecretMatch } from "../../src/secrets/scanner.js";
import { tokens } from "../helpers/secret-tokens.js";
import { instantiate, loadCases } from "./cases.js";

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

  it("reads a notebook in full though its outputs' long lines make it look minified, and a bundle for OpenAI keys and webhooks too", () => {
    const t = tokens(11);
    const scan = secretsTextScanner.create();
    const png = Buffer.alloc(30_000, 7).toString("base64");
    const key = t("«hex:32»");
    const openai = t("sk-proj-«b64url:74»T3BlbkFJ«b64url:74»");
    const nb = `{\n "cells": [\n  {\n   "outputs": [{"data": {"image/png": "${png}"}}],\n   "source": [\n    "DD_API_KEY = '${key}'\\n",\n    "OPENAI_API_KEY = '${openai}'\\n"\n   ]\n  }\n ]\n}\n`;
    const ids = (found: readonly LocatedSecret[]) => found.map((f) => `${f.detector}@${f.line}`);
    assert.deepEqual(ids(scan(Buffer.from(nb), "analysis/explore.ipynb", { line: 1, unmistakableOnly: true })), ["datadog-api-key@6", "openai-api-key@7"]);
    const hook = t("https://hooks.slack.com/services/T«upalnum:10»/B«upalnum:10»/«b62:24»");
    const bundle = `!function(){var e={k:"${openai}",h:"${hook}"};return e}();\n`;
    assert.deepEqual(ids(scan(Buffer.from(bundle), "dist/app.min.js", { line: 1, unmistakableOnly: true })), ["openai-api-key@1", "slack-webhook@1"]);
  });
});

/** The clear texts the full detector set finds on a line, read as the masking stage reads a quoted text (encoded blobs as written). */
function clearOnLine(line: string): string[] {
  const buf = Buffer.from(line);
  return sharedScanner()
    .scan(buf, { path: "quoted.env" })
    .map((m) => (m.encoding ? buf.toString("utf8", m.start, m.end) : m.secret))
    .filter((s) => s.length >= 8);
}

/** Every finding whose snippet shows a credential of its line in clear (one the line holds once: `postgres:postgres` shows the user). */
function leaks(text: string, found: readonly LocatedSecret[]): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (const f of found) {
    const line = lines[f.line - 1] ?? "";
    for (const s of clearOnLine(line)) if (line.split(s).length === 2 && f.snippet.includes(s)) out.push(`${f.detector} at ${f.line}:${f.column} shows ${s.slice(0, 12)}…: ${f.snippet.slice(0, 120)}`);
  }
  return out;
}

describe("snippets: masked by the full detector set", () => {
  const t = tokens(33);
  const secretKey = (): string => {
    for (;;) {
      const s = t("«b64:40»");
      if (/[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
    }
  };

  it("masks the secret key beside a key id in the id's snippet, in every language's form", () => {
    const scan = secretsTextScanner.create();
    const id = `AKIA${t("«b32:16»")}`;
    const forms: [string, (k: string) => string][] = [
      ["main.go", (k) => `creds := credentials.NewStaticCredentials("${id}", "${k}", "")`],
      ["S3.java", (k) => `AWSCredentials c = new BasicAWSCredentials("${id}", "${k}");`],
      ["store.rb", (k) => `creds = Aws::Credentials.new('${id}', '${k}')`],
      ["Program.cs", (k) => `var creds = new BasicAWSCredentials("${id}", "${k}");`],
      ["upload.py", (k) => `session = boto3.Session("${id}", "${k}")`],
      ["upload.py", (k) => `client = boto3.client("s3", aws_access_key_id="${id}", aws_secret_access_key="${k}")`],
      ["app.min.js", (k) => `var s3=new AWS.S3({credentials:new AWS.Credentials("${id}","${k}")});`],
    ];
    for (const [path, form] of forms) {
      const key = secretKey();
      const text = `${form(key)}\n`;
      const found = scan(Buffer.from(text), path, { line: 1, unmistakableOnly: path.endsWith(".min.js") });
      assert.ok(found.some((f) => f.secret === key), `${path}: the secret key is found`);
      assert.ok(found.some((f) => f.detector === "aws-access-key-id"), `${path}: the key id is found`);
      for (const f of found) assert.ok(!f.snippet.includes(key.slice(4)), `${path}: ${f.detector}'s snippet ${f.snippet}`);
    }
  });

  it("masks what the full set finds on a bundle's line, which the bundle scanner does not look for", () => {
    const scan = secretsTextScanner.create();
    const password = t("«b62:16»");
    const text = `var c={db:{password:"${password}"},gh:"${t("«gh:ghp_»")}"};\n`;
    const found = scan(Buffer.from(text), "dist/app.min.js", { line: 1, unmistakableOnly: true });
    assert.deepEqual(found.map((f) => f.detector), ["github-pat-classic"]);
    assert.ok(!found[0]!.snippet.includes(password), found[0]!.snippet);
  });

  it("leaves no credential of the line in clear in any snippet, over every detector case and under several file types", () => {
    const scan = secretsTextScanner.create();
    const failures: string[] = [];
    for (const [i, c] of loadCases().entries()) {
      const { text } = instantiate(c, i);
      for (const path of [c.path, "src/app.ts", "dist/app.min.js"]) {
        const found = scan(Buffer.from(text), path, { line: 1, unmistakableOnly: path.endsWith(".min.js") });
        failures.push(...leaks(text, found).map((l) => `${c.file}:${c.line} as ${path}: ${l}`));
      }
    }
    assert.deepEqual(failures, []);
  });

  it("does not change what the scanner says about the suppression marker", () => {
    const scan = secretsTextScanner.create();
    scan(Buffer.from(`GH_TOKEN=${t("«gh:ghp_»")} # assay: ignore[secrets/forge-token]\n`), "ci.env", { line: 1 });
    assert.equal(scan.sawMarker?.("ignore["), true);
    scan(Buffer.from(`GH_TOKEN=${t("«gh:ghp_»")}\n`), "ci.env", { line: 1 });
    assert.equal(scan.sawMarker?.("ignore["), false);
  });
});
