import { allScalars, type Job, type Permissions, type Workflow } from "../../../ecosystems/github-actions/index.js";

/** The permissions a job's token gets: its own block, else the workflow's, else none declared (the repository default). */
export function effectivePermissions(wf: Workflow | undefined, job: Job | undefined): Permissions | undefined {
  return job?.permissions ?? wf?.permissions;
}

/** True when the job's token may be able to write (declared write scopes, `write-all`, or nothing declared). */
export function tokenMayWrite(wf: Workflow | undefined, job: Job | undefined): boolean {
  const p = effectivePermissions(wf, job);
  if (!p) return true;
  if (p.all) return /write/i.test(p.all.value) || p.all.value.includes("${{");
  return Object.values(p.scopes).some((v) => v.value === "write");
}

/** Names of secrets (other than GITHUB_TOKEN) referenced anywhere in a job, its steps, or the workflow's env. */
export function secretsIn(wf: Workflow | undefined, job: Job | undefined): string[] {
  const names = new Set<string>();
  const scan = (text: string): void => {
    const re = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]{0,100})|\[\s*'([^']{1,100})'\s*\])/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const n = (m[1] ?? m[2]) as string;
      if (n.toUpperCase() !== "GITHUB_TOKEN") names.add(n);
    }
  };
  if (wf && job) for (const s of allScalars(wf.yaml, job.node, (v) => v.includes("secrets"))) scan(s.value);
  for (const v of Object.values(wf?.env ?? {})) scan(v.value);
  if (job?.secrets?.inherit) names.add("(all, through secrets: inherit)");
  return [...names];
}
