import type { RangeSource } from "./zip.js";

// The protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/), read
// without a schema: a message is a run of fields, each a tag (field number and wire type) and a
// varint, a fixed 4 or 8 bytes, or a length-delimited run of bytes. Readers of TensorFlow's
// files list a message's fields, descend into the ones their schema names and never touch the
// others' bytes, so a 1 GiB frozen graph is read a window at a time. Every length is checked
// against its enclosing message, nesting and field counts are capped, and a file that breaks
// any of this is refused with the byte where it went wrong.

/** Wire types in use: groups (3, 4) belong to proto2's deprecated encoding and TensorFlow never writes them. */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

/** One field of a message. */
export interface ProtoField {
  number: number;
  wire: number;
  /** The value of a varint field (exact up to 2^53). */
  value: number;
  /** Where the field's payload starts (a LEN field's bytes, a fixed field's bytes). */
  start: number;
  /** The payload's length in bytes. */
  length: number;
  /** Where the field's tag starts, for messages that point at it. */
  offset: number;
}

/** Why a protobuf file could not be (fully) read: malformed, or a cap reached. */
export class ProtobufError extends Error {
  constructor(
    message: string,
    readonly kind: "malformed" | "limit",
    readonly offset?: number,
  ) {
    super(message);
    this.name = "ProtobufError";
  }
}

/** Caps on one reader. */
export interface ProtoLimits {
  /** Deepest nesting of messages a reader descends into. */
  maxDepth: number;
  /** Fields listed over the whole file. */
  maxFields: number;
  /** Fields of one message: each is held while the message is read, so a flat run of millions of empty fields would take gigabytes. */
  maxMessageFields: number;
  /** Largest string or bytes value read whole. */
  maxBytes: number;
}

export const DEFAULT_PROTO_LIMITS: ProtoLimits = { maxDepth: 32, maxFields: 50_000_000, maxMessageFields: 1_000_000, maxBytes: 16 * 1024 * 1024 };

const WINDOW = 1024 * 1024;
/** ctx.readRange's largest read. */
const READ_MAX = 16 * 1024 * 1024;
const MAX_FIELD_NUMBER = 536_870_911;

/** Lists fields of messages of a source, keeping a window of its bytes. */
export class ProtoReader {
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  private fieldsRead = 0;
  private readonly limits: ProtoLimits;
  private readonly utf8 = new TextDecoder("utf-8");

  constructor(
    readonly src: RangeSource,
    limits: Partial<ProtoLimits> = {},
    private readonly signal?: AbortSignal,
  ) {
    this.limits = { ...DEFAULT_PROTO_LIMITS, ...limits };
  }

  /** The fields of the message whose bytes are [start, end); `depth` is its nesting (0 for the file). */
  async fields(start: number, end: number, depth: number): Promise<ProtoField[]> {
    if (depth > this.limits.maxDepth) throw new ProtobufError(`messages nest deeper than ${this.limits.maxDepth} levels at byte ${start}`, "malformed", start);
    if (end > this.src.size) throw new ProtobufError(`a message runs past the end of the file (${this.src.size} bytes) at byte ${start}`, "malformed", start);
    const out: ProtoField[] = [];
    for (let pos = start; pos < end; ) {
      if (out.length >= this.limits.maxMessageFields) throw new ProtobufError(`the message at byte ${start} holds more than ${this.limits.maxMessageFields} fields: the rest was not read`, "limit", pos);
      const f = await this.fieldAt(pos, end);
      out.push(f);
      pos = f.start + f.length;
    }
    return out;
  }

  /** The one field whose tag is at `pos`, in a message that ends at `end` (its payload is not read); the next is at `start + length`. */
  async fieldAt(pos: number, end: number): Promise<ProtoField> {
    if (++this.fieldsRead > this.limits.maxFields) throw new ProtobufError(`holds more than ${this.limits.maxFields} fields: the rest was not read`, "limit", pos);
    if ((this.fieldsRead & 0xffff) === 0 && this.signal?.aborted) throw new ProtobufError("reading stopped at the rule's time budget", "limit", pos);
    // A tag and a length are at most 20 bytes: make sure the window holds them, then decode in place.
    if (!this.covers(pos, Math.min(20, end - pos))) await this.fill(pos, Math.min(20, end - pos));
    const [tag, afterTag] = this.varint(pos, end);
    const number = Math.floor(tag / 8);
    const wire = tag % 8;
    if (number === 0 || number > MAX_FIELD_NUMBER) throw new ProtobufError(`field number ${number} at byte ${pos} is not a valid protobuf field`, "malformed", pos);
    if (wire === VARINT) {
      const [value, next] = this.varint(afterTag, end);
      return { number, wire, value, start: afterTag, length: next - afterTag, offset: pos };
    }
    if (wire === I64 || wire === I32) {
      const n = wire === I64 ? 8 : 4;
      if (afterTag + n > end) throw new ProtobufError(`a ${n}-byte field at byte ${pos} runs past the end of its message (byte ${end})`, "malformed", pos);
      return { number, wire, value: 0, start: afterTag, length: n, offset: pos };
    }
    if (wire === LEN) {
      const [length, next] = this.varint(afterTag, end);
      if (next + length > end) throw new ProtobufError(`a field of ${length} bytes at byte ${pos} runs past the end of its message (byte ${end})`, "malformed", pos);
      return { number, wire, value: 0, start: next, length, offset: pos };
    }
    throw new ProtobufError(`wire type ${wire} at byte ${pos} is ${wire === 3 || wire === 4 ? "a proto2 group, which this format never uses" : "not a protobuf wire type"}`, "malformed", pos);
  }

  /** The bytes of a LEN field (copied out of the window). */
  async bytes(f: ProtoField): Promise<Uint8Array> {
    if (f.length > this.limits.maxBytes) throw new ProtobufError(`a value of ${f.length} bytes at byte ${f.offset} is over the ${this.limits.maxBytes / 1024 / 1024} MiB cap`, "limit", f.offset);
    if (f.length <= READ_MAX) {
      if (!this.covers(f.start, f.length)) await this.fill(f.start, f.length);
      const at = f.start - this.bufStart;
      return this.buf.slice(at, at + f.length);
    }
    const out = new Uint8Array(f.length);
    for (let o = 0; o < f.length; o += READ_MAX) out.set(await this.read(f.start + o, Math.min(READ_MAX, f.length - o)), o);
    return out;
  }

  /** A LEN field as UTF-8 text (invalid sequences replaced, as names are only shown and compared). */
  async text(f: ProtoField): Promise<string> {
    return this.utf8.decode(await this.bytes(f));
  }

  /** The fields of a LEN field's payload, as a message one level deeper. */
  async message(f: ProtoField, depth: number): Promise<ProtoField[]> {
    return this.fields(f.start, f.start + f.length, depth + 1);
  }

  private covers(pos: number, n: number): boolean {
    return pos >= this.bufStart && pos + n <= this.bufStart + this.buf.length;
  }

  private async fill(pos: number, n: number): Promise<void> {
    this.buf = await this.read(pos, Math.min(this.src.size - pos, Math.max(n, WINDOW)));
    this.bufStart = pos;
    if (this.buf.length < n) throw new ProtobufError(`the file ends at byte ${pos + this.buf.length}, inside a field`, "malformed", pos);
  }

  private async read(pos: number, n: number): Promise<Uint8Array> {
    if (pos + n > this.src.size) throw new ProtobufError(`the file ends at byte ${this.src.size}, inside a field at byte ${pos}`, "malformed", pos);
    return this.src.read(pos, n);
  }

  /** A varint at `pos` (already in the window), which must end before `end`. */
  private varint(pos: number, end: number): [number, number] {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos + i >= end) throw new ProtobufError(`a varint at byte ${pos} is cut off by the end of its message (byte ${end})`, "malformed", pos);
      const b = this.buf[pos + i - this.bufStart] as number;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return [value, pos + i + 1];
    }
    throw new ProtobufError(`a varint at byte ${pos} is longer than 10 bytes`, "malformed", pos);
  }
}
