/**
 * `fn` with a bounded memo of its string results, for texts a scan repeats thousands of times (a
 * rule's fix, a principle, a resource name). Texts outside [minChars, maxChars] are not kept;
 * the memo is emptied when it holds `maxEntries`.
 */
export function memoiseText(fn: (text: string) => string, limits: { minChars?: number; maxChars: number; maxEntries: number }): (text: string) => string {
  const memo = new Map<string, string>();
  const min = limits.minChars ?? 0;
  return (text) => {
    if (text.length < min || text.length > limits.maxChars) return fn(text);
    let out = memo.get(text);
    if (out === undefined) {
      if (memo.size >= limits.maxEntries) memo.clear();
      out = fn(text);
      memo.set(text, out);
    }
    return out;
  };
}
