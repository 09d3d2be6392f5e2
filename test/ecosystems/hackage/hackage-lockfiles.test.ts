import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { parseYamlData } from "../../../src/ecosystems/formats/yaml-data.js";
import { readCabalFreeze } from "../../../src/ecosystems/hackage/cabal-freeze.js";
import { readStackLock } from "../../../src/ecosystems/hackage/stack-lock.js";
import { lockfileFormatOf } from "../../../src/ecosystems/lockfiles.js";
import { versionOrder } from "../../../src/ecosystems/versions.js";

const FIXTURES = new URL("../../fixtures/lockfiles/", import.meta.url).pathname;

describe("Haskell lockfiles", () => {
  it("finds cabal.project.freeze and stack.yaml.lock in any folder", () => {
    assert.equal(lockfileFormatOf("cabal.project.freeze")?.id, "cabal.project.freeze");
    assert.equal(lockfileFormatOf("server/stack.yaml.lock")?.id, "stack.yaml.lock");
    assert.equal(lockfileFormatOf("cabal.project")?.id, undefined);
    assert.equal(lockfileFormatOf("stack.yaml")?.id, undefined);
  });

  it("reads every == pin of a freeze file at its line, and leaves flags, installed packages and comments out", () => {
    const lf = readCabalFreeze(readFileSync(`${FIXTURES}cabal-freeze/plan/cabal.project.freeze`, "utf8"), "cabal.project.freeze");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.equal(by.get("Cabal")?.line, 2);
    assert.equal(by.get("text")?.line, 11);
    assert.equal(by.get("HTTP")?.purl, "pkg:hackage/HTTP@4000.4.1");
    assert.ok(!by.has("bytestring"), "`installed` pins no version");
    assert.equal(lf.packages.length, 7);
    assert.throws(() => readCabalFreeze("packages: .\n", "cabal.project.freeze"), /no constraints field/);
    assert.deepEqual(readCabalFreeze("constraints: any.lens ==5.2.3\n", "f").packages.map((p) => `${p.name}@${p.version}`), ["lens@5.2.3"]);
  });

  it("refuses a freeze file left with merge conflict markers, rather than ending its constraints at the first one", () => {
    const text = "constraints: any.aeson ==2.1.2.1,\n<<<<<<< HEAD\n             any.base ==4.17.0.0,\n=======\n             any.base ==4.18.0.0,\n>>>>>>> feature\n             any.text ==2.0.2\n";
    assert.throws(() => readCabalFreeze(text, "cabal.project.freeze"), (e: unknown) => e instanceof ParseFailure && e.line === 2 && /^has merge-conflict markers at line 2: /.test(e.message));
  });

  it("reads a stack.yaml.lock's Hackage extra-deps with their lines and no hash (the one written is the cabal file's), git ones without a version", () => {
    const text = readFileSync(`${FIXTURES}stack-lock/extra-deps/stack.yaml.lock`, "utf8");
    const lf = readStackLock(parseYamlData(text), "stack.yaml.lock");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual(by.get("acme-missiles"), {
      ecosystem: "Hackage",
      name: "acme-missiles",
      version: "0.3",
      purl: "pkg:hackage/acme-missiles@0.3",
      lockfile: "stack.yaml.lock",
      line: 8,
      source: "registry",
    });
    assert.equal(by.get("base64-bytestring")?.version, "1.0.0.3");
    assert.equal(by.get("forked-lib")?.source, "git");
    assert.equal(by.get("forked-lib")?.version, "");
    assert.deepEqual(readStackLock(parseYamlData("snapshots: []\n"), "stack.yaml.lock").packages, []);
    assert.throws(() => readStackLock(parseYamlData("- a\n"), "stack.yaml.lock"), /not a stack\.yaml\.lock/);
  });

  it("orders Hackage versions as Cabal does", () => {
    const order = versionOrder("Hackage")!;
    assert.equal(order.compare("1.0", "1.0.0"), -1);
    assert.equal(order.compare("4000.4.1", "4000.3.99"), 1);
    assert.equal(order.compare("0.10", "0.9"), 1);
    assert.ok(order.valid("1") && order.valid("2.0.2.1") && !order.valid("1.0-beta") && !order.valid("v1"));
  });
});
