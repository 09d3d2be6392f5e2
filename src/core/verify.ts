/** What a provider said about a credential: it works, it does not, or it could not be asked. */
export type CredentialStatus = "valid" | "invalid" | "unknown";

/**
 * Asks providers whether a credential works, through read-only "who am I" endpoints only. Given
 * to rules only when the scan is online (`--online`); offline there is none and nothing is sent.
 */
export interface CredentialVerifier {
  /** The status of `secret`, found by the detector `detector`; "unknown" for providers it cannot ask. */
  verify(detector: string, secret: string): Promise<CredentialStatus>;
}
