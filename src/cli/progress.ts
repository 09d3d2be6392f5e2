import type { Io } from "./io.js";

/** What a progress line shows and how it is driven. */
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

/**
 * A progress line on stderr: only on a terminal, only once the scan has run for `delayMs` (so
 * quick scans print nothing), refreshed as rules finish, and erased at the end. Machine formats
 * on stdout are never touched.
 */
export function progress(io: Io, enabled: boolean, delayMs = 1000): Progress {
  if (!enabled || !io.stderr.isTTY) return { update() {}, end() {} };
  let done = 0;
  let total = 0;
  let shown = false;
  const draw = () => {
    shown = true;
    io.stderr.write(`\r\x1b[Kassay: scanning… ${done}/${total} rules`);
  };
  const timer = setTimeout(draw, delayMs);
  timer.unref();
  return {
    update(d, t) {
      done = d;
      total = t;
      if (shown) draw();
    },
    end() {
      clearTimeout(timer);
      if (shown) io.stderr.write("\r\x1b[K");
    },
  };
}
