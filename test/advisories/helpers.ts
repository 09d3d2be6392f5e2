import { createServer, type Server, type ServerResponse } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../src/cli/io.js";
import yazl from "yazl";

/** A zip (in memory) of the `.json` files under a folder, flattened like the OSV bucket's all.zip. */
export async function zipFolder(dir: string, extra: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const walk = (d: string): void => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.name.endsWith(".json")) zip.addBuffer(readFileSync(p), name.name);
    }
  };
  walk(dir);
  for (const [name, content] of Object.entries(extra)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Serves `routes` (path → body, or a function handling the request) on 127.0.0.1; returns its base URL. */
export async function serve(routes: Record<string, Buffer | ((res: ServerResponse) => void)>): Promise<{ url: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    hits.push(path);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    if (typeof route === "function") return route(res);
    res.writeHead(200, { "content-type": "application/zip", "content-length": String(route.length) }).end(route);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A CLI io that keeps what the command printed, in a fixed clock's environment. */
export function io(): Io & { out: string; err: string } {
  const o = { out: "", err: "", cwd: tmpdir(), env: { SOURCE_DATE_EPOCH: "1780000000" } } as unknown as Io & { out: string; err: string };
  o.stdout = { write: (s: string) => (o.out += s) };
  o.stderr = { write: (s: string) => (o.err += s) };
  return o;
}
