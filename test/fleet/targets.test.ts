import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { normaliseTarget, readTargetList } from "../../src/fleet/targets.js";
import { rulesetHash } from "../../src/fleet/ruleset.js";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

describe("fleet targets", () => {
  const dir = tmpDir({ "repos/app.git/HEAD": "ref: refs/heads/main\n", "file.txt": "x" });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts https, ssh, scp-like and file URLs and local paths", () => {
    assert.deepEqual(normaliseTarget("https://github.com/ossf/scorecard.git/", dir), { url: "https://github.com/ossf/scorecard.git", name: "github.com/ossf/scorecard" });
    assert.deepEqual(normaliseTarget("ssh://git@example.org:2222/team/app.git", dir), { url: "ssh://git@example.org:2222/team/app.git", name: "example.org/team/app" });
    assert.deepEqual(normaliseTarget("git@github.com:ossf/scorecard.git", dir), { url: "git@github.com:ossf/scorecard.git", name: "github.com/ossf/scorecard" });
    const local = normaliseTarget("repos/app.git", dir);
    assert.equal(local.url, pathToFileURL(join(dir, "repos/app.git")).href);
    assert.equal(local.name, "app");
    assert.deepEqual(normaliseTarget(local.url, "/"), local);
  });

  it("refuses other transports, credentials, option-like and control-character input", () => {
    for (const bad of ["http://example.org/x.git", "git://example.org/x.git", "ext::sh -c id", "ext::sh", "fd::3", "-uhelp", "--upload-pack=touch /tmp/x", "https://user:token@github.com/o/r.git", "https://token@github.com/o/r.git", "https://github.com/o/r\u202e.git", "https://github.com/o/r.git?x=1", "https://github.com/", "", "repos/missing", "file.txt"]) {
      assert.throws(() => normaliseTarget(bad, dir), (e: { code?: string }) => e.code === "FLEET_TARGET", bad);
    }
  });

  it("reads list files: one per line, comments and blank lines ignored, line numbers kept", () => {
    assert.deepEqual(readTargetList("# fleet\nhttps://a.example/x\n\n  git@b.example:y/z  # team z\r\n"), [
      { line: 2, value: "https://a.example/x" },
      { line: 4, value: "git@b.example:y/z" },
    ]);
  });
});

describe("rule set hash", () => {
  it("is stable and changes with the version or a rule's verdict-relevant meta, not its prose", () => {
    const h = rulesetHash(RULES, "1.0.0");
    assert.match(h, /^[0-9a-f]{16}$/);
    assert.equal(rulesetHash([...RULES].reverse(), "1.0.0"), h);
    assert.notEqual(rulesetHash(RULES, "1.0.1"), h);
    const [first, ...others] = RULES;
    assert.ok(first);
    assert.notEqual(rulesetHash([{ ...first, meta: { ...first.meta, severity: first.meta.severity === "low" ? "high" : "low" } }, ...others], "1.0.0"), h);
    assert.equal(rulesetHash([{ ...first, meta: { ...first.meta, rationale: "reworded" } }, ...others], "1.0.0"), h);
    assert.notEqual(rulesetHash(others, "1.0.0"), h);
  });
});
