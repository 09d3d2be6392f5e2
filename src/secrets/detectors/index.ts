import type { Detector } from "../detector.js";
import { CLOUD_DETECTORS } from "./cloud.js";
import { DATABASE_DETECTORS } from "./databases.js";
import { FORGE_DETECTORS } from "./forges.js";
import { GENERIC_DETECTORS } from "./generic.js";
import { KEY_DETECTORS } from "./keys.js";
import { REGISTRY_DETECTORS } from "./registries.js";
import { SERVICE_DETECTORS } from "./services.js";

/** Every detector assay ships, provider-specific ones first. */
export const DETECTORS: readonly Detector[] = [...CLOUD_DETECTORS, ...FORGE_DETECTORS, ...REGISTRY_DETECTORS, ...SERVICE_DETECTORS, ...DATABASE_DETECTORS, ...KEY_DETECTORS, ...GENERIC_DETECTORS];
