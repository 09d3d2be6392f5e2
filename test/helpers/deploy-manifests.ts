/** A Deployment for deploy-rule tests: hardened unless the caller edits the parts it needs. */
export function deployment(opts: { name?: string; podSpec?: string; podSc?: string; containerSc?: string; container?: string; kind?: string; apiVersion?: string } = {}): string {
  const name = opts.name ?? "web";
  const podSc = opts.podSc ?? "        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n";
  const containerSc = opts.containerSc ?? '            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: ["ALL"]\n';
  return `apiVersion: ${opts.apiVersion ?? "apps/v1"}
kind: ${opts.kind ?? "Deployment"}
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${opts.podSpec ?? ""}      securityContext:
${podSc}      containers:
        - name: ${name}
          image: registry.example.org/${name}:1.2.3
${opts.container ?? ""}          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
          securityContext:
${containerSc}`;
}
