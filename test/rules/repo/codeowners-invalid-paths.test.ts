import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileEntry } from "../../../src/core/files.js";
import { compilePattern, PathIndex } from "../../../src/rules/repo/lib/codeowners-glob.js";
import { isValidOwner, parseCodeowners } from "../../../src/rules/repo/lib/codeowners-file.js";
import { rule } from "../../../src/rules/repo/codeowners-invalid-paths.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const entries = (paths: string[]): FileEntry[] => paths.map((path) => ({ path, kind: "file", executable: false }));

describe("CODEOWNERS pattern matching", () => {
  const index = new PathIndex(entries([
    "README.md", "src/index.js", "src/core/a.js", "src/core/test/a.test.js", "docs/guide/intro.md",
    "packages/apps/web/main.ts", "build/logs/out.txt", "path with spaces/file.txt", "#notes.md", "Makefile",
  ]));
  const cases: [string, boolean][] = [
    ["*", true], ["**", true], ["/", true], ["*.md", true], ["*.rs", false], ["README.md", true], ["/README.md", true],
    ["/src/", true], ["src/", true], ["/SRC/", false], ["/src/legacy/", false], ["src/core", true], ["/src/core/a.js", true],
    ["docs/*", false], ["docs/guide/*", true], ["/docs/**", true], ["docs/**/*.md", true], ["/docs/**/*.js", false],
    ["apps/", true], ["/apps/", false], ["**/logs", true], ["build/logs/", true], ["src/**/test/*.js", true], ["src/*/test/", true],
    ["Makefile/", false], ["/src/index.js/", false], ["path with spaces/", true], ["#notes.md", true], ["src/?ore/", true],
    ["src/co*/", true], ["*.[jt]s", true], ["*.[!jt]s", false],
  ];
  for (const [pattern, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "matches nothing"}`, () => assert.equal(index.matchesAny(compilePattern(pattern)), expected));
  }

  it("does not judge paths inside a submodule, whose files are not listed", () => {
    const idx = new PathIndex([{ path: "vendor/lib", kind: "submodule", executable: false }, { path: "a.js", kind: "file", executable: false }]);
    assert.equal(idx.matchesAny(compilePattern("/vendor/lib/src/")), true);
    assert.equal(idx.matchesAny(compilePattern("/vendor/lib/")), true);
    assert.equal(idx.matchesAny(compilePattern("/vendor/other/")), false);
  });

  // How fast this is (50,000 files, 500 patterns) is measured in bench/hostile.bench.ts, never timed here.
  it("checks hundreds of patterns against 50,000 files", () => {
    const paths: string[] = [];
    for (let i = 0; i < 50_000; i++) paths.push(`pkg${i % 200}/src/module${i % 37}/deep/file${i}.${i % 3 === 0 ? "ts" : "js"}`);
    const big = new PathIndex(entries(paths));
    let hits = 0;
    for (let i = 0; i < 500; i++) {
      const pattern = [`/pkg${i}/`, `*.rs${i}`, `**/module${i}/**/*.ts`, `pkg${i % 250}/src/*/deep/file*9.js`, `/missing${i}/**`][i % 5] as string;
      if (big.matchesAny(compilePattern(pattern))) hits++;
    }
    assert.ok(hits > 0);
  });

  it("does not backtrack on hostile wildcards", () => {
    const idx = new PathIndex(entries([`${"a".repeat(200)}/${"a".repeat(250)}`]));
    assert.equal(idx.matchesAny(compilePattern(`${"*a".repeat(5000)}b`)), false);
    assert.equal(idx.matchesAny(compilePattern(`/${"**/a/".repeat(2000)}b`)), false);
  });
});

describe("CODEOWNERS parsing", () => {
  it("reads escapes, trailing comments and GitLab sections", () => {
    const { entries: e, sections } = parseCodeowners("\\#file @a\npath\\ with\\ space/ @b # the b team\n^[Docs][2] @docs\n*.md\n");
    assert.deepEqual(e.map((x) => [x.pattern.text, x.owners.map((o) => o.text), x.sectionHasOwners]), [["#file", ["@a"], false], ["path with space/", ["@b"], false], ["*.md", [], true]]);
    assert.deepEqual(sections.map((s) => [s.name, s.line, s.owners.map((o) => o.text)]), [["Docs", 3, ["@docs"]]]);
  });

  it("knows valid owners", () => {
    for (const o of ["@alice", "@octo-org/core-team", "@group/sub/subsub", "alice@widgetco.dev", "@@maintainer", "@octocat_acme"]) assert.ok(isValidOwner(o), o);
    for (const o of ["alice", "@", "@org/", "@alice,", "<alice@widgetco.dev>", "@@nobody", "@a b"]) assert.ok(!isValidOwner(o), o);
  });
});

describe("repo/codeowners-invalid-paths", () => {
  it("reports each bad line at its pattern", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.locations, f.evidence]), [
      ['.github/CODEOWNERS line 5: pattern "/src/legacy/" matches no file in the repository', [{ path: ".github/CODEOWNERS", startLine: 5, startColumn: 1, endLine: 5, endColumn: 12 }], { pattern: "/src/legacy/", problems: ["no-match"] }],
      ['.github/CODEOWNERS line 6: owner "docs-team" is not a @user, @org/team or email address', [{ path: ".github/CODEOWNERS", startLine: 6, startColumn: 1, endLine: 6, endColumn: 4 }], { pattern: "*.md", problems: ["invalid-owner"], invalidOwners: ["docs-team"] }],
    ]);
  });

  it("combines problems of one line into one finding, at the pattern's column", async () => {
    const { findings } = await run({ CODEOWNERS: "  /old/   bob @org/ @ok\n", "src/a.js": "" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, 'CODEOWNERS line 1: pattern "/old/" matches no file in the repository, and owners "bob", "@org/" are not a @user, @org/team or email address');
    assert.deepEqual(findings[0]!.locations, [{ path: "CODEOWNERS", startLine: 1, startColumn: 3, endLine: 1, endColumn: 7 }]);
    assert.deepEqual(findings[0]!.evidence, { pattern: "/old/", problems: ["no-match", "invalid-owner"], invalidOwners: ["bob", "@org/"] });
  });

  it("accepts lines without owners, which un-assign ownership", async () => {
    const { findings } = await run({ CODEOWNERS: "* @org/all\n/src/generated/\n", "src/generated/x.js": "" });
    assert.deepEqual(findings, []);
  });

  it("reports GitHub-unsupported syntax in a GitHub CODEOWNERS", async () => {
    const { findings } = await run({ ".github/CODEOWNERS": "!*.md @a\nsrc/*.[ch] @b\n", "src/a.c": "", "x.md": "" });
    assert.deepEqual(findings.map((f) => f.evidence["problems"]), [["unsupported-syntax"], ["unsupported-syntax"]]);
    assert.match(findings[0]!.message, /GitHub does not support negated patterns like "!\*\.md"/);
    assert.match(findings[1]!.message, /GitHub does not support \[ \] character ranges like "src\/\*\.\[ch\]"/);
  });

  it("reads GitLab sections, roles, nested groups, exclusions and ranges", async () => {
    const text = "[Docs] @widgetco/docs\n*.md\n\n^[Backend][2] @@maintainer\nsrc/*.[ch] @widgetco/backend/core\n!src/gen.c\n[Broken] not-an-owner\n";
    const { findings } = await run({ ".gitlab/CODEOWNERS": text, "src/a.c": "", "src/gen.c": "", "README.md": "" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, '.gitlab/CODEOWNERS line 7: owner "not-an-owner" is not a @user, @org/team or email address');
    assert.deepEqual(findings[0]!.locations, [{ path: ".gitlab/CODEOWNERS", startLine: 7, startColumn: 1 }]);
  });

  it("says when a line starts with an owner instead of a pattern", async () => {
    const { findings } = await run({ CODEOWNERS: "@alice\n" });
    assert.equal(findings[0]!.message, 'CODEOWNERS line 1: "@alice" is an owner where a path pattern should be');
  });

  it("passes an empty CODEOWNERS (repo/codeowners reports it)", async () => {
    const { findings, outcome } = await run({ CODEOWNERS: "", "a.js": "" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("does not apply without CODEOWNERS", async () => {
    assert.equal((await run({ "a.js": "" })).outcome, "not-applicable");
  });

  it("survives a huge line and keeps its message short", async () => {
    const huge = `/${"a*".repeat(150_000)}/ @a ${"x".repeat(100_000)}\n`;
    const { findings } = await run({ CODEOWNERS: huge, "a/b.js": "" });
    assert.equal(findings.length, 1);
    assert.ok(findings[0]!.message.length < 400);
    assert.ok((findings[0]!.snippet ?? "").length <= 200);
  });

  it("accepts patterns for paths the policy excludes from scanning: they still exist", async () => {
    const policy = { ...defaultPolicy(), exclude: ["vendor/**"] };
    const dir = tmpDir({ ".github/CODEOWNERS": "* @org/team\n/vendor/ @org/deps\n", "vendor/lib/a.js": "x", "src/a.js": "x" });
    const { findings, outcome } = await runRule(rule, dir, policy);
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.equal(outcome, "pass");
  });
});
