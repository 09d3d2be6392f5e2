import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { readRebarLock } from "../../../src/ecosystems/hex/rebar-lock.js";

const LOCK = '{"1.2.0",\n[{<<"cowboy">>,{pkg,<<"cowboy">>,<<"2.10.0">>},0},\n {<<"ranch">>,\n  {pkg,<<"ranch">>,<<"1.8.0">>},\n  1}]}.\n[\n{pkg_hash,[\n {<<"cowboy">>, <<"AB">>}]}\n].\n';

describe("rebar.lock", () => {
  it("places each entry at the line it starts on, a wrapped one included", () => {
    const lock = readRebarLock(LOCK, "rebar.lock");
    assert.deepEqual(lock.packages.map((p) => [p.name, p.version, p.line, p.direct]), [["cowboy", "2.10.0", 2, true], ["ranch", "1.8.0", 3, false]]);
  });

  it("says a file cut short is truncated, at its last line", () => {
    const cut = LOCK.slice(0, LOCK.indexOf("\n[\n{pkg_hash") + 3);
    assert.throws(() => readRebarLock(`${cut}\n\n`, "rebar.lock"), (e: unknown) => e instanceof ParseFailure && /truncated/.test(e.message) && e.line === 6, "its last line with text");
  });
});
