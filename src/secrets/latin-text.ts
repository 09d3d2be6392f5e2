// How the scanner reads bytes as text for its regular expressions, in windows around keyword hits.

/** A text up to this size is decoded whole once its windows add up to half of it. */
const WHOLE_TEXT = 64 * 1024;
/** What a larger text decodes at a time once its windows add up to twice its size. */
const SEGMENT = 64 * 1024;
/** How far before its window a segment starts: a later hit's detector may look further back (at most ~4 KiB). */
const SEGMENT_BACK = 4096;

/**
 * The text as latin1 (one character per byte, so offsets stay byte offsets), decoded in windows
 * around the hits that pass their byte tests; a window inside the last one decoded reuses it. A
 * small text whose windows add up to half of it is decoded whole once. A larger one never is: a
 * string past V8's large-object size (128 KiB) is a mapping of its own, faulted in page by page
 * and unmapped after the next collection. Decoding the larger files of the secrets bench's tree
 * whole cost ~6,500 page faults and ~2 % of the scan's wall time (bench/RESULTS.md, 2026-12-03,
 * late). Once its windows add up to twice its size, it is decoded in segments that later windows
 * share, so the decoding stays linear however dense the hits.
 */
export class LatinText {
  private text: string | undefined;
  private start = 0;
  private end = 0;
  private decoded = 0;
  /** Characters decoded so far, for tests of the bound. */
  decodedChars = 0;
  constructor(private readonly buf: Buffer) {}

  /** The text of at least [from, to) (clipped to the buffer), and the offset in the buffer where it starts. */
  window(from: number, to: number): { text: string; start: number } {
    const start = Math.max(0, from);
    const end = Math.min(this.buf.length, to);
    if (this.text !== undefined && start >= this.start && end <= this.end) return { text: this.text, start: this.start };
    this.decoded += end - start;
    let s = start;
    let e = end;
    if (this.buf.length <= WHOLE_TEXT) {
      if (this.decoded > this.buf.length / 2) {
        s = 0;
        e = this.buf.length;
      }
    } else if (this.decoded > 2 * this.buf.length) {
      s = Math.max(0, start - SEGMENT_BACK);
      e = Math.min(this.buf.length, Math.max(end, start + SEGMENT));
    }
    this.text = this.buf.toString("latin1", s, e);
    this.decodedChars += e - s;
    this.start = s;
    this.end = e;
    return { text: this.text, start: s };
  }
}
