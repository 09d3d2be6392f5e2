// The files of one scan, shared out among threads through shared memory: each thread claims the
// next few files when it is ready for them, so no thread waits on another to hand it work. Handed
// out in jobs by message instead, a worker thread sat idle while the main thread scanned a job of
// its own, and the main thread while the worker finished its last two (~0.2 s of a core on the
// secrets bench's tree).

/** A thread's part in a scan: it has not joined yet, it is scanning, or it was shut out before it joined. */
const WAITING = 0;
const JOINED = 1;
const SHUT_OUT = 2;

/**
 * Claims on `files` files, `chunk` at a time, by `slots` threads. The memory is one Int32Array:
 * the next unclaimed file, then each slot's part, then the slot (plus one) that claimed each chunk,
 * so the chunks of a thread that stopped can be scanned again elsewhere.
 */
export class FileClaims {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;

  constructor(
    readonly files: number,
    readonly chunk: number,
    readonly slots: number,
    buffer?: SharedArrayBuffer,
  ) {
    const chunks = Math.ceil(files / chunk);
    this.buffer = buffer ?? new SharedArrayBuffer(4 * (1 + slots + chunks));
    this.words = new Int32Array(this.buffer);
  }

  /** Takes part in the scan; false when the slot was shut out (the scan is over without it). */
  join(slot: number): boolean {
    const was = Atomics.compareExchange(this.words, 1 + slot, WAITING, JOINED);
    return was !== SHUT_OUT;
  }

  /** Keeps a slot that has not joined yet from joining: true when it will scan nothing (so nobody need wait for it). */
  shutOut(slot: number): boolean {
    const was = Atomics.compareExchange(this.words, 1 + slot, WAITING, SHUT_OUT);
    return was !== JOINED;
  }

  /** The next chunk for `slot`, as [from, to) indexes into the files; undefined when none is left. */
  take(slot: number): [number, number] | undefined {
    const from = Atomics.add(this.words, 0, this.chunk);
    if (from >= this.files) return undefined;
    Atomics.store(this.words, 1 + this.slots + from / this.chunk, slot + 1);
    return [from, Math.min(this.files, from + this.chunk)];
  }

  /** Every chunk left, for `slot`, one after the other. */
  *ranges(slot: number): Generator<[number, number]> {
    for (let r = this.take(slot); r !== undefined; r = this.take(slot)) yield r;
  }

  /** The chunks `slot` claimed: call only once the thread behind it has stopped. */
  claimedBy(slot: number): [number, number][] {
    const out: [number, number][] = [];
    const chunks = Math.ceil(this.files / this.chunk);
    for (let c = 0; c < chunks; c++) {
      if (Atomics.load(this.words, 1 + this.slots + c) === slot + 1) out.push([c * this.chunk, Math.min(this.files, (c + 1) * this.chunk)]);
    }
    return out;
  }
}
