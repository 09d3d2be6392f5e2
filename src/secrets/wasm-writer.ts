// The few pieces of the WebAssembly binary format (core specification 1.0, section 5) that the
// keyword automaton's module needs: i32 functions over one memory. Written here rather than taken
// from a toolchain because the module is generated per keyword set (its table's offsets are
// constants in the code) and a few dozen instructions long.

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** The instructions used, by their opcodes. */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
} as const;

/** The empty block type (a block, loop or if that leaves nothing on the stack). */
export const VOID = 0x40;
const I32 = 0x7f;

/** `i32.const n`. */
export function i32(n: number): number[] {
  return [Op.i32Const, ...sleb(n)];
}

/** A load or store with its memory argument: log2 of the alignment, and a constant offset added to the address. */
export function memOp(op: number, offset: number, alignLog2: number): number[] {
  return [op, alignLog2, ...uleb(offset)];
}

/** A function of i32 parameters and i32 locals that returns one i32. */
export interface WasmFunction {
  name: string;
  params: number;
  locals: number;
  body: number[];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, "latin1")];
}

/** A module that exports its functions and its memory (`memory`, starting at `pages` pages of 64 KiB). */
export function wasmModule(functions: readonly WasmFunction[], pages: number): Uint8Array<ArrayBuffer> {
  const types = section(1, vec(functions.map((f) => [0x60, ...uleb(f.params), ...Array<number>(f.params).fill(I32), 1, I32])));
  const funcs = section(3, vec(functions.map((_, i) => uleb(i))));
  const memory = section(5, vec([[0x00, ...uleb(pages)]]));
  const exports = section(7, vec([...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]), [...name("memory"), 0x02, 0]]));
  const code = section(
    10,
    vec(
      functions.map((f) => {
        const body = [...vec(f.locals > 0 ? [[...uleb(f.locals), I32]] : []), ...f.body, Op.end];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...funcs, ...memory, ...exports, ...code]);
}
