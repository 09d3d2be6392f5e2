import type { Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";

type Cloud = "AWS" | "Google Cloud" | "Azure";

const HOW: Readonly<Record<Cloud, string>> = {
  AWS: "aws-actions/configure-aws-credentials with `role-to-assume:` (an IAM role trusting GitHub's OIDC provider) and `permissions: id-token: write`",
  "Google Cloud": "google-github-actions/auth with `workload_identity_provider:` and `service_account:` (Workload Identity Federation) and `permissions: id-token: write`",
  Azure: "azure/login with `client-id:`, `tenant-id:` and `subscription-id:` (a federated credential on the app registration) and `permissions: id-token: write`",
};

/** Environment variables that carry a long-lived cloud key. */
const ENV_KEYS: readonly [RegExp, Cloud][] = [
  [/^AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/i, "AWS"],
  [/^(?:GOOGLE_(?:APPLICATION_)?CREDENTIALS(?:_JSON)?|GCP_SA_KEY|GCLOUD_SERVICE_KEY|GOOGLE_CLOUD_KEYFILE_JSON)$/i, "Google Cloud"],
  [/^(?:AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET|AZURE_CREDENTIALS)$/i, "Azure"],
];

export const rule: Rule = {
  meta: {
    id: "workflows/long-lived-cloud-credentials",
    title: "Long-lived cloud key where OIDC federation is available",
    severity: "medium",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "An AWS access key, a Google service account key or an Azure client secret stored as a repository secret is valid until someone rotates it; one leaked log line or compromised step gives lasting access to the cloud account. AWS, Google Cloud and Azure all accept GitHub's OIDC token instead: a credential minted per job, scoped to this repository (and branch or environment), that expires within the hour.",
    remediation:
      "Switch to workload identity federation: grant the job `permissions: id-token: write`, configure the cloud to trust GitHub's OIDC issuer for this repository, use the provider's login action without keys (named in the finding), then delete the stored key.",
    references: [
      { title: "GitHub: About security hardening with OpenID Connect", url: "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect" },
      { title: "aws-actions/configure-aws-credentials: OIDC", url: "https://github.com/aws-actions/configure-aws-credentials#oidc" },
      { title: "google-github-actions/auth: Workload Identity Federation", url: "https://github.com/google-github-actions/auth#workload-identity-federation-through-a-service-account" },
      { title: "Azure: Use GitHub Actions to connect to Azure with OpenID Connect", url: "https://learn.microsoft.com/en-us/azure/developer/github/connect-from-azure-openid-connect" },
      { title: "CWE-798: Use of Hard-coded Credentials", url: "https://cwe.mitre.org/data/definitions/798.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const seen = new Set<string>();
    // `id` names the place for the fingerprint where `what` (said to people) holds a step's position.
    const report = (path: string, s: Str, cloud: Cloud, what: string, id = what): void => {
      const key = `${path}:${s.span.offset}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ message: `${what} passes a long-lived ${cloud} key from a secret; ${cloud} accepts GitHub's short-lived OIDC token instead`, locations: [at(path, s.span)], snippet: clip(s.value, 120), key: `${id}:${cloud}`, evidence: { cloud }, fix: HOW[cloud] });
    };
    const fromSecret = (s: Str | undefined): s is Str => s !== undefined && /\bsecrets\s*[.[]/.test(s.value);
    const envs = (path: string, env: Readonly<Record<string, Str>>, what: string, id = what): void => {
      for (const [k, v] of Object.entries(env)) {
        const cloud = ENV_KEYS.find(([re]) => re.test(k))?.[1];
        if (cloud && fromSecret(v) && !/ACCESS_KEY_ID$/i.test(k)) report(path, v, cloud, `\`${k}\` ${what}`, `\`${k}\` ${id}`);
      }
    };
    for (const wf of inputs.workflows) {
      envs(wf.path, wf.env, `in the env of ${wf.path}`);
      for (const job of wf.jobs) envs(wf.path, job.env, `in the env of job \`${job.id}\` of ${wf.path}`);
    }
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const where = `step ${step.index + 1} of ${sequenceLabel(seq)}`;
        const id = `step ${stepKey({ job: seq.job, step, steps: seq.steps })} of ${seq.path}`;
        envs(seq.path, step.env, `in ${where}`, `in ${id}`);
        const name = usesName(step.uses);
        if (isAction(name, "aws-actions/configure-aws-credentials")) {
          const secret = step.with["aws-secret-access-key"];
          if (fromSecret(secret)) report(seq.path, secret, "AWS", `aws-actions/configure-aws-credentials in ${where}`, `aws-actions/configure-aws-credentials in ${id}`);
        } else if (isAction(name, "google-github-actions/auth")) {
          const key = step.with["credentials_json"];
          if (fromSecret(key)) report(seq.path, key, "Google Cloud", `google-github-actions/auth in ${where}`, `google-github-actions/auth in ${id}`);
        } else if (isAction(name, "google-github-actions/setup-gcloud")) {
          const key = step.with["service_account_key"];
          if (fromSecret(key)) report(seq.path, key, "Google Cloud", `google-github-actions/setup-gcloud in ${where}`, `google-github-actions/setup-gcloud in ${id}`);
        } else if (isAction(name, "azure/login")) {
          const creds = step.with["creds"];
          if (fromSecret(creds)) report(seq.path, creds, "Azure", `azure/login in ${where}`, `azure/login in ${id}`);
        }
      }
    }
  },
};
