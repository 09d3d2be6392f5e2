// Cuts the byte stream of `git log -p` into batches at commit boundaries as it arrives, for worker
// threads to parse and scan. Each byte is copied once, into the batch that holds it: a batch's
// memory is its alone, so it moves to a worker without another copy, and the chunks the pipe
// delivers are searched where they are (a commit mark split between two chunks is found in a
// window of a few bytes around the seam, not by joining the chunks).

/** How a stream is cut. */
export interface PatchBatcherOptions {
  /** Bytes that start each commit after the first (a newline and the commit mark): batches are cut just before their second byte. */
  commitMark: Buffer;
  /** Bytes that start each file's patch (a newline and `diff --git `). */
  fileMark: Buffer;
  /** A batch is cut at the last commit mark once this many bytes are pending. */
  batchBytes: number;
  /** A file's patch (or a commit's header) longer than this is cut there and the rest of it skipped. */
  maxFilePatch: number;
  /** Told when a file's patch is cut: the pending data and the offset of the newline before that patch. */
  onCut?: (data: Buffer, fileStart: number) => void;
  /** Memory for a batch of `n` bytes that no one else uses (BatchPool.take); a new buffer of exactly `n` bytes by default. */
  alloc?: (n: number) => Buffer;
}

/** A streaming cutter of `git log -p` output: `push` each chunk, then `end`. */
export class PatchBatcher {
  private pending: Buffer[] = [];
  private size = 0;
  /** Offset in the pending data of the newline that starts the last commit mark seen (-1: none). */
  private cut = -1;
  /** Offset of the last file's (or commit's) start. */
  private fileStart = 0;
  /** True while the rest of an over-long file patch is skipped. */
  private dropping = false;
  /** The last bytes before the next chunk, for a mark split between the two. */
  private tail: Buffer = Buffer.alloc(0);
  private readonly overlap: number;

  constructor(private readonly opts: PatchBatcherOptions) {
    this.overlap = Math.max(opts.commitMark.length, opts.fileMark.length) - 1;
  }

  /** Takes the next chunk of the stream; returns the batches it completes, each ending just before a commit mark's second byte. */
  push(raw: Buffer): Buffer[] {
    let chunk = raw;
    if (this.dropping) {
      const probe = this.tail.length > 0 ? Buffer.concat([this.tail, raw]) : raw;
      const next = firstOf(probe, this.opts.commitMark, this.opts.fileMark);
      if (next < 0) {
        this.tail = Buffer.from(probe.subarray(Math.max(0, probe.length - this.overlap)));
        return [];
      }
      // The next file or commit: the parser reads the cut line before it as the last added one.
      chunk = probe.subarray(next);
      this.dropping = false;
      this.tail = Buffer.alloc(0);
    }
    const base = this.size;
    const commit = this.lastOf(chunk, this.opts.commitMark);
    if (commit !== undefined) this.cut = base + commit;
    const file = this.lastOf(chunk, this.opts.fileMark);
    if (commit !== undefined || file !== undefined) this.fileStart = base + Math.max(commit ?? -Infinity, file ?? -Infinity);
    this.tail = chunk.length >= this.overlap ? chunk.subarray(chunk.length - this.overlap) : Buffer.concat([this.tail, chunk]).subarray(-this.overlap);
    this.pending.push(chunk);
    this.size += chunk.length;
    if (this.size - this.fileStart > this.opts.maxFilePatch) {
      const all = Buffer.concat(this.pending);
      this.pending = [all];
      this.opts.onCut?.(all, this.fileStart);
      this.dropping = true;
      this.tail = Buffer.alloc(0);
    }
    // Cut before the last commit that started in this data: it may not be complete yet.
    if (this.size < this.opts.batchBytes || this.cut <= 0) return [];
    const batch = this.take(this.cut + 1);
    this.fileStart -= batch.length;
    this.cut = -1;
    return [batch];
  }

  /** What is left once the stream has ended (undefined when nothing is). */
  end(): Buffer | undefined {
    if (this.size === 0) return undefined;
    return this.take(this.size);
  }

  /**
   * The last offset of `mark` in the data pending with `chunk` appended, relative to the chunk's
   * start (negative when the mark begins in the data before it), or undefined when it has none. The
   * chunk is searched where it is; only the seam with the data before it is copied.
   */
  private lastOf(chunk: Buffer, mark: Buffer): number | undefined {
    const inside = chunk.lastIndexOf(mark);
    if (inside >= 0) return inside;
    if (this.tail.length === 0) return undefined;
    const seam = Buffer.concat([this.tail, chunk.subarray(0, this.overlap)]);
    const at = seam.lastIndexOf(mark);
    return at >= 0 && at < this.tail.length ? at - this.tail.length : undefined;
  }

  /** The first `n` pending bytes as one buffer whose memory is its alone; the rest stays pending. */
  private take(n: number): Buffer {
    const out = this.opts.alloc?.(n) ?? Buffer.allocUnsafeSlow(n);
    let at = 0;
    let i = 0;
    while (at < n) {
      const c = this.pending[i] as Buffer;
      const used = Math.min(c.length, n - at);
      c.copy(out, at, 0, used);
      at += used;
      if (used < c.length) {
        this.pending[i] = c.subarray(used);
        break;
      }
      i++;
    }
    this.pending = this.pending.slice(i);
    this.size -= n;
    return out;
  }
}

/** The first offset of either needle in `buf`, or -1. */
function firstOf(buf: Buffer, a: Buffer, b: Buffer): number {
  const i = buf.indexOf(a);
  const j = buf.indexOf(b);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}
