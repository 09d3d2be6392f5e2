// `.helmignore`: the files of a chart folder Helm leaves out of the chart (`helm package`,
// `helm install ./chart`, `helm template ./chart`). Helm's documented syntax: one pattern a line,
// `#` comments, trailing blanks dropped, Go's `filepath.Match` globbing (`*` and `?` stop at `/`,
// `[a-z]`, `[^…]`, `\` escapes) and no `**`; a pattern without `/` is matched against the file's
// name alone, one with `/` against the path from the chart folder (a leading `/` is dropped), a
// trailing `/` matches folders only, and a leading `!` negates. Helm reads the chart folder's own
// `.helmignore` (subcharts in charts/ are read with it, not with theirs) and always leaves out
// hidden files in templates/. A folder it leaves out is left out whole.

/** Lines read from one `.helmignore`: more is not a real ignore file. */
const MAX_RULES = 1000;
/** A pattern longer than this is refused rather than matched. */
const MAX_PATTERN = 1000;
/**
 * Character comparisons one chart's rules may cost, over all its paths: a hostile file (a thousand
 * `*a*a*…` rules over a checkout of long paths) must not stall the scan. Past it nothing more is
 * left out, so more is judged, never less, and the chart says so (`exhausted`).
 */
const MAX_STEPS = 20_000_000;

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  /** Matched against the base name only (the pattern has no `/`). */
  baseName: boolean;
  tokens: Token[];
}

type Token = { t: "star" } | { t: "any" } | { t: "char"; c: string } | { t: "class"; negate: boolean; ranges: [string, string][] };

/** Helm's rules for one chart folder; `ignores` takes paths relative to that folder. */
export interface HelmIgnore {
  /** True when Helm leaves this file out of the chart, itself or through a folder it is in. */
  ignores(relPath: string): boolean;
  /** True once matching went past its budget: later paths were kept whatever the rules say. */
  readonly exhausted: boolean;
}

/** What a packed chart leaves out: nothing more, `helm package` applied its `.helmignore` already. */
export const NOTHING_IGNORED: HelmIgnore = { ignores: () => false, exhausted: false };

/** Thrown for a `.helmignore` Helm itself refuses (a `**`, a malformed pattern): Helm then loads no chart. */
export class HelmIgnoreError extends Error {}

/** Reads a `.helmignore` (undefined text: none), with Helm's default rule first. */
export function parseHelmIgnore(text: string | undefined): HelmIgnore {
  const rules: Rule[] = [];
  for (const raw of ["templates/.?*", ...(text ?? "").split(/\r?\n/).slice(0, MAX_RULES)]) {
    const rule = parseRule(raw);
    if (rule) rules.push(rule);
  }
  const budget = { steps: MAX_STEPS };
  const folders = new Map<string, boolean>();
  const skip = (path: string, dir: boolean): boolean => budget.steps > 0 && ignoredAlone(rules, path, dir, budget);
  const folderSkipped = (path: string): boolean => {
    let v = folders.get(path);
    if (v === undefined) folders.set(path, (v = skip(path, true)));
    return v;
  };
  return {
    ignores(relPath: string): boolean {
      const parts = relPath.split("/").filter((p) => p !== "");
      // Helm walks folders first: a folder it skips takes everything in it along.
      for (let i = 1; i < parts.length; i++) if (folderSkipped(parts.slice(0, i).join("/"))) return true;
      return parts.length > 0 && skip(parts.join("/"), false);
    },
    get exhausted() {
      return budget.steps <= 0;
    },
  };
}

function parseRule(line: string): Rule | undefined {
  let rule = line.trim();
  if (rule === "" || rule.startsWith("#")) return undefined;
  if (rule.length > MAX_PATTERN) throw new HelmIgnoreError(`a pattern longer than ${MAX_PATTERN} characters`);
  if (rule.includes("**")) throw new HelmIgnoreError(`\`${rule}\`: Helm does not support \`**\``);
  // Helm checks the whole line (with any `!`) compiles before it strips anything.
  tokenize(rule);
  const negate = rule.startsWith("!");
  if (negate) rule = rule.slice(1);
  const dirOnly = rule.endsWith("/");
  if (dirOnly) rule = rule.slice(0, -1);
  const baseName = !rule.includes("/");
  if (rule.startsWith("/")) rule = rule.slice(1);
  return { negate, dirOnly, baseName, tokens: tokenize(rule) };
}

/**
 * Helm's verdict for one path on its own, rules in order: a plain rule that matches ignores it; a
 * negated rule ignores every path it does NOT match (so `!keep.yaml` alone leaves out all else),
 * and lets a path it matches on to the next rules.
 */
function ignoredAlone(rules: readonly Rule[], path: string, dir: boolean, budget: { steps: number }): boolean {
  for (const r of rules) {
    if (r.negate) {
      if (r.dirOnly && !dir) return true;
      const hit = matches(r, path, budget);
      // Out of budget, a negated rule's "no match" is no verdict: the path is kept.
      if (budget.steps < 0) return false;
      if (!hit) return true;
      continue;
    }
    if (r.dirOnly && !dir) continue;
    if (matches(r, path, budget)) return true;
  }
  return false;
}

function matches(r: Rule, path: string, budget: { steps: number }): boolean {
  return globMatch(r.tokens, r.baseName ? path.slice(path.lastIndexOf("/") + 1) : path, budget);
}

/** Go's `filepath.Match` pattern syntax, as tokens; a malformed pattern throws. */
function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "*") out.push({ t: "star" });
    else if (c === "?") out.push({ t: "any" });
    else if (c === "\\") {
      if (i + 1 >= pattern.length) throw new HelmIgnoreError(`\`${pattern}\`: a pattern ends with \\`);
      out.push({ t: "char", c: pattern.charAt(++i) });
    } else if (c === "[") {
      let j = i + 1;
      const negate = pattern.charAt(j) === "^";
      if (negate) j++;
      const ranges: [string, string][] = [];
      for (;;) {
        if (j >= pattern.length) throw new HelmIgnoreError(`\`${pattern}\`: a [ is not closed`);
        if (pattern.charAt(j) === "]" && ranges.length > 0) break;
        const [lo, afterLo] = classChar(pattern, j);
        let hi = lo;
        j = afterLo;
        if (pattern.charAt(j) === "-") [hi, j] = classChar(pattern, j + 1);
        ranges.push([lo, hi]);
      }
      out.push({ t: "class", negate, ranges });
      i = j;
    } else out.push({ t: "char", c });
  }
  return out;
}

/** One character of a class (escaped or not) and where the pattern goes on. */
function classChar(pattern: string, at: number): [string, number] {
  const c = pattern.charAt(at);
  if (at >= pattern.length || c === "-" || c === "]") throw new HelmIgnoreError(`\`${pattern}\`: a malformed [ ] range`);
  if (c !== "\\") return [c, at + 1];
  if (at + 1 >= pattern.length) throw new HelmIgnoreError(`\`${pattern}\`: a malformed [ ] range`);
  return [pattern.charAt(at + 1), at + 2];
}

function one(tok: Token, ch: string): boolean {
  if (tok.t === "any") return ch !== "/";
  if (tok.t === "char") return tok.c === ch;
  if (tok.t === "class") return tok.ranges.some(([lo, hi]) => lo <= ch && ch <= hi) !== tok.negate;
  return false;
}

/**
 * Whole-string glob match where `*` never crosses `/`: the usual one-star backtracking, which is
 * O(pattern × path) and so safe on any input (no regular expression built from the file).
 */
function globMatch(tokens: readonly Token[], s: string, budget: { steps: number }): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = -1;
  while (i < s.length) {
    // Out of budget: no match, so the path is kept (judged), never hidden.
    if (--budget.steps < 0) return false;
    const tok = tokens[p];
    if (tok?.t === "star") {
      starP = p++;
      starI = i;
    } else if (tok !== undefined && one(tok, s.charAt(i))) {
      p++;
      i++;
    } else if (starP >= 0 && s.charAt(starI) !== "/") {
      // Let the last star take one more character, never a `/`.
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[p]?.t === "star") p++;
  return p === tokens.length;
}
