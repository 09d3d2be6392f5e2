// Online verification of found credentials (`--online` only): each provider's read-only "who am
// I" endpoint, asked once per distinct value, a few at a time, with a timeout. Nothing is
// written, nothing is listed beyond the identity, and the value is sent only to its own provider.
import type { CredentialStatus, CredentialVerifier } from "../core/verify.js";

/** How to ask one provider: the request, and how to read its answer. */
interface Check {
  url: (secret: string) => string;
  headers?: (secret: string) => Record<string, string>;
  method?: "GET" | "POST";
  /** Reads a 200 answer's body (Slack answers 200 with ok:false). */
  ok?: (body: string) => boolean;
}

const bearer = (s: string): Record<string, string> => ({ Authorization: `Bearer ${s}` });
const basic = (user: string, pass: string): Record<string, string> => ({ Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` });

const GITHUB: Check = { url: () => "https://api.github.com/rate_limit", headers: (s) => ({ ...bearer(s), Accept: "application/vnd.github+json" }) };
const SLACK: Check = { url: () => "https://slack.com/api/auth.test", method: "POST", headers: bearer, ok: (b) => /"ok"\s*:\s*true/.test(b) };

/** Detector id → how to ask its provider. Only endpoints that read the caller's own identity or nothing at all. */
const CHECKS: Readonly<Record<string, Check>> = {
  "github-pat-classic": GITHUB,
  "github-pat-fine-grained": GITHUB,
  "github-oauth-token": GITHUB,
  "github-app-user-token": GITHUB,
  "github-app-installation-token": GITHUB,
  "github-app-installation-token-stateless": GITHUB,
  "gitlab-pat": { url: () => "https://gitlab.com/api/v4/personal_access_tokens/self", headers: (s) => ({ "PRIVATE-TOKEN": s }) },
  "npm-token": { url: () => "https://registry.npmjs.org/-/whoami", headers: bearer },
  "slack-bot-token": SLACK,
  "slack-user-token": SLACK,
  "slack-app-token": SLACK,
  "huggingface-token": { url: () => "https://huggingface.co/api/whoami-v2", headers: bearer },
  "openai-api-key": { url: () => "https://api.openai.com/v1/models", headers: bearer },
  "anthropic-api-key": { url: () => "https://api.anthropic.com/v1/models", headers: (s) => ({ "x-api-key": s, "anthropic-version": "2023-06-01" }) },
  "stripe-secret-key": { url: () => "https://api.stripe.com/v1/account", headers: (s) => basic(s, "") },
  "stripe-restricted-key": { url: () => "https://api.stripe.com/v1/account", headers: (s) => basic(s, "") },
  "sendgrid-api-key": { url: () => "https://api.sendgrid.com/v3/user/profile", headers: bearer },
  "digitalocean-pat": { url: () => "https://api.digitalocean.com/v2/account", headers: bearer },
  "telegram-bot-token": { url: (s) => `https://api.telegram.org/bot${s}/getMe` },
  "discord-bot-token": { url: () => "https://discord.com/api/v10/users/@me", headers: (s) => ({ Authorization: `Bot ${s}` }) },
  "heroku-api-key": { url: () => "https://api.heroku.com/account", headers: (s) => ({ ...bearer(s), Accept: "application/vnd.heroku+json; version=3" }) },
  "groq-api-key": { url: () => "https://api.groq.com/openai/v1/models", headers: bearer },
  "mailgun-api-key": { url: () => "https://api.mailgun.net/v3/domains", headers: (s) => basic("api", s) },
};

/** Detectors whose provider can be asked. */
export const VERIFIABLE: readonly string[] = Object.keys(CHECKS);

/** Options for the verifier. */
export interface VerifierOptions {
  /** Per request. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Distinct credentials asked about per scan; the rest stay "unknown". */
  maxChecks?: number;
  /** Rewrites every URL (tests point it at a server on 127.0.0.1). */
  rewrite?: (url: URL) => URL;
}

/** A verifier that asks the providers over HTTPS (Node's fetch). */
export function credentialVerifier(opts: VerifierOptions = {}): CredentialVerifier {
  const cache = new Map<string, Promise<CredentialStatus>>();
  const timeoutMs = opts.timeoutMs ?? 5000;
  const maxChecks = opts.maxChecks ?? 200;
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<() => void> => {
    if (active >= (opts.concurrency ?? 4)) await new Promise<void>((r) => waiting.push(r));
    active++;
    return () => {
      active--;
      waiting.shift()?.();
    };
  };
  const ask = async (check: Check, secret: string): Promise<CredentialStatus> => {
    const release = await slot();
    try {
      let url = new URL(check.url(secret));
      if (opts.rewrite) url = opts.rewrite(url);
      const res = await fetch(url, { method: check.method ?? "GET", headers: { "User-Agent": "assay-secret-verification", ...(check.headers?.(secret) ?? {}) }, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
      const body = (await res.text()).slice(0, 65536);
      if (res.status === 200) return !check.ok || check.ok(body) ? "valid" : "invalid";
      return res.status === 401 || res.status === 403 ? "invalid" : "unknown";
    } catch {
      return "unknown";
    } finally {
      release();
    }
  };
  return {
    verify(detector, secret) {
      const check = CHECKS[detector];
      if (!check) return Promise.resolve("unknown");
      const key = `${detector}\u0000${secret}`;
      let p = cache.get(key);
      if (!p) {
        p = cache.size >= maxChecks ? Promise.resolve<CredentialStatus>("unknown") : ask(check, secret);
        cache.set(key, p);
      }
      return p;
    },
  };
}
