/**
 * GitHub's REST API for issues, as far as the issue loop uses it, on 127.0.0.1: lists the open
 * issues it is given (page 1 only), says a label exists already, accepts every change, and
 * records each request with its Authorization header.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface GitHubRequest {
  method: string;
  path: string;
  body: any;
  authorization: string | undefined;
}

export interface GitHubStandIn {
  apiUrl: string;
  received: GitHubRequest[];
  /** The open issues page 1 lists. */
  listed: unknown[];
  /** When set, every request is answered with this status and a message holding `failMessage`. */
  failWith: number | undefined;
  failMessage: string;
  close(): Promise<void>;
}

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const state: Omit<GitHubStandIn, "apiUrl" | "close"> = {
    received: [],
    listed: [],
    failWith: undefined,
    failMessage: "",
  };
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      state.received.push({
        method: req.method ?? "",
        path: url.pathname + url.search,
        body: text ? JSON.parse(text) : undefined,
        authorization: req.headers.authorization,
      });
      const answer = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (state.failWith) return answer(state.failWith, { message: state.failMessage });
      if (req.method === "GET") return answer(200, url.searchParams.get("page") === "1" ? state.listed : []);
      // A repository's label that exists already; labels added to an issue are simply taken.
      if (/^\/repos\/[^/]+\/[^/]+\/labels$/.test(url.pathname))
        return answer(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] });
      answer(req.method === "POST" ? 201 : 200, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
