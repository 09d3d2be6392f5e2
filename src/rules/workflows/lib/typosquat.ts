// Look-alike names of popular actions: one character left out, doubled, swapped with its
// neighbour or replaced by a key next to it or a character that looks alike, or the words of the
// name reordered. Only names whose owner differs from the popular action's owner count: nobody
// can register a look-alike inside someone else's account.
import { POPULAR_ACTIONS } from "./actions-data.js";

const NEAR: Readonly<Record<string, string>> = {
  "1": "2qil", "2": "13qw", "3": "24we", "4": "35er", "5": "46rts", "6": "57ty", "7": "68yu", "8": "79ui", "9": "80io", "0": "9op-",
  "-": "_0p.", "_": "-0p.", q: "12wa", w: "23esaq", e: "34rdsw", r: "45tfde", t: "56ygfr", y: "67uhti", u: "78ijyv", i: "189olkjuy",
  o: "90pli", p: "0-o", a: "qwsz", s: "wdxza5", d: "erfcxs", f: "rgvcd", g: "thbvf", h: "yjnbg", j: "uikmnh", k: "iolmj", l: "iopk1",
  z: "asx", x: "zsdc", c: "xdfv", v: "cfgbu", b: "vghn", n: "bhjm", m: "njk", ".": "-_",
};

const POPULAR = new Set(POPULAR_ACTIONS);

const verdicts = new Map<string, string | null>();

/** The popular action a name imitates, if any (`actoins/checkout` → `actions/checkout`). */
export function imitatedAction(slug: string): string | undefined {
  const name = slug.toLowerCase();
  const hit = verdicts.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const v = judge(name);
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(name, v ?? null);
  return v;
}

function judge(name: string): string | undefined {
  if (POPULAR.has(name)) return undefined;
  const owner = name.split("/")[0];
  for (const p of POPULAR_ACTIONS) {
    if (p.split("/")[0] === owner) continue;
    if (Math.abs(p.length - name.length) > 1) continue;
    if (oneTypo(name, p) || swappedWords(name, p)) return p;
  }
  return undefined;
}

function oneTypo(a: string, b: string): boolean {
  if (a.length === b.length) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (++diffs > 2) return false;
        if (first < 0) first = i;
      }
    }
    if (diffs === 1) return (NEAR[b[first] as string] ?? "").includes(a[first] as string);
    // Two neighbours swapped.
    return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
  }
  // One character left out of, or added to, the popular name.
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}

function swappedWords(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const words = (s: string) => s.split(/[-_/]/).sort().join(" ");
  return words(a) === words(b);
}
