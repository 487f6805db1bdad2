/**
 * The table of misbehaviours. Each row is what one broken or hostile server does; the hostile
 * suites pair each row with what the client and the drift job must make of it. Requests a row
 * does not care about go to the honest mock behind it.
 */
import { gzipSync } from "node:zlib";
import { API_BASE_PATH } from "../../src/mock";
import { operations } from "../../src/spec";
import type { HostileContext } from "./hostile-servers";

const JSON_TYPE = "application/json; charset=utf-8";
const LIST_PATH = API_BASE_PATH + operations.list_sip_endpoints.path;
/** What "20 MB" means in the body-size rows; tests cap the client far below it. */
export const HUGE_BYTES = 20 * 1024 * 1024;
/** One gzip member of 16 MB of spaces: a few kilobytes on the wire, far past any cap once decoded. */
const GZIP_MEMBER = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));

function send(context: HostileContext, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  context.res.writeHead(status, { ...headers, "content-length": String(bytes.length) }).end(bytes);
}

const isList = (context: HostileContext) =>
  context.req.method === "GET" && new URL(context.req.url ?? "/", context.origin).pathname === LIST_PATH;

/**
 * Answers list requests with the mock's first page (of the size asked for) under links of
 * `nextFor`'s making; answers that are not a page (401, 422) pass through unchanged.
 */
async function withNext(context: HostileContext, nextFor: (url: URL) => string): Promise<void> {
  if (!isList(context)) return context.forward();
  const url = new URL(context.req.url ?? "/", context.origin);
  const size = url.searchParams.get("page_size");
  const page = await context.upstream(size === null ? LIST_PATH : `${LIST_PATH}?page_size=${encodeURIComponent(size)}`);
  if (page.status !== 200) return send(context, page.status, page.headers, page.text);
  const body = JSON.parse(page.text) as { links: Record<string, string>; data: unknown[] };
  const next = new URL(nextFor(url));
  if (size !== null) next.searchParams.set("page_size", size);
  body.links = { self: url.href, first: context.baseUrl + operations.list_sip_endpoints.path, next: next.href };
  send(context, 200, { "content-type": JSON_TYPE }, JSON.stringify(body));
}

/** Inserts `bytes` right after the first occurrence of `marker` (inside a JSON string). */
function insertAfter(text: string, marker: RegExp, bytes: Buffer): Buffer {
  const found = marker.exec(text);
  if (!found) return Buffer.from(text);
  const at = Buffer.byteLength(text.slice(0, found.index + found[0].length));
  const whole = Buffer.from(text);
  return Buffer.concat([whole.subarray(0, at), bytes, whole.subarray(at)]);
}

/** Writes `total` bytes of `fill` as fast as the socket takes them (never buffering ahead), counting what it took. */
export function streamBytes(context: HostileContext, total: number, fill: string): void {
  const chunk = Buffer.from(fill.repeat(Math.ceil(16_384 / fill.length)).slice(0, 16_384));
  let left = total;
  const pump = () => {
    while (left > 0 && !context.res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      const more = context.res.write(piece, (error) => {
        if (!error) context.sent.bytes += piece.length;
      });
      if (!more) return void context.res.once("drain", pump);
    }
    if (left === 0) context.res.end();
  };
  pump();
}

/** Repeats `fn` every `ms` until the response is closed (or the server is). */
export function every(context: HostileContext, ms: number, fn: () => void): void {
  const { timers } = context;
  const timer = setInterval(() => (context.res.destroyed ? stop() : fn()), ms);
  const stop = () => {
    clearInterval(timer);
    timers.delete(timer);
  };
  timers.add(timer);
  context.res.once("close", stop);
}

const POLLUTION = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';

export const HOSTILE_BEHAVIOURS = {
  "html-error-page": {
    says: "every request gets 500 with an HTML debug page that echoes the request, Authorization and decoded credentials included",
    behave: (c: HostileContext) => {
      const auth = c.req.headers.authorization ?? "";
      const decoded = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString("utf8");
      send(
        c,
        500,
        { "content-type": "text/html; charset=utf-8" },
        `<!DOCTYPE html><html><body><h1>Internal Server Error</h1><pre>${c.req.method} ${c.req.url}\nAuthorization: ${auth}\nUser: ${decoded}\n${c.body}</pre></body></html>`,
      );
    },
  },
  "truncated-json": {
    says: "JSON answers are cut off halfway, with a Content-Length that matches the cut",
    behave: async (c: HostileContext) => {
      const up = await c.upstream();
      send(c, up.status, up.headers, up.text.slice(0, Math.floor(up.text.length / 2)));
    },
  },
  "empty-200": {
    says: "every request gets 200 with a JSON content type and an empty body",
    behave: (c: HostileContext) => send(c, 200, { "content-type": JSON_TYPE }, ""),
  },
  "wrong-content-type": {
    says: "the right JSON, labelled text/plain",
    behave: async (c: HostileContext) => {
      const up = await c.upstream();
      send(c, up.status, { ...up.headers, "content-type": "text/plain; charset=utf-8" }, up.text);
    },
  },
  "huge-declared": {
    says: "200 declaring a 20 MB body, then streaming it as fast as the socket takes it",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE, "content-length": String(HUGE_BYTES) });
      streamBytes(c, HUGE_BYTES, " ");
    },
  },
  "huge-declared-then-silent": {
    says: "200 declaring a 20 MB body, then not a byte of it",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE, "content-length": String(HUGE_BYTES) });
      c.res.flushHeaders();
    },
  },
  "gzip-endless": {
    says: "200, gzip-encoded, chunked: members of 16 MB of spaces each (16 KB compressed), one after another, never ending",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE, "content-encoding": "gzip" });
      // Concatenated gzip members are one gzip stream (RFC 1952, 2.2).
      every(c, 5, () => c.res.write(GZIP_MEMBER));
    },
  },
  "gzip-reset-mid-body": {
    says: "the mock's JSON gzip-encoded and chunked: half of the compressed bytes, then a reset",
    behave: async (c: HostileContext) => {
      const up = await c.upstream();
      const packed = gzipSync(Buffer.from(up.text));
      c.res.writeHead(up.status, { ...up.headers, "content-encoding": "gzip" });
      c.res.write(packed.subarray(0, packed.length >> 1), () => c.req.socket.resetAndDestroy());
    },
  },
  "huge-chunked": {
    says: "200 with a 20 MB chunked body of no declared length",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE });
      streamBytes(c, HUGE_BYTES, " ");
    },
  },
  "endless-body": {
    says: "200, then a JSON array that never ends, a few bytes at a time",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE });
      c.res.write("[");
      every(c, 20, () => c.res.write("0,"));
    },
  },
  stall: {
    says: "reads the request and never answers",
    behave: () => {},
  },
  "stall-after-headers": {
    says: "sends 200 headers, then nothing",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE });
      c.res.flushHeaders();
    },
  },
  "reset-mid-body": {
    says: "declares 10 000 bytes, sends 100, then resets the connection",
    behave: (c: HostileContext) => {
      c.res.writeHead(200, { "content-type": JSON_TYPE, "content-length": "10000" });
      c.res.write(`{"links":{"self":"${"x".repeat(80)}`, () => c.req.socket.resetAndDestroy());
    },
  },
  "invalid-utf8": {
    says: "the mock's JSON with a byte sequence that is not UTF-8 inside the first string value",
    behave: async (c: HostileContext) => {
      const up = await c.upstream();
      send(
        c,
        up.status,
        up.headers,
        insertAfter(up.text, /"(username|error|detail)":"/, Buffer.from([0xc3, 0x28, 0xff])),
      );
    },
  },
  "proto-keys": {
    says: "the mock's JSON with __proto__ and constructor.prototype keys in every object",
    behave: async (c: HostileContext) => {
      const up = await c.upstream();
      const text = up.text
        .replace(/^\{/, `{${POLLUTION},`)
        .replace(/\{"type":"sip_endpoint"/g, `{${POLLUTION},"type":"sip_endpoint"`);
      send(c, up.status, up.headers, text);
    },
  },
  "rate-limit-storm": {
    says: "every request gets 429 with Retry-After: 1",
    behave: (c: HostileContext) =>
      send(c, 429, { "content-type": JSON_TYPE, "retry-after": "1" }, '{"error":"Too Many Requests"}'),
  },
  "error-burst": {
    says: "the first two requests get 500, every later one is served",
    behave: (c: HostileContext) =>
      c.count <= 2 ? send(c, 500, { "content-type": JSON_TYPE }, '{"error":"Internal Server Error"}') : c.forward(),
  },
  "redirect-302": {
    says: "every request is redirected (302) to the same path on another host",
    behave: (c: HostileContext) =>
      send(c, 302, { location: c.foreign.origin + c.req.url, "content-type": "text/html" }, "<a>Found</a>"),
  },
  "redirect-307": {
    says: "every request is redirected (307, method and body kept) to another host; the page echoes the body sent",
    behave: (c: HostileContext) =>
      send(
        c,
        307,
        { location: c.foreign.origin + c.req.url, "content-type": "text/plain" },
        `Moved. You sent: ${c.body}`,
      ),
  },
  "next-loop": {
    says: "links.next goes to page 1, page 1's next to page 2, and page 2's next back to page 1",
    behave: (c: HostileContext) =>
      withNext(c, (url) => {
        const n = url.searchParams.get("page_token") === "LOOP1" ? 2 : 1;
        return `${c.baseUrl}${operations.list_sip_endpoints.path}?page_number=${n}&page_token=LOOP${n}`;
      }),
  },
  "next-endless": {
    says: "every page has a next page: the same endpoints under ever new page numbers",
    behave: (c: HostileContext) =>
      withNext(c, (url) => {
        const n = Number(url.searchParams.get("page_number") ?? 0) + 1;
        return `${c.baseUrl}${operations.list_sip_endpoints.path}?page_number=${n}&page_token=END${n}`;
      }),
  },
  "next-foreign": {
    says: "links.next points to another host",
    behave: (c: HostileContext) =>
      withNext(c, () => `${c.foreign.origin}${LIST_PATH}?page_number=1&page_token=ELSEWHERE`),
  },
  "next-with-credentials": {
    says: "links.next carries a user and password in the URL",
    behave: (c: HostileContext) =>
      withNext(c, () => `${c.origin.replace("//", "//someone:hunter2@")}${LIST_PATH}?page_number=1&page_token=X`),
  },
} satisfies Record<string, { says: string; behave: (context: HostileContext) => void | Promise<void> }>;

export type HostileName = keyof typeof HOSTILE_BEHAVIOURS;
export const HOSTILE_NAMES = Object.keys(HOSTILE_BEHAVIOURS) as HostileName[];
