import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { OsvEcosystem } from "../../src/ecosystems/packages.js";
import { versionOrder } from "../../src/ecosystems/versions.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";

// Every line of the version-ordering vectors in ../shared/data/version-vectors (osv-scalibr's
// testdata, Apache-2.0) must hold, in both directions.
const FILES: [string, OsvEcosystem][] = [
  ["semver-versions.txt", "npm"],
  ["semver-versions.txt", "crates.io"],
  ["semver-versions.txt", "Go"],
  ["pypi-versions.txt", "PyPI"],
  ["maven-versions.txt", "Maven"],
  ["nuget-versions.txt", "NuGet"],
  ["rubygems-versions.txt", "RubyGems"],
  ["packagist-versions.txt", "Packagist"],
  ["pub-versions.txt", "Pub"],
  ["cran-versions.txt", "CRAN"],
  ["hackage-versions.txt", "Hackage"],
  ["debian-versions.txt", "Debian"],
  ["redhat-versions.txt", "Red Hat"],
  ["alpine-versions.txt", "Alpine"],
];

/**
 * Vectors where we follow the ecosystem's own tool instead: osv-scalibr compares Packagist
 * versions with bare PHP version_compare, Composer normalises first (2.0 is 2.0.0.0), and
 * FriendsOfPHP's ranges are Composer constraints (see src/ecosystems/versions/composer.ts).
 */
const DEVIATIONS: Record<string, { a: string; b: string; want: number }[]> = {
  "packagist-versions.txt": [{ a: "1.0.0", b: "1.0", want: 0 }],
};

function vectors(file: string): { line: number; a: string; op: string; b: string }[] {
  const text = readFileSync(join(sharedData() as string, "version-vectors", file), "utf8");
  return text.split("\n").flatMap((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("//")) return [];
    const m = /^(\S*) ([<=>]) (\S*)$/.exec(line);
    assert.ok(m, `${file}:${i + 1} is a comparison`);
    return [{ line: i + 1, a: m[1] as string, op: m[2] as string, b: m[3] as string }];
  });
}

describe("version orders against the shared vectors", skipWithoutSharedData(), () => {
  for (const [file, ecosystem] of FILES) {
    it(`${ecosystem}: every line of ${file}`, () => {
      const order = versionOrder(ecosystem);
      assert.ok(order);
      const failures: string[] = [];
      for (const { line, a, op, b } of vectors(file)) {
        const deviation = DEVIATIONS[file]?.find((d) => d.a === a && d.b === b);
        const want = deviation ? deviation.want : op === "<" ? -1 : op === ">" ? 1 : 0;
        const got = Math.sign(order.compare(a, b));
        const back = Math.sign(order.compare(b, a));
        if (got !== want || back !== -want) failures.push(`${file}:${line}: ${a} ${op} ${b} (got ${got}, reversed ${back})`);
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe("versionOrder", () => {
  it("reads ecosystem suffixes and refuses unknown ecosystems", () => {
    assert.equal(versionOrder("Debian:12"), versionOrder("Debian"));
    assert.equal(versionOrder("Unknown"), undefined);
    assert.equal(versionOrder("__proto__"), undefined);
  });

  it("pads Packagist versions to four numbers before comparing, as Composer normalises them", () => {
    const p = versionOrder("Packagist")!;
    assert.equal(p.compare("v2.0", "2.0.0"), 0);
    assert.equal(p.compare("1", "1.0.0.0"), 0);
    assert.equal(p.compare("1.0", "1.0.0-beta1"), 1);
    assert.equal(p.compare("2.3.2-p2", "2.3.2"), 1);
    assert.equal(p.compare("1.0-RC1", "1.0.0"), -1);
    assert.equal(p.compare("5.4.6.1", "5.4.6"), 1);
    assert.equal(p.compare("dev-main", "dev-main"), 0);
  });

  it("orders Go pseudo-versions below their release and ignores +incompatible", () => {
    const go = versionOrder("Go")!;
    assert.equal(go.compare("0.0.0-20210101000000-abcdef123456", "0.0.1"), -1);
    assert.equal(go.compare("1.2.3-0.20210101000000-abcdef123456", "1.2.3"), -1);
    assert.equal(go.compare("1.2.2", "1.2.3-0.20210101000000-abcdef123456"), -1);
    assert.equal(go.compare("2.0.0+incompatible", "2.0.0"), 0);
    assert.ok(go.valid("v1.2.3") && go.valid("1.2.3") && !go.valid("master"));
  });

  it("orders ConanCenter versions as Conan 2 does: lettered OpenSSL releases, any number of items", () => {
    const c = versionOrder("ConanCenter")!;
    // SemVer read dropped the letter: 1.1.1k equalled 1.1.1 and sat inside a range fixed at 1.1.1l.
    assert.equal(c.compare("1.1.1k", "1.1.1"), 1);
    assert.equal(c.compare("1.1.1k", "1.1.1l"), -1);
    assert.equal(c.compare("1.1.1w", "3.0.0"), -1);
    assert.equal(c.compare("1.0.2u", "1.1.0"), -1);
    assert.equal(c.compare("1.2", "1.2.0.0"), 0);
    assert.equal(c.compare("1.2.11", "1.2.9"), 1);
    assert.equal(c.compare("1.2.3.4", "1.2.3"), 1);
    assert.equal(c.compare("1.0.0-rc1", "1.0.0"), -1);
    assert.equal(c.compare("1.0.0-rc.2", "1.0.0-rc.10"), -1);
    assert.equal(c.compare("1.0.0-rc2", "1.0.0-rc10"), 1); // one text item each, as Conan compares them
    assert.equal(c.compare("1.0.0-rc1", "0.9"), 1);
    assert.equal(c.compare("1.0.0+2", "1.0.0+10"), -1);
    assert.equal(c.compare("1.0.0", "1.0.0+1"), -1);
    assert.equal(c.compare("cci.20230101", "cci.20221231"), 1);
    assert.ok(c.valid("1.1.1k") && c.valid("cci.20230101") && !c.valid("") && !c.valid("1 2"));
  });

  it("survives long hostile versions", () => {
    const long = `${"1.".repeat(20_000)}a${"-".repeat(20_000)}`;
    for (const e of ["npm", "ConanCenter", "PyPI", "Maven", "NuGet", "RubyGems", "Packagist", "Pub", "CRAN", "Hackage", "Debian", "Red Hat", "Alpine"] as OsvEcosystem[]) {
      versionOrder(e)!.compare(long, `${long}1`);
      versionOrder(e)!.valid(long);
    }
  });
});
