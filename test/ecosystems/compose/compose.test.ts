import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bindMounts, includedFiles, interpolateDefaults, isComposeFileName, parseCompose, referencedFiles, volumeTarget } from "../../../src/ecosystems/compose/compose.js";

describe("Compose files", () => {
  it("interpolates the defaults of variables, and gives up on a value the environment decides", () => {
    assert.equal(interpolateDefaults("app:${TAG:-latest}"), "app:latest");
    assert.equal(interpolateDefaults("${REGISTRY-ghcr.io}/app:${TAG:-1.0}"), "ghcr.io/app:1.0");
    assert.equal(interpolateDefaults("price$$5"), "price$5");
    assert.equal(interpolateDefaults("app:1.0"), "app:1.0");
    for (const s of ["app:${TAG}", "$REGISTRY/app", "app:${TAG:?set TAG}", "app:${TAG:+x}", "app:${A:-${B:-1}}", "app:${"]) assert.equal(interpolateDefaults(s), undefined, s);
  });

  it("knows Compose's file names and nothing else", () => {
    for (const n of ["compose.yaml", "compose.yml", "docker-compose.yml", "deploy/docker-compose.override.yml", "docker-compose.prod.yaml", "compose.dev.yml"]) assert.ok(isComposeFileName(n), n);
    for (const n of ["composer.yaml", "docker-compose.json", "my-compose.yml", "compose.yaml.bak"]) assert.ok(!isComposeFileName(n), n);
  });

  it("reads services and their bind mounts in short and long syntax", () => {
    const c = parseCompose("services:\n  a:\n    image: x\n    volumes:\n      - data:/data\n      - ./src:/app:ro\n      - ~/.ssh:/root/.ssh\n      - C:\\logs:/logs\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n      - type: volume\n        source: cache\n        target: /cache\n");
    const a = c.services[0];
    assert.ok(a);
    assert.deepEqual(bindMounts(a).map((m) => [m.source, m.target, m.readOnly, m.path[3]]), [
      ["./src", "/app", true, 1],
      ["~/.ssh", "/root/.ssh", false, 2],
      ["C:\\logs", "/logs", false, 3],
      ["/var/run/docker.sock", "/var/run/docker.sock", true, 4],
    ]);
  });

  it("splits a short-syntax volume outside its variables, and mounts a variable's default", () => {
    const c = parseCompose("services:\n  a:\n    image: x\n    volumes:\n      - ${SOCK:-/var/run/docker.sock}:/var/run/docker.sock:ro\n      - ${DATA:?set DATA}:/data\n      - type: bind\n        source: ${ROOT-/}\n        target: /host\n");
    const a = c.services[0];
    assert.ok(a);
    assert.deepEqual(bindMounts(a).map((m) => [m.source, m.target, m.readOnly, m.written]), [
      ["/var/run/docker.sock", "/var/run/docker.sock", true, "${SOCK:-/var/run/docker.sock}"],
      ["${DATA:?set DATA}", "/data", false, undefined],
      ["/", "/host", false, "${ROOT-/}"],
    ]);
  });

  it("keeps a parse error with its position", () => {
    const c = parseCompose("services:\n  a:\n    image: [x\n");
    assert.equal(c.services.length, 0);
    assert.ok((c.error?.line ?? 0) >= 3);
  });

  it("lists the files a Compose file takes services from, leaving remote ones out", () => {
    const file = parseCompose("include:\n  - a.yml\n  - path: [b.yml, c.yml]\n  - path: d.yml\n    project_directory: ..\n  - oci://registry.example/stack:1\n  - git@github.com:org/stack.git\n  - https://example.org/compose.yml\nservices:\n  x:\n    extends:\n      file: base/x.yml\n      service: x\n  y:\n    extends: x\n  z:\n    extends:\n      file: a.yml\n      service: z\n");
    assert.deepEqual(referencedFiles(file), ["base/x.yml", "a.yml", "b.yml", "c.yml", "d.yml"]);
    assert.deepEqual(referencedFiles(parseCompose("services: {}\n")), []);
    assert.deepEqual(includedFiles(file), ["a.yml", "b.yml", "c.yml", "d.yml"]);
  });

  it("finds where a volume entry mounts, in short and long syntax", () => {
    assert.deepEqual(["${SRC:-/a}:/b:ro", "/data", "C:\\logs:/logs", { type: "bind", source: "/x", target: "/y" }, {}].map(volumeTarget), ["/b", "/data", "/logs", "/y", undefined]);
  });
});
