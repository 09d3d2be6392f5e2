import assert from "node:assert/strict";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/binary-artifacts.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpDir, tmpRepo } from "../../helpers/tmp-repo.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

const ELF = bytes([0x7f], "ELF", [2, 1, 1, 0], zeros(56));
const MACHO_64 = bytes([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0, 0, 0x01], zeros(24));
const MACHO_FAT = bytes([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2], zeros(40));
const JAVA_CLASS = bytes([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61], zeros(16));
const WASM = bytes([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const PYC = bytes([0xcb, 0x0d, 0x0d, 0x0a], zeros(12), [0xe3], zeros(15));
const ZIP = bytes("PK", [3, 4, 20, 0], zeros(24), "META-INF/MANIFEST.MF");
const PNG = bytes([0x89], "PNG\r\n", [0x1a, 0x0a], zeros(8), "IHDR", zeros(13));

async function found(files: Record<string, string | Uint8Array>): Promise<[string, unknown, unknown][]> {
  const { findings } = await runRule(rule, tmpDir(files));
  return findings.map((f) => [f.locations[0]?.path ?? "", f.evidence["kind"], f.evidence["detectedBy"]]);
}

describe("repo/binary-artifacts", () => {
  it("reports one finding per file, located at the path, keyed by it", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.deepEqual(
      findings.map((f) => ({ message: f.message, locations: f.locations, evidence: f.evidence, severity: f.severity })),
      [
        { message: "build/Helper.class is a checked-in Java class file", locations: [{ path: "build/Helper.class" }], evidence: { kind: "Java class file", detectedBy: "content" }, severity: "high" },
        { message: "tools/fmt.exe is a checked-in Windows (PE) executable or library", locations: [{ path: "tools/fmt.exe" }], evidence: { kind: "Windows (PE) executable or library", detectedBy: "content" }, severity: "high" },
      ],
    );
  });

  it("recognises Android optimised DEX (ODEX) bytecode by its content, as Scorecard's `dey` type", async () => {
    const odex = bytes("dey\n036", [0], zeros(32));
    assert.deepEqual(await found({ "app/classes.odex": odex, "app/x.dey": odex, "notes/dey.txt": "dey\nnot bytecode\n" }), [
      ["app/classes.odex", "Android optimised DEX bytecode", "content"],
      ["app/x.dey", "Android optimised DEX bytecode", "content"],
    ]);
  });

  it("recognises executables by their content, whatever their name", async () => {
    assert.deepEqual(
      await found({ "bin/tool": ELF, "lib/libz.so.1.3.1": ELF, "bin/mac-tool": MACHO_64, "bin/universal": MACHO_FAT, "classes/A.class": JAVA_CLASS, "web/app.wasm": WASM, "build/x.data": WASM, "legacy/m.cpython-312.pyc": PYC }),
      [
        ["bin/mac-tool", "Mach-O executable or library", "content"],
        ["bin/tool", "ELF executable or library", "content"],
        ["bin/universal", "Mach-O universal binary", "content"],
        ["build/x.data", "WebAssembly module", "content"],
        ["classes/A.class", "Java class file", "content"],
        ["legacy/m.cpython-312.pyc", "Python bytecode", "content"],
        ["lib/libz.so.1.3.1", "ELF executable or library", "content"],
        ["web/app.wasm", "WebAssembly module", "content"],
      ],
    );
  });

  it("takes a point off only for the files Scorecard counts, and reports the others without lowering the score", async () => {
    const AR = bytes("!<arch>\n", zeros(56));
    const { findings, assessment } = await runRule(rule, tmpDir({ "bin/tool": ELF, "lib/libfoo.dylib": MACHO_64, "bin/mac-tool": MACHO_64, "web/app.wasm": WASM, "lib/libz.a": AR, "classes/A.CLASS": JAVA_CLASS }));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.impact ?? null]), [
      ["bin/mac-tool", "none"],
      ["bin/tool", null],
      ["classes/A.CLASS", "none"],
      ["lib/libfoo.dylib", null],
      ["lib/libz.a", "none"],
      ["web/app.wasm", "none"],
    ]);
    assert.match(findings[0]?.message ?? "", /^bin\/mac-tool is a checked-in Mach-O executable or library \(Scorecard does not count it, so it takes nothing off the score\)$/);
    assert.equal(assessment.checks.find((c) => c.id === "Binary-Artifacts")?.score, 8, "10 less one point for each of the two files Scorecard counts");
  });

  it("recognises binary extensions only when the content is not text", async () => {
    assert.deepEqual(
      await found({
        "libs/guava.jar": ZIP,
        "dist/x-1.0-py3-none-any.whl": ZIP,
        "notes.o": "just some notes, not an object file\n",
        "templates/main.lib": "[library]\nname = main\n",
        "empty.exe": "",
      }),
      [
        ["dist/x-1.0-py3-none-any.whl", "Python wheel", "name"],
        ["libs/guava.jar", "Java archive", "name"],
      ],
    );
  });

  it("does not mistake text, images or archives for executables", async () => {
    const mzText = `MZ-800 emulator notes\n${"The MZ-800 was a Sharp home computer. ".repeat(4)}\n`;
    assert.deepEqual(
      await found({
        MZ_NOTES: mzText,
        "docs/logo.png": PNG,
        "assets/data.zip": ZIP,
        "hi.txt": "hi\r\nthere\r\n",
        "README.md": "# project\n",
        "scripts/build": "#!/bin/sh\nmake\n",
        "CODE.bin": "\x01\x02 firmware blob that is not executable",
      }),
      [],
    );
  });

  it("sniffs files with the executable bit whatever their extension", async () => {
    const dir = tmpRepo({ "run.sh": ELF, "ok.sh": "#!/bin/sh\necho ok\n" });
    chmodSync(join(dir, "run.sh"), 0o755);
    chmodSync(join(dir, "ok.sh"), 0o755);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "exec bits");
    const { findings } = await runRule(rule, dir);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["kind"]]), [["run.sh", "ELF executable or library"]]);
  });

  it("reports an unvalidated Gradle wrapper at low severity and a validated one not at all", async () => {
    const wrapper = { "gradle/wrapper/gradle-wrapper.jar": ZIP, "gradlew": "#!/bin/sh\n" };
    const { findings } = await runRule(rule, tmpDir(wrapper));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "gradle/wrapper/gradle-wrapper.jar is the Gradle wrapper JAR and no workflow validates its checksum (gradle/actions/wrapper-validation)");
    assert.equal(findings[0]?.severity, "low");
    for (const action of ["gradle/actions/wrapper-validation@v4", "gradle/wrapper-validation-action@v3", "gradle/actions/setup-gradle@v4"]) {
      const workflow = `on: push\njobs:\n  v:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ${action}\n`;
      assert.deepEqual((await runRule(rule, tmpDir({ ...wrapper, ".github/workflows/gradle.yml": workflow }))).findings, [], action);
    }
  });

  it("counts setup-gradle as validating the wrapper from v4 on, or in v3 when told to, and not when told not to", async () => {
    const wrapper = { "gradle/wrapper/gradle-wrapper.jar": ZIP, "gradlew": "#!/bin/sh\n" };
    const step = (uses: string, validate?: string) =>
      `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n${validate === undefined ? "" : `        with:\n          validate-wrappers: ${validate}\n`}`;
    const cases: [string, string | undefined, number][] = [
      ["gradle/actions/setup-gradle@v4", undefined, 0],
      ["gradle/actions/setup-gradle@ac638b010cf58a27ee6c972d7336334ccaf61c96 # v4.4.1", undefined, 0],
      ["gradle/actions/setup-gradle@ac638b010cf58a27ee6c972d7336334ccaf61c96", undefined, 0],
      ["gradle/actions/setup-gradle@v3", undefined, 1],
      ["gradle/actions/setup-gradle@v3.5.0", undefined, 1],
      ["gradle/actions/setup-gradle@db19848a5fa7950289d3668fb053140cf3028d43 # v3.3.2", undefined, 1],
      ["gradle/actions/setup-gradle@v3", "true", 0],
      ["gradle/actions/setup-gradle@v4", "false", 1],
    ];
    for (const [uses, validate, count] of cases) {
      const { findings } = await runRule(rule, tmpDir({ ...wrapper, ".github/workflows/build.yml": step(uses, validate) }));
      assert.equal(findings.length, count, `${uses} validate-wrappers=${validate}`);
    }
  });

  it("finds the one binary among thousands of text files and scripts", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) files[`src/m${i % 100}/f${i}.ts`] = "export const x = 1;\n";
    for (let i = 0; i < 500; i++) files[`bin/script${i}`] = "#!/bin/sh\necho\n";
    files["bin/real"] = Buffer.from(ELF).toString("latin1");
    const dir = tmpDir(files);
    const { findings } = await runRule(rule, dir);
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["bin/real"]);
  });
});
