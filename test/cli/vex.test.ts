import assert from "node:assert/strict";
import { execFileSync } from "../helpers/child-timeout.js";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readOpenVex } from "../../src/advisories/openvex.js";
import { cli } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: { SOURCE_DATE_EPOCH: "1780000000" } } as unknown as Io;
  return { code: await cli(args, io), out, err };
}

describe("assay vex", () => {
  it("writes an OpenVEX 0.2.0 document the scan reads back, and appends later decisions", async () => {
    const dir = tmpDir({});
    dirs.push(dir);
    const first = await run(["vex", "--vulnerability", "CVE-2020-8203", "--product", "pkg:npm/lodash@4.17.15", "--status", "not_affected", "--justification", "vulnerable_code_not_in_execute_path", "--author", "Widget security team"], dir);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /wrote \.vex\/assay\.openvex\.json: CVE-2020-8203 not_affected for pkg:npm\/lodash@4\.17\.15/);
    const second = await run(["vex", "--vulnerability", "GHSA-vh95-rmgr-6w4m", "--product", "pkg:npm/minimist@0.0.8", "--status", "affected", "--action", "upgrade mkdirp to 1.x"], dir);
    assert.equal(second.code, 0, second.err);
    const text = readFileSync(join(dir, ".vex/assay.openvex.json"), "utf8");
    const doc = JSON.parse(text) as { "@context": string; version: number; author: string; statements: unknown[] };
    assert.equal(doc["@context"], "https://openvex.dev/ns/v0.2.0");
    assert.equal(doc.version, 2);
    assert.equal(doc.author, "Widget security team");
    const { statements, problems } = readOpenVex(text, ".vex/assay.openvex.json");
    assert.deepEqual(problems, []);
    assert.deepEqual(statements.map((s) => [s.vulnerability, s.status, s.products]), [
      ["CVE-2020-8203", "not_affected", ["pkg:npm/lodash@4.17.15"]],
      ["GHSA-vh95-rmgr-6w4m", "affected", ["pkg:npm/minimist@0.0.8"]],
    ]);
  });

  it("refuses statements OpenVEX does not allow, and files that are not OpenVEX", async () => {
    const dir = tmpDir({});
    dirs.push(dir);
    assert.match((await run(["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "not_affected"], dir)).err, /not_affected needs a justification or an impact statement/);
    assert.match((await run(["vex", "--vulnerability", "CVE-1", "--product", "x", "--status", "fixed"], dir)).err, /products must be package URLs/);
    assert.match((await run(["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "affected"], dir)).err, /affected needs an action statement/);
    writeFileSync(join(dir, "other.json"), "{}");
    const r = await run(["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "fixed", "--file", "other.json"], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /other\.json is not an OpenVEX document/);
  });

  it("names the status or justification a typo meant, and lists OpenVEX's", async () => {
    const dir = tmpDir({});
    dirs.push(dir);
    const status = await run(["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "not-affected"], dir);
    assert.equal(status.code, 2);
    assert.match(status.err, /^assay: error: --status `not-affected` is not an OpenVEX status \(did you mean `not_affected`\?\) — one of: not_affected, affected, fixed, under_investigation\n$/);
    const why = await run(["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "not_affected", "--justification", "vulnerable_code_not_in_exec_path"], dir);
    assert.match(why.err, /--justification `vulnerable_code_not_in_exec_path` is not an OpenVEX justification \(did you mean `vulnerable_code_not_in_execute_path`\?\)/);
    const help = await run(["vex", "--help"], dir);
    // The help's example runs as written.
    const example = /^ {2}assay (vex .*)$/m.exec(help.out)?.[1]?.split(" ");
    assert.ok(example, help.out);
    const r = await run(example, dir);
    assert.equal(r.code, 0, r.err);
  });

  it("reads the checkout's document only as a bounded regular file, and quotes none of it in an error", async () => {
    const dir = tmpDir({ ".vex/assay.openvex.json": "root:x:0:0:secret-line\u001b]0;t\u0007 not json" });
    dirs.push(dir);
    const args = ["vex", "--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "fixed"];
    const bad = await run(args, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /assay\.openvex\.json:1:1: malformed JSON: unexpected character/);
    assert.doesNotMatch(bad.err, /root|secret/);
    // A FIFO (a checkout unpacked from an archive can hold one) would block a plain read for ever.
    rmSync(join(dir, ".vex/assay.openvex.json"));
    execFileSync("mkfifo", [join(dir, ".vex/assay.openvex.json")]);
    const fifo = await run(args, dir);
    assert.equal(fifo.code, 2);
    assert.match(fifo.err, /VEX document is not a regular file/);
  });

  it("reads 0.0.x documents (plain strings) and reports the position of a malformed one", () => {
    const old = readOpenVex(JSON.stringify({ "@context": "https://openvex.dev/ns", statements: [{ vulnerability: "CVE-2", products: ["pkg:pypi/django@4.2.0"], status: "fixed" }] }), "v.json");
    assert.deepEqual(old.statements[0]?.products, ["pkg:pypi/django@4.2.0"]);
    const bad = readOpenVex('{\n  "statements": [,\n', "bad.json");
    assert.equal(bad.problems[0]?.line, 2);
    const project = readOpenVex(JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [{ vulnerability: { name: "CVE-3" }, products: [{ "@id": "pkg:github/acme/widget" }], status: "not_affected", justification: "component_not_present" }] }), "p.json");
    assert.deepEqual(project.statements[0]?.products, [], "a statement about the project itself covers every dependency");
  });
});
