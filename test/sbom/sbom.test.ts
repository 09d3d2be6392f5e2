import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { cli } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { readHash } from "../../src/sbom/model.js";
import { fixtureDir } from "../helpers/run-rule.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const require = createRequire(import.meta.url);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cyclonedxValidator() {
  const dir = join(require.resolve("@cyclonedx/cyclonedx-library/package.json"), "..", "res", "schema");
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // bom-1.6 refers to its companions by their SNAPSHOT file names.
  ajv.addSchema({ ...read("spdx.SNAPSHOT.schema.json"), $id: "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json" });
  ajv.addSchema({ ...read("jsf-0.82.SNAPSHOT.schema.json"), $id: "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json" });
  return ajv.compile(read("bom-1.6.SNAPSHOT.schema.json"));
}

function spdxValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL("./schemas/spdx-2.3.schema.json", import.meta.url), "utf8")) as object);
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: process.cwd(), env: { SOURCE_DATE_EPOCH: "1780000000" } } as unknown as Io;
  const code = await cli(args, io);
  return { code, out, err };
}

const project = fixtureDir("deps/vulnerable-dependency", "bad");

describe("assay sbom", () => {
  it("writes CycloneDX 1.6 that validates against the official schema, with purls, hashes, licences and the graph", async () => {
    const { code, out } = await run(["sbom", project, "--format", "cyclonedx", "--name", "widget-app"]);
    assert.equal(code, 0);
    const bom = JSON.parse(out) as { components: { purl: string; hashes?: unknown[]; licenses?: unknown[] }[]; dependencies: { ref: string; dependsOn: string[] }[]; serialNumber: string; metadata: { timestamp: string } };
    const validate = cyclonedxValidator();
    assert.ok(validate(bom), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(bom.components.map((c) => c.purl), ["pkg:npm/lodash@4.17.15", "pkg:npm/minimist@0.0.8", "pkg:npm/mkdirp@0.5.1"]);
    assert.deepEqual(bom.components[0]!.licenses, [{ license: { id: "MIT" } }]);
    assert.equal((bom.components[0]!.hashes as { alg: string }[])[0]!.alg, "SHA-512");
    assert.deepEqual(bom.dependencies.find((d) => d.ref === "root:widget-app")?.dependsOn, ["pkg:npm/lodash@4.17.15", "pkg:npm/mkdirp@0.5.1"]);
    assert.deepEqual(bom.dependencies.find((d) => d.ref === "pkg:npm/mkdirp@0.5.1")?.dependsOn, ["pkg:npm/minimist@0.0.8"]);
    assert.equal(bom.metadata.timestamp, "2026-05-28T20:26:40Z", "SOURCE_DATE_EPOCH");
    const again = await run(["sbom", project, "--format", "cyclonedx", "--name", "widget-app"]);
    assert.equal(again.out, out, "the same checkout gives the same document");
  });

  it("lists Swift packages with their host and owner as the group, and NuGet packages of project files", async () => {
    const dir = tmpDir({
      "Package.resolved": JSON.stringify({ pins: [{ identity: "swift-nio", kind: "remoteSourceControl", location: "https://github.com/apple/swift-nio.git", state: { revision: "a".repeat(40), version: "2.62.0" } }], version: 2 }),
      "App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.1" /></ItemGroup></Project>',
    });
    dirs.push(dir);
    const { code, out } = await run(["sbom", dir, "--format", "cyclonedx", "--name", "mixed"]);
    assert.equal(code, 0);
    const bom = JSON.parse(out) as { components: { group?: string; name: string; purl: string }[] };
    assert.ok(cyclonedxValidator()(bom));
    assert.deepEqual(bom.components.map((c) => [c.group, c.name, c.purl]), [
      [undefined, "Newtonsoft.Json", "pkg:nuget/Newtonsoft.Json@13.0.1"],
      ["github.com/apple", "swift-nio", "pkg:swift/github.com/apple/swift-nio@2.62.0"],
    ]);
  });

  it("writes a git dependency's repository and commit as a vcs reference and SPDX's download location, beside the registry purl OSV-Scanner writes; a stack.yaml.lock's cabal-file hash is not the package's", async () => {
    const sha = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    const dir = tmpDir({
      "Cargo.lock": `version = 3\n\n[[package]]\nname = "forked"\nversion = "0.3.1"\nsource = "git+https://github.com/acme/forked?branch=main#${sha}"\n`,
      "stack.yaml.lock": `packages:\n- completed:\n    hackage: acme-missiles-0.3@sha256:${"a".repeat(64)},613\n    pantry-tree:\n      sha256: ${"b".repeat(64)}\n      size: 226\n  original:\n    hackage: acme-missiles-0.3\nsnapshots: []\n`,
    });
    dirs.push(dir);
    const purl = "pkg:cargo/forked@0.3.1";
    const bom = JSON.parse((await run(["sbom", dir, "--format", "cyclonedx"])).out) as { components: { purl: string; hashes?: unknown[]; externalReferences?: { type: string; url: string }[] }[] };
    assert.ok(cyclonedxValidator()(bom));
    assert.deepEqual(bom.components.map((c) => [c.purl, c.hashes, c.externalReferences]), [
      [purl, undefined, [{ type: "vcs", url: `git+https://github.com/acme/forked@${sha}` }]],
      ["pkg:hackage/acme-missiles@0.3", undefined, undefined],
    ]);
    const doc = JSON.parse((await run(["sbom", dir, "--format", "spdx"])).out) as { packages: { name: string; downloadLocation: string }[] };
    assert.ok(spdxValidator()(doc));
    assert.equal(doc.packages.find((p) => p.name === "forked")?.downloadLocation, `git+https://github.com/acme/forked@${sha}`);
  });

  it("writes SPDX 2.3 that validates against the official schema", async () => {
    const { code, out } = await run(["sbom", project, "--format", "spdx", "--name", "widget-app"]);
    assert.equal(code, 0);
    const doc = JSON.parse(out) as { packages: { name: string; externalRefs?: { referenceLocator: string }[]; checksums?: unknown[] }[]; relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] };
    const validate = spdxValidator();
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(doc.packages.map((p) => p.externalRefs?.[0]?.referenceLocator ?? p.name), ["widget-app", "pkg:npm/lodash@4.17.15", "pkg:npm/minimist@0.0.8", "pkg:npm/mkdirp@0.5.1"]);
    assert.ok(doc.relationships.some((r) => r.relationshipType === "DESCRIBES" && r.relatedSpdxElement === "SPDXRef-Root"));
    assert.ok(doc.relationships.some((r) => r.spdxElementId === "SPDXRef-Package-3" && r.relationshipType === "DEPENDS_ON" && r.relatedSpdxElement === "SPDXRef-Package-2"));
  });

  it("says which lockfile it could not read, and exits 1, with a valid document of the rest", async () => {
    const dir = tmpDir({ "a/package-lock.json": readFileSync(join(project, "package-lock.json"), "utf8"), "b/package-lock.json": "{\n  \"packages\": [" });
    dirs.push(dir);
    const { code, out, err } = await run(["sbom", dir, "--format", "spdx"]);
    assert.equal(code, 1);
    assert.match(err, /^assay: warning: .*b\/package-lock\.json:2:\d+/m);
    assert.ok(spdxValidator()(JSON.parse(out)));
  });

  it("names a lockfile it could not read without letting its path act on the terminal", async () => {
    const dir = tmpDir({ "x\u001b[31mred\u0007/package-lock.json": "{\n  \"packages\": [" });
    dirs.push(dir);
    const { code, err } = await run(["sbom", dir]);
    assert.equal(code, 1);
    assert.doesNotMatch(err, /\u001b|\u0007/);
    assert.match(err, /x\\e\[31mred\\a\/package-lock\.json:2:\d+/);
  });

  it("reads back what it writes, in both formats, and never bills a committed SBOM as the project's packages", async () => {
    const { findLockfiles } = await import("../../src/ecosystems/lockfiles.js");
    const { Workspace } = await import("../../src/workspace/workspace.js");
    const cdx = (await run(["sbom", project, "--format", "cyclonedx", "--name", "widget-app"])).out;
    const doc = (await run(["sbom", project, "--format", "spdx", "--name", "widget-app"])).out;
    const stale = cdx.replace(/4\.17\.15/g, "4.17.11");
    const dir = tmpDir({ "app.cdx.json": cdx, "app.spdx.json": doc, "old/bom.json": stale, "package-lock.json": readFileSync(join(project, "package-lock.json"), "utf8") });
    dirs.push(dir);
    const read = await findLockfiles(await Workspace.open(dir));
    const names = (path: string) => read.find((l) => l.path === path)?.packages.map((p) => `${p.name}@${p.version}:${p.direct}`).sort();
    assert.deepEqual(names("app.cdx.json"), ["lodash@4.17.15:true", "minimist@0.0.8:false", "mkdirp@0.5.1:true"]);
    assert.deepEqual(names("app.spdx.json")?.map((n) => n.replace(/:.*/, "")), ["lodash@4.17.15", "minimist@0.0.8", "mkdirp@0.5.1"]);
    const bill = JSON.parse((await run(["sbom", dir, "--format", "cyclonedx"])).out) as { components: { purl: string }[] };
    assert.deepEqual(bill.components.map((c) => c.purl), ["pkg:npm/lodash@4.17.15", "pkg:npm/minimist@0.0.8", "pkg:npm/mkdirp@0.5.1"], "the stale bom.json's lodash 4.17.11 is not billed");
  });

  it("says how many packages it wrote, in the singular for one", async () => {
    const lock = { name: "one", lockfileVersion: 3, packages: { "": { name: "one", dependencies: { ms: "2.1.3" } }, "node_modules/ms": { version: "2.1.3" } } };
    const dir = tmpDir({ "package-lock.json": JSON.stringify(lock) });
    dirs.push(dir);
    const { code, err } = await run(["sbom", dir, "--format", "spdx", "--output", join(dir, "bom.spdx.json")]);
    assert.equal(code, 0);
    assert.match(err, /: 1 package \(spdx\)\n$/);
  });

  it("reads lockfile hashes in their usual spellings", () => {
    assert.deepEqual(readHash("sha256:" + "ab".repeat(32)), { alg: "SHA-256", hex: "ab".repeat(32) });
    assert.equal(readHash("sha512-" + Buffer.alloc(64, 1).toString("base64"))?.hex, "01".repeat(64));
    assert.equal(readHash("sha256:nothex"), undefined);
    assert.equal(readHash("md5:abc"), undefined);
  });

  it("writes a licence outside the SPDX list (LicenseRef-) as CycloneDX allows it, an expression, and defines it in SPDX", async () => {
    const lock = { name: "eula", lockfileVersion: 3, packages: { "": { name: "eula", dependencies: { "acme-sdk": "1.0.0", ms: "2.1.3" } }, "node_modules/acme-sdk": { version: "1.0.0", license: "LicenseRef-Acme-EULA" }, "node_modules/ms": { version: "2.1.3", license: "MIT OR LicenseRef-Acme-EULA" } } };
    const dir = tmpDir({ "package-lock.json": JSON.stringify(lock) });
    dirs.push(dir);
    const bom = JSON.parse((await run(["sbom", dir, "--format", "cyclonedx"])).out) as { components: { name: string; licenses?: unknown[] }[] };
    const validate = cyclonedxValidator();
    assert.ok(validate(bom), JSON.stringify(validate.errors?.slice(-1)));
    assert.deepEqual(bom.components.map((c) => c.licenses), [[{ expression: "LicenseRef-Acme-EULA" }], [{ expression: "MIT OR LicenseRef-Acme-EULA" }]]);
    const doc = JSON.parse((await run(["sbom", dir, "--format", "spdx"])).out) as { hasExtractedLicensingInfos?: { licenseId: string }[] };
    assert.ok(spdxValidator()(doc));
    assert.deepEqual(doc.hasExtractedLicensingInfos?.map((l) => l.licenseId), ["LicenseRef-Acme-EULA"], "SPDX 2.3 section 10: a LicenseRef- the document uses is defined in it, once");
  });
});

