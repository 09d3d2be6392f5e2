import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { Container } from "../../../ecosystems/kubernetes/workload.js";

/**
 * A capability name as the kernel knows it: upper case, without the CAP_ prefix (Docker and
 * CRI-O accept both). `ALL` is a keyword, not a capability: `CAP_ALL` is no name of it anywhere
 * (Docker refuses it as unknown, containerd and CRI-O do not take it for ALL), so it stays as written.
 */
export function capName(v: unknown): string {
  const upper = (asString(v) ?? "").trim().toUpperCase();
  return upper === "CAP_ALL" ? upper : upper.replace(/^CAP_/, "");
}

/**
 * The capabilities a container adds and drops, normalised, with the index of each added one, and
 * whether `drop` writes `ALL` exactly as Pod Security admission compares it (runtimes take `all` too).
 */
export function capabilitiesOf(c: Container): { add: { name: string; written: string; index: number }[]; drop: string[]; dropsAllExactly: boolean; present: boolean } {
  const caps = asMap(asMap(c.value["securityContext"])?.["capabilities"]);
  const drop = asList(caps?.["drop"]);
  return {
    add: asList(caps?.["add"]).map((x, index) => ({ name: capName(x), written: asString(x) ?? "", index })),
    drop: drop.map(capName),
    dropsAllExactly: drop.some((x) => asString(x) === "ALL"),
    present: caps !== undefined,
  };
}
