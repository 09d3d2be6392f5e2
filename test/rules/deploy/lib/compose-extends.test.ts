import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeTextFile } from "../../../../src/core/text-file.js";
import { parseCompose } from "../../../../src/ecosystems/compose/compose.js";
import { resolveExtends, type ComposeEntry } from "../../../../src/rules/deploy/lib/compose-extends.js";

const entry = (path: string, text: string): ComposeEntry => ({ path, file: parseCompose(text), text: makeTextFile(path, new TextEncoder().encode(text)), confidence: "high" });

describe("Compose extends", () => {
  it("merges as the spec says: mappings by key, sequences appended, volumes by target, command replaced", () => {
    const c = entry("compose.yaml", "services:\n  base:\n    image: b:1\n    command: [serve]\n    cap_add: [SYS_ADMIN]\n    environment: {A: '1', B: '2'}\n    volumes: ['/etc:/host/etc', '/data:/data']\n  web:\n    extends: base\n    command: [run]\n    cap_add: [NET_ADMIN]\n    environment: {B: '3'}\n    volumes: ['./data:/data']\n");
    const web = resolveExtends([c]).services.get(c)?.get("web");
    assert.deepEqual(web?.value, { image: "b:1", command: ["run"], cap_add: ["SYS_ADMIN", "NET_ADMIN"], environment: { A: "1", B: "3" }, volumes: ["/etc:/host/etc", "./data:/data"], extends: "base" });
    assert.deepEqual(web?.origin(["cap_add", 0])?.service.name, "base");
    assert.deepEqual([web?.origin(["cap_add", 1])?.own, web?.origin(["cap_add", 1])?.path], [true, ["cap_add", 0]]);
    assert.deepEqual([web?.origin(["volumes", 1])?.own, web?.origin(["volumes", 1])?.path], [true, ["volumes", 0]]);
    assert.deepEqual(web?.origin(["environment", "A"])?.service.name, "base");
  });

  it("bounds a hostile chain: at most 16 bases merged, and a few problems located, the rest counted", () => {
    let y = "services:\n";
    for (let i = 0; i < 400; i++) y += `  s${i}:\n    image: x\n    cap_add: [C${i}]\n` + (i > 0 ? `    extends: s${i - 1}\n` : "");
    const c = entry("compose.yaml", y);
    const r = resolveExtends([c]);
    const longest = Math.max(...[...(r.services.get(c)?.values() ?? [])].map((s) => (s.value["cap_add"] as unknown[]).length));
    assert.equal(longest, 17);
    assert.equal(r.problems.length, 21);
    assert.match(r.problems[20]?.message ?? "", /^and \d+ more services whose extends Compose refuses/);
  });
});
