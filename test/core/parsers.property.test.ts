// Property-based fuzzing of the parsers that read user and repository input: whatever the
// bytes, they either succeed or fail with a typed error that points into the file.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseBaseline } from "../../src/policy/baseline.js";
import { AssayError } from "../../src/core/errors.js";
import { ParseFailure } from "../../src/core/files.js";
import { parsePolicy } from "../../src/policy/policy-file.js";
import { parseSuppression } from "../../src/policy/suppression.js";
import { parseYaml } from "../../src/ecosystems/formats/yaml.js";
import { CHECKS, RULES } from "../../src/rules/index.js";

const metas = RULES.map((r) => r.meta);
const runs = { numRuns: 300, seed: 20261123 };

/** YAML-ish text: policy keys, rule ids, punctuation and indentation mixed at random. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom("version: 1", "fail:", "  severity: high", "  score: 7", "  checks: [SAST]", "rules:", "  repo/sast: off", "  repo/license: low", "exclude:", "  - \"a/**\"", "exceptions:", "  - rule: repo/sast", "    reason: r", "    expires: 2027-01-01", "baseline: b.json", "&a [*a]", "{", "]", "- ", "  ", "\t", ": :", "\"unterminated", "? complex"),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

describe("parser properties", () => {
  it("a policy either parses or fails with POLICY_INVALID and a position", () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          parsePolicy(text, "assay.yml", metas, CHECKS);
        } catch (e) {
          assert.ok(e instanceof AssayError, String(e));
          assert.equal(e.code, "POLICY_INVALID");
          assert.equal(e.position?.path, "assay.yml");
        }
      }),
      runs,
    );
  });

  it("YAML either parses or fails with ParseFailure", () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 200 })), (text) => {
        try {
          parseYaml(text);
        } catch (e) {
          assert.ok(e instanceof ParseFailure, String(e));
        }
      }),
      runs,
    );
  });

  it("a baseline either parses or fails with BASELINE_INVALID", () => {
    const jsonish = fc.oneof(fc.json(), fc.string({ maxLength: 100 }), fc.json().map((j) => `{"version":1,"findings":[${j}]}`));
    fc.assert(
      fc.property(jsonish, (text) => {
        try {
          parseBaseline(text, "b.json");
        } catch (e) {
          assert.ok(e instanceof AssayError, String(e));
          assert.equal(e.code, "BASELINE_INVALID");
        }
      }),
      runs,
    );
  });

  it("a suppression comment round-trips its rules and reason", () => {
    const id = fc.stringMatching(/^[a-z]{1,8}\/[a-z][a-z-]{0,12}$/);
    const reason = fc.stringMatching(/^[a-zA-Z0-9 ,.]{0,40}$/);
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 3 }), reason, (ids, why) => {
        const s = parseSuppression(`  # assay: ignore[${ids.join(", ")}] ${why}`);
        assert.deepEqual(s, { rules: ids, reason: why.trim(), above: true });
      }),
      runs,
    );
  });
});
