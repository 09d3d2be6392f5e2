/**
 * "Did you mean" for mistyped names (commands, flags, rule ids, policy keys). The word is the
 * user's own text, but it is bounded anyway: past MAX_WORD characters nobody mistyped a name.
 */
const MAX_WORD = 100;

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours, the commonest
 * typo: `scna`), case-insensitive; stops early and gives `limit + 1` once it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length] ?? limit + 1;
}

/**
 * The one candidate close enough to `word` to be what was meant: one edit per four characters of
 * its last part (after a `/` or leading dashes, so `secrets/aws` is not "close" to `secrets/jwt`),
 * at least one; undefined when none is, or two different ones are equally close (a guess between
 * them would mislead).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > MAX_WORD) return undefined;
  const last = word.slice(word.lastIndexOf("/") + 1).replace(/^-+/, "");
  const limit = Math.max(1, Math.floor(last.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const c of new Set(candidates)) {
    const d = editDistance(word, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance && d <= limit && c.toLowerCase() !== best?.toLowerCase()) tied = true;
  }
  return tied ? undefined : best;
}

/** " (did you mean `x`?)" for a message, or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? "" : ` (did you mean \`${c}\`?)`;
}
