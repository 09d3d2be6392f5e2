/** A copy of a typed array with room for `size` elements: how arrays sized by a guess grow when short. */
export function grown<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
