import { scanModelSource, type ModelScan } from "../../../ecosystems/models/walk.js";
import { ZipError, type RangeSource } from "../../../ecosystems/models/zip.js";
import type { RuleContext } from "../../types.js";

/** A file of the checkout as a RangeSource (through the workspace's guarded, ranged reads). */
export async function fileRangeSource(ctx: RuleContext, path: string): Promise<RangeSource | undefined> {
  const first = await ctx.readRange(path, 0, 0);
  if (!first) return undefined;
  return {
    size: first.size,
    async read(offset, length) {
      const r = await ctx.readRange(path, offset, length);
      if (!r) throw new ZipError(`${path} could not be read at byte ${offset}`, "malformed", offset);
      return r.bytes;
    },
  };
}

/** Walks a model file of the checkout; undefined when it cannot be read (the read makes the rule incomplete). */
export async function scanModelFile(ctx: RuleContext, path: string): Promise<ModelScan | undefined> {
  const src = await fileRangeSource(ctx, path);
  return src ? scanModelSource(src, path, ctx.signal) : undefined;
}
