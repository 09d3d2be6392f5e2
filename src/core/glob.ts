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
  eps: number[];
  edge?: { test: (c: string) => boolean; to: number };
}

const notSlash = (c: string): boolean => c !== "/";
const anyChar = (): boolean => true;

/** Compiles one brace-free glob to an NFA matcher: `*`, `?`, `[…]`, `\x`, and `**` as a whole segment. */
function compile(pattern: string, dot: boolean): (path: string) => boolean {
  const states: State[] = [];
  const char = (test: (c: string) => boolean) => states.push({ eps: [], edge: { test, to: states.length + 1 } });
  const star = (test: (c: string) => boolean) => {
    const at = states.length;
    states.push({ eps: [at + 1], edge: { test, to: at } });
  };
  /** `(X)?`: an entry state that may skip X, then X's states. */
  const optional = (build: () => void) => {
    const entry: State = { eps: [states.length + 1] };
    states.push(entry);
    build();
    entry.eps.push(states.length);
  };
  const segments = pattern.split("/");
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") {
      if (segments.length === 1) star(anyChar);
      else if (last) return; // handled with the separator before it: `a/**` is `a(/.*)?`
      else optional(() => (star(anyChar), char((c) => c === "/")));
      return;
    }
    segment(seg, dot, char, star);
    if (last) return;
    if (i === segments.length - 2 && segments[i + 1] === "**") optional(() => (char((c) => c === "/"), star(anyChar)));
    else char((c) => c === "/");
  });
  const accept = states.length;
  return (path) => {
    let current = closure(states, [0]);
    for (const c of path) {
      const next: number[] = [];
      for (const s of current) {
        const edge = states[s]?.edge;
        if (edge?.test(c)) next.push(edge.to);
      }
      if (next.length === 0) return false;
      current = closure(states, next);
    }
    return current.has(accept);
  };
}

/** The states reachable from `from` through epsilon moves. */
function closure(states: readonly State[], from: readonly number[]): Set<number> {
  const seen = new Set<number>();
  const stack = [...from];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const e of states[s]?.eps ?? []) stack.push(e);
  }
  return seen;
}

/** One path segment's characters: `*` (any run within the segment), `?`, `[…]` classes and `\` escapes. */
function segment(seg: string, dot: boolean, char: (test: (c: string) => boolean) => void, star: (test: (c: string) => boolean) => void): void {
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === "*") {
      const start = i;
      while (seg[i + 1] === "*") i++;
      // Without `dot`, a leading wildcard does not match a dotfile's dot.
      if (!dot && start === 0) char((x) => x !== "/" && x !== ".");
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
