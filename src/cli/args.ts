import { parseArgs, type ParseArgsConfig } from "node:util";
import { AssayError } from "../core/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
/** The parsed flags of a command, typed from its option table. */
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/** Parses a command's flags strictly: an unknown flag is a usage error, not silently ignored. */
export function parse<T extends Options>(args: readonly string[], options: T, maxPositionals: number, usage: string): Parsed<T> {
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    if (r.positionals.length > maxPositionals) throw new AssayError("USAGE", `unexpected argument \`${r.positionals[maxPositionals]}\``, { hint: usage });
    return r;
  } catch (e) {
    if (e instanceof AssayError) throw e;
    const msg = e instanceof Error ? e.message.split("\n")[0] ?? e.message : String(e);
    throw new AssayError("USAGE", msg.replace(/\. To specify a positional argument.*$/, ""), { hint: usage });
  }
}
