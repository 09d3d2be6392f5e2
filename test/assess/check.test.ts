import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentChanges } from "../../src/assess/check.js";

const DRAFT = [
  "# widgetd: security self-assessment",
  "",
  "## Metadata",
  "",
  "| Software | https://github.com/widgetd/widgetd |",
  "",
  "### Goals",
  "",
  "> **To answer** (`overview.goals` in .assay/assessment.yml, required): The security guarantees.",
  "",
  "### Responsible disclosure process",
  "",
  "- ✅ SECURITY.md names a private reporting channel (`SECURITY.md:5`) · `repo/security-policy-contact`",
  "",
  "### Case studies",
  "",
  "> **To answer** (`case-studies` in .assay/assessment.yml): Real uses.",
  "",
].join("\n");

describe("assess --check: what changed", () => {
  it("finds nothing when only cited line numbers moved", () => {
    assert.deepEqual(documentChanges(DRAFT.replace("SECURITY.md:5", "SECURITY.md:6"), DRAFT, ".assay/assessment.yml"), []);
  });

  it("names each section that differs, with the line the document has and the one the evidence gives", () => {
    const committed = DRAFT.replace("names a private reporting channel", "names an address");
    assert.deepEqual(documentChanges(committed, DRAFT, ".assay/assessment.yml"), [
      'section "Responsible disclosure process" differs: the document says "- ✅ SECURITY.md names an address (`SECURITY.md`) · `repo/security-policy-contact`"; today\'s evidence says "- ✅ SECURITY.md names a private reporting channel (`SECURITY.md`) · `repo/security-policy-contact`"',
    ]);
  });

  it("reports a deleted section, and an answer written into the document instead of the answers file", () => {
    const committed = DRAFT.replace(/### Case studies\n\n.*\n/, "").replace(/> \*\*To answer\*\* \(`overview\.goals`.*/, "- Only operators start rollouts.");
    const changes = documentChanges(committed, DRAFT, ".assay/assessment.yml");
    assert.equal(changes.length, 3, changes.join("\n"));
    assert.match(changes[0] ?? "", /^section "Goals" differs: the document says "- Only operators start rollouts\."; today's draft asks "> \*\*To answer\*\*/);
    assert.equal(changes[1], 'section "Case studies" is missing from the document');
    assert.match(changes[2] ?? "", /answers written into the document are overwritten: put them in \.assay\/assessment\.yml/);
  });

  it("calls an answer changed in the answers file the draft's, not the evidence's", () => {
    const fresh = DRAFT.replace(/> \*\*To answer\*\* \(`overview\.goals`.*/, "- Only operators start rollouts.");
    const committed = fresh.replace("Only operators", "Only admins");
    assert.deepEqual(documentChanges(committed, fresh, ".assay/assessment.yml"), [
      'section "Goals" differs: the document says "- Only admins start rollouts."; today\'s draft says "- Only operators start rollouts."',
    ]);
  });

  it("reports a section the document has that today's draft does not", () => {
    assert.deepEqual(documentChanges(`${DRAFT}\n### Old section\n\ntext\n`, DRAFT, "a.yml"), ['section "Old section" is not in today\'s draft']);
  });
});
