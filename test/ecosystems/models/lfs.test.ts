import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLfsPointer } from "../../../src/ecosystems/models/lfs.js";

const OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const bytes = (s: string): Uint8Array => Buffer.from(s, "latin1");

describe("Git LFS pointer", () => {
  it("knows a pointer as the spec writes it, with extension lines before the oid and the legacy hawser URL", () => {
    assert.ok(isLfsPointer(bytes(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`)));
    assert.ok(isLfsPointer(bytes(`version https://git-lfs.github.com/spec/v1\next-0-foo sha256:${OID}\noid sha256:${OID}\nsize 1\n`)));
    assert.ok(isLfsPointer(bytes(`version https://hawser.github.com/spec/v1\noid sha256:${OID}\nsize 9\n`)));
  });

  it("is not fooled by files that only start like one", () => {
    assert.ok(!isLfsPointer(bytes(`version https://git-lfs.github.com/spec/v1\nsize 12345\n`)));
    assert.ok(!isLfsPointer(bytes(`version https://example.com/spec/v1\noid sha256:${OID}\nsize 1\n`)));
    assert.ok(!isLfsPointer(bytes(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n${"x".repeat(1024)}`)));
    assert.ok(!isLfsPointer(bytes("\x80\x02}q\x00.")));
  });
});
