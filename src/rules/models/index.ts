import type { Family } from "../../core/rule.js";
import { rule as unsafePickle } from "./unsafe-pickle.js";
import { rule as kerasLambda } from "./keras-lambda.js";
import { rule as unsafeChatTemplate } from "./unsafe-chat-template.js";
import { rule as malformedModel } from "./malformed-model.js";
import { rule as pickleFormat } from "./pickle-format.js";
import { rule as unsignedModel } from "./unsigned-model.js";
import { rule as unsafeTensorflowOps } from "./unsafe-tensorflow-ops.js";
import { rule as onnxExternalData } from "./onnx-external-data.js";
import { rule as onnxCustomOps } from "./onnx-custom-ops.js";

/** ML models the project ships: files that load without running code, and signatures to check them. */
export const family: Family = {
  id: "models",
  title: "AI/ML models",
  checks: [
    { id: "Model-Integrity", title: "Model integrity", risk: "high", description: "Model files load without running code, have well-formed headers, and carry signatures consumers can verify (OpenSSF Model Signing)." },
  ],
  rules: [unsafePickle, unsafeTensorflowOps, onnxExternalData, onnxCustomOps, kerasLambda, unsafeChatTemplate, malformedModel, pickleFormat, unsignedModel],
};
