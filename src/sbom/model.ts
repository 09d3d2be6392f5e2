import { createHash } from "node:crypto";
import type { Lockfile, LockedPackage } from "../ecosystems/packages.js";

// The SBOM writers' shared view of a checkout's lockfiles: each package once (by purl), its
// hashes in hex, and the dependency edges the lockfiles' shortest paths record.

/** One component: a package at a version, wherever it is locked. */
export interface SbomComponent {
  ref: string;
  pkg: LockedPackage;
  lockfiles: string[];
  hashes: { alg: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512"; hex: string }[];
  dev: boolean;
  direct: boolean;
}

/** Components, direct dependencies of the project, and edges parent → children (by ref). */
export interface SbomGraph {
  components: SbomComponent[];
  direct: string[];
  edges: Map<string, Set<string>>;
}

const ALGS: Record<string, SbomComponent["hashes"][number]["alg"]> = { sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };
const HEX_LENGTH: Record<string, number> = { "SHA-1": 40, "SHA-256": 64, "SHA-384": 96, "SHA-512": 128 };

/** A lockfile hash (`sha512-<base64>`, `sha256:<hex>`, `sha256=<hex>`, bare hex) as an algorithm and hex digest. */
export function readHash(text: string): SbomComponent["hashes"][number] | undefined {
  const m = /^(sha1|sha256|sha384|sha512)([-:=])(.+)$/i.exec(text.trim());
  let alg: SbomComponent["hashes"][number]["alg"] | undefined;
  let hex: string;
  if (m) {
    alg = ALGS[(m[1] as string).toLowerCase()];
    const value = m[3] as string;
    hex = m[2] === "-" ? Buffer.from(value, "base64").toString("hex") : value.toLowerCase();
  } else if (/^[0-9a-f]{64}$/i.test(text.trim())) {
    alg = "SHA-256";
    hex = text.trim().toLowerCase();
  } else return undefined;
  if (!alg || !/^[0-9a-f]+$/.test(hex) || hex.length !== HEX_LENGTH[alg]) return undefined;
  return { alg, hex };
}

/** Gathers the packages of every lockfile into one graph. */
export function sbomGraph(lockfiles: readonly Lockfile[]): SbomGraph {
  const byRef = new Map<string, SbomComponent>();
  const byNameVersion = new Map<string, string>();
  for (const l of lockfiles) {
    for (const p of l.packages) {
      const ref = p.purl;
      let c = byRef.get(ref);
      if (!c) {
        c = { ref, pkg: p, lockfiles: [], hashes: [], dev: p.dev === true, direct: false };
        byRef.set(ref, c);
      }
      if (!c.lockfiles.includes(l.path)) c.lockfiles.push(l.path);
      c.dev &&= p.dev === true;
      c.direct ||= p.direct === true;
      for (const h of p.hashes ?? []) {
        const r = readHash(h);
        if (r && !c.hashes.some((x) => x.alg === r.alg && x.hex === r.hex)) c.hashes.push(r);
      }
      byNameVersion.set(`${l.path}\u0000${p.name}@${p.version}`, ref);
    }
  }
  const edges = new Map<string, Set<string>>();
  for (const l of lockfiles) {
    for (const p of l.packages) {
      const path = p.path ?? [];
      for (let i = 0; i + 1 < path.length; i++) {
        const from = byNameVersion.get(`${l.path}\u0000${path[i]}`);
        const to = byNameVersion.get(`${l.path}\u0000${path[i + 1]}`);
        if (!from || !to || from === to) continue;
        const set = edges.get(from) ?? new Set<string>();
        set.add(to);
        edges.set(from, set);
      }
    }
  }
  const components = [...byRef.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { components, direct: components.filter((c) => c.direct).map((c) => c.ref), edges };
}

/** A UUID derived from the content, so the same lockfiles give the same document. */
export function contentUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16] as string, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
