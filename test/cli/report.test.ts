import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULES } from "../../src/rules/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const golden = JSON.parse(readFileSync(new URL("../golden/assessment.json", import.meta.url), "utf8")) as { rules: { id: string; title: string; rationale: string; remediation: string; references: { title: string; url: string }[] }[] };
const HOSTILE = '<img src="http://beacon.example/p.png"> [click](javascript:alert(1)) ![](http://beacon.example/i.png)';

/** The golden assessment with every rule's meta replaced, as a tampered results file would carry it. */
function tampered(): string {
  const doc = structuredClone(golden);
  for (const r of doc.rules) {
    r.title = `T ${HOSTILE}`;
    r.rationale = `R ${HOSTILE}`;
    r.remediation = `M ${HOSTILE}`;
    r.references = [{ title: "evil", url: "javascript:alert(1)" }];
  }
  return JSON.stringify(doc);
}

describe("assay report --from: rule meta", () => {
  it("renders the meta of rules assay knows from its own registry, not from the file", async () => {
    const dir = tmpDir({ "a.json": tampered() });
    const known = RULES.find((r) => golden.rules.some((g) => g.id === r.meta.id))?.meta;
    assert.ok(known);
    for (const format of ["html", "sarif", "gitlab-sast", "json", "text"]) {
      const r = await runCli(["report", "--from", join(dir, "a.json"), "--format", format]);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /beacon|javascript/, format);
    }
    const json = JSON.parse((await runCli(["report", "--from", join(dir, "a.json"), "--format", "json"])).stdout) as typeof golden;
    assert.equal(json.rules.find((r) => r.id === known.id)?.rationale, known.rationale);
  });

  it("says a reference that is not a title and a URL is the document's fault (exit 2)", async () => {
    const doc = structuredClone(golden);
    (doc.rules[0] as { references: unknown[] }).references = ["x"];
    const dir = tmpDir({ "a.json": JSON.stringify(doc) });
    const r = await runCli(["report", "--from", join(dir, "a.json"), "--format", "markdown"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a\.json does not match the assessment schema: rules\[0\]\.references\[0\] is not a title and a URL/);
  });
});
