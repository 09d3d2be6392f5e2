import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-add-url.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/dockerfile-add-url", () => {
  it("reports remote ADDs without a checksum and git sources at a moving ref; local ADDs are fine", async () => {
    const df = `FROM alpine:3.20
ARG V=1.2.0
ADD https://example.org/tool-\${V}.tgz /opt/
ADD --checksum=sha256:${"a".repeat(64)} https://example.org/ok.tgz /opt/
ADD https://github.com/org/repo.git#v1.0 /src
ADD https://github.com/org/repo.git#${"c".repeat(40)} /src2
ADD app.tar.gz /app/
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message]), [
      [3, "ADD https://example.org/tool-1.2.0.tgz downloads without a checksum [CN8-7]"],
      [5, "ADD https://github.com/org/repo.git#v1.0 fetches a git source at a moving ref [CN8-7]"],
    ]);
  });
});
