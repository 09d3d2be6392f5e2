import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/fuzzing.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const GO_TEST = 'package p\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n';

async function outcome(files: Record<string, string>): Promise<string> {
  return (await runRule(rule, tmpDir(files))).outcome;
}

describe("repo/fuzzing", () => {
  it("reports a repository-level finding that mentions OSS-Fuzz", async () => {
    const { findings, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(o, "fail");
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /^no fuzzing found: .*OSS-Fuzz integration kept in google\/oss-fuzz cannot be seen offline$/);
    assert.deepEqual(findings[0]?.locations, []);
    assert.deepEqual(findings[0]?.evidence, { manifestsSearched: 0, sourceFilesSearched: 1, searchCapped: false });
    assert.equal(findings[0]?.confidence, "medium");
  });

  it("fails, at info, a repository without source code a fuzzer could fuzz, as Scorecard scores Fuzzing 0 for every project it finds no fuzzer in", async () => {
    for (const files of <Record<string, string>[]>[{ "README.md": "# docs\n", "guide/intro.md": "hello\n", "config.yaml": "a: 1\n" }, { "libexec/tool": "#!/usr/bin/env bash\necho hi\n", "test/tool.bats": "@test x { true; }\n" }]) {
      const { outcome: o, findings, assessment } = await runRule(rule, tmpDir(files));
      assert.equal(o, "fail");
      assert.deepEqual(findings.map((f) => f.severity), ["info"]);
      assert.match(findings[0]?.message ?? "", /^no fuzzing found, and no source code in a language with a fuzzer Scorecard looks for/);
      assert.equal(assessment.checks.find((c) => c.id === "Fuzzing")?.score, 0);
    }
  });

  for (const [name, files] of [
    ["Go native fuzz tests", { "p/p_test.go": `${GO_TEST}\nfunc FuzzDecode(f *testing.F) {\n\tf.Fuzz(func(t *testing.T, b []byte) {})\n}\n` }],
    ["a Go fuzz corpus", { "p/p.go": "package p\n", "p/testdata/fuzz/FuzzDecode/5f2c": "go test fuzz v1\n[]byte(\"x\")\n" }],
    ["ClusterFuzzLite", { "src/x.c": "int x;\n", ".clusterfuzzlite/Dockerfile": "FROM gcr.io/oss-fuzz-base/base-builder\nCOPY . $SRC/x\n" }],
    ["a fuzzing repository's reusable workflow (as curl calls curl-fuzzer's)", { "lib/url.c": "int x;\n", ".github/workflows/fuzz.yml": "on: [pull_request]\njobs:\n  Fuzzing:\n    uses: widgetco/widget-fuzzer/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\n" }],
    ["a reusable workflow named for fuzzing", { "lib/url.c": "int x;\n", ".github/workflows/fuzz.yml": "on: push\njobs:\n  fuzz:\n    uses: widgetco/shared-ci/.github/workflows/cifuzz-nightly.yml@v2\n" }],
    ["a CIFuzz workflow (OSS-Fuzz)", { "src/x.c": "int x;\n", ".github/workflows/cifuzz.yml": "on: [pull_request]\njobs:\n  fuzz:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: google/oss-fuzz/infra/cifuzz/actions/build_fuzzers@master\n        with:\n          oss-fuzz-project-name: x\n" }],
    ["a libFuzzer target in C++", { "src/x.cc": "int x;\n", "fuzz/parse_fuzzer.cc": 'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {\n  return 0;\n}\n' }],
    ["cargo-fuzz", { "src/lib.rs": "pub fn f() {}\n", "fuzz/Cargo.toml": '[package]\nname = "x-fuzz"\n\n[dependencies]\nlibfuzzer-sys = "0.4"\n' }],
    ["cargo-fuzz targets", { "src/lib.rs": "pub fn f() {}\n", "fuzz/fuzz_targets/parse.rs": "#![no_main]\n" }],
    ["a cargo-fuzz target in a crate of its own name (libfuzzer_sys in the source)", { "src/lib.rs": "pub fn f() {}\n", "fuzzing/src/bin/parse.rs": "#![no_main]\nuse libfuzzer_sys::fuzz_target;\n\nfuzz_target!(|data: &[u8]| {});\n" }],
    ["fast-check required by a test of a workspace package", { "package.json": JSON.stringify({ private: true }), "packages/a/package.json": JSON.stringify({ name: "a" }), "packages/a/index.js": "module.exports = 1;\n", "packages/a/test/prop.test.js": "const fc = require('fast-check');\n" }],
    ["@fast-check/vitest imported by a .test.ts file", { "src/a.ts": "export const a = 1;\n", "src/a.test.ts": "import { test, fc } from '@fast-check/vitest';\n", "package.json": JSON.stringify({ devDependencies: { vitest: "^2.0.0" } }) }],
    ["fast-check in package.json", { "src/a.ts": "export const a = 1;\n", "package.json": JSON.stringify({ devDependencies: { "fast-check": "^3.0.0", vitest: "^2.0.0" } }) }],
    ["Jazzer.js in package.json", { "src/a.js": "module.exports = 1;\n", "package.json": JSON.stringify({ devDependencies: { "@jazzer.js/core": "^2.1.0" } }) }],
    ["Atheris in Python", { "pkg/a.py": "x = 1\n", "fuzz/fuzz_parse.py": "import sys\nimport atheris\n\nwith atheris.instrument_imports():\n    import pkg\n" }],
    ["Jazzer in Java", { "src/main/java/A.java": "class A {}\n", "src/test/java/AFuzzer.java": "import com.code_intelligence.jazzer.api.FuzzedDataProvider;\nclass AFuzzer {}\n" }],
    ["QuickCheck in a .cabal file", { "src/A.hs": "module A where\n", "a.cabal": "test-suite spec\n  build-depends: base, QuickCheck >= 2.14\n" }],
    ["QuickCheck imported in Haskell", { "test/Spec.hs": "import Test.QuickCheck\nmain = quickCheck True\n" }],
    ["Bazel rules_fuzzing", { "src/a.cc": "int a;\n", "fuzz/BUILD.bazel": 'cc_fuzz_test(\n    name = "a_fuzz",\n    srcs = ["a_fuzz.cc"],\n)\n' }],
  ] as const) {
    it(`passes with ${name}`, async () => {
      assert.equal(await outcome(files), "pass");
    });
  }

  it("counts an OSS-Fuzz project the README links (its build badge or its google/oss-fuzz folder), not other mentions", async () => {
    const badge = "# widget\n\n[![Fuzzing Status](https://oss-fuzz-build-logs.storage.googleapis.com/badges/widget.svg)](https://issues.oss-fuzz.com/issues?q=proj:widget)\n";
    const { outcome: o, assessment } = await runRule(rule, tmpDir({ "src/x.c": "int x;\n", "README.md": badge }));
    assert.equal(o, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "the project is fuzzed in OSS-Fuzz: README.md links its OSS-Fuzz project (oss-fuzz-build-logs.storage.googleapis.com/badges/widget.svg)");
    assert.deepEqual(assessment.rules[0]?.evidence?.[0]?.locations, [{ path: "README.md", startLine: 3 }]);
    assert.equal(await outcome({ "src/x.c": "int x;\n", "docs/README.md": "Fuzzers: https://github.com/google/oss-fuzz/tree/master/projects/widget\n" }), "pass");
    assert.equal(await outcome({ "src/x.c": "int x;\n", "README.md": "We would like to apply to OSS-Fuzz (https://github.com/google/oss-fuzz) one day.\n" }), "fail");
  });

  it("counts the README linking the project's OSS-Fuzz bug list or Fuzz Introspector profile, not the tracker alone", async () => {
    const c = { "src/x.c": "int x;\n" };
    for (const readme of [
      "[![OSS-Fuzz](https://img.shields.io/badge/oss--fuzz-fuzzing-brightgreen)](https://bugs.chromium.org/p/oss-fuzz/issues/list?sort=-opened&can=1&q=proj:widget)\n",
      "Fuzzing bugs: https://issues.oss-fuzz.com/issues?q=proj:widget%20status:open\n",
      "Coverage: <https://introspector.oss-fuzz.com/project-profile?project=widget>\n",
    ]) {
      assert.equal(await outcome({ ...c, "README.md": readme }), "pass", readme);
    }
    assert.equal(await outcome({ ...c, "README.md": "Report crashes like OSS-Fuzz does: https://bugs.chromium.org/p/oss-fuzz/issues/list\n" }), "fail");
    assert.equal(await outcome({ ...c, "README.md": "See https://introspector.oss-fuzz.com/ for what it is.\n" }), "fail");
  });

  it("names the file whose path shows fuzzing, not OSS-Fuzz or ClusterFuzzLite files it did not find", async () => {
    const evidence = async (files: Record<string, string>) => (await runRule(rule, tmpDir(files))).assessment.rules[0]?.evidence?.[0];
    assert.deepEqual(await evidence({ "src/main.rs": "fn main() {}\n", "fuzz/fuzz_targets/parse.rs": "#![no_main]\n" }), {
      message: "fuzzing is set up: fuzz/fuzz_targets/parse.rs is a cargo-fuzz target",
      locations: [{ path: "fuzz/fuzz_targets/parse.rs" }],
    });
    assert.equal((await evidence({ "p.go": "package p\n", "testdata/fuzz/FuzzParse/1a2b": "go test fuzz v1\n[]byte(\"x\")\n" }))?.message, "fuzzing is set up: testdata/fuzz/FuzzParse/1a2b is a Go fuzz test's seed corpus");
  });

  it("needs a ClusterFuzzLite Dockerfile with commands, as ClusterFuzzLite builds from it and Scorecard asks for it", async () => {
    assert.equal(await outcome({ "src/x.c": "int x;\n", ".clusterfuzzlite/project.yaml": "language: c\n", ".clusterfuzzlite/build.sh": "#!/bin/bash\n" }), "fail");
    assert.equal(await outcome({ "src/x.c": "int x;\n", ".clusterfuzzlite/Dockerfile": "# TODO: set up ClusterFuzzLite\n\n" }), "fail");
  });

  it("does not count look-alikes", async () => {
    assert.equal(await outcome({ "p/p_test.go": `${GO_TEST}\n// FuzzDecode(f *testing.F) would go here\nfunc FuzzHelper(t *testing.T) {}\n` }), "fail");
    assert.equal(await outcome({ "a.py": "# we should try atheris some day\nprint('atheris')\n" }), "fail");
    assert.equal(await outcome({ "src/a.ts": "export const a = 1;\n", "package.json": JSON.stringify({ description: "a fast-check alternative", dependencies: {} }) }), "fail");
    assert.equal(await outcome({ "src/lib.rs": "// use libfuzzer_sys::fuzz_target; once we fuzz\npub fn f() {}\n", "tests/a.rs": "// see libfuzzer_sys docs\n" }), "fail");
    assert.equal(await outcome({ "src/a.test.ts": "// we could import from 'fast-check' later\nexport const a = 1;\n" }), "fail");
  });

  it("names the fuzzing workflow another repository keeps, at the job that calls it, and not other reusable workflows", async () => {
    const call = (uses: string) => ({ "lib/url.c": "int x;\n", ".github/workflows/ci.yml": `on: [push, pull_request]\njobs:\n  call:\n    uses: ${uses}\n` });
    const { assessment } = await runRule(rule, tmpDir(call("widgetco/widget-fuzzer/.github/workflows/ci.yml@v1")));
    assert.deepEqual(assessment.rules.find((r) => r.id === rule.meta.id)?.evidence?.[0], {
      message: "a workflow runs the reusable fuzzing workflow widgetco/widget-fuzzer/.github/workflows/ci.yml@v1",
      locations: [{ path: ".github/workflows/ci.yml", startLine: 4, startColumn: 11 }],
    });
    assert.equal(await outcome(call("widgetco/shared-ci/.github/workflows/test.yml@v2")), "fail");
    assert.equal(await outcome(call("./.github/workflows/fuzz.yml")), "fail");
  });

  it("ignores fuzzers in vendored code", async () => {
    assert.equal(
      await outcome({
        "main.go": "package main\n",
        "vendor/golang.org/x/net/html/fuzz_test.go": `${GO_TEST}\nfunc FuzzParse(f *testing.F) {}\n`,
        "node_modules/x/package.json": JSON.stringify({ dependencies: { "fast-check": "3" } }),
        "third_party/zlib/fuzz/inflate_fuzzer.c": "int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }\n",
      }),
      "fail",
    );
  });

  it("reads fuzz-named files first and stops at the first fuzz target", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`pkg${i % 50}/f${i}_test.go`] = GO_TEST;
    files["zz/fuzz_test.go"] = `${GO_TEST}\nfunc FuzzLast(f *testing.F) {}\n`;
    assert.equal(await outcome(files), "pass");
    delete files["zz/fuzz_test.go"];
    const { findings } = await runRule(rule, tmpDir(files));
    assert.equal(findings[0]?.evidence["sourceFilesSearched"], 3000);
  });
});

describe("repo/fuzzing: languages beyond Scorecard's built-in detectors", () => {
  it("reports a Ruby, PHP or C# project without fuzzing, as Scorecard scores it 0", async () => {
    const cases: Record<string, string>[] = [{ "lib/widget.rb": "class Widget; end\n" }, { "src/Widget.php": "<?php class Widget {}\n" }, { "src/Widget.cs": "class Widget {}\n" }];
    for (const files of cases) {
      assert.equal((await runRule(rule, tmpDir(files))).outcome, "fail", Object.keys(files)[0]);
    }
  });
  it("accepts ruzzy, php-fuzzer and SharpFuzz declared in the manifest", async () => {
    const cases: Record<string, string>[] = [
      { "lib/widget.rb": "class Widget; end\n", "Gemfile": "source \"https://rubygems.org\"\ngem 'ruzzy', group: :test\n" },
      { "src/Widget.php": "<?php\n", "composer.json": '{"require-dev": {"nikic/php-fuzzer": "^0.0.11"}}' },
      { "src/Widget.cs": "class W {}\n", "fuzz/Fuzz.csproj": '<Project><ItemGroup><PackageReference Include="SharpFuzz" Version="2.1.1" /></ItemGroup></Project>' },
    ];
    for (const files of cases) assert.equal((await runRule(rule, tmpDir(files))).outcome, "pass", Object.keys(files).join(","));
  });

  it("does not take a fuzz target quoted in a string literal or a comment for one", async () => {
    const { findings, outcome: o } = await runRule(rule, fixtureDir(rule.meta.id, "fuzz-target-in-string"));
    assert.equal(o, "fail");
    assert.equal(findings.length, 1);
    for (const [label, text] of [
      ["block comment", `${GO_TEST}\n/*\nfunc FuzzX(f *testing.F) {}\n*/\n`],
      ["interpreted string", `${GO_TEST}\nvar s = "func FuzzX(f *testing.F) {}"\n`],
    ]) {
      assert.equal(await outcome({ "x_test.go": text as string }), "fail", label);
    }
    assert.equal(await outcome({ "x_test.go": `${GO_TEST}\nvar s = "a \\" quote"\n\nfunc FuzzX(f *testing.F) {}\n` }), "pass", "a real target after an escaped quote");
    assert.equal(await outcome({ "fuzz.py": 'DOC = """\nimport atheris\n"""\n' }), "fail");
    assert.equal(await outcome({ "fuzz.c": '// int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)\nconst char *s = "LLVMFuzzerTestOneInput(";\n' }), "fail");
    assert.equal(await outcome({ "fuzz.cc": 'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return 0; }\n' }), "pass");
    assert.equal(await outcome({ "Fuzz.swift": '@_cdecl("LLVMFuzzerTestOneInput")\npublic func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt { 0 }\n' }), "pass");
  });
});
