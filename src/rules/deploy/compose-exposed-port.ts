import { publishedPorts, type PublishedPort } from "../../ecosystems/compose/compose.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployInputs } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";

/**
 * Container ports of data stores, brokers and control planes whose images listen without
 * authentication by default or whose admin interface is not meant for the network. Web ports
 * (80, 443, 8080…) are published on purpose and are not listed.
 */
const SENSITIVE = new Map<number, string>([
  [2375, "the Docker Engine API without TLS"],
  [2376, "the Docker Engine API"],
  [2379, "etcd"],
  [2380, "etcd peer"],
  [10250, "the kubelet API"],
  [5432, "PostgreSQL"],
  [3306, "MySQL/MariaDB"],
  [1433, "SQL Server"],
  [1521, "Oracle Database"],
  [27017, "MongoDB"],
  [27018, "MongoDB"],
  [6379, "Redis"],
  [11211, "Memcached"],
  [9200, "Elasticsearch/OpenSearch"],
  [9300, "Elasticsearch/OpenSearch transport"],
  [5984, "CouchDB"],
  [8086, "InfluxDB"],
  [9042, "Cassandra"],
  [26257, "CockroachDB"],
  [7687, "Neo4j Bolt"],
  [8123, "ClickHouse HTTP"],
  [5672, "RabbitMQ AMQP"],
  [15672, "RabbitMQ management"],
  [9092, "Kafka"],
  [2181, "ZooKeeper"],
  [4222, "NATS"],
  [8500, "Consul HTTP API"],
]);

/** Ports whose exposure gives the host away (the Docker API is root on the host; etcd and the kubelet are the cluster): high. */
const HOST_CONTROL = new Set([2375, 2376, 2379, 10250]);

/**
 * Compose files named for tests or CI (`docker-compose.test.yml`, `compose.ci.yaml`): they run on
 * short-lived CI machines, where a published database is reachable briefly if at all.
 */
const CI_FILE = /(?:^|\/)(?:docker-)?compose[.-](?:[a-z0-9_-]{1,32}[.-])?(?:tests?|ci|e2e|integration)(?:[.-][a-z0-9_-]{1,32})?\.ya?ml$/i;

/** A range wider than this is not expanded port by port. */
const MAX_RANGE = 1024;

/** The sensitive container ports an entry publishes (a range may hold several), first few only. */
function sensitiveIn(target: string): number[] {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(target.trim());
  if (!m) return [];
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from || to - from > MAX_RANGE) return SENSITIVE.has(from) ? [from] : [];
  const out: number[] = [];
  for (let p = from; p <= to && out.length < 3; p++) if (SENSITIVE.has(p)) out.push(p);
  return out;
}

/** True when the host address binds every interface: none written, `0.0.0.0` or `::`. */
function everyInterface(p: PublishedPort): boolean {
  const ip = p.hostIp?.trim();
  return ip === undefined || ip === "0.0.0.0" || ip === "::" || ip === "0:0:0:0:0:0:0:0";
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/compose-exposed-port",
    title: "Compose publishes a database or admin port on every interface",
    // Low: most Compose files that publish a database are a developer's local stack, and a
    // reachable-from-the-LAN database there is worth a note, not a failed gate; the Docker API,
    // etcd and the kubelet (control of the host or cluster) stay high.
    severity: "low",
    references: [
      { title: "Compose file reference: ports", url: "https://docs.docker.com/reference/compose-file/services/#ports" },
      { title: "Docker: packet filtering and firewalls (Docker and ufw)", url: "https://docs.docker.com/engine/network/packet-filtering-firewalls/" },
      { title: "CWE-668: Exposure of Resource to Wrong Sphere", url: "https://cwe.mitre.org/data/definitions/668.html" },
    ],
    rationale:
      "`ports: [\"5432:5432\"]` (or `\"5432\"`, or `host_ip: 0.0.0.0`) publishes the container's port on every interface of the host, not only on localhost: anyone who can reach the machine reaches the database. Docker writes its own iptables rules for published ports, ahead of the host firewall's, so ufw or firewalld rules do not stop them. Data stores and brokers (PostgreSQL, MySQL, MongoDB, Redis, Elasticsearch, Memcached, RabbitMQ, Kafka…) often listen without authentication or with a well-known development password; the Docker Engine API (2375, 2376), etcd and the kubelet are control of the host or cluster and are reported high. CN8 principle 1: the network attack surface is small by default. Web ports (80, 443, 8080…) are published on purpose and not reported, nor are ports bound to a specific address (`127.0.0.1:5432:5432`), nor `expose:` (reachable only from the Compose network); Compose files named for tests or CI (`docker-compose.test.yml`) are reported at low confidence, since they run on short-lived machines. deploy/host-namespaces owns `network_mode: host`.",
    remediation:
      "Bind the port to the loopback interface: `\"127.0.0.1:5432:5432\"` (long syntax: `host_ip: 127.0.0.1`), or drop `ports:` when only other services of the project connect (they reach it by service name on the Compose network). Publish on every interface only in an opt-in override file, with authentication on.",
  }),

  async run(ctx) {
    const inputs = await deployInputs(ctx);
    if (inputs.compose.length === 0) {
      // With nothing to deploy at all, deployInputs has said so in the family's words (one reason the reports group).
      if (inputs.subjects.length > 0 || inputs.charts.length > 0) ctx.notApplicable("no Compose files");
      return;
    }
    for (const s of await composeServices(ctx)) {
      // With the host's network (deploy/host-namespaces' finding) or another container's, Docker
      // publishes nothing: ports are discarded or refused.
      const mode = typeof s.service.value["network_mode"] === "string" ? (s.service.value["network_mode"] as string).trim() : "";
      if (mode === "host" || /^(?:service|container):/.test(mode)) continue;
      for (const p of publishedPorts(s.service)) {
        // An address a variable decides, or a container port written with one, cannot be judged.
        if (p.hostIp?.includes("$") || !everyInterface(p)) continue;
        const port = sensitiveIn(p.target)[0];
        if (port === undefined) continue;
        const what = SENSITIVE.get(port) as string;
        reportCompose(ctx, s, p.path.slice(s.service.path.length), {
          problem: `publishes ${what}'s port ${port} on every interface of the host (${p.written}); Docker's own firewall rules let it past host firewalls such as ufw`,
          principle: 1,
          fix: `ports:\n  - "127.0.0.1:${p.published || port}:${p.target}"`,
          key: `port/${p.target}/${p.published}`,
          ...(HOST_CONTROL.has(port) ? { severity: "high" as const } : {}),
          ...(CI_FILE.test(s.path) ? { confidence: "low" as const } : {}),
        });
      }
    }
  },
};
