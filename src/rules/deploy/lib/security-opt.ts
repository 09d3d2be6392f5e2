import type { ComposeService } from "../../../ecosystems/compose/compose.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { asList, asString } from "../../../ecosystems/kubernetes/manifest.js";

/** A Compose `security_opt` entry (`seccomp:unconfined`, `apparmor=unconfined`, `label:disable`). */
export interface SecurityOpt {
  name: string;
  value: string;
  /** Path relative to the service. */
  path: YamlPath;
}

/** The service's security options, split at the first `:` or `=`. */
export function securityOpts(s: ComposeService): SecurityOpt[] {
  return asList(s.value["security_opt"]).flatMap((v, i) => {
    const raw = asString(v) ?? "";
    const m = /^([a-z-]{1,40})[:=](.*)$/i.exec(raw.trim());
    return m ? [{ name: (m[1] as string).toLowerCase(), value: (m[2] as string).trim().toLowerCase(), path: ["security_opt", i] }] : [{ name: raw.trim().toLowerCase(), value: "", path: ["security_opt", i] }];
  });
}
