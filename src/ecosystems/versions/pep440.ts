import pep440 from "@renovatebot/pep440";
import type { VersionOrder } from "../packages.js";
import { cachedParser, compareStrings } from "./numeric.js";

// PEP 440 (https://peps.python.org/pep-0440/) through @renovatebot/pep440. Versions PEP 440
// cannot read are ordered as setuptools' LegacyVersion ordered them (still found in old
// advisories and lockfiles): before every valid version, among themselves by their legacy key.

const REPLACE: Record<string, string> = { pre: "c", preview: "c", "-": "final-", rc: "c", dev: "@" };

/** setuptools' LegacyVersion sort key: padded numbers and `*`-prefixed words. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const raw = version.toLowerCase().split(/(\d+|[a-z]+|\.|-)/);
  const pieces = [...raw, "*final"];
  for (let piece of pieces) {
    if (piece !== "*final") piece = REPLACE[piece] ?? piece;
    if (!piece || piece === ".") continue;
    const part = piece === "*final" ? piece : /^[0-9]/.test(piece) ? piece.padStart(8, "0") : `*${piece}`;
    if (part.startsWith("*")) {
      if (part < "*final") while (parts.length > 0 && parts[parts.length - 1] === "*final-") parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === "00000000") parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

const isValid = cachedParser((v: string) => pep440.valid(v) !== null);
const legacy = cachedParser(legacyKey);

function compareLegacy(a: string, b: string): number {
  const x = legacy(a);
  const y = legacy(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareStrings(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** PEP 440 order for PyPI. */
export const pep440Order: VersionOrder = {
  compare(a, b) {
    const va = isValid(a);
    const vb = isValid(b);
    if (va && vb) return Math.sign(pep440.compare(a, b));
    if (va !== vb) return va ? 1 : -1;
    return compareLegacy(a, b);
  },
  valid: (v) => isValid(v),
};
