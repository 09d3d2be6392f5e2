import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scorecardSeesLinks } from "../../../../src/rules/repo/lib/security-policy-text.js";

describe("security policy text", () => {
  it("finds a link or an email address where Scorecard's Security-Policy does (its 6 points for links)", () => {
    const seen = ["see https://example.org/security", "http://x", "mail sec@widgetco.dev", "mail sec[at]widgetco.dev", "mail sec\\[at\\]widgetco.dev", "(a.b-c+d@mail.widget-co.io)"];
    const unseen = ["report it on the Security tab", "ping @maintainer on chat", "sec@localhost", "email [at] nowhere", "ftp://example.org", "@@@@", ""];
    assert.deepEqual(seen.filter((t) => !scorecardSeesLinks(t)), []);
    assert.deepEqual(unseen.filter((t) => scorecardSeesLinks(t)), []);
  });

  // How its time grows with such text is measured in bench/hostile.bench.ts, not here.
  it("sees no address in a long run of @ signs and near-addresses", () => {
    assert.equal(scorecardSeesLinks(`${"a@".repeat(50_000)}${"b@c".repeat(10_000)}`), false);
  });
});
