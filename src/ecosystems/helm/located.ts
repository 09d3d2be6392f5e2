/** Where a piece of rendered output came from: a file of the chart and an offset in it. */
export interface Origin {
  path: string;
  offset: number;
  /** True when the piece maps character by character onto the source (template text). */
  linear?: boolean;
  /** True for the text of a `tpl` string: it is placed at the value the string was written in. */
  tpl?: boolean;
}

/** A run of text with the place it came from. */
export interface Run {
  text: string;
  origin: Origin | undefined;
}

/**
 * A string that remembers where each part came from, so `toYaml .Values.securityContext |
 * nindent 12` still points every rendered line at its line in values.yaml.
 */
export class LStr {
  constructor(readonly runs: readonly Run[]) {}

  toString(): string {
    let s = "";
    for (const r of this.runs) s += r.text;
    return s;
  }

  get length(): number {
    let n = 0;
    for (const r of this.runs) n += r.text.length;
    return n;
  }

  /** The origin of the first run that has one. */
  firstOrigin(): Origin | undefined {
    for (const r of this.runs) if (r.origin && r.text.trim() !== "") return r.origin;
    return undefined;
  }

  /** Concatenation, keeping every run's origin. */
  static concat(parts: readonly (LStr | Run)[]): LStr {
    const runs: Run[] = [];
    for (const p of parts) {
      // One push per run: spread, a string of a few hundred thousand runs overflows the stack.
      if (p instanceof LStr) for (const r of p.runs) runs.push(r);
      else if (p.text) runs.push(p);
    }
    return new LStr(runs);
  }

  /** Every line prefixed with `pad` (Sprig's indent), origins kept. */
  indent(pad: string): LStr {
    const runs: Run[] = [{ text: pad, origin: undefined }];
    for (const r of this.runs) {
      if (!r.text.includes("\n")) {
        runs.push(r);
        continue;
      }
      const parts = r.text.split("\n");
      parts.forEach((part, i) => {
        if (i > 0) runs.push({ text: "\n" + pad, origin: undefined });
        if (part) runs.push({ text: part, origin: shift(r.origin, r.text, i) });
      });
    }
    return new LStr(runs);
  }

  /** Leading and trailing white space removed (Sprig's trim), origins kept. */
  trim(): LStr {
    const runs = this.runs.map((r) => ({ ...r }));
    while (runs.length > 0) {
      const r = runs[0] as Run;
      const t = r.text.replace(/^\s+/, "");
      if (t) {
        if (r.origin?.linear) r.origin = { ...r.origin, offset: r.origin.offset + (r.text.length - t.length) };
        r.text = t;
        break;
      }
      runs.shift();
    }
    while (runs.length > 0) {
      const r = runs[runs.length - 1] as Run;
      let k = r.text.length;
      while (k > 0 && /\s/.test(r.text[k - 1] as string)) k--;
      if (k > 0) {
        r.text = r.text.slice(0, k);
        break;
      }
      runs.pop();
    }
    return new LStr(runs);
  }
}

/** The origin of line `i` of a run's text: exact for template text, the run's own for values. */
function shift(origin: Origin | undefined, text: string, line: number): Origin | undefined {
  if (!origin?.linear || line === 0) return origin;
  let p = 0;
  for (let k = 0; k < line; k++) p = text.indexOf("\n", p) + 1;
  return { ...origin, offset: origin.offset + p };
}

/** Rendered output with the origin of every piece, searchable by output offset. */
export class SourceMap {
  private readonly outs: number[] = [];
  private readonly origins: (Origin | undefined)[] = [];
  private text = "";

  /** Appends text that came from `origin`. */
  push(text: string, origin: Origin | undefined): void {
    if (!text) return;
    this.outs.push(this.text.length);
    this.origins.push(origin);
    this.text += text;
  }

  get output(): string {
    return this.text;
  }

  /** Every file some of the output came from. */
  paths(): Set<string> {
    const out = new Set<string>();
    for (const o of this.origins) if (o) out.add(o.path);
    return out;
  }

  /** Where the character at `offset` of the output came from. */
  originAt(offset: number): Origin | undefined {
    let lo = 0;
    let hi = this.outs.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.outs[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    // A run without an origin (indentation padding) belongs to the text after it.
    let k = lo;
    while (k < this.outs.length && this.origins[k] === undefined) k++;
    const o = this.origins[k];
    if (!o) return undefined;
    return k === lo && o.linear ? { ...o, offset: o.offset + (offset - (this.outs[lo] as number)) } : o;
  }
}
