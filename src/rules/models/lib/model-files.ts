import type { FileEntry } from "../../../core/files.js";
import { filesToJudge } from "../../../core/link-out.js";
import { COMPRESSED_PICKLE_NAME } from "../../../ecosystems/models/walk.js";
import type { RuleContext } from "../../types.js";

// Which files of the checkout are model files, by name. Content checks (magic numbers) are the
// rules' business: a `.bin` or `.dat` is only a model when its bytes say so.

/**
 * Files that may hold pickles: scanned for imports. Besides the model extensions: AllenNLP's `.th`
 * and gensim's `.model` (both torch.save or pickle output; a `.model` that is SentencePiece's
 * protobuf is left alone by its bytes), `.pth.tar` (PyTorch's ImageNet example names its
 * checkpoints so), and pickles named by their compression, which pandas' read_pickle and
 * joblib.load pick the codec from (`.pkl.gz`, `.joblib.z`, `.pkl.xz`, `.joblib.lz4`…), NeMo's `.nemo`, and
 * `.7z` archives, which picklescan opens as it opens zips (how the nullifAI models were wrapped).
 */
export const PICKLE_FILE = new RegExp(String.raw`\.(?:pkl|pickle|joblib|dat|data|dill|pt|pth|th|bin|ckpt|npy|npz|zip|7z|mar|pt2|sav|model)$|${COMPRESSED_PICKLE_NAME}`, "i");
/** Files that are models whatever their bytes (for the signature rule; a `.pb` is one only when it is a TensorFlow graph). */
export const MODEL_FILE = /\.(?:safetensors|gguf|ggml|onnx|pt|pth|ckpt|keras|h5|hdf5|tflite|mlmodel|pkl|pickle|joblib|npz|msgpack|mar|llamafile)$|(?:^|\/)pytorch_model[^/]{0,40}\.bin$/i;

/** TensorFlow protobuf files: `saved_model.pb` is a SavedModel by name, another `.pb` only when its bytes say so. */
export const TF_PROTOBUF_FILE = /\.pb$/i;
/** A SavedModel's graph, whatever its bytes. */
export const SAVED_MODEL_FILE = /(?:^|\/)saved_model\.pb$/i;
/** tf.keras's layer configs beside a SavedModel. */
export const KERAS_METADATA_FILE = /(?:^|\/)keras_metadata\.pb$/i;

/**
 * The files whose path matches: a matching symbolic link inside the checkout is judged through
 * the link unless its target is itself a matching file (a `model.pkl` linked to `blobs/x` is still
 * a pickle to judge); one out of the checkout makes the rule incomplete.
 */
export async function filesMatching(ctx: RuleContext, re: RegExp): Promise<FileEntry[]> {
  return filesToJudge(ctx, (p) => re.test(p));
}
