import type { Origin } from "./located.js";

/**
 * A value the renderer cannot know without a cluster or the user (`required` without a default,
 * `lookup`, random passwords): it flows through the template and is written to the output as a
 * marker, so whoever reads that field learns it cannot be judged, and why.
 */
export class Unresolved {
  constructor(
    readonly reason: string,
    readonly origin: Origin | undefined,
    /**
     * True when it stands for text of any shape (the output of a template the chart does not
     * hold), not one scalar: whatever is read under the key it lands on cannot be judged.
     */
    readonly opaque = false,
    /** Text printed before the marker (`nindent` keeps the marker on its own indented line). */
    readonly lead = "",
    /**
     * True when the value, unknown as it is, is known not to be empty (a generated password or
     * certificate): a condition on it is true, so `if $cert.Cert` still renders. Functions that
     * take it in make values that may be empty (`eq`, `trunc`): they pass it on without this.
     */
    readonly nonEmpty = false,
  ) {}

  /** The same value printed after `lead`. */
  withLead(lead: string): Unresolved {
    return new Unresolved(this.reason, this.origin, this.opaque, lead, this.nonEmpty);
  }

  /** The same value, no longer known to be non-empty. */
  mayBeEmpty(): Unresolved {
    return this.nonEmpty ? new Unresolved(this.reason, this.origin, this.opaque, this.lead) : this;
  }
}

/** A value with the place it was written (values.yaml key, template text). */
export interface Val {
  v: unknown;
  o: Origin | undefined;
}

/** Raised when a template cannot be rendered at all; the renderer reports the template as unresolved. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly origin: Origin | undefined,
  ) {
    super(message);
    this.name = "RenderError";
  }
}
