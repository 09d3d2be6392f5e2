/**
 * Non-option operands of a command's arguments, skipping the values of the options `takesValue`
 * names (`--opt=value` is one word, `-` alone is an operand: standard input), and taking every word
 * after `--` as one.
 */
export function operands(args: readonly string[], takesValue: (flag: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") {
      if (!a.includes("=") && takesValue(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
