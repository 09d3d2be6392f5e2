// Reads test/secrets/cases/*.txt: for each detector, lines that must fire (with the exact secret
// between ⟦ ⟧) and near misses that must not. Tokens are generated here, from templates, so no
// credential-shaped string is committed: «b62:36» is 36 random base62 characters, «gh:ghp_» a
// GitHub token with a valid checksum, «jwt:{…}:{…}» a JWT with that header and payload.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { base62, crc32 } from "../../src/secrets/checksum.js";

/** One case line. */
export interface Case {
  detector: string;
  /** `fire`: must be found with verdict secret; `example`: found as an example; `quiet`: no secret at all. */
  kind: "fire" | "example" | "quiet";
  template: string;
  path: string;
  file: string;
  line: number;
}

const DIR = new URL("./cases/", import.meta.url).pathname;

/** Every case of every file. */
export function loadCases(): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort()) {
    let detector = "";
    let path = "config.env";
    readFileSync(join(DIR, file), "utf8").split("\n").forEach((raw, i) => {
      const line = raw.replace(/\r$/, "");
      if (line.startsWith("@ ")) {
        const [id = "", ...opts] = line.slice(2).trim().split(/\s+/);
        detector = id;
        path = opts.find((o) => o.startsWith("path="))?.slice(5) ?? "config.env";
        return;
      }
      const kind = line.startsWith("+ ") ? "fire" : line.startsWith("~ ") ? "example" : line.startsWith("- ") ? "quiet" : undefined;
      if (!kind) return;
      out.push({ detector, kind, template: line.slice(2).replace(/\\\\n|\\n/g, (m) => (m === "\\n" ? "\n" : "\\n")), path, file, line: i + 1 });
    });
  }
  return out;
}

/** A seeded generator (mulberry32): each case expands the same way on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SETS: Record<string, string> = {
  b62: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  alnum: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  hex: "0123456789abcdef",
  HEX: "0123456789ABCDEF",
  digits: "0123456789",
  lower: "abcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  az: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  lowalnum: "abcdefghijklmnopqrstuvwxyz0123456789",
  upalnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  b64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  b64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  b32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  b32low: "abcdefghijklmnopqrstuvwxyz234567",
  bech32: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
};

const b64url = (s: string | Buffer): string => Buffer.from(s).toString("base64url");

/** Expands the templates of a line, innermost first. */
export function expand(template: string, random: () => number): string {
  const pick = (set: string, n: number): string => {
    let s = "";
    // Redraw until the run mixes classes: a random draw that is all one class, or ascending, reads as a placeholder.
    for (let tries = 0; tries < 50; tries++) {
      s = "";
      for (let i = 0; i < n; i++) s += set[Math.floor(random() * set.length)];
      if (n < 8 || (new Set(s).size > n / 4 && !/0{6}|1234|abcd|xxxx|fake|test/i.test(s))) break;
    }
    return s;
  };
  const one = (spec: string): string => {
    const [name = "", ...args] = spec.split(":");
    const arg = args.join(":");
    if (SETS[name] !== undefined) return pick(SETS[name] as string, Number(arg));
    switch (name) {
      case "uuid": {
        const h = pick(SETS.hex as string, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
      }
      case "gh": {
        const e = pick(SETS.b62 as string, 30);
        return `${arg}${e}${base62(crc32(e), 6)}`;
      }
      case "ghbad": {
        const e = pick(SETS.b62 as string, 30);
        return `${arg}${e}${base62((crc32(e) + 1) >>> 0, 6)}`;
      }
      case "jwt": {
        const [h = "{}", p = "{}"] = arg.split("|");
        return `${b64url(h)}.${b64url(p)}.${pick(SETS.b64url as string, 43)}`;
      }
      case "b64enc":
        return Buffer.from(arg).toString("base64");
      case "hexenc":
        return Buffer.from(arg).toString("hex");
      case "b64urlenc":
        return b64url(arg);
      case "pem": {
        const [label = "PRIVATE KEY", lines = "8", nl = "\n"] = arg.split("|");
        const body = Array.from({ length: Number(lines) }, () => pick(SETS.b64 as string, 64)).join(nl === "\\n" ? "\\n" : "\n");
        const sep = nl === "\\n" ? "\\n" : "\n";
        return `-----BEGIN ${label}-----${sep}${body}${sep}-----END ${label}-----`;
      }
      case "snowflake":
        return Buffer.from(`${1 + Math.floor(random() * 9)}${pick(SETS.digits as string, 17)}`).toString("base64").replace(/=+$/, "");
      default:
        throw new Error(`unknown template «${spec}»`);
    }
  };
  let out = template;
  for (let guard = 0; guard < 50; guard++) {
    const m = /«([^«»]*)»/.exec(out);
    if (!m) break;
    out = out.slice(0, m.index) + one(m[1] as string) + out.slice(m.index + m[0].length);
  }
  return out;
}

/** The text to scan and the expected secret (between ⟦ ⟧), for one expansion. */
export function instantiate(c: Case, seed: number): { text: string; secret: string | undefined } {
  const text = expand(c.template, rng(seed));
  const open = text.indexOf("⟦");
  const close = text.indexOf("⟧");
  if (open < 0 || close < open) return { text: text.replace(/[⟦⟧]/g, ""), secret: undefined };
  return { text: text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1), secret: text.slice(open + 1, close) };
}
