import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/compose-exposed-port.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/compose-exposed-port", () => {
  it("reports a data store published on every interface, at the ports entry, with the loopback form as the fix", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[15, "low"], [19, "low"]]);
    assert.equal(findings[0]?.message, 'Compose service "db": publishes PostgreSQL\'s port 5432 on every interface of the host (5432:5432); Docker\'s own firewall rules let it past host firewalls such as ufw [CN8-1]');
    assert.equal(findings[0]?.fix, 'ports:\n  - "127.0.0.1:5432:5432"');
  });

  it("reads every short form: a bare port, a host port that differs, ranges, IPv4 and IPv6 addresses, a protocol", async () => {
    const compose = [
      "services:",
      "  a:",
      "    image: postgres:16",
      "    ports:",
      '      - "5432"',
      '      - "15432:5432"',
      '      - "127.0.0.1:5433:5432"',
      '      - "[::1]:5434:5432"',
      '      - "::1:5435:5432"',
      '      - "0.0.0.0:5436:5432"',
      '      - "10.0.0.5:5437:5432"',
      '      - "6378-6380:6378-6380"',
      '      - "11211:11211/udp"',
      '      - "${BIND_ADDR}:9200:9200"',
      '      - "${PG_PORT:-5438}:5432"',
      "      - 8080:80",
      "",
    ].join("\n");
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [5, 6, 10, 12, 13, 15]);
  });

  it("reports the Docker Engine API high, and says nothing without Compose files", async () => {
    const { findings } = await run({ "compose.yaml": "services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n    ports:\n      - 2375:2375\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[6, "high"]]);
    const none = await run({ Dockerfile: "FROM alpine:3.20\nUSER 1000\n" });
    assert.equal(none.outcome, "not-applicable");
  });

  it("keeps the base's binding when the default override adds a loopback one (Compose appends ports)", async () => {
    const { findings } = await run({
      "docker-compose.yml": "services:\n  db:\n    image: mysql:8.4\n    ports:\n      - \"3306:3306\"\n",
      "docker-compose.override.yml": "services:\n  db:\n    ports:\n      - \"127.0.0.1:3307:3306\"\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["docker-compose.yml", 5]]);
  });

  it("honours the override's !reset and !override tags, which the YAML load drops", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n  cache:\n    image: redis:7\n    ports:\n      - \"6379:6379\"\n  mq:\n    image: rabbitmq:4\n    ports:\n      - \"5672:5672\"\n",
      "compose.override.yaml": "services:\n  db:\n    ports: !reset []\n  cache:\n    ports: !override\n      - \"127.0.0.1:6379:6379\"\n  mq:\n    ports:\n      - \"127.0.0.1:15672:15672\"\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["compose.yaml", 13]]);
  });

  it("splits an entry a .env file leaves uninterpolated at its own colons, not those of ${VAR:-default}", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"${PG_PORT:-5432}:5432\"\n      - \"127.0.0.1:${PG_PORT2:-5433}:5432\"\n      - \"${BIND:-127.0.0.1}:5434:5432\"\n",
      ".env": "PG_PORT=5432\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [5]);
  });

  it("leaves ports Docker does not publish alone: network_mode host (host-namespaces' finding) or another service's", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  a:\n    image: redis:7\n    network_mode: host\n    ports:\n      - 6379:6379\n  b:\n    image: postgres:16\n    network_mode: service:vpn\n    ports:\n      - 5432:5432\n",
    });
    assert.deepEqual(findings, []);
  });

  it("reports a Compose file named for tests or CI at low confidence", async () => {
    const db = "services:\n  db:\n    image: postgres:16\n    ports:\n      - 5432:5432\n";
    const { findings } = await run({ "docker-compose.test.yml": db, "compose.ci.yaml": db, "docker-compose.dev.yml": db, "compose.contest.yaml": db });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.confidence]).sort(), [
      ["compose.ci.yaml", "low"],
      ["compose.contest.yaml", "high"],
      ["docker-compose.dev.yml", "high"],
      ["docker-compose.test.yml", "low"],
    ]);
  });
});
