import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { Container } from "../../../ecosystems/kubernetes/workload.js";

/** A capability name as the kernel knows it: upper case, without the CAP_ prefix (runtimes accept both). */
export function capName(v: unknown): string {
  return (asString(v) ?? "").trim().toUpperCase().replace(/^CAP_/, "");
}

/** The capabilities a container adds and drops, normalised, with the index of each added one. */
export function capabilitiesOf(c: Container): { add: { name: string; index: number }[]; drop: string[]; present: boolean } {
  const caps = asMap(asMap(c.value["securityContext"])?.["capabilities"]);
  return {
    add: asList(caps?.["add"]).map((x, index) => ({ name: capName(x), index })),
    drop: asList(caps?.["drop"]).map(capName),
    present: caps !== undefined,
  };
}
