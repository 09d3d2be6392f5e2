import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseStream } from "../../../src/ecosystems/kubernetes/yaml-stream.js";

// Documents the fast loader and js-yaml refuse (a custom tag such as Compose's `!reset`, js-yaml's
// bounds) are read by the full parser: merge keys still apply there, within bounds.
describe("parseStream: documents the full parser reads", () => {
  it("applies merge keys, own keys and the first named map winning, as docker compose and kubectl read them", () => {
    const text = "x-base: &base\n  privileged: true\n  image: base\nx-more: &more\n  image: more\n  user: root\nservices:\n  web:\n    <<: [*base, *more]\n    image: web\n    cap_add: !reset []\n";
    const [doc] = parseStream(text);
    assert.equal(doc?.error, undefined);
    const web = (doc?.value as { services: { web: Record<string, unknown> } }).services.web;
    assert.deepEqual(web, { image: "web", cap_add: [], privileged: true, user: "root" });
    // Its measured lines are kept for indexing, not for locate (which must follow merge keys in the text).
    assert.equal(doc?.lines, undefined);
    assert.ok(doc?.table);
  });

  it("merges only a plain `<<`: a quoted \"<<\" is an ordinary key, as go-yaml and js-yaml read it", () => {
    const text = "x-base: &base\n  privileged: true\nservices:\n  web:\n    \"<<\": *base\n    image: web\n    cap_add: !reset []\n  db:\n    '<<': {user: root}\n  api:\n    << : *base\n";
    const [doc] = parseStream(text);
    assert.equal(doc?.error, undefined);
    const services = (doc?.value as { services: Record<string, Record<string, unknown>> }).services;
    assert.deepEqual(services.web, { "<<": { privileged: true }, image: "web", cap_add: [] });
    assert.deepEqual(services.db, { "<<": { user: "root" } });
    assert.deepEqual(services.api, { privileged: true });
  });

  it("refuses a document whose merges would copy millions of entries (the process ran out of memory), or that holds more than 10,000 aliases", () => {
    const bomb = ["x: &x", ...Array.from({ length: 2000 }, (_, i) => `  k${i}: v`), "m:", ...Array.from({ length: 600 }, (_, i) => `  s${i}: {<<: *x}`), "t: !custom 1", ""].join("\n");
    assert.match(parseStream(bomb)[0]?.error?.message ?? "", /(?:an alias bomb\)|merge keys \(<<\) copy more than 1,000,000 entries); not parsed/);
    const aliases = ["x: &x 1", "t: !custom 1", "l:", ...Array.from({ length: 10_001 }, () => "  - *x"), ""].join("\n");
    assert.match(parseStream(aliases)[0]?.error?.message ?? "", /more than 10,000 aliases; not parsed/);
  });
});
