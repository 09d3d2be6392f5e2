import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countsTowardsLanguages, languageOf, languageOfShebang, mayHaveShebang } from "../../src/ecosystems/languages.js";

describe("languages", () => {
  it("names a script's language by its #! line, through env and its options, with the interpreter's version dropped", () => {
    const cases: [string, string | undefined][] = [
      ["#!/usr/bin/env bash\nset -e\n", "Shell"],
      ["#!/bin/sh -e\n", "Shell"],
      ["#! /bin/zsh\n", "Shell"],
      ["#!/usr/bin/env python3\n", "Python"],
      ["#!/usr/local/bin/python3.12\n", "Python"],
      ["#!/usr/bin/env -S deno run --allow-read\n", "TypeScript"],
      ["#!/usr/bin/env NODE_OPTIONS=--no-warnings node\n", "JavaScript"],
      ["#!/usr/bin/env ruby\r\n", "Ruby"],
      ["#!/usr/bin/env bats\n", "Shell"],
      ["#!/usr/bin/env something-else\n", undefined],
      ["#!/usr/bin/env\n", undefined],
      ["# a comment\n#!/bin/sh\n", undefined],
      ["", undefined],
    ];
    assert.deepEqual(cases.map(([head]) => languageOfShebang(head)), cases.map(([, lang]) => lang));
  });

  it("counts .bats tests and other shells by extension", () => {
    assert.deepEqual(["test/pyenv.bats", "lib/x.ksh", "completions/pyenv.fish"].map(languageOf), ["Shell", "Shell", "fish"]);
  });

  it("leaves out what linguist leaves out (documentation, vendored and generated files) and counts tests", () => {
    const counted = [".github/scripts/a.py", "src/a.py", "test/a.py", "tests/unit/a.py", "src/examples/a.py", "lib/docs.py"];
    const left = [".venv/lib/a.py", "docs/conf.py", "doc/a.c", "examples/a.go", "man/a.sh", "vendor/x/a.go", "third_party/a.c", "a/node_modules/b/c.js", "test/fixtures/a.py", "web/app.min.js", "types/index.d.ts", "api/x.pb.go", "gradlew", "mvnw", "server/mvnw", "src/Documentation/a.c"];
    assert.deepEqual(counted.filter((p) => !countsTowardsLanguages(p)), []);
    assert.deepEqual(left.filter((p) => countsTowardsLanguages(p)), []);
  });

  it("reads the #! line only of extensionless files that are executable or kept in a bin or libexec folder", () => {
    const f = (path: string, executable = false) => ({ path, kind: "file" as const, executable });
    assert.deepEqual(
      [f("libexec/pyenv-exec", true), f("tools/release", true), f("plugins/x/bin/run"), f("libexec/pyenv-init"), f("README"), f("Makefile", true), f("run.sh", true), f("LICENSE")].map(mayHaveShebang),
      [true, true, true, true, false, false, false, false],
    );
    assert.equal(mayHaveShebang({ path: "bin/pyenv", kind: "symlink", executable: false }), false);
  });
});
