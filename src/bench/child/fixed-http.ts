/**
 * Child process: the throughput ceiling. A bare node:http server that answers every request with
 * one of two fixed bodies (a single endpoint, or a list page), with the same headers our mock
 * sends and no routing, parsing or validation at all.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { onInit, onStop } from "./protocol";

interface Init {
  /** Path prefix of the single-endpoint route (anything else gets the list page). */
  itemPrefix: string;
  item: string;
  list: string;
}

onInit<Init, { url: string }>(async ({ itemPrefix, item, list }) => {
  const bodies = [item, list].map((text) => ({ buffer: Buffer.from(text), length: String(Buffer.byteLength(text)) }));
  const server = createServer((req, res) => {
    const body = req.url?.startsWith(itemPrefix) ? bodies[0]! : bodies[1]!;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body.buffer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onStop(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}, "ready");
