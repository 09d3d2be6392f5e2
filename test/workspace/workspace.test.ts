import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { dockerfileParser } from "../../src/ecosystems/docker/dockerfile.js";
import { xmlParser } from "../../src/ecosystems/formats/xml.js";
import { yamlParser } from "../../src/ecosystems/formats/yaml.js";
import { changedLinesSince } from "../../src/workspace/history.js";
import { readStats } from "../../src/workspace/read-stats.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { execFileSync } from "../helpers/child-timeout.js";

const paths = (ws: Workspace) => ws.files.map((f) => f.path);

describe("workspace inventory", () => {
  it("lists tracked and untracked-not-ignored files in a git repo, with modes", async () => {
    const dir = tmpRepo({ "a.txt": "a", ".gitignore": "ignored.log\n", "bin/run": "#!/bin/sh\n" });
    chmodSync(join(dir, "bin/run"), 0o755);
    git(dir, "add", "bin/run");
    writeFileSync(join(dir, "new.md"), "new");
    writeFileSync(join(dir, "ignored.log"), "x");
    const ws = await Workspace.open(dir);
    assert.equal(ws.vcs, "git");
    assert.deepEqual(paths(ws), [".gitignore", "a.txt", "bin/run", "new.md"]);
    assert.equal(ws.files.find((f) => f.path === "bin/run")?.executable, true);
    assert.match(ws.head ?? "", /^[0-9a-f]{40}$/);
  });

  it("leaves out tracked files deleted from the working tree, with a note, instead of reading them as out of the checkout", async () => {
    const dir = tmpRepo({ "a.txt": "a", "chart/Chart.yaml": "name: c\n", "chart/values.yaml": "a: 1\n", "sub/gone.txt": "g", "sub/kept.txt": "k" });
    rmSync(join(dir, "chart"), { recursive: true });
    rmSync(join(dir, "sub/gone.txt"));
    const ws = await Workspace.open(dir);
    assert.deepEqual(paths(ws), ["a.txt", "sub/kept.txt"]);
    assert.deepEqual(ws.diagnostics.map((d) => [d.level, d.code, d.message]), [["note", "deleted-files", "3 tracked files are deleted in the working tree and were not scanned: the scan reads the working tree, not the last commit"]]);
    // Read anyway (a path a rule names): missing, so nothing is said about it.
    assert.equal(await ws.readText("chart/Chart.yaml"), undefined);
    assert.equal(ws.diagnostics.length, 1);
    const sub = await Workspace.open(join(dir, "sub"));
    assert.deepEqual(paths(sub), ["kept.txt"], "a subfolder's deleted files are left out too");
  });

  it("leaves out the files a sparse checkout does not check out, with one note, and lists every tag git gives", async () => {
    const dir = tmpRepo({ "README.md": "# r\n", "app/main.py": "print(1)\n", "svc/requirements.txt": "requests==2.0.0\n", "svc/deep/package-lock.json": "{}\n" });
    git(dir, "sparse-checkout", "set", "app");
    writeFileSync(join(dir, "app/new.py"), "x = 1\n");
    writeFileSync(join(dir, "README.md"), "# changed\n");
    const ws = await Workspace.open(dir);
    assert.deepEqual(paths(ws), ["README.md", "app/main.py", "app/new.py"], "tracked (changed or not) and untracked files are listed; the sparse ones are not");
    assert.deepEqual(ws.diagnostics.map((d) => [d.level, d.code]), [["note", "sparse-checkout"]]);
    assert.match(ws.diagnostics[0]?.message ?? "", /^2 tracked files are outside this sparse checkout and were not scanned/);
    git(dir, "sparse-checkout", "disable");
    // The skip-worktree bit set by hand on a file that is there (a config changed locally): still scanned.
    git(dir, "update-index", "--skip-worktree", "svc/requirements.txt");
    assert.match(git(dir, "ls-files", "-t", "svc/requirements.txt"), /^S /);
    const whole = await Workspace.open(dir);
    assert.deepEqual(paths(whole), ["README.md", "app/main.py", "app/new.py", "svc/deep/package-lock.json", "svc/requirements.txt"]);
    assert.deepEqual(whole.diagnostics, []);
  });

  it("scans a subdirectory of a repository with paths relative to it", async () => {
    const dir = tmpRepo({ "sub/x.txt": "x", "y.txt": "y" });
    const ws = await Workspace.open(join(dir, "sub"));
    assert.deepEqual(paths(ws), ["x.txt"]);
  });

  it("lists a subdirectory's tracked and untracked files from one listing, and reads the remote", async () => {
    const dir = tmpRepo({ "sub/x.txt": "x", "sub/.gitignore": "*.log\n", "y.txt": "y" });
    git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
    writeFileSync(join(dir, "sub/new.txt"), "n");
    writeFileSync(join(dir, "sub/skip.log"), "n");
    writeFileSync(join(dir, "top.txt"), "t");
    const ws = await Workspace.open(join(dir, "sub"));
    assert.deepEqual(paths(ws), [".gitignore", "new.txt", "x.txt"]);
    assert.equal(ws.remote, "https://github.com/acme/widget.git");
    assert.equal(ws.shallow, false);
    assert.match(ws.head ?? "", /^[0-9a-f]{40}$/);
  });

  it("walks a plain directory honouring nested .gitignore files", async () => {
    const dir = tmpDir({ "a.txt": "a", ".gitignore": "*.log\nbuild/\n", "build/out.js": "x", "src/.gitignore": "gen.ts\n", "src/gen.ts": "x", "src/main.ts": "x", "src/debug.log": "x" });
    const ws = await Workspace.open(dir);
    assert.equal(ws.vcs, "none");
    assert.equal(ws.head, null);
    assert.deepEqual(paths(ws), [".gitignore", "a.txt", "src/.gitignore", "src/main.ts"]);
  });

  it("leaves out the caches tools regenerate (__pycache__, .pytest_cache, .tox) in a plain directory, but lists what git tracks there", async () => {
    const files = { "pkg/mod.py": "x", "pkg/__pycache__/mod.cpython-312.pyc": "x", ".pytest_cache/v/cache/lastfailed": "{}", ".tox/py312/bin/python": "x", "pycache_notes.md": "x" };
    assert.deepEqual(paths(await Workspace.open(tmpDir(files))), ["pkg/mod.py", "pycache_notes.md"]);
    assert.ok(paths(await Workspace.open(tmpRepo(files))).includes("pkg/__pycache__/mod.cpython-312.pyc"), "committed bytecode is still listed");
  });

  it("walks a repository with one warning when git is not installed, and asks no git outside a repository", async () => {
    const repo = tmpRepo({ "a.txt": "a", "ignored.log": "x", ".gitignore": "*.log\n" });
    const plain = tmpDir({ "b.txt": "b" });
    const path = process.env.PATH;
    process.env.PATH = tmpDir(); // an empty folder: no git on the path
    try {
      const ws = await Workspace.open(repo);
      assert.equal(ws.vcs, "none");
      assert.deepEqual(paths(ws), [".gitignore", "a.txt"]);
      assert.deepEqual(ws.diagnostics.map((d) => d.code), ["git-missing"]);
      // Rules learn that the history is there but unread (Maintained is then incomplete, not "not a git checkout").
      assert.match(ws.repository.historyUnreadable ?? "", /^git is not installed/);
      // Outside any repository git is not needed: no warning about it.
      const outside = await Workspace.open(plain);
      assert.deepEqual(outside.diagnostics, []);
      assert.equal(outside.repository.historyUnreadable, undefined);
    } finally {
      process.env.PATH = path;
    }
  });

  it("handles an empty directory and a repository with no commits", async () => {
    assert.deepEqual(paths(await Workspace.open(tmpDir())), []);
    const dir = tmpDir({ "a.txt": "a" });
    git(dir, "init", "-q");
    const ws = await Workspace.open(dir);
    assert.equal(ws.vcs, "git");
    assert.equal(ws.head, null);
    assert.deepEqual(paths(ws), ["a.txt"]);
  });

  it("applies excludes", async () => {
    const ws = await Workspace.open(tmpDir({ "vendor/a.js": "x", "src/b.js": "y" }), { exclude: ["vendor/**"] });
    assert.deepEqual(paths(ws), ["src/b.js"]);
  });

  it("applies a policy's backtracking exclude glob to long file names (bench/repository-patterns.bench.ts times it)", async () => {
    // A hostile assay.yml: picomatch's regular expression for this glob ran for minutes on one such name.
    const long = `${"a".repeat(250)}.txt`;
    const ws = await Workspace.open(tmpDir({ [long]: "x", "src/aab": "y" }), { exclude: ["*a*a*a*a*a*a*a*a*b", "src/*a*b"] });
    assert.deepEqual(paths(ws), [long]);
  });

  it("rejects a missing path and a file with typed errors", async () => {
    await assert.rejects(Workspace.open("/nonexistent/assay"), (e: unknown) => e instanceof AssayError && e.code === "TARGET_NOT_FOUND");
    const dir = tmpDir({ "f.txt": "x" });
    await assert.rejects(Workspace.open(join(dir, "f.txt")), (e: unknown) => e instanceof AssayError && e.code === "TARGET_NOT_DIRECTORY");
  });

  it("says a checkout whose path is not UTF-8 cannot be named, and how to scan it, instead of only that it does not exist", async () => {
    const dir = tmpDir({});
    // Node.js reads such a name (from argv or process.cwd()) with U+FFFD in place of the bytes.
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff, 0xfe])]));
    await assert.rejects(Workspace.open(join(dir, "bad\uFFFD\uFFFD")), (e: unknown) => e instanceof AssayError && e.code === "TARGET_NOT_FOUND" && /not UTF-8/.test(e.hint ?? "") && /ln -s/.test(e.hint ?? ""));
  });

  it("lists symlinks without following them, even in a loop", async () => {
    const dir = tmpDir({ "real/a.txt": "a" });
    symlinkSync(join(dir, "loop"), join(dir, "loop2"));
    symlinkSync(join(dir, "loop2"), join(dir, "loop"));
    symlinkSync(dir, join(dir, "real/up"));
    symlinkSync("/etc/passwd", join(dir, "passwd"));
    const ws = await Workspace.open(dir);
    assert.deepEqual(paths(ws), ["loop", "loop2", "passwd", "real/a.txt", "real/up"]);
    assert.ok(ws.files.filter((f) => f.path !== "real/a.txt").every((f) => f.kind === "symlink"));
    assert.equal(await ws.readText("passwd"), undefined);
    assert.equal(await ws.readText("loop"), undefined);
    assert.equal(await ws.readText("real/up/real/a.txt"), undefined, "not in the inventory: reached through a symlink");
    assert.equal((await ws.readText("real/a.txt"))?.text, "a");
  });
});

describe("workspace reads", () => {
  it("reads text once and shares it", async () => {
    const ws = await Workspace.open(tmpDir({ "a.txt": "one\ntwo\r\nthree" }));
    const a = await ws.readText("a.txt");
    assert.equal(a, await ws.readText("a.txt"));
    assert.equal(a?.lineText(2), "two");
    assert.deepEqual(a?.positionAt(a.text.indexOf("three")), { line: 3, column: 1 });
  });

  it("detects binary files", async () => {
    const ws = await Workspace.open(tmpDir({ "b.bin": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]) }));
    assert.equal(await ws.readText("b.bin"), undefined);
    assert.deepEqual([...((await ws.readBytes("b.bin", 4)) ?? [])], [0x7f, 0x45, 0x4c, 0x46]);
  });

  it("decodes invalid UTF-8 with replacement and notes it once", async () => {
    const ws = await Workspace.open(tmpDir({ "latin1.txt": new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]) }));
    const t = await ws.readText("latin1.txt");
    assert.equal(t?.lossy, true);
    assert.equal(t?.text, "caf\ufffd\n");
    await ws.readText("latin1.txt");
    assert.equal(ws.diagnostics.filter((d) => d.code === "invalid-utf8").length, 1);
  });

  it("skips files over the size cap with a note, without reading them", async () => {
    const ws = await Workspace.open(tmpDir({ "big.txt": "x".repeat(2048) }), { limits: { maxFileBytes: 1024 } });
    assert.equal(await ws.readText("big.txt"), undefined);
    assert.equal(ws.diagnostics[0]?.code, "file-too-large");
    assert.deepEqual([...((await ws.readBytes("big.txt", 2)) ?? [])], [120, 120]);
  });

  it("refuses paths that leave the root", async () => {
    const ws = await Workspace.open(tmpDir({ "a.txt": "a", "vendor/v.txt": "v" }), { exclude: ["vendor/**"] });
    assert.equal(await ws.readText("vendor/v.txt"), undefined, "excluded paths are not read");
    assert.equal(await ws.readText("../a.txt"), undefined);
    assert.equal(await ws.readText("/etc/passwd"), undefined);
  });

  it("parses once and records one diagnostic with the position of malformed input", async () => {
    const dir = tmpDir({ "bad.yml": "a: 1\nb: [2\n", "ok.yml": "a: 1\n" });
    const ws = await Workspace.open(dir);
    assert.equal(await ws.parse("bad.yml", yamlParser), undefined);
    assert.equal(await ws.parse("bad.yml", yamlParser), undefined);
    const diags = ws.diagnostics.filter((d) => d.code === "parse-error");
    assert.equal(diags.length, 1);
    assert.equal(diags[0]?.path, "bad.yml");
    assert.equal(diags[0]?.line, 2, "the end of the last line, not the line after the final newline");
    const ok = await ws.parse("ok.yml", yamlParser);
    assert.equal(ok, await ws.parse("ok.yml", yamlParser));
  });

  it("says a file past a parser limit was not judged, rather than asking to fix its syntax", async () => {
    const crowded = `<project a0="x" ${Array.from({ length: 1000 }, (_, i) => `b${i}="x"`).join(" ")}/>`;
    const deep = "<project>" + "<a>".repeat(300) + "</a>".repeat(300) + "</project>";
    const huge = `FROM scratch\n${"# padding\n".repeat(500_000)}`;
    const ws = await Workspace.open(tmpDir({ "a/pom.xml": crowded, "b/pom.xml": deep, "c/Dockerfile": huge }));
    for (const p of ["a/pom.xml", "b/pom.xml"]) assert.equal(await ws.parse(p, xmlParser), undefined);
    assert.equal(await ws.parse("c/Dockerfile", dockerfileParser), undefined);
    const hints = ws.diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.hint]);
    assert.deepEqual(hints, [
      ["a/pom.xml", "the file is past a parser limit, so it was not judged; checks that depend on it are incomplete"],
      ["b/pom.xml", "the file is past a parser limit, so it was not judged; checks that depend on it are incomplete"],
      ["c/Dockerfile", "the file is past a parser limit, so it was not judged; checks that depend on it are incomplete"],
    ]);
  });

  it("reads a UTF-16 file with a byte order mark as text, as Windows PowerShell writes `pip freeze > requirements.txt`", async () => {
    const dir = tmpDir({});
    writeFileSync(join(dir, "requirements.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("requests==2.31.0\r\nflask\r\n", "utf16le")]));
    const ws = await Workspace.open(dir);
    const t = await ws.readText("requirements.txt");
    assert.equal(t?.text, "requests==2.31.0\r\nflask\r\n");
    assert.equal(t?.lineText(2), "flask");
    assert.deepEqual(ws.diagnostics, []);
  });

  it("names a binary file a parser was asked to read in one diagnostic, once however many rules ask", async () => {
    const dir = tmpDir({});
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/ci.yml"), Buffer.from([0x6f, 0x6e, 0x3a, 0x00, 0xff, 0x01]));
    const ws = await Workspace.open(dir);
    for (let i = 0; i < 3; i++) assert.equal(await ws.parse(".github/workflows/ci.yml", yamlParser), undefined);
    const ds = ws.diagnostics.filter((d) => d.path === ".github/workflows/ci.yml");
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.equal(ds[0]?.code, "parse-error");
    assert.match(ds[0]?.message ?? "", /could not parse as yaml: is a binary file/);
  });

  it("says an XML file that declares entities was refused, not that its syntax is wrong", async () => {
    const ws = await Workspace.open(tmpDir({ "pom.xml": '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<project><groupId>&x;</groupId></project>\n' }));
    assert.equal(await ws.parse("pom.xml", xmlParser), undefined);
    const d = ws.diagnostics.find((x) => x.code === "parse-error");
    assert.equal(d?.line, 2);
    assert.match(d?.hint ?? "", /does not expand XML entities/);
    assert.doesNotMatch(d?.hint ?? "", /fix the syntax/);
  });
});

describe("history stream", () => {
  it("streams each commit's added lines with their line numbers", async () => {
    const dir = tmpRepo({ "a.txt": "one\n" });
    writeFileSync(join(dir, "a.txt"), "one\ntwo\nthree\n");
    mkdirSync(join(dir, "d"));
    writeFileSync(join(dir, "d/b c.txt"), "hello\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "second");
    git(dir, "rm", "-q", "a.txt");
    git(dir, "commit", "-qm", "third");
    const ws = await Workspace.open(dir);
    const commits = [];
    for await (const c of ws.history()) commits.push(c);
    assert.equal(commits.length, 3);
    assert.deepEqual(commits[0]?.files, []);
    const second = commits[1];
    assert.deepEqual(second?.files.find((f) => f.path === "a.txt")?.added, [{ line: 2, text: "two" }, { line: 3, text: "three" }]);
    assert.deepEqual(second?.files.find((f) => f.path === "d/b c.txt")?.added, [{ line: 1, text: "hello" }]);
    assert.deepEqual(commits[2]?.files.find((f) => f.path === "a.txt")?.added, [{ line: 1, text: "one" }]);
  });

  it("streams commits alone, newest first, and filters by date", async () => {
    const dir = tmpDir({ "a.txt": "1\n" });
    git(dir, "init", "-q");
    for (const [i, date] of ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"].entries()) {
      writeFileSync(join(dir, "a.txt"), `${i}\n`);
      git(dir, "add", "-A");
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", `c${i}`], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    }
    const ws = await Workspace.open(dir);
    const all = [];
    for await (const c of ws.history({ patches: false })) all.push(c);
    assert.deepEqual(all.map((c) => c.commitDate.slice(0, 4)), ["2026", "2025", "2024"]);
    assert.ok(all.every((c) => c.files.length === 0));
    const recent = [];
    for await (const c of ws.history({ patches: false, after: new Date("2024-06-01T00:00:00Z") })) recent.push(c);
    assert.equal(recent.length, 2);
    assert.equal(ws.repository.shallow, false);
  });

  it("is empty outside git and in a repository without commits", async () => {
    const none = await Workspace.open(tmpDir({ "a.txt": "a" }));
    for await (const _ of none.history()) assert.fail("no history expected");
    const dir = tmpDir({ "a.txt": "a" });
    git(dir, "init", "-q");
    for await (const _ of (await Workspace.open(dir)).history()) assert.fail("no history expected");
  });

  it("never runs the repository's configured external diff or fsmonitor", async () => {
    const dir = tmpRepo({ "a.txt": "a\n" });
    const marker = join(dir, "pwned");
    git(dir, "config", "diff.external", `sh -c 'touch ${marker}'`);
    git(dir, "config", "core.fsmonitor", `sh -c 'touch ${marker}'`);
    writeFileSync(join(dir, "a.txt"), "b\n");
    git(dir, "-c", "core.fsmonitor=false", "commit", "-qam", "change");
    rmSync(marker, { force: true });
    const ws = await Workspace.open(dir);
    for await (const _ of ws.history()) void _;
    assert.equal(existsSync(marker), false);
  });

  it("never runs the repository's filter drivers when a diff reads the working tree", async () => {
    const dir = tmpRepo({ "a.txt": "a\n", ".gitattributes": "* filter=evil\n" });
    git(dir, "branch", "base");
    const marker = join(dir, "pwned");
    for (const v of ["clean", "smudge", "process"]) git(dir, "config", `filter.evil.${v}`, `sh -c 'touch ${marker}; cat'`);
    git(dir, "config", "filter.a=b.clean", `sh -c 'touch ${marker}; cat'`);
    writeFileSync(join(dir, ".gitattributes"), "* filter=evil\nb.txt filter=a=b\n");
    writeFileSync(join(dir, "a.txt"), "a\nadded\n");
    const changed = await changedLinesSince(dir, "base");
    assert.equal(existsSync(marker), false);
    assert.deepEqual(changed.get("a.txt"), [[2, 2]]);
  });
});

describe("workspace in an ignored folder", () => {
  it("walks a folder that the enclosing repository ignores", async () => {
    const dir = tmpRepo({ ".gitignore": "vendor/\n", "a.txt": "a" });
    mkdirSync(join(dir, "vendor/lib"), { recursive: true });
    writeFileSync(join(dir, "vendor/lib/x.js"), "x");
    const ws = await Workspace.open(join(dir, "vendor"));
    assert.deepEqual(ws.files.map((f) => f.path), ["lib/x.js"]);
  });
});

describe("workspace: a crafted git index", () => {
  it("cannot make a read follow a symlinked folder out of the checkout", async () => {
    const outside = tmpDir({ "secret.txt": "TOP SECRET" });
    const dir = tmpRepo({ "a.txt": "a" });
    symlinkSync(outside, join(dir, "link"));
    // Index an entry *under* the symlink, as a hostile repository's .git could.
    const blob = execFileSync("git", ["hash-object", "-w", "--stdin"], { cwd: dir, input: "decoy\n", encoding: "utf8" }).trim();
    execFileSync("git", ["update-index", "--add", "--cacheinfo", `100644,${blob},link/secret.txt`], { cwd: dir });
    const ws = await Workspace.open(dir);
    assert.ok(ws.files.some((f) => f.path === "link/secret.txt"), "git lists the crafted entry");
    assert.equal(await ws.readText("link/secret.txt"), undefined);
    assert.equal(await ws.readBytes("link/secret.txt"), undefined);
    assert.ok(ws.diagnostics.some((d) => d.code === "outside-root" && d.path === "link/secret.txt"));
  });

  it("says a FIFO committed in a Dockerfile's place is a file that cannot be read, without blocking on it", async () => {
    const dir = tmpRepo({ Dockerfile: "FROM alpine:3.20\n", "a.txt": "a" });
    rmSync(join(dir, "Dockerfile"));
    execFileSync("mkfifo", [join(dir, "Dockerfile")]);
    const ws = await Workspace.open(dir);
    assert.equal(await ws.readText("Dockerfile"), undefined);
    assert.deepEqual(ws.diagnostics.filter((d) => d.path === "Dockerfile").map((d) => [d.code, d.message]), [["unreadable-file", "not read: is not a regular file"]]);
  });
});

describe("textIfContains", () => {
  it("decodes only files whose bytes hold the needle, from the cache when the text was read before", async () => {
    const dir = tmpDir({ "hit.ts": "const k = 1; // assay: ignore[x] reason\n", "miss.ts": "const k = 1;\n", "bin.dat": "assay:\u0000\u0000" });
    const ws = await Workspace.open(dir);
    const before = readStats.files;
    assert.match((await ws.textIfContains("hit.ts", "assay:"))?.text ?? "", /ignore\[x\]/);
    assert.equal(readStats.files - before, 1, "a hit is read once");
    assert.equal(await ws.textIfContains("miss.ts", "assay:"), undefined);
    assert.equal(await ws.textIfContains("bin.dat", "assay:"), undefined, "a binary file is never text");
    assert.equal(await ws.textIfContains("absent.ts", "assay:"), undefined);
    await ws.readText("miss.ts");
    writeFileSync(join(dir, "miss.ts"), "// assay: written after the read\n");
    assert.equal(await ws.textIfContains("miss.ts", "assay:"), undefined, "the cached text is what is searched");
    // A hit is cached as text: later reads do not read again.
    writeFileSync(join(dir, "hit.ts"), "changed\n");
    assert.match((await ws.readText("hit.ts"))?.text ?? "", /ignore\[x\]/);
  });

  it("finds the needle in a UTF-16 file with its byte order mark, as its text holds it", async () => {
    const utf16 = (t: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]);
    const dir = tmpDir({ "wide.ps1": utf16("$token = 'x' # assay: ignore[secrets/generic-credential] test value\r\n"), "plain.ps1": utf16("$a = 1\r\n") });
    const ws = await Workspace.open(dir);
    assert.match((await ws.textIfContains("wide.ps1", "ignore["))?.text ?? "", /assay: ignore\[secrets\/generic-credential\] test value/);
    assert.equal(await ws.textIfContains("plain.ps1", "ignore["), undefined);
  });

  it("does not read again a file the text scan searched whole and found without the needle", async () => {
    const dir = tmpDir({ "a.ts": "const a = 1;\n", "b.ts": "// assay: ignore[x]\n", "c.ts": "const c = 1;\n" });
    const ws = await Workspace.open(dir);
    ws.noteNeedle("ignore[", ["a.ts", "b.ts"], ["b.ts"]);
    const before = readStats.files;
    assert.equal(await ws.textIfContains("a.ts", "ignore["), undefined);
    assert.equal(readStats.files - before, 0, "a.ts is known to lack it: not read");
    assert.match((await ws.textIfContains("b.ts", "ignore["))?.text ?? "", /ignore\[x\]/);
    assert.equal(await ws.textIfContains("c.ts", "ignore["), undefined);
    assert.equal(readStats.files - before, 2, "b.ts (holds it) and c.ts (never searched) are read");
  });
});
