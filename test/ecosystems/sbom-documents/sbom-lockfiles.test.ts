import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { parseJson } from "../../../src/ecosystems/formats/json.js";
import { parseXml } from "../../../src/ecosystems/formats/xml.js";
import { lockfileFormatOf } from "../../../src/ecosystems/lockfiles.js";
import { readCycloneDxJson, readCycloneDxXml } from "../../../src/ecosystems/sbom-documents/cyclonedx-bom.js";
import { readSpdxJson, readSpdxTagValue } from "../../../src/ecosystems/sbom-documents/spdx-document.js";

const FIXTURES = new URL("../../fixtures/lockfiles/", import.meta.url).pathname;
const read = (p: string) => readFileSync(`${FIXTURES}${p}`, "utf8");

describe("SBOMs read as lockfiles", () => {
  it("finds SBOMs by the names their specifications give them", () => {
    const cases: [string, string | undefined][] = [
      ["bom.json", "cyclonedx-json"],
      ["dist/app.cdx.json", "cyclonedx-json"],
      ["sbom/app.cyclonedx.json", "cyclonedx-json"],
      ["bom.xml", "cyclonedx-xml"],
      ["app.cdx.xml", "cyclonedx-xml"],
      ["app.spdx.json", "spdx-json"],
      ["app.spdx", "spdx-tag-value"],
      [".spdx.json", undefined],
      ["notbom.json", undefined],
      ["sbom.json", undefined],
      ["app.spdx.yaml", undefined],
    ];
    for (const [path, id] of cases) assert.equal(lockfileFormatOf(path)?.id, id, path);
  });

  it("reads CycloneDX JSON: nested components, each package's ecosystem and line, direct dependencies from the graph, OS packages counted", () => {
    const lf = readCycloneDxJson(parseJson(read("cyclonedx/json-nested/bom.json")), "bom.json");
    assert.ok(lf);
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual([...by.keys()].sort(), ["@types/node", "bash", "com.example:report-bundle", "curl", "express", "github.com/gorilla/websocket", "jinja2", "libssl3", "musl", "org.slf4j:slf4j-api"]);
    assert.deepEqual([by.get("libssl3")?.ecosystem, by.get("libssl3")?.release, by.get("musl")?.ecosystem, by.get("musl")?.release, by.get("curl")?.ecosystem, by.get("curl")?.release], ["Debian", "12", "Alpine", "v3.19", "Ubuntu", "22.04:LTS"]);
    assert.equal(by.get("express")?.ecosystem, "npm");
    assert.equal(by.get("express")?.line, 17);
    assert.equal(by.get("express")?.direct, true);
    assert.equal(by.get("@types/node")?.direct, false);
    assert.equal(by.get("@types/node")?.purl, "pkg:npm/%40types/node@20.11.5");
    assert.equal(by.get("jinja2")?.ecosystem, "PyPI");
    assert.equal(by.get("github.com/gorilla/websocket")?.version, "1.5.0", "Go versions without the v, as advisories write them");
    assert.equal(by.get("org.slf4j:slf4j-api")?.ecosystem, "Maven");
    assert.equal(by.get("org.slf4j:slf4j-api")?.direct, false, "nested, and only the bundle depends on it");
    assert.equal(lf.ecosystem, "mixed");
    assert.deepEqual([by.get("bash")?.ecosystem, by.get("bash")?.release, by.get("bash")?.version], ["openSUSE", "Leap 15.5", "4.4-150400.27.3.2"]);
    assert.deepEqual(lf.unchecked, { count: 1, types: ["rpm"] }, "Fedora packages are not matched");
    assert.ok(!lf.packages.some((p) => p.name === "shop-api"), "the BOM's subject is not its own dependency");
  });

  it("reads CycloneDX XML with the same rules", () => {
    const lf = readCycloneDxXml(parseXml(read("cyclonedx/xml/service.cdx.xml")), "service.cdx.xml");
    assert.ok(lf);
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.equal(by.get("Newtonsoft.Json")?.ecosystem, "NuGet");
    assert.equal(by.get("Newtonsoft.Json")?.direct, true);
    assert.equal(by.get("serde_derive")?.direct, false);
    assert.equal(by.get("serde_derive")?.ecosystem, "crates.io");
    assert.equal(by.get("rack")?.line, 27);
    assert.equal(lf.format, "CycloneDX 1.4");
  });

  it("leaves a bom.json that is no CycloneDX BOM alone, but refuses a *.cdx.json that is not one", () => {
    assert.equal(readCycloneDxJson(parseJson('{"parts": []}'), "hw/bom.json"), undefined);
    assert.equal(readCycloneDxXml(parseXml("<bom><part/></bom>"), "bom.xml"), undefined);
    assert.throws(() => readCycloneDxJson(parseJson('{"parts": []}'), "app.cdx.json"), (e: unknown) => e instanceof ParseFailure && /not a CycloneDX BOM/.test(e.message));
  });

  it("reads SPDX JSON: purl references of either category spelling, the described package left out", () => {
    const lf = readSpdxJson(parseJson(read("spdx/json/web.spdx.json")), "web.spdx.json");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual([...by.keys()].sort(), ["@angular/core", "axios", "guzzlehttp/guzzle"]);
    assert.equal(by.get("axios")?.line, 26);
    assert.equal(by.get("guzzlehttp/guzzle")?.ecosystem, "Packagist");
    assert.equal(lf.unchecked, undefined);
  });

  it("reads SPDX tag-value, skipping what a <text> block says", () => {
    const lf = readSpdxTagValue(read("spdx/tag-value/worker.spdx"), "worker.spdx");
    assert.deepEqual(lf.packages.map((p) => `${p.name}@${p.version}:${p.line}`).sort(), ["pyyaml@5.3.1:32", "requests@2.25.0:20", "zlib1g@1:1.2.13.dfsg-1:41"]);
    assert.equal(lf.ecosystem, "mixed");
    assert.equal(lf.unchecked, undefined);
  });

  it("refuses SPDX 3 by name, and anything without an SPDX version", () => {
    assert.throws(() => readSpdxJson(parseJson(read("spdx/spdx3/model.spdx.json")), "m.spdx.json"), /SPDX 3 \(JSON-LD\)/);
    assert.throws(() => readSpdxJson(parseJson("{}"), "x.spdx.json"), /not an SPDX document/);
    assert.throws(() => readSpdxTagValue("PackageName: x\n", "x.spdx"), /no SPDXVersion line/);
  });

  it("names OS packages by the source package Trivy writes beside the purl, where the purl has no upstream", () => {
    const prop = (name: string, value: string) => ({ name: `aquasecurity:trivy:${name}`, value });
    const bom = JSON.stringify({
      bomFormat: "CycloneDX",
      specVersion: "1.5",
      components: [
        { type: "library", name: "libssl3", version: "3.0.11-1~deb12u2", purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5", properties: [prop("SrcName", "openssl"), prop("SrcVersion", "3.0.11"), prop("SrcRelease", "1~deb12u2"), prop("LayerDigest", "sha256:00")] },
        { type: "library", name: "openssl-libs", version: "3.0.7-27.el9", purl: "pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&distro=rocky-9.3", properties: [prop("SrcName", "openssl"), prop("SrcVersion", "3.0.7"), prop("SrcRelease", "27.el9"), prop("SrcEpoch", "1")] },
        { type: "library", name: "musl-utils", version: "1.2.4-r2", purl: "pkg:apk/alpine/musl-utils@1.2.4-r2?distro=3.19.1&upstream=musl", properties: [prop("SrcName", "not-this"), prop("SrcVersion", "0")] },
      ],
    });
    const lf = readCycloneDxJson(parseJson(bom), "image.cdx.json");
    assert.deepEqual(lf?.packages.map((p) => [p.ecosystem, p.name, p.version]), [["Debian", "openssl", "3.0.11-1~deb12u2"], ["Rocky Linux", "openssl", "1:3.0.7-27.el9"], ["Alpine", "musl", "1.2.4-r2"]], "the purl's own upstream wins over a property");
    const xml = `<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n  <components>\n    <component type="library">\n      <name>libcrypto3</name>\n      <purl>pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1</purl>\n      <properties>\n        <property name="aquasecurity:trivy:SrcName">openssl</property>\n        <property name="aquasecurity:trivy:SrcVersion">3.1.4-r5</property>\n      </properties>\n    </component>\n  </components>\n</bom>\n`;
    assert.deepEqual(readCycloneDxXml(parseXml(xml), "bom.xml")?.packages.map((p) => [p.name, p.version, p.release]), [["openssl", "3.1.4-r5", "v3.19"]]);
    const tv = "SPDXVersion: SPDX-2.3\nPackageName: libc-utils\nSPDXID: SPDXRef-Package-1\nPackageSourceInfo: built package from: libc-dev 0.7.2-r3\nExternalRef: PACKAGE-MANAGER purl pkg:apk/alpine/libc-utils@0.7.2-r3?arch=x86_64&distro=3.15.11\nPackageName: zlib\nPackageSourceInfo: acquired package info from installed APK DB: lib/apk/db/installed\nExternalRef: PACKAGE-MANAGER purl pkg:apk/alpine/zlib@1.2.11-r3?distro=3.15.11\n";
    assert.deepEqual(readSpdxTagValue(tv, "image.spdx").packages.map((p) => [p.name, p.version]), [["libc-dev", "0.7.2-r3"], ["zlib", "1.2.11-r3"]], "only a `built package from:` line names a source");
    const json = JSON.stringify({ spdxVersion: "SPDX-2.3", packages: [{ SPDXID: "SPDXRef-Package-2", name: "libssl3", sourceInfo: "built package from: openssl 3.0.11-1~deb12u2", externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12.5" }] }] });
    assert.deepEqual(readSpdxJson(parseJson(json), "image.spdx.json").packages.map((p) => [p.name, p.version, p.release]), [["openssl", "3.0.11-1~deb12u2", "12"]]);
  });

  it("keeps a package whose purl names a repository (vcs_url) from the registry's advisories, and drops the URL's credentials", () => {
    const sha = "aabbccddeeff00112233445566778899aabbccdd";
    const bom = JSON.stringify({
      bomFormat: "CycloneDX",
      specVersion: "1.6",
      components: [
        { type: "library", name: "forked", version: "0.3.1", purl: `pkg:cargo/forked@0.3.1?vcs_url=git%2Bhttps://user:changeme@github.com/acme/forked%40${sha}` },
        { type: "library", name: "serde", version: "1.0.195", purl: "pkg:cargo/serde@1.0.195" },
      ],
    });
    const lf = readCycloneDxJson(parseJson(bom), "bom.json")!;
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.equal(by.get("forked")?.source, "git");
    assert.equal(by.get("forked")?.vcsUrl, `git+https://github.com/acme/forked@${sha}`);
    assert.equal(by.get("forked")?.purl, "pkg:cargo/forked@0.3.1");
    assert.equal(by.get("serde")?.source, "registry");
  });

  it("keeps a package of another registry (a Hex organisation, a repository_url other than crates.io's or pub.dev's) from the public advisories, as its lockfile's entry is", () => {
    const bom = JSON.stringify({
      bomFormat: "CycloneDX",
      specVersion: "1.6",
      components: [
        { type: "library", name: "billing", version: "1.2.0", purl: "pkg:hex/acme/billing@1.2.0" },
        { type: "library", name: "plug", version: "1.14.0", purl: "pkg:hex/plug@1.14.0" },
        { type: "library", name: "internal-log", version: "0.4.0", purl: "pkg:cargo/internal-log@0.4.0?repository_url=https%3A%2F%2Fcrates.acme.example%2Findex" },
        { type: "library", name: "serde", version: "1.0.195", purl: "pkg:cargo/serde@1.0.195?repository_url=https://index.crates.io/" },
        { type: "library", name: "http", version: "1.1.0", purl: "pkg:pub/http@1.1.0?repository_url=https://dart.acme.example/api" },
        { type: "library", name: "path", version: "1.9.0", purl: "pkg:pub/path@1.9.0?repository_url=https://pub.dev" },
      ],
    });
    const lf = readCycloneDxJson(parseJson(bom), "bom.json")!;
    const source = Object.fromEntries(lf.packages.map((p) => [p.name, p.source]));
    assert.deepEqual(source, { billing: "private", plug: "registry", "internal-log": "private", serde: "registry", http: "private", path: "registry" });
  });

  it("reads SPDX JSON relationships: what the subject DEPENDS_ON, or what is a DEPENDENCY_OF it, is direct; a DEV_DEPENDENCY_OF it is dev", () => {
    const pkg = (n: number, purl: string) => ({ SPDXID: `SPDXRef-P${n}`, name: `p${n}`, downloadLocation: "NOASSERTION", externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl }] });
    const doc = (relationships: object[]) => JSON.stringify({
      spdxVersion: "SPDX-2.3", SPDXID: "SPDXRef-DOCUMENT", name: "app",
      packages: [{ SPDXID: "SPDXRef-App", name: "app", downloadLocation: "NOASSERTION" }, pkg(1, "pkg:npm/express@4.17.1"), pkg(2, "pkg:npm/qs@6.7.0"), pkg(3, "pkg:npm/jest@29.0.0")],
      relationships: [{ spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: "SPDXRef-App" }, ...relationships],
    });
    const read = (relationships: object[]) => readSpdxJson(parseJson(doc(relationships)), "app.spdx.json").packages.map((p) => `${p.name}:${p.direct}:${p.dev ?? false}`).sort();
    assert.deepEqual(read([
      { spdxElementId: "SPDXRef-App", relationshipType: "DEPENDS_ON", relatedSpdxElement: "SPDXRef-P1" },
      { spdxElementId: "SPDXRef-P1", relationshipType: "DEPENDS_ON", relatedSpdxElement: "SPDXRef-P2" },
      { spdxElementId: "SPDXRef-P3", relationshipType: "DEV_DEPENDENCY_OF", relatedSpdxElement: "SPDXRef-App" },
    ]), ["express:true:false", "jest:true:true", "qs:false:false"]);
    assert.deepEqual(read([]), ["express:undefined:false", "jest:undefined:false", "qs:undefined:false"], "no relationship of the subject: directness unknown");
  });
});

