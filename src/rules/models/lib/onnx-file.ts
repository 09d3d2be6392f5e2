import { readOnnxModel, type OnnxModel } from "../../../ecosystems/models/onnx.js";
import { ProtobufError } from "../../../ecosystems/models/protobuf.js";
import { ZipError } from "../../../ecosystems/models/zip.js";
import type { RuleContext } from "../../types.js";
import { filesMatching } from "./model-files.js";
import { fileRangeSource } from "./scan-model.js";

/** ONNX models, by name: every `.onnx` is read as a ModelProto, so one that is not is never passed. */
export const ONNX_FILE = /\.onnx$/i;

/** A `.onnx` of the checkout, read as a ModelProto. */
export type OnnxFile =
  | { kind: "model"; model: OnnxModel }
  /** Malformed, cut short, or a cap reached (`error.kind` says which). */
  | { kind: "unreadable"; error: ProtobufError };

/** Reads a `.onnx`; undefined when the file cannot be read at all or is an LFS pointer (the read has made the rule incomplete). */
export async function readOnnxFile(ctx: RuleContext, path: string): Promise<OnnxFile | undefined> {
  const src = await fileRangeSource(ctx, path);
  if (!src) return undefined;
  try {
    return { kind: "model", model: await readOnnxModel(src, ctx.signal) };
  } catch (e) {
    if (e instanceof ProtobufError) return { kind: "unreadable", error: e };
    // A ranged read that failed has already made the rule's result incomplete.
    if (e instanceof ZipError) return undefined;
    throw e;
  }
}

/**
 * Runs `judge` on every `.onnx` of the checkout read as a model (`what`: what the rule judges in
 * it, named when a file cannot be read whole, which makes the rule incomplete); not applicable
 * when there is none.
 */
export async function eachOnnxModel(ctx: RuleContext, what: string, judge: (path: string, model: OnnxModel) => void): Promise<void> {
  const files = await filesMatching(ctx, ONNX_FILE);
  if (files.length === 0) return ctx.notApplicable("no ONNX (.onnx) models");
  for (const f of files) {
    if (ctx.signal.aborted) return;
    const file = await readOnnxFile(ctx, f.path);
    if (!file) continue;
    if (file.kind === "unreadable") onnxUnreadable(ctx, f.path, file.error, what);
    else judge(f.path, file.model);
  }
}

/** Makes the rule incomplete for an ONNX file it could not read whole: never a pass. */
function onnxUnreadable(ctx: RuleContext, path: string, error: ProtobufError, what: string): void {
  ctx.incomplete(`${error.kind === "limit" ? "could not be read whole" : "is not a well-formed ONNX model"} (${error.message}), so ${what} were not all judged`, { path });
}
