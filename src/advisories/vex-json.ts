// Reading VEX documents of any shape: a hostile or careless file may put anything anywhere, so
// every read takes `unknown` and every list is cut to a bound before it is walked.
export { isObject } from "../ecosystems/formats/json.js";

/** A JSON object, as the VEX readers walk it. */
export type Json = Record<string, unknown>;

/** The array's first `max` items, or none when it is not an array. */
export const list = (v: unknown, max: number): unknown[] => (Array.isArray(v) ? v.slice(0, max) : []);

/** A non-empty string, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The non-empty strings among the array's first `max` items. */
export const strings = (v: unknown, max: number): string[] => list(v, max).filter((s): s is string => typeof s === "string" && s !== "");
