// Loaded into every test file's process (scripts/run-tests.mjs). Once a file's tests are done, a
// handle its code left open (a socket, a timer, a child's pipe) must not keep the process, and so
// the whole run, waiting until CI's own limit ends it with no verdict. Node 20's
// --test-force-exit would do this, but it also ends the runner before it prints the summary's
// last line. The runner itself (no NODE_TEST_CONTEXT) is left alone.
import { after } from "node:test";

/** How long a finished file may take to exit by itself (closing servers, flushing output). */
const GRACE_MS = 10_000;

if (process.env.NODE_TEST_CONTEXT) {
  after(() => {
    setTimeout(() => process.exit(), GRACE_MS).unref();
  });
}
