import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sharedScanner } from "../../src/secrets/scanner.js";
import { tokens } from "../helpers/secret-tokens.js";

const b64 = (s: string): string => Buffer.from(s).toString("base64");
const found = (text: string) => sharedScanner().scanString(text, { path: "deploy/secret.yaml" }).filter((m) => m.detector.id === "kubernetes-secret-manifest");

describe("block entries (a detector's `next` pattern)", () => {
  it("reports every value of a Secret's data, each at its own place, and passes over name-like entries", () => {
    const values = ["Zq8vR2mXw4LpT9sK", "hV3nB7cQ1eYu5RdA0fJk", "pL6tW2xN8mZs4QvE"];
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  db-password: ${b64(values[0] as string)}\n  username: ${b64("admin")}\n  api-token: ${b64(values[1] as string)}\n\n  # rotated monthly\n  signing-key: ${b64(values[2] as string)}\ntype: Opaque\n`;
    const ms = found(text);
    // The secret is the value as the file holds it (base64), at its own offsets.
    assert.deepEqual(ms.map((m) => m.secret), values.map(b64));
    assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), values.map(b64));
  });

  it("ends the block where the indentation changes: a deeper line or the next top-level key is not an entry", () => {
    const text = `kind: Secret\nstringData:\n  config.yaml: |\n    password: Zq8vR2mXw4LpT9sK\n  token: hV3nB7cQ1eYu5RdA0fJk\nmetadata:\n  name: x\n`;
    assert.deepEqual(found(text).map((m) => m.secret), ["hV3nB7cQ1eYu5RdA0fJk"], "the block scalar's own lines are its text; the value `|` is no secret");
  });

  it("reads stringData values as written and data values as base64, whichever opened the block", () => {
    const text = `kind: Secret\nstringData:\n  a: Zq8vR2mXw4LpT9sK\n  b: hV3nB7cQ1eYu5RdA0fJk\n---\nkind: Secret\ndata:\n  a: ${b64("pL6tW2xN8mZs4QvE")}\n  b: not-base64!\n`;
    assert.deepEqual(found(text).map((m) => m.secret), ["Zq8vR2mXw4LpT9sK", "hV3nB7cQ1eYu5RdA0fJk", b64("pL6tW2xN8mZs4QvE")]);
  });

  it("reads the entries after a first value that is a reference", () => {
    assert.deepEqual(found(`kind: Secret\nstringData:\n  password: \${DB_PASSWORD}\n  api-key: hV3nB7cQ1eYu5RdA0fJk\n`).map((m) => m.secret), ["hV3nB7cQ1eYu5RdA0fJk"]);
  });

  it("judges no value of a document that is not a Secret", () => {
    assert.deepEqual(found(`kind: ConfigMap\ndata:\n  a: ${b64("Zq8vR2mXw4LpT9sK")}\n  b: ${b64("hV3nB7cQ1eYu5RdA0fJk")}\n`), []);
  });
});

describe("a decoded value under its name", () => {
  const hex = "5b86fb3e0aefd7fc63f7f8e555a9cb7c";
  const scan = (text: string) => sharedScanner().scanString(text, { path: "k8s/secret.yaml" });

  it("is read under the name it was encoded under: a provider's key that only its name tells is found by its provider, at the encoded value", () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: dd\ndata:\n  DD_API_KEY: ${b64(hex)}\n`;
    const ms = scan(text).filter((m) => m.detector.providerSpecific);
    assert.deepEqual(ms.map((m) => [m.detector.id, m.secret, text.slice(m.start, m.end), m.encoding]), [["datadog-api-key", hex, b64(hex), "base64"]]);
  });

  it("takes nothing from the name itself, nor from a value that is no single token", () => {
    const none = (text: string) => assert.deepEqual(scan(text).filter((m) => m.detector.providerSpecific).map((m) => m.detector.id), [], text);
    none(`kind: Secret\ndata:\n  DD_API_KEY_ID: ${b64(hex)}\n`);
    none(`kind: Secret\ndata:\n  DD_API_KEY: ${b64(`${hex} and some words`)}\n`);
    none(`kind: Secret\ndata:\n  TENANT: ${b64(hex)}\n`);
  });
});

describe("the suppression marker", () => {
  it("is watched for on the automaton's pass, in any case, in short and long texts, across the long ones' cuts", () => {
    const scanner = sharedScanner();
    const saw = (text: string): boolean => {
      scanner.scan(Buffer.from(text));
      return scanner.sawMarker;
    };
    assert.equal(saw("x = 1 # assay: ignore[secrets/jwt]"), true);
    assert.equal(saw("x = 1 # nothing"), false);
    assert.equal(saw("# zizmor: IGNORE[template-injection]"), true, "a superset is harmless: the file is only read again");
    const filler = "some ordinary text, line after line\n".repeat(400);
    for (const at of [0, 1, filler.length / 4 - 3, filler.length / 2 - 7, filler.length - 2]) {
      assert.equal(saw(`${filler.slice(0, at)}ignore[${filler.slice(at)}`), true, `at ${at}`);
    }
    assert.equal(saw(filler), false);
    assert.equal(saw("ignore"), false);
  });

  it("does not make a text worth masking", () => {
    const text = "# assay: ignore[foo] because";
    const buf = Buffer.alloc(Buffer.byteLength(text) + 1);
    buf.write(text);
    assert.deepEqual([...sharedScanner().screen(buf, Int32Array.from([0, buf.length]))], [0]);
  });

  it("flags a long run only when a scan would decode it: an identifier is not the base64 of text", () => {
    const texts = [
      'container "app" allows privilege escalation (allowPrivilegeEscalation: true)',
      "sets readOnlyRootFilesystemMustBeTrueEverywhere and runAsNonRootEverywhereInTheChart",
      `data: ${Buffer.from("a value long enough to be a blob, encoded").toString("base64")}`,
      `digest ${"0123456789abcdef".repeat(4)} and hex ${Buffer.from("hex of some text here").toString("hex")}`,
    ];
    const starts = [0];
    for (const t of texts) starts.push((starts[starts.length - 1] as number) + Buffer.byteLength(t) + 1);
    const buf = Buffer.alloc(starts[starts.length - 1] as number);
    texts.forEach((t, i) => buf.write(t, starts[i] as number));
    assert.deepEqual([...sharedScanner().screen(buf, Int32Array.from(starts))], [0, 0, 1, 1]);
  });
});

describe("file detectors (a detector's `file` name instead of keywords)", () => {
  it("read the file itself once, never a blob decoded from it, and nothing under another name", () => {
    const password = b64(["Zx9", "Tq4", "Lm2", "Vb7", "Np3", "Kd8", "Rw5"].join("-"));
    const at = (path: string) => sharedScanner().scanString(`${password}\n`, { path }).map((m) => [m.detector.id, m.secret, m.encoding ?? ""]);
    assert.deepEqual(at(".vault_pass"), [["ansible-vault-password-file", password, ""]]);
    assert.deepEqual(at("notes/vault.txt"), []);
  });
});

describe("large texts", () => {
  // Past 64 KiB a text is never decoded whole: windows, then shared segments once they add up to
  // twice its size. Every planted token is found wherever it sits, the same as in a small text.
  it("finds every token of a large text, sparse or dense with keyword hits, at its own offset", () => {
    const t = tokens(23);
    const planted = Array.from({ length: 12 }, () => t("«gh:ghp_»"));
    for (const filler of ["lorem ipsum dolor sit amet\n", "token = ${TOKEN}\npassword: changeme\napi_key: x\n"]) {
      let text = "";
      const at: number[] = [];
      for (const [i, tok] of planted.entries()) {
        // Around the 64 KiB marks, where a segment may end, and in between.
        const target = (i + 1) * 65_536 - (i % 3) * 20;
        while (text.length < target) text += filler;
        at.push(Buffer.byteLength(text));
        text += `GH_TOKEN=${tok}\n`;
      }
      text += filler.repeat(2000);
      const ms = sharedScanner().scanString(text, { path: "big.env" }).filter((m) => m.detector.id.startsWith("github"));
      const offsets = new Set(ms.map((m) => m.start));
      planted.forEach((tok, i) => assert.ok(offsets.has((at[i] as number) + "GH_TOKEN=".length), `token ${i} (${tok.slice(0, 8)}…) at ${at[i]} with filler ${JSON.stringify(filler.slice(0, 10))}`));
    }
  });
});

describe("where a match's value is", () => {
  it("places a value whose text also comes earlier in the match at the value itself, not inside the name before it", () => {
    // `pas` is the first three letters of `password`, and a login may be the password too: the
    // value's place is where the pattern captured it.
    // Joined at run time, so this file holds no .netrc line for a scan of this repository to report.
    const line = (login: string, password: string): string => ["machine host.example.com login", login, "password", `${password} account acct\n`].join(" ");
    for (const [text, value] of [
      [line("log", '"pas s"'), "pas"],
      [line("Zq8vR2mXw4", "Zq8vR2mXw4"), "Zq8vR2mXw4"],
    ] as const) {
      const m = sharedScanner()
        .scanString(text, { path: ".netrc" })
        .find((x) => x.detector.id === "netrc-password");
      assert.ok(m, text);
      assert.equal(text.slice(m.start, m.end), value);
      assert.equal(m.start, text.lastIndexOf(value), text);
    }
  });
});
