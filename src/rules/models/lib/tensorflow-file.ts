import { ProtobufError } from "../../../ecosystems/models/protobuf.js";
import { readGraphDef, readSavedModel, sniffTensorflow, type TfModel } from "../../../ecosystems/models/tensorflow.js";
import { ZipError } from "../../../ecosystems/models/zip.js";
import type { RuleContext } from "../../types.js";
import { KERAS_METADATA_FILE, SAVED_MODEL_FILE } from "./model-files.js";
import { fileRangeSource } from "./scan-model.js";

/** A `.pb` of the checkout, read as a TensorFlow graph. */
export type TensorflowFile =
  | { kind: "model"; model: TfModel }
  /** Some other protobuf data (test data, a fingerprint, keras_metadata.pb): not a graph, left alone. */
  | { kind: "not-tensorflow" }
  /** A SavedModel or GraphDef that could not be read whole: malformed, or a cap reached. */
  | { kind: "unreadable"; error: ProtobufError; format: "saved-model" | "graph-def" };

/**
 * Reads a `.pb` as a TensorFlow graph: `saved_model.pb` always as a SavedModel (so a broken one
 * is unreadable, never ignored), any other `.pb` only when its first fields are a SavedModel's or
 * a GraphDef's. Undefined when the file cannot be read at all (the read makes the rule incomplete).
 */
export async function readTensorflowFile(ctx: RuleContext, path: string): Promise<TensorflowFile | undefined> {
  if (KERAS_METADATA_FILE.test(path)) return { kind: "not-tensorflow" };
  const src = await fileRangeSource(ctx, path);
  if (!src) return undefined;
  try {
    const format = SAVED_MODEL_FILE.test(path) ? "saved-model" : await sniffTensorflow(src);
    if (!format) return { kind: "not-tensorflow" };
    try {
      return { kind: "model", model: format === "saved-model" ? await readSavedModel(src, ctx.signal) : await readGraphDef(src, ctx.signal) };
    } catch (e) {
      if (e instanceof ProtobufError) return { kind: "unreadable", error: e, format };
      throw e;
    }
  } catch (e) {
    // A ranged read that failed has already made the rule's result incomplete.
    if (e instanceof ZipError) return undefined;
    throw e;
  }
}

/** Whether a `.pb` is a TensorFlow graph (a SavedModel by name, or by its first fields), without reading it whole. */
export async function isTensorflowGraph(ctx: RuleContext, path: string): Promise<boolean> {
  if (SAVED_MODEL_FILE.test(path)) return true;
  if (KERAS_METADATA_FILE.test(path)) return false;
  const src = await fileRangeSource(ctx, path);
  try {
    return src !== undefined && (await sniffTensorflow(src)) !== undefined;
  } catch (e) {
    if (e instanceof ZipError) return false;
    throw e;
  }
}
