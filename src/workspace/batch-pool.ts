// Memory for the batches of a history scan, used again once a batch is scanned. Each batch of
// `git log -p` output is a few MiB; a fresh buffer for each one was a page fault per 4 KiB the
// first time it was written and, as memory outside the JavaScript heap, extra garbage collections:
// on a two-core machine ~0.8 s of CPU for 123 MiB of patch text. A worker thread hands the memory
// of each batch it was lent back with its answer.

/** Buffers past this size (and past twice the usual batch's) are not kept: a commit of tens of MiB is rare. */
const LARGE = 8 * 1024 * 1024;

/** Buffers for batches, lent out one batch at a time and given back when it has been scanned. */
export class BatchPool {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers this pool made: only those come back into it (another may be shared, as Node's small-Buffer pool is). */
  private readonly mine = new WeakSet<ArrayBuffer>();
  /** Buffers made so far (the rest of the batches reused one). */
  allocated = 0;

  /**
   * `size`: the usual batch's size (buffers are made at least this large); `keep`: how many buffers
   * wait to be used again, at most (as many as batches are in flight, and one more).
   */
  constructor(
    private readonly size: number,
    private readonly keep = 4,
  ) {}

  /** `n` bytes that no one else uses: the start of a free buffer large enough, else of a new one. */
  take(n: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i] as ArrayBuffer;
      if (b.byteLength >= n && (best < 0 || b.byteLength < (this.free[best] as ArrayBuffer).byteLength)) best = i;
    }
    if (best >= 0) return Buffer.from(this.free.splice(best, 1)[0] as ArrayBuffer, 0, n);
    this.allocated++;
    // A quarter more than asked: batches end at a commit boundary, so their sizes vary a little.
    const want = Math.max(n, this.size);
    const b = new ArrayBuffer(want + (want >> 2));
    this.mine.add(b);
    return Buffer.from(b, 0, n);
  }

  /**
   * A batch's memory back, once it is scanned: `returned` when a worker thread it was lent to sent
   * it back (moved between threads, the same memory arrives as a new buffer object). Memory this
   * pool did not lend, memory that moved to another thread and did not come back (detached), an
   * unusually large buffer, or one past `keep` is left to the collector.
   */
  give(bytes: Uint8Array, returned = false): void {
    const b = bytes.buffer;
    if (!(b instanceof ArrayBuffer) || (!returned && !this.mine.has(b)) || b.byteLength === 0 || b.byteLength > Math.max(2 * this.size, LARGE) || this.free.length >= this.keep || this.free.includes(b)) return;
    this.mine.add(b);
    this.free.push(b);
  }
}
