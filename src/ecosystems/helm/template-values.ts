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
  ) {}
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
