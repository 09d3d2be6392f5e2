/** Text styles; each returns its input unchanged when colour is off. */
export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  gray(s: string): string;
  /** White on red, for what must not be missed. */
  alarm(s: string): string;
}

/** ANSI SGR styles when `enabled`, identity functions otherwise; no dependency for seven escape codes. */
export function palette(enabled: boolean): Palette {
  const sgr = (open: string, close: string) => (s: string): string => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    bold: sgr("1", "22"),
    dim: sgr("2", "22"),
    red: sgr("31", "39"),
    green: sgr("32", "39"),
    yellow: sgr("33", "39"),
    blue: sgr("34", "39"),
    magenta: sgr("35", "39"),
    gray: sgr("90", "39"),
    alarm: sgr("1;97;41", "0"),
  };
}
