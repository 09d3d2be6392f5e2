import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The published fleet report schema, as checked in. */
export const FLEET_SCHEMA_PATH = fileURLToPath(new URL("../../schema/fleet-report.schema.json", import.meta.url));

/** A validator for the fleet report schema (draft 2020-12, strict). */
export function fleetReportValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(FLEET_SCHEMA_PATH, "utf8")) as object);
}
