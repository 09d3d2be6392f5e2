import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** Canned API answers: path (with query) → JSON body, or `{ "$status": 404 }` for an error. */
export type Routes = Record<string, unknown>;

/** A GitHub API stand-in on 127.0.0.1 for tests; records every request path it was asked. */
export async function startForgeServer(routes: Routes): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push(path);
    const body = routes[path];
    const status = body === undefined ? 404 : typeof body === "object" && body !== null && "$status" in body ? Number((body as { $status: number }).$status) : 200;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(status === 200 ? body : { message: status === 404 ? "Not Found" : "error" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
