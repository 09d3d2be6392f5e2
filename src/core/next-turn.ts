/**
 * Resolves on a later turn of the event loop, after pending I/O and messages (a worker thread's
 * reply among them) are handled: a long loop of awaits on resolved promises never lets them in.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
