import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { npmVcsUrl } from "../../src/ecosystems/npm/npm-source.js";
import { encodePurlComponent, gitVcsUrl, parsePurl, purlFor } from "../../src/ecosystems/purl.js";
import { lockedNameOf } from "../../src/ecosystems/sbom-documents/purl-packages.js";

describe("package URLs", () => {
  it("writes a git dependency's repository as the purl spec's vcs_url does: git+<transport>, the commit after @, no credentials, no branch", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const cases: [string, string | undefined, string | undefined][] = [
      ["https://github.com/o/r.git", sha, `git+https://github.com/o/r.git@${sha}`],
      [`git+https://github.com/o/r?branch=main#${sha}`, undefined, `git+https://github.com/o/r@${sha}`],
      [`git+ssh://git@github.com/o/r.git#${sha}`, undefined, `git+ssh://git@github.com/o/r.git@${sha}`],
      ["git@github.com:o/r.git", "abc1234", "git+ssh://git@github.com/o/r.git@abc1234"],
      [`https://x-access-token:ghp_secret@github.com/o/r.git`, sha, `git+https://github.com/o/r.git@${sha}`],
      ["https://github.com/o/r", "main", "git+https://github.com/o/r"],
      ["../local/checkout", sha, undefined],
      ["", sha, undefined],
    ];
    for (const [url, commit, want] of cases) assert.equal(gitVcsUrl(url, commit), want, url);
    // As the spec's canonical form encodes it in a purl someone else wrote: `+` and `@` encoded, `:` and `/` not.
    const parsed = parsePurl(`pkg:cargo/r@1.0.0?vcs_url=git%2Bhttps://github.com/o/r%40${sha}`)!;
    assert.deepEqual([parsed.name, parsed.version, parsed.qualifiers["vcs_url"]], ["r", "1.0.0", `git+https://github.com/o/r@${sha}`]);
  });

  it("reads npm's git resolutions and shorthands as repositories and commits", () => {
    const sha = "1f2e3d4c5b6a79881726354453627180a9b8c7d6";
    assert.equal(npmVcsUrl(`github:acme/lib#${sha}`), `git+https://github.com/acme/lib@${sha}`);
    assert.equal(npmVcsUrl(`acme/lib#${sha}`), `git+https://github.com/acme/lib@${sha}`);
    assert.equal(npmVcsUrl(`gitlab:acme/lib#${sha}`), `git+https://gitlab.com/acme/lib@${sha}`);
    assert.equal(npmVcsUrl(`https://codeload.github.com/acme/lib/tar.gz/${sha}`), `git+https://github.com/acme/lib@${sha}`);
    assert.equal(npmVcsUrl(`https://github.com/acme/lib.git#commit=${sha}`), `git+https://github.com/acme/lib.git@${sha}`);
    assert.equal(npmVcsUrl("https://registry.npmjs.org/lib/-/lib-1.0.0.tgz"), undefined);
    assert.equal(npmVcsUrl(undefined), undefined);
  });

  it("follows each type's rules for namespaces, case and encoding", () => {
    const cases: [Parameters<typeof purlFor>, string][] = [
      [["npm", "@Babel/Core", "7.0.0"], "pkg:npm/%40babel/core@7.0.0"],
      [["npm", "left-pad", "1.3.0+build.1"], "pkg:npm/left-pad@1.3.0%2Bbuild.1"],
      [["PyPI", "Zope.Interface", "5.4.0"], "pkg:pypi/zope-interface@5.4.0"],
      [["PyPI", "typing__extensions", "4.10.0"], "pkg:pypi/typing-extensions@4.10.0"],
      [["Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"], "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"],
      [["Go", "github.com/BurntSushi/toml", "1.3.2"], "pkg:golang/github.com/burntsushi/toml@v1.3.2"],
      [["Go", "stdlib", "1.22.3"], "pkg:golang/stdlib@v1.22.3"],
      [["Packagist", "Guzzlehttp/Guzzle", "7.8.1"], "pkg:composer/guzzlehttp/guzzle@7.8.1"],
      [["crates.io", "serde_json", "1.0.0"], "pkg:cargo/serde_json@1.0.0"],
      [["RubyGems", "rack", "3.0.8"], "pkg:gem/rack@3.0.8"],
      [["NuGet", "Newtonsoft.Json", "13.0.1"], "pkg:nuget/Newtonsoft.Json@13.0.1"],
      [["Pub", "http", "1.1.0"], "pkg:pub/http@1.1.0"],
      [["Hex", "Phoenix", "1.7.10"], "pkg:hex/phoenix@1.7.10"],
      [["CRAN", "R6", "2.5.1"], "pkg:cran/R6@2.5.1"],
      [["ConanCenter", "zlib", "1.2.13"], "pkg:conan/zlib@1.2.13"],
      [["SwiftURL", "github.com/apple/swift-nio", "2.62.0"], "pkg:swift/github.com/apple/swift-nio@2.62.0"],
      [["SwiftURL", "mona.LinkedList", "1.2.0"], "pkg:swift/mona/LinkedList@1.2.0"],
      [["npm", "local-lib", ""], "pkg:npm/local-lib"],
      [["Rocky Linux", "openssl", "1:3.0.7-27.el9"], "pkg:rpm/rocky/openssl@3.0.7-27.el9?epoch=1"],
      [["AlmaLinux", "bash", "5.1.8-9.el9"], "pkg:rpm/almalinux/bash@5.1.8-9.el9"],
      [["Wolfi", "openssl", "3.3.1-r0"], "pkg:apk/wolfi/openssl@3.3.1-r0"],
      [["Chainguard", "glibc", "2.39-r5"], "pkg:apk/chainguard/glibc@2.39-r5"],
    ];
    for (const [args, want] of cases) assert.equal(purlFor(...args), want, args.join(" "));
  });
  it("percent-encodes everything but unreserved characters, as UTF-8", () => {
    assert.equal(encodePurlComponent("a b/c@d:é~"), "a%20b%2Fc%40d%3A%C3%A9~");
  });

  it("parses purls right to left: subpath, qualifiers, version, then type, namespace and name", () => {
    assert.deepEqual(parsePurl("pkg:maven/org.apache.commons/io@1.3.4?repository_url=https%3A%2F%2Frepo.example&type=jar#src/main"), {
      type: "maven",
      namespace: ["org.apache.commons"],
      name: "io",
      version: "1.3.4",
      qualifiers: { repository_url: "https://repo.example", type: "jar" },
      subpath: "src/main",
    });
    assert.deepEqual(parsePurl("pkg:NPM/@babel/core@7.0.0")?.namespace, ["@babel"], "an unencoded scope is still the namespace, the type case-folded");
    assert.equal(parsePurl("pkg:npm/@babel/core")?.version, "", "an @ opening the name's segment is no version");
    assert.equal(parsePurl("pkg:deb/debian/zlib1g@1%3A1.2.13-1?distro=debian-12")?.version, "1:1.2.13-1");
    assert.equal(parsePurl("pkg://pypi/requests@2.0")?.name, "requests", "slashes after the scheme are ignored");
    for (const bad of ["npm/left-pad@1.0.0", "pkg:", "pkg:npm", "pkg:npm/", "pkg:n%20pm/x@1", "pkg:npm/x@%E0%A4%A", `pkg:npm/${"a".repeat(5000)}@1`]) assert.equal(parsePurl(bad), undefined, bad);
  });

  it("gives back, from each ecosystem's purl, the name and version its lockfiles and advisories use", () => {
    const cases: [Parameters<typeof purlFor>, string?][] = [
      [["npm", "@babel/core", "7.0.0"]],
      [["npm", "left-pad", "1.3.0+build.1"]],
      [["PyPI", "zope-interface", "5.4.0"]],
      [["Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"]],
      [["Go", "github.com/gorilla/websocket", "1.5.0"]],
      [["Packagist", "guzzlehttp/guzzle", "7.8.1"]],
      [["crates.io", "serde_json", "1.0.0"]],
      [["RubyGems", "rack", "3.0.8"]],
      [["NuGet", "Newtonsoft.Json", "13.0.1"]],
      [["Pub", "http", "1.1.0"]],
      [["Hex", "phoenix", "1.7.10"]],
      [["CRAN", "R6", "2.5.1"]],
      [["ConanCenter", "zlib", "1.2.13"]],
      [["SwiftURL", "github.com/apple/swift-nio", "2.62.0"]],
    ];
    for (const [[ecosystem, name, version]] of cases) {
      const p = parsePurl(purlFor(ecosystem, name, version));
      assert.ok(p, `${ecosystem} ${name}`);
      assert.deepEqual(lockedNameOf(p), { ecosystem, name, version }, `${ecosystem} ${name}`);
    }
    assert.deepEqual(lockedNameOf(parsePurl("pkg:golang/stdlib@go1.21.4")!), { ecosystem: "Go", name: "stdlib", version: "1.21.4" });
    assert.deepEqual(lockedNameOf(parsePurl("pkg:pypi/Django_REST@3.0")!), { ecosystem: "PyPI", name: "django-rest", version: "3.0" });
    for (const other of ["pkg:deb/debian/curl@7.88.1", "pkg:deb/ubuntu/curl@7.81.0-1ubuntu1", "pkg:deb/kali/curl@7.88.1?distro=kali-2024.1", "pkg:apk/alpine/musl@1.2.4-r2", "pkg:generic/zlib@1.3", "pkg:docker/library/nginx@1.25", "pkg:maven/log4j@1.2"]) {
      assert.equal(lockedNameOf(parsePurl(other)!), undefined, other);
    }
  });

  it("names Debian, Ubuntu and Alpine packages by their source package and release, as their OSV records do", () => {
    const cases: [string, object][] = [
      ["pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12", { ecosystem: "Debian", name: "openssl", version: "3.0.11-1~deb12u2", release: "12" }],
      ["pkg:deb/debian/libc6@2.31-13?distro=debian-11.9&upstream=glibc%402.31-13%2Bdeb11u8", { ecosystem: "Debian", name: "glibc", version: "2.31-13+deb11u8", release: "11" }],
      ["pkg:deb/debian/curl@7.88.1-10?distro=bookworm", { ecosystem: "Debian", name: "curl", version: "7.88.1-10", release: "12" }],
      ["pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&upstream=openssl&distro=ubuntu-22.04", { ecosystem: "Ubuntu", name: "openssl", version: "3.0.2-0ubuntu1.15", release: "22.04:LTS" }],
      ["pkg:deb/ubuntu/curl@8.2.1-1ubuntu3?distro=ubuntu-23.10", { ecosystem: "Ubuntu", name: "curl", version: "8.2.1-1ubuntu3", release: "23.10" }],
      ["pkg:deb/ubuntu/bash@5.2.21-2ubuntu4?distro=noble", { ecosystem: "Ubuntu", name: "bash", version: "5.2.21-2ubuntu4", release: "24.04:LTS" }],
      ["pkg:apk/alpine/libcrypto3@3.1.4-r5?upstream=openssl&distro=alpine-3.19.1", { ecosystem: "Alpine", name: "openssl", version: "3.1.4-r5", release: "v3.19" }],
      ["pkg:apk/alpine/busybox@1.36.1-r15?distro=3.19.1", { ecosystem: "Alpine", name: "busybox", version: "1.36.1-r15", release: "v3.19" }],
    ];
    for (const [purl, want] of cases) assert.deepEqual(lockedNameOf(parsePurl(purl)!), want, purl);
  });

  it("names Red Hat packages by their binary RPM, with the epoch, under their major release's product, as syft and Trivy write the release", () => {
    const cases: [string, object | undefined][] = [
      ["pkg:rpm/redhat/openssl-libs@3.0.7-25.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9.src.rpm&distro=rhel-9.3", { ecosystem: "Red Hat", name: "openssl-libs", version: "1:3.0.7-25.el9", release: "enterprise_linux:9" }],
      ["pkg:rpm/redhat/libsolv@0.7.24-3.el9?arch=x86_64&distro=redhat-9.7", { ecosystem: "Red Hat", name: "libsolv", version: "0.7.24-3.el9", release: "enterprise_linux:9" }],
      ["pkg:rpm/redhat/bash@4.4.20-5.el8?distro=8.10", { ecosystem: "Red Hat", name: "bash", version: "4.4.20-5.el8", release: "enterprise_linux:8" }],
      ["pkg:rpm/redhat/bash@4.4.20-5.el8", undefined],
    ];
    for (const [purl, want] of cases) assert.deepEqual(lockedNameOf(parsePurl(purl)!), want, purl);
  });

  it("names Rocky Linux and AlmaLinux packages by their source RPM, with the epoch, and Wolfi and Chainguard ones by their origin", () => {
    const cases: [string, object | undefined][] = [
      ["pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm&distro=rocky-9.3", { ecosystem: "Rocky Linux", name: "openssl", version: "1:3.0.7-27.el9", release: "9" }],
      ["pkg:rpm/almalinux/bash@5.1.8-9.el9?arch=x86_64&upstream=bash-5.1.8-9.el9.src.rpm&distro=almalinux-9.4", { ecosystem: "AlmaLinux", name: "bash", version: "5.1.8-9.el9", release: "9" }],
      ["pkg:rpm/rocky/perl-Time-Local@1.300-7.el9?epoch=2&upstream=perl-Time-Local-1.300-7.el9.src.rpm&distro=rocky-9.3", { ecosystem: "Rocky Linux", name: "perl-Time-Local", version: "2:1.300-7.el9", release: "9" }],
      ["pkg:rpm/rocky/python3-libs@3.9.18-1.el9?distro=8.10", { ecosystem: "Rocky Linux", name: "python3-libs", version: "3.9.18-1.el9", release: "8" }],
      ["pkg:rpm/almalinux/tzdata@1%3A2024a-1.el9?epoch=1&distro=almalinux-9", { ecosystem: "AlmaLinux", name: "tzdata", version: "1:2024a-1.el9", release: "9" }],
      ["pkg:apk/wolfi/libcrypto3@3.3.1-r0?arch=x86_64&upstream=openssl&distro=wolfi-20230201", { ecosystem: "Wolfi", name: "openssl", version: "3.3.1-r0" }],
      ["pkg:apk/chainguard/glibc@2.39-r5?arch=aarch64", { ecosystem: "Chainguard", name: "glibc", version: "2.39-r5" }],
      // The release is not named, or names another distribution: not matched (counted as unchecked).
      ["pkg:rpm/rocky/bash@5.1.8-9.el9", undefined],
      ["pkg:rpm/rocky/bash@5.1.8-9.el9?distro=almalinux-9.3", undefined],
      ["pkg:rpm/redhat/openssl-libs@3.0.7-25.el9?distro=centos-9", undefined],
      ["pkg:rpm/opensuse/curl@8.0.1-150400.5.41.1?distro=opensuse-leap-15.5", { ecosystem: "openSUSE", name: "curl", version: "8.0.1-150400.5.41.1", release: "Leap 15.5" }],
      ["pkg:rpm/opensuse/curl@8.0.1-150400.5.41.1?distro=opensuse-leap-micro-5.5", undefined],
      ["pkg:rpm/opensuse-tumbleweed/curl@8.9.1-1.1?arch=x86_64&distro=opensuse-tumbleweed-20240801", { ecosystem: "openSUSE", name: "curl", version: "8.9.1-1.1", release: "Tumbleweed" }],
      ["pkg:rpm/sles/libopenssl3@3.0.8-150500.5.20.1?arch=x86_64&distro=sles-15.5", { ecosystem: "SUSE", name: "libopenssl3", version: "3.0.8-150500.5.20.1", release: "Linux Enterprise Server 15 SP5" }],
      ["pkg:rpm/suse/libopenssl3@3.0.8-150500.5.20.1?epoch=1&distro=sles-15-sp5", { ecosystem: "SUSE", name: "libopenssl3", version: "1:3.0.8-150500.5.20.1", release: "Linux Enterprise Server 15 SP5" }],
      ["pkg:rpm/sles/glibc@2.26-13.8.1?distro=sles-15", { ecosystem: "SUSE", name: "glibc", version: "2.26-13.8.1", release: "Linux Enterprise Server 15" }],
      ["pkg:rpm/sles/glibc@2.26-13.8.1", undefined],
      ["pkg:rpm/suse%20linux%20enterprise%20server/glibc@2.31-150300.63.1?distro=suse%20linux%20enterprise%20server-15.3", { ecosystem: "SUSE", name: "glibc", version: "2.31-150300.63.1", release: "Linux Enterprise Server 15 SP3" }],
      ["pkg:rpm/opensuse.leap/glibc@2.31-150300.63.1?distro=opensuse.leap-15.5", { ecosystem: "openSUSE", name: "glibc", version: "2.31-150300.63.1", release: "Leap 15.5" }],
      ["pkg:rpm/sle-micro/glibc@2.31-150300.63.1?distro=sle-micro-5.5", undefined],
    ];
    for (const [purl, want] of cases) assert.deepEqual(lockedNameOf(parsePurl(purl)!), want, purl);
  });

  it("lowercases a GitHub repository's owner and name, as the github type requires, and keeps the ref as written", () => {
    assert.equal(purlFor("GitHub Actions", "Azure/Login", "v1.4.6-RC"), "pkg:github/azure/login@v1.4.6-RC");
  });
});

