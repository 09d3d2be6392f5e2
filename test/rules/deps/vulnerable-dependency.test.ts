import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deps/vulnerable-dependency.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const bad = fixtureDir(rule.meta.id, "bad");
const LOCK = readFileSync(`${bad}/package-lock.json`, "utf8");
const ADVISORIES = readFileSync(`${bad}/advisories.json`, "utf8");

const osv = (id: string, name: string, events: object[], extra: object = {}) => ({ id, modified: "2025-01-01T00:00:00Z", summary: `${id} summary`, affected: [{ package: { ecosystem: "npm", name }, ranges: [{ type: "SEMVER", events }] }], ...extra });
/** A distribution's record: every version before `fixed` is affected, in the ecosystem's own order. */
const os = (id: string, ecosystem: string, name: string, fixed: string) => ({ id, modified: "2025-01-01T00:00:00Z", summary: `${id} summary`, affected: [{ package: { ecosystem, name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed }] }] }] });
const cyclonedx = (components: object[]) => JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.5", components }, null, 2);
const oneLock = (name: string, version: string) => JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { [name]: "*" } }, [`node_modules/${name}`]: { version } } }, null, 2);

describe("deps/vulnerable-dependency", () => {
  it("reports each vulnerability once per package version, aliases merged, with fix, path and lockfile line", async () => {
    const { findings } = await runRule(rule, bad);
    assert.equal(findings.length, 2);
    const lodash = findings.find((f) => f.evidence.package === "lodash")!;
    assert.equal(lodash.message, "lodash 4.17.15 (npm) is affected by GHSA-p6mc-m468-83gw (NSWG-ECO-FIXTURE-1, CVE-2020-8203): Prototype pollution through zipObjectDeep in lodash — direct dependency; fixed in 4.17.19 (patch upgrade)");
    assert.deepEqual(lodash.locations, [{ path: "package-lock.json", startLine: 16 }]);
    assert.equal(lodash.severity, "high", "CVSS 3.1 base 7.4");
    assert.equal(lodash.evidence.cvssScore, 7.4);
    assert.deepEqual(lodash.evidence.vulnerabilities, ["GHSA-p6mc-m468-83gw", "NSWG-ECO-FIXTURE-1", "CVE-2020-8203"]);
    assert.equal(lodash.evidence.purl, "pkg:npm/lodash@4.17.15");
    assert.equal(lodash.evidence.imported, "yes");
    assert.equal(lodash.fix, "upgrade lodash to 4.17.19 or later");
    const minimist = findings.find((f) => f.evidence.package === "minimist")!;
    assert.deepEqual(minimist.evidence.dependencyPath, ["mkdirp@0.5.1", "minimist@0.0.8"]);
    assert.equal(minimist.evidence.direct, false);
    assert.equal(minimist.evidence.imported, "no");
    assert.equal(minimist.evidence.advisorySeverity, "medium", "GHSA's MODERATE label");
    assert.equal(minimist.severity, "low", "not imported (nor is mkdirp): one step lower, never hidden");
    assert.match(minimist.message, /neither it nor the dependency that brings it in is imported by first-party code/);
  });

  it("counts a Python distribution imported under another name (GitPython as git, python-gnupg as gnupg) as imported", async () => {
    const record = (id: string, name: string) => ({ id, modified: "2025-01-01T00:00:00Z", summary: "fixture", severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }], affected: [{ package: { ecosystem: "PyPI", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "9.0.0" }] }] }] });
    const lock = 'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [\n    { name = "gitpython" },\n    { name = "python-gnupg" },\n]\n\n[[package]]\nname = "gitpython"\nversion = "3.1.0"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "python-gnupg"\nversion = "0.4.0"\nsource = { registry = "https://pypi.org/simple" }\n';
    const { findings } = await run({ "uv.lock": lock, "app.py": "import git\nfrom gnupg import GPG\n", "advisories.json": JSON.stringify([record("PYSEC-0000-0010", "gitpython"), record("PYSEC-0000-0011", "python-gnupg")]) });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.evidence.imported, f.severity]).sort(), [["gitpython", "yes", "critical"], ["python-gnupg", "yes", "critical"]]);
  });

  it("counts an npm alias imported under the name it is installed as (`require(\"old-lodash\")` for npm:lodash) as imported", async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { "old-lodash": "npm:lodash@4.17.4" } }, "node_modules/old-lodash": { name: "lodash", version: "4.17.4", resolved: "https://registry.npmjs.org/lodash/-/lodash-4.17.4.tgz" } } }, null, 2);
    const advisories = JSON.stringify([osv("GHSA-xxxx-0020", "lodash", [{ introduced: "0" }, { fixed: "4.17.21" }], { severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] })]);
    const { findings } = await run({ "package-lock.json": lock, "index.js": 'const _ = require("old-lodash");\n', "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.evidence.imported, f.severity]), [["lodash", "yes", "critical"]]);
  });

  it("counts a transitive package as reached when code imports the alias of the direct dependency that brings it in", async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { "old-express": "npm:express@4.0.0" } }, "node_modules/old-express": { name: "express", version: "4.0.0", dependencies: { qs: "0.6.6" } }, "node_modules/qs": { version: "0.6.6" } } }, null, 2);
    const advisories = JSON.stringify([osv("GHSA-xxxx-0021", "qs", [{ introduced: "0" }, { fixed: "1.0.0" }], { severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] })]);
    const { findings } = await run({ "package-lock.json": lock, "index.js": 'import express from "old-express";\n', "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.evidence.imported, f.severity]), [["qs", "unknown", "critical"]]);
  });

  it("counts a Go fork a replace builds as imported through the module path it replaces", async () => {
    const mod = "module example.com/app\n\ngo 1.22.0\n\nrequire github.com/dgrijalva/jwt-go v3.2.0+incompatible\n\nreplace github.com/dgrijalva/jwt-go => github.com/golang-jwt/jwt v3.2.1+incompatible\n";
    const record = { id: "GO-0000-0001", modified: "2025-01-01T00:00:00Z", summary: "fixture", severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }], affected: [{ package: { ecosystem: "Go", name: "github.com/golang-jwt/jwt" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }], ecosystem_specific: { imports: [{ path: "github.com/golang-jwt/jwt", symbols: ["Parse"] }] } }] };
    const { findings } = await run({ "go.mod": mod, "main.go": 'package main\n\nimport jwt "github.com/dgrijalva/jwt-go"\n\nvar _ = jwt.Parse\n', "advisories.json": JSON.stringify([record]) });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.evidence.imported, f.severity, f.locations[0]?.startLine]), [["github.com/golang-jwt/jwt", "yes", "critical", 7]]);
  });

  it("keeps the advisory's severity when reachability is turned off in the policy", async () => {
    const { defaultPolicy } = await import("../../../src/policy/policy-file.js");
    const policy = defaultPolicy();
    policy.rules[rule.meta.id] = { off: false, options: { reachability: false } };
    const { findings } = await runRule(rule, bad, policy);
    assert.equal(findings.find((f) => f.evidence.package === "minimist")?.severity, "medium");
  });

  it("is not available, never passed, without an advisory database", async () => {
    const { outcome, assessment } = await run({ "package-lock.json": LOCK });
    assert.equal(outcome, "not-available");
    assert.match(assessment.rules[0]?.reason ?? "", /no advisory database/);
  });

  it("is incomplete when the store has no records for an ecosystem the checkout locks", async () => {
    const { outcome, assessment } = await run({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, "Cargo.lock": 'version = 3\n\n[[package]]\nname = "smallvec"\nversion = "0.6.9"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' });
    assert.equal(outcome, "fail");
    assert.match(assessment.rules[0]?.reason ?? "", /no crates\.io records: run `assay db update --ecosystem crates\.io`/);
  });

  it("matches the packages an SBOM lists, at their line, and is incomplete for the OS packages it cannot match", async () => {
    const bom = cyclonedx([
      { type: "library", name: "lodash", version: "4.17.15", purl: "pkg:npm/lodash@4.17.15" },
      { type: "library", name: "bash", version: "5.2.26-3.fc40", purl: "pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&distro=fedora-40" },
    ]);
    const { outcome, findings, assessment } = await run({ "image.cdx.json": bom, "advisories.json": ADVISORIES });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.locations[0]?.path, f.locations[0]?.startLine]), [["lodash", "image.cdx.json", 5]]);
    assert.equal(outcome, "fail");
    assert.match(assessment.rules[0]?.reason ?? "", /image\.cdx\.json: 1 package of type rpm listed here is not matched against advisories/);
    const clean = await run({ "image.cdx.json": bom.replace(/,\s*\{[^{}]*fedora[^{}]*\}/, ""), "advisories.json": ADVISORIES });
    assert.equal(clean.findings.length, 1);
    assert.equal(clean.assessment.rules[0]?.reason, undefined, "nothing left unchecked: no incomplete reason");
  });

  it("matches an SBOM's Debian, Ubuntu and Alpine packages against their own release's records, by source package", async () => {
    const advisories = JSON.stringify([
      os("DSA-9001-1", "Debian:12", "openssl", "3.0.13-1~deb12u1"),
      os("DSA-9002-1", "Debian:11", "openssl", "9.9.9-1"),
      os("ALPINE-CVE-2099-1", "Alpine:v3.19", "openssl", "3.1.4-r6"),
      os("ALPINE-CVE-2099-2", "Alpine:v3.18", "openssl", "9.9.9-r0"),
      os("UBUNTU-CVE-2099-3", "Ubuntu:22.04:LTS", "curl", "7.81.0-1ubuntu1.16"),
      os("UBUNTU-CVE-2099-4", "Ubuntu:Pro:22.04:LTS", "curl", "9.9.9"),
      os("UBUNTU-CVE-2099-5", "Ubuntu:20.04:LTS", "curl", "9.9.9"),
    ]);
    const bom = cyclonedx([
      { type: "library", name: "libssl3", version: "3.0.11-1~deb12u2", purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12" },
      { type: "library", name: "libcrypto3", version: "3.1.4-r5", purl: "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&upstream=openssl&distro=alpine-3.19.1" },
      { type: "library", name: "curl", version: "7.81.0-1ubuntu1.15", purl: "pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?arch=amd64&distro=ubuntu-22.04" },
    ]);
    const { findings, assessment } = await run({ "image.cdx.json": bom, "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package]).sort(), [["ALPINE-CVE-2099-1", "openssl"], ["DSA-9001-1", "openssl"], ["UBUNTU-CVE-2099-3", "curl"]], "another release's record, or Ubuntu Pro's, never matches");
    assert.equal(assessment.rules[0]?.reason, undefined);
    assert.match(findings.find((f) => f.evidence.id === "DSA-9001-1")!.message, /^openssl 3\.0\.11-1~deb12u2 \(Debian:12\) is affected by DSA-9001-1/);
  });

  it("matches an SBOM's Rocky Linux and AlmaLinux packages in rpm's order, epoch first, and Wolfi's by origin package", async () => {
    const advisories = JSON.stringify([
      os("RLSA-2099:0001", "Rocky Linux:9", "openssl", "1:3.0.7-27.el9"),
      os("RLSA-2099:0002", "Rocky Linux:8", "openssl", "1:9.9.9-1.el8"),
      os("RLSA-2099:0003", "Rocky Linux:9", "tzdata", "2024b-2.el9"),
      os("ALSA-2099:0004", "AlmaLinux", "bash", "5.1.8-10.el9"),
      os("CGA-2099-0005", "Wolfi", "openssl", "3.3.1-r1"),
    ]);
    const bom = cyclonedx([
      { type: "library", name: "openssl-libs", version: "3.0.7-25.el9", purl: "pkg:rpm/rocky/openssl-libs@3.0.7-25.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9.src.rpm&distro=rocky-9.3" },
      { type: "library", name: "tzdata", version: "2024a-1.el9", purl: "pkg:rpm/rocky/tzdata@2024a-1.el9?arch=noarch&epoch=1&distro=rocky-9.3" },
      { type: "library", name: "bash", version: "5.1.8-9.el9", purl: "pkg:rpm/almalinux/bash@5.1.8-9.el9?arch=x86_64&upstream=bash-5.1.8-9.el9.src.rpm&distro=almalinux-9.4" },
      { type: "library", name: "libcrypto3", version: "3.3.1-r0", purl: "pkg:apk/wolfi/libcrypto3@3.3.1-r0?arch=x86_64&upstream=openssl&distro=wolfi-20230201" },
    ]);
    const { findings, assessment } = await run({ "image.cdx.json": bom, "advisories.json": advisories });
    // tzdata's epoch 1 is past a fix written without one (epoch 0); Rocky Linux 8's record is another release's.
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package]).sort(), [["ALSA-2099:0004", "bash"], ["CGA-2099-0005", "openssl"], ["RLSA-2099:0001", "openssl"]]);
    assert.equal(assessment.rules[0]?.reason, undefined, "nothing left unchecked");
    assert.match(findings.find((f) => f.evidence.id === "RLSA-2099:0001")!.message, /^openssl 1:3\.0\.7-25\.el9 \(Rocky Linux:9\) is affected/);
  });

  it("matches an SBOM's Red Hat packages by binary RPM against every stream of their major release, and no other product's", async () => {
    const advisories = JSON.stringify([
      os("RHSA-2099:0001", "Red Hat:enterprise_linux:9::baseos", "openssl-libs", "1:3.0.7-27.el9"),
      os("RHSA-2099:0002", "Red Hat:enterprise_linux:8::baseos", "openssl-libs", "1:9.9.9-1.el8"),
      os("RHSA-2099:0003", "Red Hat:rhel_eus:9.2::baseos", "openssl-libs", "1:9.9.9-1.el9_2"),
      os("RHSA-2099:0004", "Red Hat:enterprise_linux:9::appstream", "libsolv", "0.7.24-4.el9"),
      os("RHSA-2099:0005", "Red Hat:enterprise_linux:9::appstream", "openssl", "1:9.9.9-1.el9"),
    ]);
    const bom = cyclonedx([
      { type: "library", name: "openssl-libs", version: "3.0.7-25.el9", purl: "pkg:rpm/redhat/openssl-libs@3.0.7-25.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9.src.rpm&distro=rhel-9.3" },
      { type: "library", name: "libsolv", version: "0.7.24-3.el9", purl: "pkg:rpm/redhat/libsolv@0.7.24-3.el9?arch=x86_64&distro=redhat-9.7" },
    ]);
    const { findings, assessment } = await run({ "image.cdx.json": bom, "advisories.json": advisories });
    // RHEL 8's and an extended-support stream's records are other products; Red Hat names binary packages, so the source RPM's record is not this one's.
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package]).sort(), [["RHSA-2099:0001", "openssl-libs"], ["RHSA-2099:0004", "libsolv"]]);
    assert.equal(assessment.rules[0]?.reason, undefined, "nothing left unchecked");
    assert.match(findings.find((f) => f.evidence.id === "RHSA-2099:0001")!.message, /^openssl-libs 1:3\.0\.7-25\.el9 \(Red Hat:enterprise_linux:9\) is affected/);
  });

  it("does not match a dependency whose version a parent outside the checkout manages (Spring Boot's starters), and says so", async () => {
    const advisories = JSON.stringify([{ id: "GHSA-xxxx-0001", modified: "2025-01-01T00:00:00Z", summary: "fixture", affected: [{ package: { ecosystem: "Maven", name: "org.springframework.boot:spring-boot-starter-web" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.3.0" }] }] }] }]);
    const pom = "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.4.1</version>\n    <relativePath/>\n  </parent>\n  <groupId>com.example</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0</version>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n";
    const { outcome, findings, assessment } = await run({ "pom.xml": pom, "advisories.json": advisories });
    assert.deepEqual([outcome, findings.length], ["incomplete", 0]);
    assert.match(assessment.rules[0]?.reason ?? "", /pom\.xml:13: 1 package listed here has no version the file states \(org\.springframework\.boot:spring-boot-starter-web:/);
  });

  it("does not match a pom dependency whose version is a property no pom in the checkout defines, or Maven 2's RELEASE, and says so", async () => {
    // `${log4j.version}` compared as a Maven version sorts below every release: every record from 0 matched it.
    const record = (id: string, name: string) => ({ id, modified: "2025-01-01T00:00:00Z", summary: "fixture", affected: [{ package: { ecosystem: "Maven", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.17.1" }] }] }] });
    const advisories = JSON.stringify([record("GHSA-xxxx-0002", "org.apache.logging.log4j:log4j-core"), record("GHSA-xxxx-0003", "junit:junit")]);
    const dep = (g: string, a: string, v: string) => `    <dependency>\n      <groupId>${g}</groupId>\n      <artifactId>${a}</artifactId>\n      <version>${v}</version>\n    </dependency>\n`;
    const pom = `<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0</version>\n  <dependencies>\n${dep("org.apache.logging.log4j", "log4j-core", "${log4j.version}")}${dep("junit", "junit", "RELEASE")}  </dependencies>\n</project>\n`;
    const { outcome, findings, assessment } = await run({ "pom.xml": pom, "advisories.json": advisories });
    assert.deepEqual([outcome, findings.length], ["incomplete", 0]);
    assert.match(assessment.rules[0]?.reason ?? "", /pom\.xml:7: 2 packages listed here have no version the file states \(org\.apache\.logging\.log4j:log4j-core, junit:junit:/);
  });

  it("is incomplete, at the line, when a requirements file includes one that is not in the checkout, and still reports what it reads", async () => {
    const advisories = JSON.stringify([{ id: "PYSEC-0000-0002", modified: "2025-01-01T00:00:00Z", summary: "fixture", affected: [{ package: { ecosystem: "PyPI", name: "django" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.2.1" }] }] }] }]);
    const { findings, assessment } = await run({ "requirements.txt": "Django==4.2\n-r requirements/prod.txt\n", "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => f.evidence.id), ["PYSEC-0000-0002"]);
    assert.match(assessment.rules[0]?.reason ?? "", /requirements\.txt:2: requirements\/prod\.txt, which this file includes, is not in the checkout: the packages it pins are not checked/);
  });

  it("says where a lockfile writes a version that is not text (a TOML number in poetry.lock), instead of matching it", async () => {
    const advisories = JSON.stringify([{ id: "PYSEC-0000-0001", modified: "2025-01-01T00:00:00Z", summary: "fixture", affected: [{ package: { ecosystem: "PyPI", name: "jinja2" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.1.5" }] }] }] }]);
    const lock = '[[package]]\nname = "markupsafe"\nversion = "2.1.5"\n\n[[package]]\nname = "jinja2"\nversion = 2.10\n\n[metadata]\nlock-version = "2.0"\n';
    const { outcome, findings, assessment } = await run({ "poetry.lock": lock, "advisories.json": advisories });
    assert.deepEqual([outcome, findings.length], ["incomplete", 0]);
    assert.match(assessment.rules[0]?.reason ?? "", /^poetry\.lock:5: 1 package listed here has no version the file states \(jinja2: a version field that is missing or not text/);
  });

  it("matches an SBOM's SLES packages against every Linux Enterprise product of their release (modules, LTSS), and openSUSE ones against their distribution's", async () => {
    const advisories = JSON.stringify([
      os("SUSE-SU-2099:0001-1", "SUSE:Linux Enterprise Module for Basesystem 15 SP5", "libopenssl3", "3.0.8-150500.5.27.1"),
      os("SUSE-SU-2099:0002-1", "SUSE:Linux Enterprise Server 15 SP5-LTSS", "libopenssl3", "3.0.8-150500.5.30.1"),
      os("SUSE-SU-2099:0003-1", "SUSE:Linux Enterprise Module for Basesystem 15 SP6", "libopenssl3", "9.9.9-150600.1.1"),
      os("SUSE-SU-2099:0004-1", "SUSE:Linux Enterprise Micro 5.5", "libopenssl3", "9.9.9-150500.1.1"),
      os("SUSE-SU-2099:0005-1", "SUSE:Linux Enterprise Module for Basesystem 15 SP5", "openssl-3", "9.9.9-150500.1.1"),
      os("openSUSE-SU-2099:0006-1", "openSUSE:Leap 15.5", "curl", "8.0.1-150400.5.44.1"),
      os("openSUSE-SU-2099:0007-1", "openSUSE:Leap 15.6", "curl", "9.9.9-150600.1.1"),
      os("openSUSE-SU-2099:0008-1", "openSUSE:Tumbleweed", "curl", "9.9.9-1.1"),
    ]);
    const bom = cyclonedx([
      { type: "library", name: "libopenssl3", version: "3.0.8-150500.5.20.1", purl: "pkg:rpm/sles/libopenssl3@3.0.8-150500.5.20.1?arch=x86_64&upstream=openssl-3-3.0.8-150500.5.20.1.src.rpm&distro=sles-15.5" },
      { type: "library", name: "curl", version: "8.0.1-150400.5.41.1", purl: "pkg:rpm/opensuse/curl@8.0.1-150400.5.41.1?arch=x86_64&distro=opensuse-leap-15.5" },
    ]);
    const { findings, assessment } = await run({ "image.cdx.json": bom, "advisories.json": advisories });
    // Another service pack's, SLE Micro's and Tumbleweed's records are other products; SUSE names binary packages, so the source RPM's record is not this one's.
    assert.deepEqual(findings.map((f) => f.evidence.id).sort(), ["SUSE-SU-2099:0001-1", "SUSE-SU-2099:0002-1", "openSUSE-SU-2099:0006-1"]);
    assert.equal(assessment.rules[0]?.reason, undefined, "nothing left unchecked");
    assert.match(findings.find((f) => f.evidence.id === "openSUSE-SU-2099:0006-1")!.message, /^curl 8\.0\.1-150400\.5\.41\.1 \(openSUSE:Leap 15\.5\) is affected/);
    const patched = await run({ "image.cdx.json": bom.replace(/5\.20\.1/g, "5.30.1").replace(/5\.41\.1/g, "5.44.1"), "advisories.json": advisories });
    assert.deepEqual(patched.findings, [], "rpm's order: the fixed release is not affected");
  });

  it("tells how to fetch an ecosystem whose name has a space, quoted for the shell", async () => {
    const bom = cyclonedx([{ type: "library", name: "bash", version: "5.1.8-9.el9", purl: "pkg:rpm/rocky/bash@5.1.8-9.el9?distro=rocky-9.3" }]);
    const { outcome, assessment } = await run({ "image.cdx.json": bom, "advisories.json": ADVISORIES });
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /no Rocky Linux records: run `assay db update --ecosystem 'Rocky Linux'`/);
  });

  it("matches Haskell packages of a cabal freeze file against Hackage advisories in Cabal's version order", async () => {
    const advisories = JSON.stringify([{ id: "HSEC-2099-0001", modified: "2025-01-01T00:00:00Z", summary: "fixture", affected: [{ package: { ecosystem: "Hackage", name: "toml-reader" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "0.2.0.0" }] }] }] }]);
    const freeze = "constraints: any.base ==4.17.2.1,\n             any.toml-reader ==0.1.0.0,\n             any.text ==2.0.2\n";
    const { findings } = await run({ "cabal.project.freeze": freeze, "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.evidence.purl, f.locations[0]?.startLine, f.fix]), [["toml-reader", "pkg:hackage/toml-reader@0.1.0.0", 2, "upgrade toml-reader to 0.2.0.0 or later"]]);
    const fixed = await run({ "cabal.project.freeze": freeze.replace("0.1.0.0", "0.2.0.0"), "advisories.json": advisories });
    assert.equal(fixed.findings.length, 0);
  });

  it("is incomplete with the position when a lockfile is malformed, and still reports the others", async () => {
    const { outcome, findings, assessment } = await run({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, "web/package-lock.json": '{"lockfileVersion": 3,\n  "packages": {' });
    assert.equal(findings.length, 2);
    assert.equal(outcome, "fail");
    assert.match(assessment.rules[0]?.reason ?? "", /web\/package-lock\.json:2:\d+/);
  });

  it("is incomplete at the marker when a lockfile was committed with merge-conflict markers, and still reports the others", async () => {
    const cargo = 'version = 3\n\n<<<<<<< HEAD\n[[package]]\nname = "smallvec"\nversion = "1.6.0"\n=======\n[[package]]\nname = "smallvec"\nversion = "1.13.2"\n>>>>>>> feature\n';
    const { outcome, findings, assessment } = await run({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, "rust/Cargo.lock": cargo });
    assert.equal(findings.length, 2);
    assert.equal(outcome, "fail");
    const reason = assessment.rules[0]?.reason ?? "";
    assert.match(reason, /rust\/Cargo\.lock:3:1/);
    assert.match(reason, /has merge-conflict markers at line 3/);
  });

  it("never matches withdrawn records, GIT ranges or versions past last_affected", async () => {
    const advisories = JSON.stringify([
      osv("W-1", "left-pad", [{ introduced: "0" }], { withdrawn: "2025-02-01T00:00:00Z" }),
      { id: "G-1", modified: "2025-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "left-pad" }, ranges: [{ type: "GIT", repo: "https://example.org/r", events: [{ introduced: "0" }, { fixed: "abc123" }] }] }] },
      osv("L-1", "left-pad", [{ introduced: "0" }, { last_affected: "1.2.9" }]),
    ]);
    const { findings, outcome } = await run({ "package-lock.json": oneLock("left-pad", "1.3.0"), "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.equal(outcome, "pass");
    const hit = await run({ "package-lock.json": oneLock("left-pad", "1.2.9"), "advisories.json": advisories });
    assert.deepEqual(hit.findings.map((f) => f.evidence.id), ["L-1"]);
    assert.match(hit.findings[0]!.message, /no fixed version is known/);
  });

  it("matches an explicit versions list and marks local (embargoed) advisories", async () => {
    const advisories = JSON.stringify([{ id: "ACME-2026-7", modified: "2026-01-01T00:00:00Z", summary: "Embargoed: header injection", affected: [{ package: { ecosystem: "npm", name: "tiny-http" }, versions: ["2.0.0", "2.0.1"] }], database_specific: { local: true } }]);
    const { findings } = await run({ "package-lock.json": oneLock("tiny-http", "2.0.1"), "advisories.json": advisories });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.evidence.local, true);
    assert.match(findings[0]!.message, /local advisory/);
  });

  it("applies an OpenVEX not_affected statement from .vex/ and shows it", async () => {
    const vex = JSON.stringify({
      "@context": "https://openvex.dev/ns/v0.2.0",
      "@id": "https://example.org/vex/1",
      author: "Widget maintainers",
      timestamp: "2026-01-01T00:00:00Z",
      version: 1,
      statements: [{ vulnerability: { name: "CVE-2020-8203" }, products: [{ "@id": "pkg:npm/lodash@4.17.15" }], status: "not_affected", justification: "vulnerable_code_not_in_execute_path" }],
    });
    const { findings } = await run({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, ".vex/lodash.json": vex });
    const lodash = findings.find((f) => f.evidence.package === "lodash")!;
    assert.equal(lodash.status, "vex:not_affected");
    assert.equal(lodash.statusReason, "VEX not_affected (vulnerable_code_not_in_execute_path) — .vex/lodash.json");
    assert.equal(findings.find((f) => f.evidence.package === "minimist")!.status, "open");
  });

  it("applies CycloneDX VEX from .vex/ and CSAF VEX the policy names, and reads on past a malformed document", async () => {
    const { defaultPolicy } = await import("../../../src/policy/policy-file.js");
    const policy = defaultPolicy();
    policy.vex = ["security/minimist.csaf.json"];
    const cdx = JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", version: 1, vulnerabilities: [{ id: "CVE-2020-8203", analysis: { state: "false_positive", detail: "zipObjectDeep is never called" }, affects: [{ ref: "pkg:npm/lodash@4.17.15" }] }] }, null, 2);
    const csaf = JSON.stringify({
      document: { category: "csaf_vex", csaf_version: "2.0", title: "t", publisher: { category: "vendor", name: "Widget", namespace: "https://widget.example" }, tracking: { id: "W-1", status: "final", version: "1", initial_release_date: "2026-01-01T00:00:00Z", current_release_date: "2026-01-01T00:00:00Z", revision_history: [{ number: "1", date: "2026-01-01T00:00:00Z", summary: "s" }] } },
      product_tree: { full_product_names: [{ product_id: "M", name: "minimist 0.0.8", product_identification_helper: { purl: "pkg:npm/minimist@0.0.8" } }] },
      vulnerabilities: [{ cve: "CVE-2020-7598", product_status: { under_investigation: ["M"] } }],
    });
    const bom = JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", serialNumber: "urn:uuid:11111111-2222-4333-8444-555555555555", version: 1, components: [{ type: "library", "bom-ref": "m", name: "minimist", version: "0.0.8", purl: "pkg:npm/minimist@0.0.8" }] });
    const { findings, assessment } = await runRule(rule, tmpDir({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, ".vex/triage.cdx.json": cdx, ".vex/product.cdx.json": bom, ".vex/broken.json": '{\n  "bomFormat": "CycloneDX",\n  "vulnerabilities": [,\n', "security/minimist.csaf.json": csaf }), policy);
    const lodash = findings.find((f) => f.evidence.package === "lodash")!;
    assert.equal(lodash.status, "vex:not_affected");
    assert.equal(lodash.statusReason, "VEX not_affected [false_positive] (zipObjectDeep is never called) — .vex/triage.cdx.json");
    const minimist = findings.find((f) => f.evidence.package === "minimist")!;
    assert.equal(minimist.status, "open");
    assert.equal(minimist.statusReason, "VEX under_investigation — security/minimist.csaf.json");
    assert.deepEqual([...new Set(findings.map((f) => f.locations[0]?.path))], ["package-lock.json"], "a BOM in .vex/ is what VEX refers to, not the checkout's inventory");
    const broken = assessment.diagnostics.filter((d) => d.code === "vex-invalid");
    assert.deepEqual(broken.map((d) => [d.path, d.line]), [[".vex/broken.json", 3]]);
  });

  it("applies CycloneDX XML VEX from .vex/, whose BOM beside it is no inventory either", async () => {
    const vex = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library" bom-ref="lodash-ref"><name>lodash</name><version>4.17.15</version><purl>pkg:npm/lodash@4.17.15</purl></component>
  </components>
  <vulnerabilities>
    <vulnerability>
      <id>CVE-2020-8203</id>
      <analysis><state>not_affected</state><justification>code_not_reachable</justification><detail>zipObjectDeep &amp; set are never called</detail></analysis>
      <affects><target><ref>lodash-ref</ref></target></affects>
    </vulnerability>
  </vulnerabilities>
</bom>
`;
    const { findings } = await run({ "package-lock.json": LOCK, "advisories.json": ADVISORIES, ".vex/triage.cdx.xml": vex });
    const lodash = findings.find((f) => f.evidence.package === "lodash")!;
    assert.equal(lodash.status, "vex:not_affected");
    assert.equal(lodash.statusReason, "VEX not_affected (code_not_reachable) — .vex/triage.cdx.xml");
    assert.equal(findings.find((f) => f.evidence.package === "minimist")!.status, "open");
    assert.deepEqual([...new Set(findings.map((f) => f.locations[0]?.path))], ["package-lock.json"]);
  });

  it("says once that a VEX document is a symbolic link out of the checkout, as a VEX diagnostic", async () => {
    const outside = tmpDir({ "lodash.json": "{}" });
    const dir = tmpDir({ "package-lock.json": LOCK, "advisories.json": ADVISORIES });
    mkdirSync(join(dir, ".vex"));
    symlinkSync(join(outside, "lodash.json"), join(dir, ".vex", "lodash.json"));
    const { assessment } = await runRule(rule, dir);
    const about = assessment.diagnostics.filter((d) => d.path === ".vex/lodash.json");
    assert.deepEqual(about.map((d) => [d.code, d.message]), [["vex-unreadable", "VEX document .vex/lodash.json is a symbolic link out of the checkout; its statements are not applied"]]);
  });

  it("says a development dependency is one, in the message and the evidence", async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { "": { devDependencies: { lodash: "*" } }, "node_modules/lodash": { version: "4.17.15", dev: true } } }, null, 2);
    const { findings } = await run({ "advisories.json": JSON.stringify([osv("GHSA-dev-0001", "lodash", [{ introduced: "0" }, { fixed: "4.17.19" }])]), "package-lock.json": lock });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, / — direct development dependency; fixed in 4\.17\.19/);
    assert.equal(findings[0]!.evidence.dev, true);
  });

  it("reports NuGet packages of project files (central versions) and Swift packages of Package.resolved, at their lines", async () => {
    const advisories = JSON.stringify([
      { id: "GHSA-test-nuget-0001", modified: "2025-01-01T00:00:00Z", summary: "Deserialization flaw", aliases: ["CVE-2024-00001"], affected: [{ package: { ecosystem: "NuGet", name: "Newtonsoft.Json" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "13.0.1" }] }] }] },
      { id: "GHSA-test-swift-0001", modified: "2025-01-01T00:00:00Z", summary: "Request smuggling", affected: [{ package: { ecosystem: "SwiftURL", name: "github.com/apple/swift-nio" }, ranges: [{ type: "SEMVER", events: [{ introduced: "2.0.0" }, { fixed: "2.41.0" }] }] }] },
    ]);
    const { findings, outcome } = await run({
      "advisories.json": advisories,
      "Directory.Packages.props": '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Newtonsoft.Json" Version="12.0.3" />\n  </ItemGroup>\n</Project>\n',
      "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="newtonsoft.json" />\n  </ItemGroup>\n</Project>\n',
      "ios/Shop.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved": JSON.stringify({ pins: [
        { identity: "swift-nio", kind: "remoteSourceControl", location: "https://github.com/apple/swift-nio.git", state: { revision: "a".repeat(40), version: "2.40.0" } },
        { identity: "swift-nio-ssl", kind: "remoteSourceControl", location: "https://github.com/apple/swift-nio-ssl.git", state: { branch: "main", revision: "b".repeat(40) } },
      ], version: 2 }, null, 2),
    });
    assert.equal(outcome, "fail");
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package, f.evidence.version, f.evidence.purl, f.locations[0]?.path, f.locations[0]?.startLine, f.fix]).sort(), [
      ["GHSA-test-nuget-0001", "newtonsoft.json", "12.0.3", "pkg:nuget/newtonsoft.json@12.0.3", "src/Api/Api.csproj", 3, "upgrade newtonsoft.json to 13.0.1 or later"],
      ["GHSA-test-swift-0001", "github.com/apple/swift-nio", "2.40.0", "pkg:swift/github.com/apple/swift-nio@2.40.0", "ios/Shop.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved", 3, "upgrade github.com/apple/swift-nio to 2.41.0 or later"],
    ]);
    assert.match(findings.find((f) => f.evidence.ecosystem === "NuGet")!.message, /^newtonsoft\.json 12\.0\.3 \(NuGet\) is affected by GHSA-test-nuget-0001 \(CVE-2024-00001\).* direct dependency/);
  });

  it("reports Hex packages of rebar.lock and CRAN packages of packrat.lock, and is incomplete on a truncated Gemfile.lock", async () => {
    const advisories = JSON.stringify([
      { id: "GHSA-test-hex-0001", modified: "2025-01-01T00:00:00Z", summary: "Header injection", affected: [{ package: { ecosystem: "Hex", name: "hackney" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.18.2" }] }] }] },
      { id: "GHSA-test-cran-0001", modified: "2025-01-01T00:00:00Z", summary: "Path traversal", affected: [{ package: { ecosystem: "CRAN", name: "readr" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.1.5" }] }] }] },
    ]);
    const { findings, outcome, assessment } = await run({
      "advisories.json": advisories,
      "rebar.lock": '{"1.2.0",\n[{<<"hackney_fork">>,{pkg,<<"hackney">>,<<"1.18.1">>},0}]}.\n[\n{pkg_hash,[\n {<<"hackney">>, <<"F48BF88F">>}]}\n].\n',
      "r/packrat/packrat.lock": "PackratFormat: 1.4\nRVersion: 4.2.3\n\nPackage: readr\nSource: CRAN\nVersion: 2.1.4\n",
      "ruby/Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n    rails (7.1",
    });
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package, f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [
      ["GHSA-test-cran-0001", "readr", "r/packrat/packrat.lock", 4],
      ["GHSA-test-hex-0001", "hackney", "rebar.lock", 2],
    ]);
    assert.equal(outcome, "fail");
    assert.match(JSON.stringify(assessment.diagnostics), /ruby\/Gemfile\.lock/);
    const alone = await run({ "advisories.json": advisories, "ruby/Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n    rails (7.1" });
    assert.equal(alone.outcome, "incomplete");
  });

  it("reports a package that Directory.Build.props gives to several projects once, at the props line", async () => {
    const advisories = JSON.stringify([{ id: "GHSA-test-nuget-0002", modified: "2025-01-01T00:00:00Z", summary: "Deserialization flaw", affected: [{ package: { ecosystem: "NuGet", name: "Newtonsoft.Json" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "13.0.1" }] }] }] }]);
    const { findings } = await run({
      "advisories.json": advisories,
      "Directory.Build.props": '<Project>\n  <ItemGroup>\n    <PackageReference Include="Newtonsoft.Json" Version="12.0.3" />\n  </ItemGroup>\n</Project>\n',
      "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk" />\n',
      "src/Worker/Worker.csproj": '<Project Sdk="Microsoft.NET.Sdk" />\n',
    });
    assert.deepEqual(findings.map((f) => [f.evidence.id, f.evidence.package, f.locations[0]?.path, f.locations[0]?.startLine]), [["GHSA-test-nuget-0002", "Newtonsoft.Json", "Directory.Build.props", 3]]);
  });

  it("does not report malicious-package records (their own rule does) and skips packages from git or a path", async () => {
    const advisories = JSON.stringify([osv("MAL-2025-1", "evil", [{ introduced: "0" }]), osv("V-1", "gitdep", [{ introduced: "0" }])]);
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { evil: "*", gitdep: "github:o/r" } }, "node_modules/evil": { version: "1.0.0" }, "node_modules/gitdep": { version: "1.0.0", resolved: "git+ssh://git@github.com/o/r.git#0123456789abcdef0123456789abcdef01234567" } } });
    const { findings } = await run({ "package-lock.json": lock, "advisories.json": advisories });
    assert.deepEqual(findings.map((f) => f.evidence.id), []);
  });
});
