import { posix } from "node:path";
import { dirOf } from "../../core/checkout-path.js";
import { safeGlob } from "../../core/glob.js";
import type { Dockerfile, DockerInstruction } from "../../ecosystems/docker/dockerfile.js";
import type { Rule, RuleContext } from "../types.js";
import { dockerfiles, finalStage, reportDocker, shippedStages, stageChain } from "./lib/dockerfiles.js";
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
      "ENV values are stored in the image's configuration and every layer after them: anyone who pulls the image reads them with `docker inspect`. ARG values are recorded in the image history of every layer that uses them. A credential passed either way ships with the image. CN8 principle 7 names exposed credentials among the pervasive exploits secure defaults prevent. A literal value is high severity; a name that only receives a build argument is medium, and low in a build stage the final image does not build on (its layers stay in the build cache, not in the image) or before the first FROM (a global ARG only FROM lines can read). A variable that names a credential file (`GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json`) is reported, at medium, when the file lies where a COPY or ADD of the build context puts it and no .dockerignore leaves it out: the key then ships in the image even if git ignores it.",
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
          // `GOOGLE_APPLICATION_CREDENTIALS=key.json`, `TLS_KEY=certs/server.key`: the name of a file, not its content.
          const fileVar = CREDENTIAL_FILE_VARS.has(p.name);
          const literal = !fileVar && p.value !== undefined && !p.value.includes("$") && !FILE_PATH.test(p.value.trim()) && looksLikeSecret(p.name, p.value);
          // An ARG's value comes from `--build-arg` whatever its default. An ENV's is what the file
          // writes: from a variable (`ENV API_KEY=${API_KEY}`) it is whatever the build passed; a
          // literal was judged above, and one that is not a credential (`ENV TOKEN=""`,
          // `MYSQL_ALLOW_EMPTY_PASSWORD=yes`, `ENABLE_AUTH_TOKEN=true`) puts none in the image.
          const named = !fileVar && looksLikeSecret(p.name, "value") && (ins.keyword === "ARG" || (p.value ?? "").includes("$"));
          if (!literal && !named) {
            if (ins.keyword === "ENV" && !top.trigger && p.value && shipped.has(ins.stage) && CREDENTIAL_FILE_VARS.has(p.name)) await credentialFile(ctx, df, ins, p.name, p.value);
            continue;
          }
          reportDocker(ctx, df, ins.span, {
            problem: literal
              ? `${what} ${p.name} holds a literal credential, stored in ${global ? "this file" : builder ? "the build stage's layers and in this file" : ins.keyword === "ARG" ? "this file and the image history of every RUN that uses it" : "the image"}`
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

/** A relative or home path to a key, certificate or configuration file. */
const FILE_PATH = /^(?:\.{1,2}\/|~\/)?[\w.-]{1,100}(?:\/[\w.-]{1,100}){0,20}\.(?:json|ya?ml|pem|key|crt|cer|p12|pfx|jks|keystore|txt|ini|cfg|conf|toml|env|properties)$/i;

/**
 * Variables whose value is the path of a file that holds a credential (Google's service-account
 * key, AWS's shared credentials, Hugging Face's token file, an Azure client certificate): the file,
 * not the variable, is the secret.
 */
const CREDENTIAL_FILE_VARS = new Set(["GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE", "HF_TOKEN_PATH", "AZURE_CLIENT_CERTIFICATE_PATH", "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE"]);

/**
 * `COPY . /app` then `ENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa-key.json`: the application reads
 * its key from what the build context copied into the image, so the key ships with the image
 * (kept out of git, it is still in the developer's or CI's checkout the image is built from).
 * Reported when a COPY or ADD of the build context in the shipped stages puts a folder, a glob
 * or that very file at the path, and no .dockerignore beside the Dockerfile or at the top names it.
 */
async function credentialFile(ctx: RuleContext, df: Dockerfile, env: DockerInstruction, name: string, raw: string): Promise<void> {
  const ex = df.expand(raw, env);
  if (ex.missing.length > 0) return;
  const workdirs = workdirsOf(df);
  const path = posix.normalize(ex.value.startsWith("/") ? ex.value : posix.join(workdirs.get(env) ?? "/", ex.value));
  const file = posix.basename(path);
  if (file === "" || path === "/") return;
  const copy = contextCopies(df, workdirs).find((c) => c.dest !== "/" && (path.startsWith(`${c.dest.replace(/\/$/, "")}/`) || path === c.dest) && c.sources.some((s) => s === "." || s.endsWith("/") || /[*?[]/.test(s) || !/\.[A-Za-z0-9]{1,8}$/.test(posix.basename(s)) || posix.basename(s) === file));
  if (!copy) return;
  for (const ignore of [posix.join(dirOf(df.path), ".dockerignore"), `${df.path}.dockerignore`, ".dockerignore"]) {
    const text = ctx.has(ignore) ? await ctx.readText(ignore, { optional: true }) : undefined;
    if (text && ignoresFile(text.text, file)) return;
  }
  reportDocker(ctx, df, env.span, {
    problem: `ENV ${name} points at ${path}, inside what \`${copy.ins.keyword} ${copy.ins.args.slice(0, 80)}\` (line ${copy.ins.span.line}) copies from the build context: the credential file ships in the image unless .dockerignore keeps it out`,
    principle: 7,
    fix: `# keep the key out of the image: add it to .dockerignore, and mount it at run time (a Kubernetes Secret volume, docker run -v), or use workload identity\nENV ${name}=/run/secrets/${file}`,
    key: `ENV/${name}/file`,
    severity: "medium",
  });
}

/** The WORKDIR in force at each instruction of the shipped stages (a relative WORKDIR joins the one before). */
function workdirsOf(df: Dockerfile): Map<DockerInstruction, string> {
  const out = new Map<DockerInstruction, string>();
  const last = finalStage(df);
  if (!last) return out;
  let dir = "/";
  for (const st of stageChain(df, last).reverse()) {
    for (const ins of st.instructions) {
      if (ins.keyword === "WORKDIR") {
        const w = df.expand(ins.args.trim(), ins).value;
        dir = posix.normalize(w.startsWith("/") ? w : posix.join(dir, w));
      }
      out.set(ins, dir);
    }
  }
  return out;
}

/** COPY and ADD instructions of the shipped stages that copy from the build context: their sources and absolute destination. */
function contextCopies(df: Dockerfile, workdirs: ReadonlyMap<DockerInstruction, string>): { ins: DockerInstruction; sources: string[]; dest: string }[] {
  const out: { ins: DockerInstruction; sources: string[]; dest: string }[] = [];
  for (const [ins, dir] of workdirs) {
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.flags.some((f) => f.name === "from") || ins.heredocs.length > 0) continue;
    const args = ins.form === "exec" && ins.exec ? ins.exec.map((x) => x.value) : ins.args.trim().split(/\s+/);
    const dest = args[args.length - 1];
    if (!dest || args.length < 2) continue;
    const d = df.expand(dest, ins).value;
    const abs = d.startsWith("/") ? d : posix.join(dir, d);
    out.push({ ins, sources: args.slice(0, -1).map((a) => df.expand(a, ins).value.replace(/^\.\/(?=.)/, "")), dest: abs === "/" ? "/" : posix.normalize(abs).replace(/\/$/, "") });
  }
  return out;
}

/** True when a .dockerignore line (a path, `**\/name` or a `*` glob) leaves out a file of that name. */
function ignoresFile(text: string, file: string): boolean {
  let ignored = false;
  for (const raw of text.split("\n").slice(0, 5000)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, "").replace(/^(?:\*\*\/)+/, "");
    const last = pattern.slice(pattern.lastIndexOf("/") + 1);
    if (last === "" || last.length > 200) continue;
    if (safeGlob(last, { dot: true })(file)) ignored = !negate;
  }
  return ignored;
}
