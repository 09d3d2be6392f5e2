import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with a default export; under NodeNext the callable is one level down.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const require = createRequire(import.meta.url);

/** The published assessment schema, as checked in. */
export const ASSESSMENT_SCHEMA_PATH = fileURLToPath(new URL("../../schema/assessment.schema.json", import.meta.url));

/** A validator for the assessment schema (draft 2020-12). */
export function assessmentValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(ASSESSMENT_SCHEMA_PATH, "utf8")) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The SARIF log is fine by spec but ajv 8 cannot compile the upstream file as is; see the comments. */
function patchSarifSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(patchSarifSchema);
  if (node === null || typeof node !== "object") return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    // The `language` pattern has a stray `]` ("...[a-zA-Z]{2}]?$"), a syntax error under the
    // unicode flag ajv 8 uses; this is the pattern it was evidently meant to be.
    if (k === "pattern" && v === "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$") out[k] = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";
    else out[k] = patchSarifSchema(v);
  }
  return out;
}

/** A validator for the official SARIF 2.1.0 schema shipped by @microsoft/jest-sarif. */
export function sarifValidator(): ValidateFunction {
  const path = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = patchSarifSchema(JSON.parse(readFileSync(path, "utf8")) as Json) as { [k: string]: Json };
  // The file declares draft-04, whose meta-schema ajv 8 does not ship, and names itself with
  // draft-04's `id`; its keywords are otherwise draft-07 compatible (no boolean exclusiveMinimum).
  delete schema.$schema;
  schema.$id = schema.id ?? null;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Errors as one readable string for assertion messages. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("\n");
}
