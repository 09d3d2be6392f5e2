import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/host-path-volume.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const vols = (paths: string[]): string => `      volumes:\n${paths.map((p, i) => `        - name: v${i}\n          hostPath:\n            path: ${p}\n`).join("")}`;

describe("deploy/host-path-volume", () => {
  it("grades host paths: runtime sockets critical, sensitive paths high, others medium", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSpec: vols(["/run/containerd/containerd.sock", "/etc/", "/", "/var/lib/kubelet/pods", "/srv/cache"]) }) });
    assert.deepEqual(findings.map((f) => [f.evidence["resource"], f.severity, f.locations[0]?.startLine]).sort((a, b) => Number(a[2]) - Number(b[2])), [
      ["Deployment/web", "critical", 17],
      ["Deployment/web", "high", 20],
      ["Deployment/web", "high", 23],
      ["Deployment/web", "high", 26],
      ["Deployment/web", "medium", 29],
    ]);
  });

  it("lowers a sensitive path every container mounts read-only to medium, not a socket, and not a path one container may write", async () => {
    const podSpec = vols(["/etc/ssl/certs", "/var/run/docker.sock", "/var/log", "/etc/kubernetes"]);
    const mounts = [
      "          volumeMounts:",
      "            - { name: v0, mountPath: /certs, readOnly: true }",
      "            - { name: v1, mountPath: /var/run/docker.sock, readOnly: true }",
      "            - { name: v2, mountPath: /logs, readOnly: true }",
      "            - { name: v3, mountPath: /a, readOnly: true }",
      "            - { name: v3, mountPath: /b }",
      "",
    ].join("\n");
    const { findings } = await run({ "a.yaml": deployment({ podSpec, container: mounts }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine, f.message.includes("read-only")]).sort((a, b) => Number(a[1]) - Number(b[1])), [
      ["medium", 17, true],
      ["critical", 20, false],
      ["medium", 23, true],
      ["high", 26, false],
    ]);
  });

  it("takes /run as sensitive whole, and in the runtime's and systemd's folders, not in one agent's own folder under it", async () => {
    // A CNI or log agent keeps its state in /run/<agent> (flannel, promtail): a hostPath still, not the node's sockets.
    const { findings } = await run({ "a.yaml": deployment({ podSpec: vols(["/run/flannel", "/var/run/agent/", "/run", "/var/run/dbus/system_bus_socket", "/run/systemd/private", "/var/run/crio/"]) }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine]).sort((a, b) => Number(a[1]) - Number(b[1])), [
      ["medium", 17],
      ["medium", 20],
      ["high", 23],
      ["high", 26],
      ["high", 29],
      ["high", 32],
    ]);
  });

  it("takes a CSI driver's own folder under the kubelet's plugins as a plain hostPath, and the kubelet's own folders as sensitive", async () => {
    // cert-manager's csi-driver and secrets-store-csi-driver mount /var/lib/kubelet/plugins/<driver> for their socket.
    const { findings } = await run({ "a.yaml": deployment({ podSpec: vols(["/var/lib/kubelet/plugins/csi.example.com", "/var/lib/kubelet/plugins/csi-store/", "/var/lib/kubelet/plugins", "/var/lib/kubelet/plugins_registry", "/var/lib/kubelet/plugins/kubernetes.io/csi"]) }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine]).sort((a, b) => Number(a[1]) - Number(b[1])), [
      ["medium", 17],
      ["medium", 20],
      ["high", 23],
      ["high", 26],
      ["high", 29],
    ]);
  });

  it("reports Compose bind mounts of sensitive paths only, in short and long syntax", async () => {
    const compose = `services:
  app:
    image: x:1
    volumes:
      - ./src:/app
      - data:/data
      - /etc:/host-etc:ro
      - /etc/localtime:/etc/localtime:ro
      - /home/deploy/web:/usr/share/nginx/html:ro
      - /home/deploy/.ssh:/root/.ssh:ro
      - type: bind
        source: /var/run/docker.sock
        target: /var/run/docker.sock
volumes:
  data: {}
`;
    const { findings } = await run({ "compose.yml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]).sort(), [[10, "medium"], [11, "critical"], [7, "medium"]], "the host's time zone file and a project folder in a home are no sensitive paths");
  });

  it("judges the default a Compose variable gives a bind mount's source, in short and long syntax", async () => {
    // Compose interpolates `${VAR:-default}` before it mounts: with VAR unset, the default is mounted.
    const compose = `services:
  proxy:
    image: traefik:v3.1
    volumes:
      - \${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock:ro
      - \${DATA_DIR:-./data}:/data
      - \${CONFIG_DIR}:/etc/traefik
      - type: bind
        source: \${HOST_ROOT-/}
        target: /host
`;
    const { findings } = await run({ "compose.yml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[5, "critical", "medium"], [8, "high", "medium"]]);
    assert.match(findings[0]?.message ?? "", /the default of \$\{DOCKER_SOCK:-\/var\/run\/docker\.sock\}/);
  });

  it("reports Compose devices that hand over the host's memory or disks, not FUSE, TUN or GPUs", async () => {
    const compose = "services:\n  tools:\n    image: tools:1\n    devices:\n      - /dev/fuse\n      - /dev/net/tun:/dev/net/tun\n      - /dev/dri:/dev/dri\n      - /dev/mem:/dev/mem\n      - /dev/sda:/dev/xvda:rwm\n      - source: /dev/nvme0n1p2\n        target: /dev/disk0\n      - nvidia.com/gpu=all\n      - /dev:/dev\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.message.replace(/^.*gives the container the host's /, "").split(":")[0]]), [
      [8, "high", "device /dev/mem"],
      [9, "high", "device /dev/sda"],
      [10, "high", "device /dev/nvme0n1p2"],
      [13, "high", "every device (/dev)"],
    ]);
  });

  it("judges ~, $HOME and ${HOME} as a user's home: its dot folders and the home itself, not a project in it", async () => {
    const compose = "services:\n  dev:\n    image: dev:1\n    volumes:\n      - ~/.ssh:/root/.ssh:ro\n      - ${HOME}/.aws:/root/.aws:ro\n      - $HOME/.kube/config:/root/.kube/config\n      - ~/projects/app:/app\n      - ~:/home/dev\n      - ~backup/x:/x\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[5, "medium"], [6, "medium"], [7, "high"], [9, "high"]]);
  });

  it("follows a named volume the local driver binds to a host path (driver_opts o: bind, device)", async () => {
    const compose = "services:\n  agent:\n    image: agent:1\n    volumes:\n      - dockersock:/var/run/docker.sock\n      - type: volume\n        source: hostetc\n        target: /host/etc\n        read_only: true\n      - data:/data\n      - nfs:/mnt\nvolumes:\n  data: {}\n  dockersock:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run/docker.sock\n  hostetc:\n    driver_opts:\n      type: none\n      o: ro,bind\n      device: /etc\n  nfs:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1,rw\n      device: :/exports/etc\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[5, "critical"], [6, "medium"]]);
    assert.match(findings[0]?.message ?? "", /mounts the Docker socket \/var\/run\/docker\.sock through volume "dockersock", which its driver_opts bind to the host/);
  });

  it("says a read-only runtime socket is still the runtime's API, and keeps it critical", async () => {
    const { findings } = await run({ "compose.yaml": "services:\n  proxy:\n    image: traefik:3\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n" });
    assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["critical", 'Compose service "proxy": mounts the Docker socket /var/run/docker.sock (read-only, which does not stop API calls through it): that is root on the host [CN8-3]']]);
  });

  it("merges an extended service's volumes by target, as Compose does", async () => {
    const compose = "services:\n  base:\n    image: agent:1\n    profiles: [template]\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n  plain:\n    extends: base\n    volumes:\n      - type: volume\n        source: sock\n        target: /var/run/docker.sock\n  more:\n    extends: base\n    volumes:\n      - /etc:/host/etc\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message.split(":")[0], f.evidence["inheritedFrom"] ?? null]), [
      [6, 'Compose service "base" (started only with profile template)', null],
      [14, 'Compose service "more" (started only with profile template)', "compose.yaml:6"],
      [16, 'Compose service "more" (started only with profile template)', null],
    ]);
  });

  it("takes a variable's path mounted at the runtime socket's place for the socket", async () => {
    const compose = `services:
  logs:
    image: timberio/vector:0.53.0-alpine
    volumes:
      - \${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z
      - \${LOG_DIR}:/var/log/app
`;
    const { findings } = await run({ "compose.yml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.confidence]), [[5, "critical", "medium"]]);
  });

  it("reports the Docker socket that only the default override mounts, at the override's line", async () => {
    const { findings } = await run({
      "docker-compose.yml": "services:\n  ci:\n    image: runner:1\n    volumes:\n      - ./data:/data\n",
      "docker-compose.override.yml": "services:\n  ci:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["docker-compose.override.yml", 4]]);
    assert.match(findings[0]?.message ?? "", /docker\.sock/);
  });
});
