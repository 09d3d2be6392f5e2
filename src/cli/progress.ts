import type { Io } from "./io.js";

/** A progress line on stderr that appears only after a second, only on a terminal, and cleans up. */
export function progress(io: Io, enabled: boolean): { update(done: number, total: number): void; end(): void } {
  const started = Date.now();
  let shown = false;
  const active = enabled && Boolean(io.stderr.isTTY);
  return {
    update(done, total) {
      if (!active || Date.now() - started < 1000) return;
      shown = true;
      io.stderr.write(`\rassay: ${done}/${total} rules…`);
    },
    end() {
      if (shown) io.stderr.write("\r\x1b[K");
    },
  };
}
