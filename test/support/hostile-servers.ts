/**
 * Local servers that misbehave on purpose, for the hostile suites (client and drift job).
 *
 * A hostile server listens on 127.0.0.1 (port 0) in front of an honest mock: each row of
 * `HOSTILE_BEHAVIOURS` (./hostile-behaviours) decides per request whether to misbehave or to pass
 * the request on, so a drift run gets far enough to meet the misbehaviour. A recorder stands for
 * "another host": redirects and `next` links point at it, and it records whatever reaches it, so
 * a test can prove credentials never got there.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_BASE_PATH, type MockServer } from "../../src/mock";
import { HOSTILE_BEHAVIOURS, type HostileName } from "./hostile-behaviours";

export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** The "foreign host": answers everything with 200 `{}` and records every request. */
export interface Recorder {
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

/** What the upstream mock answered, with its own origin rewritten to the hostile server's. */
export interface Upstream {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface HostileContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request body as text. */
  body: string;
  origin: string;
  baseUrl: string;
  foreign: Recorder;
  /** Which API request this is, counting from 1. */
  count: number;
  sent: Sent;
  /** Timers of behaviours that write forever; `close` stops them. */
  timers: Set<NodeJS.Timeout>;
  /** Passes the request (or a GET of `path`) to the honest mock and returns its answer without sending it. */
  upstream(path?: string): Promise<Upstream>;
  /** Passes the request to the honest mock and sends its answer as it is. */
  forward(): Promise<void>;
}

export interface Sent {
  /** Response body bytes the socket has taken so far (all requests). */
  bytes: number;
  /** Responses whose connection the client closed before they were finished. */
  hungUp: number;
}

export interface HostileServer {
  name: HostileName;
  origin: string;
  /** Base URL to give a client or the drift job (`http://127.0.0.1:PORT/api/relay/rest`). */
  baseUrl: string;
  received: Received[];
  sent: Sent;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shut(server: Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of timers) clearInterval(timer);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

const record = (req: IncomingMessage, body: string): Received => ({
  method: req.method ?? "",
  url: req.url ?? "",
  authorization: req.headers.authorization,
  body,
});

export async function startRecorder(): Promise<Recorder> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    received.push(record(req, await readBody(req)));
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  const origin = await listen(server);
  return { origin, received, close: () => shut(server, new Set()) };
}

/** Starts the hostile server `name` in front of `upstream`, with `foreign` as the other host. */
export async function startHostile(name: HostileName, upstream: MockServer, foreign: Recorder): Promise<HostileServer> {
  const received: Received[] = [];
  const sent: Sent = { bytes: 0, hungUp: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const upstreamOrigin = new URL(upstream.url).origin;
  let origin = "";
  let count = 0;
  const behave = HOSTILE_BEHAVIOURS[name].behave;

  const server = createServer(async (req, res) => {
    res.once("close", () => {
      if (!res.writableFinished) sent.hungUp++;
    });
    const body = await readBody(req);
    received.push(record(req, body));
    const fetchUpstream = async (path?: string): Promise<Upstream> => {
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type"])
        if (req.headers[name]) headers[name] = String(req.headers[name]);
      const init =
        path === undefined
          ? { method: req.method, headers, body: body === "" ? undefined : body }
          : { method: "GET", headers };
      const answer = await fetch(upstreamOrigin + (path ?? req.url ?? "/"), init);
      const out: Record<string, string> = {};
      answer.headers.forEach((value, key) => (out[key] = value));
      delete out["content-length"];
      delete out["transfer-encoding"];
      return { status: answer.status, headers: out, text: (await answer.text()).split(upstreamOrigin).join(origin) };
    };
    const context: HostileContext = {
      req,
      res,
      body,
      origin,
      baseUrl: origin + API_BASE_PATH,
      foreign,
      count: ++count,
      sent,
      timers,
      upstream: fetchUpstream,
      forward: async () => {
        const answer = await fetchUpstream();
        res.writeHead(answer.status, answer.headers).end(answer.text);
      },
    };
    try {
      await behave(context);
    } catch {
      res.destroy();
    }
  });
  origin = await listen(server);
  return { name, origin, baseUrl: origin + API_BASE_PATH, received, sent, close: () => shut(server, timers) };
}
