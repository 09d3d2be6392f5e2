import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-unpinned-os-packages.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/dockerfile-unpinned-os-packages", () => {
  it("reports unpinned packages per manager, with the packages' position, and accepts pins", async () => {
    const df = `FROM debian:12.7
RUN apt-get update && apt-get -y install --no-install-recommends -o Dpkg::Options::=--force-confold curl=7.88.1-10+deb12u7 jq
RUN dnf install -y httpd-2.4.62-1.el9 && yum install -y nginx
RUN apk add --virtual .build-deps gcc=13.2.1_git20240309-r0 && apt-get install ./local.deb
RUN apt-get purge -y curl
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["manager"], f.evidence["packages"]]), [
      [2, "apt-get", ["jq"]],
      [3, "yum", ["nginx"]],
    ]);
    assert.equal(findings[0]?.locations[0]?.startColumn, 124);
  });

  it("accepts apk's version constraints (`~`, `<`, `>`) and local .apk files, as hadolint's DL3018 does", async () => {
    const df = `FROM alpine:3.20
RUN apk add --no-cache curl~8.9 "bash>5.2" 'git<3' "musl-utils<=1.2.5" ./pkg/tool.apk tool-2.apk jq
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => f.evidence["packages"]), [["jq"]]);
  });

  it("judges the packages an ARG or ENV default names, and leaves a variable the build or the script sets alone", async () => {
    const df = `FROM debian:12.7
ARG PKGS="curl git"
ARG EXTRA
ENV PINNED="jq=1.6-2"
ARG OPTS="-t bookworm-backports golang-go"
RUN apt-get install -y --no-install-recommends $PKGS \${EXTRA} "\${PINNED}" && apt-get install -y $OPTS
RUN PKGS="vim"; apt-get install -y $PKGS
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["packages"]]), [[6, 48, ["curl", "git"]]]);
  });

  it("reads ONBUILD RUN as a RUN, as hadolint does: it runs in every image built FROM this one", async () => {
    const df = `FROM debian:12.7
ONBUILD RUN apt-get update && apt-get install -y wget
ONBUILD RUN --mount=type=cache,target=/var/cache/apt apt-get install -y jq=1.6-2 && apk add git
ONBUILD COPY apt-get.txt /install
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["manager"], f.evidence["packages"]]), [
      [2, 50, "apt-get", ["wget"]],
      [3, 93, "apk", ["git"]],
    ]);
  });

  it("points at the packages inside an exec-form RUN's array, not at the whole array", async () => {
    const { findings } = await run({ Dockerfile: 'FROM debian:12.7\nRUN ["apt-get", "install", "-y", "curl", "jq"]\n' });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.locations[0]?.endColumn, f.evidence["packages"]]), [[2, 35, 44, ["curl", "jq"]]]);
  });

  it("skips the value of an option, before the verb as after it (apt-get -o, dnf --exclude)", async () => {
    const df = `FROM fedora:40
RUN apt-get -o Acquire::Retries=3 install -y curl
RUN apk --repository https://dl-cdn.alpinelinux.org/alpine/edge/community add jq
RUN dnf -y install --exclude container-selinux buildah-1.37.2-1.fc40 && yum install -x kernel -y httpd
`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["manager"], f.evidence["packages"]]), [
      [2, "apt-get", ["curl"]],
      [3, "apk", ["jq"]],
      [4, "yum", ["httpd"]],
    ]);
  });

  it("honours the hadolint ignore comments a project wrote for that manager's rule", async () => {
    const df = "FROM debian:12.7\n# hadolint ignore=DL3008,DL3015\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y jq\n# hadolint ignore=DL3018\nRUN apt-get install -y git\n";
    assert.deepEqual((await run({ Dockerfile: df })).findings.map((f) => f.locations[0]?.startLine), [4, 6]);
    const global = "# hadolint global ignore=DL3018\nFROM alpine:3.20\nRUN apk add curl\n";
    assert.deepEqual((await run({ Dockerfile: global })).findings, []);
  });

  it("reads heredoc RUN scripts", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [3]);
  });

  it("reads the packages a for loop installs one by one", async () => {
    const df = 'FROM debian:12.7\nRUN for p in curl jq=1.6-2.1; do apt-get install -y "$p"; done\nRUN for p in git=1:2.39.5-0+deb12u1; do apt-get install -y $p; done && for f in $LIST; do apt install ${f}; done\n';
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["packages"]]), [[2, ["curl"]]]);
  });
});
