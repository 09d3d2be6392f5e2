import type { Family } from "../../core/rule.js";
import { rule as cloudCredential } from "./cloud-credential.js";
import { rule as forgeToken } from "./forge-token.js";
import { rule as registryToken } from "./registry-token.js";
import { rule as serviceToken } from "./service-token.js";
import { rule as databaseCredential } from "./database-credential.js";
import { rule as privateKey } from "./private-key.js";
import { rule as jwt } from "./jwt.js";
import { rule as genericCredential } from "./generic-credential.js";
import { rule as exampleCredential } from "./example-credential.js";

/** Committed credentials, in the checkout and (with --history) in every commit: one scan shared by every rule. */
export const family: Family = {
  id: "secrets",
  title: "Committed secrets",
  checks: [{ id: "Secrets", title: "Secrets", risk: "critical", description: "No credentials are committed: not in the checkout, not in the history (with --history)." }],
  rules: [cloudCredential, forgeToken, registryToken, serviceToken, databaseCredential, privateKey, jwt, genericCredential, exampleCredential],
};
