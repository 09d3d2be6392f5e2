import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { parsePolicy } from "../../src/policy/policy-file.js";
import { POLICY_TEMPLATE } from "../../src/cli/init-templates.js";
import { CHECKS, RULES } from "../../src/rules/index.js";

const metas = RULES.map((r) => r.meta);
const parse = (text: string) => parsePolicy(text, "assay.yml", metas, CHECKS);

function rejects(text: string, line: number, column: number | undefined, pattern: RegExp): void {
  assert.throws(() => parse(text), (e: unknown) => {
    assert.ok(e instanceof AssayError);
    assert.equal(e.code, "POLICY_INVALID");
    assert.equal(e.position?.path, "assay.yml");
    assert.equal(e.position?.line, line, e.format());
    if (column !== undefined) assert.equal(e.position?.column, column, e.format());
    assert.match(e.message, pattern);
    return true;
  });
}

describe("policy file", () => {
  it("parses every section", () => {
    const p = parse(`version: 1
fail:
  severity: medium
  score: 6.5
  checks: [Security-Policy]
rules:
  repo/security-policy: off
exclude: ["vendor/**"]
exceptions:
  - rule: repo/security-policy
    path: "docs/**"
    reason: accepted for the docs site
    expires: 2027-01-31
baseline: .assay/base.json
`);
    assert.equal(p.fail.severity, "medium");
    assert.equal(p.fail.minScore, 6.5);
    assert.deepEqual(p.fail.checks, ["Security-Policy"]);
    assert.equal(p.rules["repo/security-policy"]?.off, true);
    assert.deepEqual(p.exclude, ["vendor/**"]);
    assert.equal(p.exceptions[0]?.expires, "2027-01-31");
    assert.equal(p.exceptions[0]?.line, 10);
    assert.deepEqual(p.baseline, { path: ".assay/base.json", line: 14, column: 11 });
  });

  it("accepts an empty file and the init template", () => {
    assert.equal(parse("").fail.severity, "high");
    assert.equal(parse(POLICY_TEMPLATE).fail.severity, "high");
  });

  it("rejects malformed YAML with line and column", () => {
    rejects("fail:\n  severity: [high\n", 2, 18, /malformed YAML/);
  });

  it("says a quoted version is a string, and any other is unsupported", () => {
    rejects('version: "1"\n', 1, 10, /`version` is the string "1", not the number 1/);
    rejects("version: 2\n", 1, 10, /unsupported policy version/);
  });

  it("holds `vex:` paths to the checkout as it holds `baseline:`, at the entry's line and column", () => {
    assert.deepEqual(parse("vex:\n  - security/app.openvex.json\n  - ./.vex/x.json\n").vex, ["security/app.openvex.json", "./.vex/x.json"]);
    rejects("vex:\n  - ok.json\n  - /etc/passwd\n", 3, 5, /`vex\[\]` must be a path inside the checkout, not an absolute path/);
    rejects("vex:\n  - ../../home/me/x.json\n", 2, 5, /`vex\[\]` must be a path inside the checkout, without `\.\.`/);
    rejects('vex:\n  - "a\\u001b[2J.json"\n', 2, 5, /`vex\[\]` holds control characters/);
    rejects("vex: x.json\n", 1, 6, /`vex` must be a list of strings/);
  });

  it("refuses path patterns that would cost every file of the scan more than it can afford", () => {
    // Every file is matched against `exclude`: 30,000 `**/` (90 KB) took hours on 2,000 files.
    rejects(`exclude:\n  - vendor/**\n  - "${"**/".repeat(30_000)}x"\n`, 3, 5, /`exclude` holds a pattern of 90001 characters, over the 1024/);
    rejects(`exclude:\n  - "${"**/".repeat(20)}x"\n`, 2, 5, /`exclude` holds a pattern with too many wildcards or alternatives/);
    rejects(`exclude:\n${Array.from({ length: 50 }, (_, i) => `  - "**/t${i}/**"\n`).join("")}`, 44, 5, /`exclude` holds too many patterns with several wildcards/);
    rejects(`secrets:\n  allow:\n    paths: ["${"*a".repeat(40)}"]\n`, 3, 13, /`secrets\.allow\.paths` holds a pattern with too many wildcards/);
    rejects(`exceptions:\n  - rule: repo/license\n    path: "${"**/".repeat(20)}x"\n    reason: r\n    expires: 2030-01-01\n`, 2, 5, /`exceptions\[\]\.path` holds a pattern with too many wildcards/);
    // What policies write stays fine: one wildcard is free, a few folders with `**` are cheap.
    const ok = parse(`exclude:\n${Array.from({ length: 500 }, (_, i) => `  - "vendor${i}/**"\n`).join("")}${Array.from({ length: 38 }, (_, i) => `  - "**/t${i}/**"\n`).join("")}  - "{src,lib}/**/*.{min.js,map}"\n`);
    assert.equal(ok.exclude.length, 539);
  });

  it("rejects an unknown top-level key where it is", () => {
    rejects("version: 1\nfial:\n  severity: high\n", 2, 1, /unknown key `fial`/);
  });

  it("lists every key it accepts when a section is not a mapping", () => {
    rejects("just a string\n", 1, 1, /\(version, fail, rules, exclude, exceptions, baseline, vex, secrets, persona\)/);
    rejects("version: 1\nfail: [1, 2]\n", 2, 7, /`fail` must be a mapping \(severity, score, checks, incomplete, dependencies, malicious\)/);
  });

  it("reads a rule named with `on`, `true` or nothing as asked for at its defaults, and `persona:`", () => {
    for (const v of ["on", "true", ""]) {
      const p = parsePolicy(`rules:\n  workflows/concurrency-limits: ${v}\n`, "assay.yml", RULES.map((r) => r.meta), CHECKS);
      assert.deepEqual(p.rules["workflows/concurrency-limits"], { off: false, options: {} }, v);
    }
    assert.equal(parsePolicy("persona: auditor\n", "assay.yml", RULES.map((r) => r.meta), CHECKS).persona, "auditor");
    rejects("rules:\n  workflows/concurrency-limits: yes\n", 2, 33, /must be `on`, `off`, a severity, or a mapping/);
  });

  it("rejects an unknown rule id where it is", () => {
    rejects("rules:\n  repo/no-such-rule: off\n", 2, 3, /unknown rule `repo\/no-such-rule`/);
  });

  it("says what is wrong in the file's own words: two documents, an error at the very end, a parser limit", () => {
    rejects("---\n---\n", 2, 1, /^malformed YAML: more than one YAML document \(a `---` line starts another\): one is expected here$/);
    rejects("version: 1\nfail: [a,\n", 2, 10, /^malformed YAML: /);
    const bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + ["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdef"[i]}`).join(",")}]`).join("\n") + "\n";
    assert.throws(() => parse(bomb), (e: unknown) => e instanceof AssayError && /alias bomb/.test(e.message) && !/malformed|fix the YAML syntax/.test(e.format()) && /without anchors and aliases/.test(e.hint ?? ""));
    // Deep nesting is no alias problem: the hint says what a policy looks like instead.
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    assert.throws(() => parse(deep), (e: unknown) => e instanceof AssayError && /nested more than/.test(e.message) && /nest a few levels deep/.test(e.hint ?? "") && !/aliases/.test(e.hint ?? ""));
  });

  it("rejects a bad severity, score and check", () => {
    rejects("fail:\n  severity: severe\n", 2, 13, /fail.severity/);
    rejects("fail:\n  score: 11\n", 2, 10, /from 0 to 10/);
    rejects("fail:\n  score: .nan\n", 2, 10, /from 0 to 10/);
    rejects("fail:\n  score: .inf\n", 2, 10, /from 0 to 10/);
    rejects("fail:\n  checks: [Nope]\n", 2, 12, /unknown check `Nope`/);
  });

  it("requires reason and expiry on exceptions", () => {
    rejects("exceptions:\n  - rule: repo/security-policy\n    expires: 2027-01-01\n", 2, 5, /missing `reason`/);
    rejects("exceptions:\n  - rule: repo/security-policy\n    reason: x\n", 2, 5, /missing `expires`/);
    rejects("exceptions:\n  - rule: repo/security-policy\n    reason: x\n    expires: next year\n", 4, 14, /must be a date/);
  });

  it("rejects unknown rule options", () => {
    rejects("rules:\n  repo/security-policy:\n    options:\n      nope: 1\n", 4, 7, /unknown option `nope`/);
  });

  it("refuses alias bombs", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    assert.throws(() => parse(bomb), (e: unknown) => e instanceof AssayError && e.code === "POLICY_INVALID");
  });
});

describe("policy file bounds", () => {
  it("rejects duplicate keys where the second one is", () => {
    rejects("fail:\n  severity: high\nrules:\n  repo/sast: off\n  repo/sast: low\n", 5, 3, /duplicate key `repo\/sast`/);
    rejects("version: 1\nversion: 1\n", 2, 1, /duplicate key `version`/);
  });
});
