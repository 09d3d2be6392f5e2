// Descriptors as yarn (classic and berry) and bun write them: `name@range`, the name maybe scoped.

/** Splits `name@range` (the name may be scoped: `@scope/name@range`). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf("@", 1);
  return at < 0 ? { name: descriptor, range: "" } : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** The real package behind an alias (`sw4@npm:string-width@4.2.0` → `string-width`). */
export function realName(descriptor: string): string {
  const { name, range } = splitDescriptor(descriptor);
  if (range.startsWith("npm:") && range.indexOf("@", 5) > 0) return splitDescriptor(range.slice(4)).name;
  return name;
}
