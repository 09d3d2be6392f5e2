import { asObject } from "../formats/json.js";

/** The licence a pyproject.toml declares (`[project] license`, as a string or `{ text }`, or Poetry's), as written. */
export function pyprojectLicense(toml: Record<string, unknown>): string | undefined {
  for (const table of [asObject(toml.project), asObject(asObject(toml.tool)?.poetry)]) {
    const l = table?.license;
    if (typeof l === "string") return l;
    const text = asObject(l)?.text;
    if (typeof text === "string") return text;
  }
  return undefined;
}
