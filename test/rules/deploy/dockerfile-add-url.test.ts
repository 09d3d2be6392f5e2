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

  it("accepts a forge's raw file at a full commit hash, which the server cannot change, and not a branch or plain HTTP", async () => {
    const sha = "d".repeat(40);
    const df = `FROM alpine:3.20
ADD https://raw.githubusercontent.com/org/repo/${sha}/scripts/install.sh /tmp/install.sh
ADD https://raw.githubusercontent.com/org/repo/main/scripts/install.sh /tmp/main.sh
ADD http://raw.githubusercontent.com/org/repo/${sha}/scripts/install.sh /tmp/http.sh
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [3, 4]);
  });

  it("shows a variable the build sets (TARGETARCH) as written, not as an empty string", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\nARG TARGETARCH\nARG V=1.2.3\nADD https://example.org/tool-${V}-linux-${TARGETARCH}.tgz /opt/\n" });
    assert.deepEqual(findings.map((f) => f.message), ["ADD https://example.org/tool-1.2.3-linux-${TARGETARCH}.tgz downloads without a checksum [CN8-7]"]);
  });

  it("reads ONBUILD ADD, which downloads in every image built FROM this one", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\nONBUILD ADD https://example.org/tool.tgz /opt/\nONBUILD ADD --checksum=sha256:" + "a".repeat(64) + " https://example.org/ok.tgz /opt/\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message, f.snippet]), [[2, "ADD https://example.org/tool.tgz downloads without a checksum [CN8-7]", "ONBUILD ADD https://example.org/tool.tgz /opt/"]]);
  });

  it("reads git sources as BuildKit does: ref:subdir fragments, query forms, git:// and ssh:// URLs", async () => {
    const sha = "c".repeat(40);
    const df = `FROM alpine:3.20
ADD https://github.com/org/repo.git#${sha}:docs /docs
ADD https://github.com/org/repo.git?ref=${sha}&subdir=docs /docs2
ADD https://github.com/org/repo.git?tag=v1.0&checksum=${sha} /docs3
ADD https://github.com/org/repo.git?tag=v1.0 /docs4
ADD git://github.com/org/repo.git#v1.0 /docs5
ADD ssh://git@github.com/org/repo.git /docs6
ADD git@github.com:org/repo.git#${sha} /docs7
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message]), [
      [5, "ADD https://github.com/org/repo.git?tag=v1.0 fetches a git source at a moving ref [CN8-7]"],
      [6, "ADD git://github.com/org/repo.git#v1.0 fetches a git source at a moving ref [CN8-7]"],
      [7, "ADD ssh://git@github.com/org/repo.git fetches a git source at a moving ref [CN8-7]"],
    ]);
  });
});
