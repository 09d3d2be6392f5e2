import type { Rule } from "../types.js";
import { dockerfiles, reportDocker, shippedStages } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";
import { looksLikeSecret } from "./secret-in-env.js";

/** `NAME=value` pairs of ENV/ARG (and the legacy `ENV NAME value`), with their offsets in args. */
function pairs(args: string, keyword: string): { name: string; value: string | undefined }[] {
  const s = args.trim();
  if (keyword === "ENV" && !/^[A-Za-z_][\w.-]{0,200}=/.test(s)) {
    const m = /^([A-Za-z_][\w.-]{0,200})\s+(.*)$/s.exec(s);
    return m ? [{ name: m[1] as string, value: (m[2] as string).trim() }] : [];
  }
  const out: { name: string; value: string | undefined }[] = [];
  const re = /([A-Za-z_][\w.-]{0,200})(?:=("(?:[^"\\]|\\.){0,2000}"|'[^']{0,2000}'|\S{0,2000}))?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const v = m[2];
    out.push({ name: m[1] as string, value: v === undefined ? undefined : v.replace(/^(["'])(.*)\1$/s, "$2") });
    if (out.length > 100) break;
  }
  return out;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-secret-env",
    title: "Dockerfile passes a secret through ENV or ARG",
    severity: "high",
    check: "Dockerfile",
    references: [
      { title: "Docker build checks: SecretsUsedInArgOrEnv", url: "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/" },
      { title: "Build secrets (RUN --mount=type=secret)", url: "https://docs.docker.com/build/building/secrets/" },
    ],
    rationale:
      "ENV values are stored in the image's configuration and every layer after them: anyone who pulls the image reads them with `docker inspect`. ARG values are recorded in the image history of every layer that uses them. A credential passed either way ships with the image. CN8 principle 7 names exposed credentials among the pervasive exploits secure defaults prevent. A literal value is high severity; a name that only receives a build argument is medium, and low in a build stage the final image does not build on (its layers stay in the build cache, not in the image) or before the first FROM (a global ARG only FROM lines can read).",
    remediation: "Mount the secret only where it is needed: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci` and build with `docker build --secret id=npm_token,env=NPM_TOKEN`. Give runtime secrets to the container at run time (a Kubernetes Secret, Compose secrets), never in the image.",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      const shipped = shippedStages(df);
      for (const top of df.instructions) {
        // `ONBUILD ENV TOKEN=…` sets it in every image built FROM this one, and this image's
        // configuration keeps the trigger's text (`docker inspect` shows its OnBuild list).
        const ins = top.trigger ?? top;
        if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
        // A global ARG (before the first FROM) is only in scope for FROM lines; a stage the image
        // does not build on ships none of its layers.
        const builder = ins.stage >= 0 && !shipped.has(ins.stage);
        const global = ins.stage < 0;
        const what = `${top.trigger ? "ONBUILD " : ""}${ins.keyword}`;
        for (const p of pairs(ins.args, ins.keyword)) {
          const literal = p.value !== undefined && !p.value.includes("$") && looksLikeSecret(p.name, p.value);
          // `ENV TOKEN=""` only declares the variable for run time: the image holds no value.
          const named = looksLikeSecret(p.name, "value") && !(ins.keyword === "ENV" && p.value !== undefined && p.value.trim() === "");
          if (!literal && !named) continue;
          reportDocker(ctx, df, ins.span, {
            problem: literal
              ? `${what} ${p.name} holds a literal credential, stored in ${global ? "this file" : builder ? "the build stage's layers and in this file" : "the image"}`
              : global
                ? `${what} ${p.name} names a credential before the first FROM, where only FROM lines can use it; no layer keeps it unless a stage declares it again`
                : builder
                ? `${what} ${p.name} passes a credential through a build stage the image does not ship; the build cache and its history still hold it`
                : `${what} ${p.name} passes a credential through the build, where the image keeps it`,
            principle: 7,
            fix: `RUN --mount=type=secret,id=${p.name.toLowerCase()} ... # read /run/secrets/${p.name.toLowerCase()}; build with --secret id=${p.name.toLowerCase()}`,
            key: `${ins.keyword}/${p.name}`,
            severity: literal ? "high" : builder || global ? "low" : "medium",
          });
        }
      }
    }
  },
};
