import { LEN, ProtoReader, ProtobufError } from "./protobuf.js";
import type { RangeSource } from "./zip.js";

// `keras_metadata.pb`, written next to `saved_model.pb` by tf.keras (TF 2.x) SavedModels: one
// entry per Keras object with its layer config as JSON text, which is what Keras rebuilds the
// model from (Lambda layers included) when the SavedModel is loaded with keras.models.load_model.

/** One SavedObject of the metadata. */
export interface KerasSavedObject {
  /** `root.layer-1`… */
  nodePath: string;
  /** `_tf_keras_layer`, `_tf_keras_model`… */
  identifier: string;
  /** The object's config, JSON text. */
  metadata: string;
}

/** Reads `keras_metadata.pb`; throws ProtobufError naming the byte where it went wrong. */
export async function readKerasMetadata(src: RangeSource, signal?: AbortSignal): Promise<KerasSavedObject[]> {
  // Layer configs of large models run to megabytes of JSON.
  const r = new ProtoReader(src, { maxBytes: 64 * 1024 * 1024 }, signal);
  const out: KerasSavedObject[] = [];
  // saved_metadata.proto: SavedMetadata { repeated SavedObject nodes = 1; }
  // SavedObject { VersionDef version = 1; int32 node_id = 2; string node_path = 3; string identifier = 4; string metadata = 5; }
  for (const f of await r.fields(0, src.size, 0)) {
    if (f.number !== 1) continue;
    if (f.wire !== LEN) throw new ProtobufError(`SavedMetadata.nodes at byte ${f.offset} has wire type ${f.wire}, not ${LEN}`, "malformed", f.offset);
    const o: KerasSavedObject = { nodePath: "", identifier: "", metadata: "" };
    for (const g of await r.message(f, 0)) {
      if (g.number < 3 || g.number > 5) continue;
      if (g.wire !== LEN) throw new ProtobufError(`SavedObject field ${g.number} at byte ${g.offset} has wire type ${g.wire}, not ${LEN}`, "malformed", g.offset);
      const text = await r.text(g);
      if (g.number === 3) o.nodePath = text;
      else if (g.number === 4) o.identifier = text;
      else o.metadata = text;
    }
    out.push(o);
  }
  return out;
}
