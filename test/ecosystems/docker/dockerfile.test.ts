import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { expand, isDockerfilePath, parseDockerfile, type Dockerfile } from "../../../src/ecosystems/docker/dockerfile.js";
import { familiarName, parseImageRef, taggedName } from "../../../src/ecosystems/docker/image-ref.js";
import { makeTextFile } from "../../../src/core/text-file.js";

const parse = (text: string): Dockerfile => parseDockerfile(makeTextFile("Dockerfile", new TextEncoder().encode(text)));
const DIGEST = "sha256:" + "a".repeat(64);

describe("Dockerfile model", () => {
  it("reads instructions with exact spans, joining continuations and dropping comment lines inside them", () => {
    const text = "FROM alpine:3.19\n# a comment\nRUN apk add curl \\\n  # inside\n\n  && curl -fsSL https://x.example/i.sh | sh\nCMD [\"sh\"]\n";
    const f = parse(text);
    assert.deepEqual(f.instructions.map((i) => [i.keyword, i.span.line, i.span.endLine, i.form]), [
      ["FROM", 1, 1, "shell"],
      ["RUN", 3, 6, "shell"],
      ["CMD", 7, 7, "exec"],
    ]);
    const run = f.instructions[1]!;
    assert.equal(run.args, "apk add curl   && curl -fsSL https://x.example/i.sh | sh");
    const at = run.args.indexOf("curl -fsSL");
    const sp = run.argsSpan(at, at + 4);
    assert.deepEqual([sp.line, sp.column, sp.endLine, sp.endColumn], [6, 6, 6, 9]);
    assert.equal(text.slice(run.sourceOffset(at), run.sourceOffset(at) + 4), "curl");
    assert.deepEqual(f.instructions[2]!.exec?.map((e) => e.value), ["sh"]);
  });

  it("honours the escape directive (Windows images continue lines with a backtick)", () => {
    const f = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Invoke-WebRequest https://x -OutFile C:\\x.exe\n");
    assert.equal(f.escape, "`");
    assert.deepEqual(f.directives, { escape: "`" });
    assert.equal(f.instructions[1]!.args, "powershell -Command     Invoke-WebRequest https://x -OutFile C:\\x.exe");
    assert.equal(f.instructions[1]!.span.endLine, 4);
  });

  it("stops looking for directives after the first comment or instruction", () => {
    const f = parse("# hello\n# escape=`\nFROM a\n");
    assert.deepEqual(f.directives, {});
    assert.equal(f.escape, "\\");
  });

  it("reads heredocs (several on one line, <<- and quoted delimiters) and keeps their bodies' positions", () => {
    const text = "FROM debian:12\nRUN <<EOF\ncurl https://x | bash\nEOF\nCOPY <<-\"A\" /a <<B /b\n\tone\n\tA\ntwo\nB\nUSER app\n";
    const f = parse(text);
    assert.deepEqual(f.instructions.map((i) => i.keyword), ["FROM", "RUN", "COPY", "USER"]);
    const run = f.instructions[1]!;
    assert.equal(run.heredocs[0]!.body, "curl https://x | bash\n");
    assert.equal(text.slice(run.heredocs[0]!.bodyOffset, run.heredocs[0]!.bodyOffset + 4), "curl");
    assert.equal(run.span.endLine, 4);
    const copy = f.instructions[2]!;
    assert.deepEqual(copy.heredocs.map((h) => [h.delimiter, h.stripTabs, h.quoted, h.body]), [
      ["A", true, true, "\tone\n"],
      ["B", false, false, "two\n"],
    ]);
    assert.equal(f.instructions[3]!.span.line, 10);
  });

  it("reads a Dockerfile that is a template: tag lines are left out, a placeholder is one word of FROM", () => {
    const text = "FROM python:{{ cookiecutter.python_version }}-slim AS base\n{% if cookiecutter.use_celery == 'y' %}\nRUN pip install celery==5.4.0\n{%- endif %}\n{# note #}\n{{- if .Values.debug }}\nUSER 1000\n<% end %>\nFROM base\n";
    const f = parse(text);
    assert.deepEqual(f.instructions.map((i) => [i.keyword, i.span.line]), [["FROM", 1], ["RUN", 3], ["USER", 7], ["FROM", 9]]);
    assert.deepEqual(f.templateLines, [2, 4, 5, 6, 8]);
    assert.deepEqual(f.stages.map((st) => [st.image, st.name, st.base.kind]), [["python:{{ cookiecutter.python_version }}-slim", "base", "unresolved"], ["base", undefined, "stage"]]);
    // Anything else that is no instruction is still an error, as BuildKit says.
    assert.throws(() => parse("FROM alpine:3.20\nRUNN true\n"), ParseFailure);
  });

  it("reads a file only named like a Dockerfile variant whose first line is no instruction as empty, and fails a real one", () => {
    const at = (path: string, text: string): Dockerfile => parseDockerfile(makeTextFile(path, new TextEncoder().encode(text)));
    const java = at("src/main/java/org/example/Dockerfile.java", "package org.example;\n\npublic class Dockerfile {}\n");
    assert.deepEqual([java.instructions.length, java.stages.length], [0, 0]);
    assert.throws(() => at("Dockerfile", "package org.example;\n"), ParseFailure);
    assert.throws(() => at("images/Dockerfile.java", "FROM eclipse-temurin:21\nRUNN true\n"), ParseFailure);
    assert.equal(at("images/Dockerfile.java", "# Java image\nFROM eclipse-temurin:21\n").stages.length, 1);
  });

  it("finds no heredoc inside shell quotes or in an exec-form array, as BuildKit's lexer does not", () => {
    const text = 'FROM debian:12\nRUN echo "cat <<EOF > /x" >> /setup.sh && echo \'a <<B\'\nRUN ["sh", "-c", "cat <<EOF"]\nRUN cat > /y <<"END"\nhi\nEND\nUSER app\n';
    const f = parse(text);
    assert.deepEqual(f.instructions.map((i) => [i.keyword, i.span.line, i.heredocs.map((h) => h.delimiter)]), [
      ["FROM", 1, []],
      ["RUN", 2, []],
      ["RUN", 3, []],
      ["RUN", 4, ["END"]],
      ["USER", 7, []],
    ]);
  });

  it("builds stages: names, --platform, global ARG defaults, earlier stages and scratch", () => {
    const f = parse(`ARG GO=1.22
ARG DISTRO
FROM --platform=$BUILDPLATFORM golang:\${GO}-alpine AS Builder
ARG GO
RUN echo $GO
FROM builder AS test
FROM scratch
COPY --from=builder /app /app
COPY --from=0 /x /x
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
FROM \${DISTRO}
FROM \${DISTRO:-debian}:12
`);
    assert.deepEqual(f.stages.map((s) => [s.name, s.resolved, s.base.kind, s.platform]), [
      ["builder", "golang:1.22-alpine", "image", "$BUILDPLATFORM"],
      ["test", "builder", "stage", undefined],
      [undefined, "scratch", "scratch", undefined],
      [undefined, "", "unresolved", undefined],
      [undefined, "debian:12", "image", undefined],
    ]);
    const unresolved = f.stages[3]!.base;
    assert.deepEqual(unresolved.kind === "unresolved" ? unresolved.missing : [], ["DISTRO"]);
    const copies = f.instructions.filter((i) => i.keyword === "COPY");
    assert.deepEqual(copies.map((c) => f.source(c.flags.find((x) => x.name === "from")!.value!, c).kind), ["stage", "stage", "image"]);
    assert.equal(f.scopeAt(f.instructions.find((i) => i.keyword === "RUN")!).get("GO"), "1.22");
    assert.deepEqual([f.stages[0]!.nameSpan?.line, f.stages[0]!.nameSpan?.column], [3, 55]);
  });

  it("keeps a global ARG out of a stage that does not redeclare it, and applies ENV", () => {
    const f = parse("ARG V=1\nFROM a\nENV X=2 Y=\"$X-3\"\nRUN echo\nENV LEGACY some value\nRUN echo\n");
    const [r1, r2] = f.instructions.filter((i) => i.keyword === "RUN");
    const s1 = f.scopeAt(r1!);
    assert.equal(s1.get("V"), undefined);
    assert.equal(s1.get("Y"), "2-3");
    assert.equal(f.scopeAt(r2!).get("LEGACY"), "some value");
  });

  it("starts a stage built FROM an earlier one with that stage's ENV, not its ARGs", () => {
    const f = parse("FROM alpine:3.20 AS base\nARG BUILD_ONLY=1\nENV APP_USER=root PKGS=\"curl git\"\nFROM base AS mid\nENV APP_HOME=/srv\nFROM mid\nUSER ${APP_USER}\nFROM alpine:3.20\nUSER ${APP_USER}\n");
    const [inherited, unrelated] = f.instructions.filter((i) => i.keyword === "USER");
    const s = f.scopeAt(inherited!);
    assert.deepEqual([s.get("APP_USER"), s.get("PKGS"), s.get("APP_HOME"), s.get("BUILD_ONLY")], ["root", "curl git", "/srv", undefined]);
    assert.equal(f.expand(inherited!.args, inherited!).value, "root");
    assert.deepEqual(f.expand(unrelated!.args, unrelated!), { value: "", missing: ["APP_USER"] });
  });

  it("substitutes variables with defaults and alternatives, and names the ones without a value", () => {
    const scope = new Map<string, string | undefined>([["A", "x"], ["E", ""]]);
    assert.deepEqual(expand("$A-${A}-${B:-d}-${E:-e}-${E-f}-${A:+alt}-${B+no}-\\$A-$B", scope), { value: "x-x-d-e--alt--$A-", missing: ["B"] });
  });

  it("removes quotes from FROM, COPY --from and USER words as BuildKit does, expanding inside double quotes only", () => {
    const f = parse('ARG TAG=20250113\nFROM debian:bookworm-"${TAG}" AS build\nFROM \'alpine\':"3.20"\nCOPY --from="build" /a /a\nUSER "app"\n');
    assert.deepEqual(f.stages.map((s) => (s.base.kind === "image" ? s.base.ref.raw : s.base.kind)), ["debian:bookworm-20250113", "alpine:3.20"]);
    const copy = f.instructions.find((i) => i.keyword === "COPY");
    assert.deepEqual(f.source("\"build\"", copy!), { kind: "stage", stage: 0 });
    const user = f.instructions.find((i) => i.keyword === "USER");
    assert.equal(f.expand(user!.args, user!).value, "app");
    assert.equal(expand("'${A}'-\"${A}\"", new Map([["A", "x"]]), "\\", true).value, "${A}-x");
    assert.equal(expand("\"${A}\"", new Map([["A", "x"]])).value, '"x"', "without quotes, the text keeps them (ARG and ENV values arrive unquoted)");
  });

  it("refuses an unknown instruction at its position", () => {
    assert.throws(
      () => parse("FROM a\n  FORM b\n"),
      (e: unknown) => e instanceof ParseFailure && e.line === 2 && e.column === 3 && /unknown instruction `FORM`/.test(e.message),
    );
  });

  it("refuses a here-document with no end line, as BuildKit does, instead of taking the rest of the file as its body", () => {
    assert.throws(
      () => parse("FROM alpine:3.19\nRUN <<EOF\n  apk add curl\n  EOF\nUSER root\n"),
      (e: unknown) => e instanceof ParseFailure && e.line === 2 && e.column === 5 && /unterminated here-document `<<EOF`.*indented end line/.test(e.message),
    );
    assert.throws(() => parse("FROM alpine\nCOPY <<-'CFG' /etc/app.conf\nkey=value\n"), (e: unknown) => e instanceof ParseFailure && e.line === 2 && /`<<-CFG`/.test(e.message));
    // Closed by a tab-indented line after <<-, and at the very end of the file: parsed.
    assert.equal(parse("FROM alpine\nRUN <<-EOF\n\techo hi\n\tEOF").instructions.length, 2);
  });

  it("parses ONBUILD's trigger as the instruction it wraps: flags, exec form, heredocs, positions", () => {
    const text = 'FROM a\nONBUILD RUN ["sh", "-c", "make"]\nONBUILD  run --mount=type=cache,target=/c <<EOF\nmake install\nEOF\nONBUILD USER root\nUSER app\n';
    const f = parse(text);
    assert.deepEqual(f.instructions.map((i) => [i.keyword, i.trigger?.keyword]), [["FROM", undefined], ["ONBUILD", "RUN"], ["ONBUILD", "RUN"], ["ONBUILD", "USER"], ["USER", undefined]]);
    const exec = f.instructions[1]!.trigger!;
    assert.deepEqual([exec.form, exec.exec?.map((x) => x.value)], ["exec", ["sh", "-c", "make"]]);
    const item = exec.exec![2]!;
    assert.equal(text.slice(exec.sourceOffset(item.start), exec.sourceOffset(item.end)), '"make"');
    const here = f.instructions[2]!.trigger!;
    assert.deepEqual([here.flags.map((x) => [x.name, x.value]), here.heredocs.map((h) => h.body), here.span.endLine], [[["mount", "type=cache,target=/c"]], ["make install\n"], 5]);
    assert.equal(f.instructions[3]!.span.line, 6, "the heredoc body is not read as instructions");
    assert.deepEqual(f.stages[0]!.instructions.map((i) => i.keyword), ["ONBUILD", "ONBUILD", "ONBUILD", "USER"], "the trigger is not one of the stage's own instructions");
  });

  it("refuses the triggers BuildKit refuses: ONBUILD ONBUILD, FROM and MAINTAINER", () => {
    for (const inner of ["ONBUILD RUN x", "FROM alpine", "maintainer me"]) {
      assert.throws(
        () => parse(`FROM a\nONBUILD ${inner}\n`),
        (e: unknown) => e instanceof ParseFailure && e.line === 2 && e.column === 9 && /is not allowed/.test(e.message),
      );
    }
  });

  it("treats a JSON-looking argument that is not a string array as shell form", () => {
    const f = parse('FROM a\nCMD ["a", 1]\nCMD [ ]\nENTRYPOINT ["x\\"y"]\n');
    assert.deepEqual(f.instructions.slice(1).map((i) => [i.form, i.exec?.map((e) => e.value)]), [
      ["shell", undefined],
      ["exec", []],
      ["exec", ['x"y']],
    ]);
  });

  it("survives hostile input", () => {
    const big = "FROM a\n" + "RUN x \\\n".repeat(50_000) + "\n" + "ENV " + "$".repeat(200_000) + "\n" + "RUN " + "<<".repeat(50_000) + "\n";
    const f = parse(big);
    assert.ok(f.instructions.length >= 3);
  });

  it("refuses more instructions, or more ARG and ENV names, than it follows, at the one past the bound", () => {
    const tooMany = parse.bind(null, "FROM a\n" + "RUN true\n".repeat(20_000));
    assert.throws(tooMany, (e: unknown) => e instanceof ParseFailure && /more than 20,000 instructions/.test(e.message) && e.line === 20_001);
    const names = Array.from({ length: 1001 }, (_, i) => `ENV V${i}=1\n`).join("");
    assert.throws(() => parse(`FROM a\n${names}`), (e: unknown) => e instanceof ParseFailure && /more than 1,000 ARG and ENV names/.test(e.message) && e.line === 1002);
  });

  it("takes a value that doubles past the bound as unknown, and what is built from it too, instead of running out of memory", () => {
    const f = parse("FROM ubuntu:22.04\nENV A=xy\n" + "ENV A=$A$A\n".repeat(40) + "ENV B=pre-$A\nUSER $B\n");
    const user = f.instructions.at(-1)!;
    assert.equal(f.scopeAt(user).get("A"), undefined);
    assert.deepEqual(f.expand("$B", user).missing, ["B"]);
  });

  it("passes ENV down a chain of stages of any length, and scopes each instruction of a long chain alike", () => {
    let text = "FROM alpine:3.20 AS s0\nENV KEEP=1\n";
    for (let i = 1; i < 300; i++) text += `FROM s${i - 1} AS s${i}\nENV N${i}=${i}\nRUN true\n`;
    const f = parse(text);
    const runs = f.instructions.filter((i) => i.keyword === "RUN");
    // Asked in order, then out of order: the same answers.
    const inOrder = runs.map((r) => f.scopeAt(r).get("KEEP"));
    const backwards = [...runs].reverse().map((r) => f.scopeAt(r).get(`N${r.stage}`));
    assert.ok(inOrder.every((v) => v === "1"));
    assert.deepEqual(backwards, [...runs].reverse().map((r) => String(r.stage)));
    assert.deepEqual(f.source("s298", runs.at(-1)!), { kind: "stage", stage: 298 });
  });

  it("knows Dockerfile and Containerfile names, not documents about them", () => {
    for (const p of ["Dockerfile", "a/Containerfile", "build/app.Dockerfile", "Dockerfile.prod", "dockerfile-dev", "docker/Dockerfile_alpine", "Dockerfile.cuda-12.4"]) assert.ok(isDockerfilePath(p), p);
    for (const p of ["Dockerfile.md", "docs/dockerfile.txt", "Dockerfile.j2", "x/Dockerfile.template", "Dockerfiles/readme", "dockerfile.go"]) assert.ok(!isDockerfilePath(p), p);
    // Tools about Dockerfiles: their code and scripts are not Dockerfiles (parsed, they would fail and leave the rules incomplete).
    for (const p of ["src/dockerfile_parser.rs", "scripts/dockerfile-lint.sh", "lib/dockerfile_utils.rb", "test/dockerfile_test.cpp", "Dockerfile.patch", "dockerfile-gen.ps1", "pkg/build/dockerfile.go", "Dockerfile_parser.rs"]) assert.ok(!isDockerfilePath(p), p);
    // A capitalised `Dockerfile.<language>` builds that language's image.
    for (const p of ["docker/Dockerfile.java", "images/Dockerfile.rb", "Dockerfile.go", "Dockerfile.r"]) assert.ok(isDockerfilePath(p), p);
  });
});

describe("image references", () => {
  it("parses registries, tags and digests", () => {
    const r = parseImageRef(`ghcr.io/org/app:1.2@${DIGEST}`)!;
    assert.deepEqual([r.registry, r.repository, r.tag, r.digest], ["ghcr.io", "org/app", "1.2", DIGEST]);
    const u = parseImageRef("ubuntu")!;
    assert.deepEqual([u.registry, u.repository, u.tag, familiarName(u), taggedName(u)], ["docker.io", "library/ubuntu", undefined, "ubuntu", "ubuntu:latest"]);
    assert.equal(parseImageRef("localhost:5000/x:y")?.registry, "localhost:5000");
    assert.equal(parseImageRef("Bad Name"), undefined);
    assert.equal(parseImageRef("a@sha256:short"), undefined);
  });
});
