import picomatch from "picomatch";

/**
 * Glob matching for patterns the scanned repository writes (its assay.yml, its dependabot.yml,
 * its workspaces). picomatch compiles a glob to a regular expression, and one with several
 * wildcards (`*a*a*a*b`, `**​/x/**​/x/**`) backtracks polynomially on a long file name, once per
 * file, and a group (`(a|aa)+`) exponentially: a hostile policy could stall the scan. Patterns
 * with at most one wildcard and no group keep picomatch's semantics (they cannot backtrack); the
 * others run on a small NFA, in time proportional to the path's length times the pattern's. Pure.
 */
export function safeGlob(patterns: string | readonly string[], opts: { dot: boolean }): (path: string) => boolean {
  const list = typeof patterns === "string" ? [patterns] : patterns;
  const simple = list.filter(backtrackFree);
  const fast = simple.length > 0 ? picomatch([...simple], { dot: opts.dot }) : undefined;
  const slow = list.filter((p) => !backtrackFree(p)).flatMap((p) => expandBraces(p)).map((p) => compile(p, opts.dot));
  return (path) => (fast?.(path) ?? false) || slow.some((m) => m(path));
}

/**
 * True when picomatch's regular expression for a pattern cannot backtrack: at most one run of `*`
 * (`**` counts once), at most one brace group (each becomes an alternation, `{a,aa}{a,aa}…`) and
 * no parentheses, which picomatch passes through as regex groups (`(a|aa)+b`). Parentheses are
 * literal characters on the NFA.
 */
function backtrackFree(pattern: string): boolean {
  return (pattern.match(/\*+/g)?.length ?? 0) <= 1 && (pattern.match(/\{/g)?.length ?? 0) <= 1 && !/[()]/.test(pattern);
}

const MAX_EXPANSIONS = 256;

/** `{a,b}` alternatives spelled out (nested too), at most MAX_EXPANSIONS; an unclosed brace is literal. */
function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  const commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") {
      if (depth++ === 0) open = i;
    } else if (c === "," && depth === 1) commas.push(i);
    else if (c === "}" && depth > 0 && --depth === 0) {
      if (commas.length === 0) return expandBraces(pattern.slice(i + 1)).map((rest) => pattern.slice(0, i + 1) + rest);
      const cuts = [open, ...commas, i];
      const head = pattern.slice(0, open);
      const tails = expandBraces(pattern.slice(i + 1));
      const out: string[] = [];
      for (let k = 0; k + 1 < cuts.length && out.length < MAX_EXPANSIONS; k++) {
        for (const mid of expandBraces(pattern.slice((cuts[k] ?? 0) + 1, cuts[k + 1]))) {
          for (const tail of tails) if (out.length < MAX_EXPANSIONS) out.push(head + mid + tail);
        }
      }
      return out;
    }
  }
  return [pattern];
}

interface State {
  /** Moves that consume nothing. */
  eps: number[];
  /**
   * Moves that consume nothing when the next character is not a dot: without `dot`, a wildcard at
   * a segment's start does not match a dotfile's dot, even where it matches nothing (`*.js` and `.js`).
   */
  undotted: number[];
  edge?: { test: (c: string) => boolean; to: number };
}

const notSlash = (c: string): boolean => c !== "/";
const isSlash = (c: string): boolean => c === "/";

/** Compiles one brace-free glob to an NFA matcher: `*`, `?`, `[…]`, `\x`, and `**` as a whole segment. */
function compile(pattern: string, dot: boolean): (path: string) => boolean {
  const states: State[] = [];
  /** Adds a state and returns its number. */
  const add = (edge?: State["edge"]): number => states.push(edge ? { eps: [], undotted: [], edge } : { eps: [], undotted: [] }) - 1;
  const char = (test: (c: string) => boolean): void => void add({ test, to: states.length + 1 });
  const star = (test: (c: string) => boolean): number => {
    const at = add({ test, to: states.length });
    (states[at] as State).eps.push(at + 1);
    return at;
  };
  /** Where a segment starts with a wildcard: the next character is no dot, unless `dot`. */
  const wildStart = (): void => {
    if (!dot) (states[add()] as State).undotted.push(states.length);
  };
  /** Any number of `[^/]*` segments, each after a slash when `slashFirst` (`a/**`), else before one (`**​/a`). */
  const segmentsLoop = (slashFirst: boolean): void => {
    const entry = add();
    if (slashFirst) char(isSlash);
    wildStart();
    const body = star(notSlash);
    if (slashFirst) (states[body] as State).eps = [entry];
    else add({ test: isSlash, to: entry });
    (states[entry] as State).eps.push(entry + 1, states.length);
  };
  const segments = pattern.split("/");
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") {
      if (segments.length === 1) {
        wildStart();
        star(notSlash);
        segmentsLoop(true);
      } else if (!last) segmentsLoop(false);
      return; // a last `**` was taken with the segment before it: `a/**` matches `a` and all under it
    }
    segment(seg, wildStart, char, star);
    if (last) return;
    if (i === segments.length - 2 && segments[i + 1] === "**") segmentsLoop(true);
    else char(isSlash);
  });
  const accept = add();
  // Epsilon closures are fixed but for the dot rule, which asks only whether the next character is
  // a dot: two tables, filled as states are reached.
  const tables: [number[][], number[][]] = [[], []];
  const closure = (from: number, nextIsDot: boolean): number[] => {
    const table = tables[nextIsDot ? 1 : 0];
    const known = table[from];
    if (known) return known;
    const out: number[] = [];
    const stack = [from];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (out.includes(s)) continue;
      out.push(s);
      const st = states[s] as State;
      stack.push(...st.eps);
      if (!nextIsDot) stack.push(...st.undotted);
    }
    table[from] = out;
    return out;
  };
  const literal = longestLiteral(pattern);
  return (path) => {
    // Every match holds the pattern's literal runs as they are: most paths fail this at once.
    if (!path.includes(literal)) return false;
    const chars = Array.from(path);
    // mark[t] === i: state t is already in the set after the i-th character.
    const mark = new Int32Array(states.length).fill(-1);
    let current = closure(0, chars[0] === ".");
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      const nextIsDot = chars[i + 1] === ".";
      const next: number[] = [];
      for (const s of current) {
        const edge = (states[s] as State).edge;
        if (!edge?.test(c)) continue;
        for (const t of closure(edge.to, nextIsDot)) {
          if (mark[t] === i) continue;
          mark[t] = i;
          next.push(t);
        }
      }
      if (next.length === 0) return false;
      current = next;
    }
    return current.includes(accept);
  };
}

/** The longest run of plain characters inside one segment of a pattern, which every matching path holds. */
function longestLiteral(pattern: string): string {
  let best = "";
  for (const seg of pattern.split("/")) {
    // A class or an escape would need reading; its segment's runs are left out (still correct, less sharp).
    if (/[[\\]/.test(seg)) continue;
    for (const run of seg.split(/[*?]+/)) if (run.length > best.length) best = run;
  }
  return best;
}

/** One path segment's characters: `*` (any run within the segment), `?`, `[…]` classes and `\` escapes. */
function segment(seg: string, wildStart: () => void, char: (test: (c: string) => boolean) => void, star: (test: (c: string) => boolean) => void): void {
  if (seg.startsWith("*") || seg.startsWith("?")) wildStart();
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === "*") {
      while (seg[i + 1] === "*") i++;
      star(notSlash);
    } else if (c === "?") char(notSlash);
    else if (c === "[") {
      const end = seg.indexOf("]", i + 2);
      if (end < 0) {
        char((x) => x === "[");
        continue;
      }
      const body = seg.slice(i + 1, end);
      // As picomatch reads it: `^` negates, `!` is one of the characters.
      const negate = body.startsWith("^");
      const set = negate ? body.slice(1) : body;
      char((x) => x !== "/" && inClass(set, x) !== negate);
      i = end;
    } else if (c === "\\" && i + 1 < seg.length) {
      const lit = seg[++i] as string;
      char((x) => x === lit);
    } else char((x) => x === c);
  }
}

/** Whether `c` is in a bracket expression's body (`a-z0-9_`). */
function inClass(set: string, c: string): boolean {
  for (let i = 0; i < set.length; i++) {
    const lo = set[i] as string;
    if (set[i + 1] === "-" && i + 2 < set.length) {
      if (c >= lo && c <= (set[i + 2] as string)) return true;
      i += 2;
    } else if (c === lo) return true;
  }
  return false;
}
