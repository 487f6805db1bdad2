/**
 * Regression: the client decoded response bodies leniently, so bytes that are not UTF-8 became
 * U+FFFD and the JSON still parsed. A server sending a broken body got a clean pass from the
 * client and the drift job, and the caller got silently altered data. JSON must be UTF-8
 * (RFC 8259, section 8.1): such a body is now "not JSON" (`body-not-json`), with the bad bytes
 * kept visible as `\xHH` in the exchange text.
 */
import { createSipEndpointsClient, InvalidResponseError } from "../../src/client";
import { checkResponse } from "../../src/checks";
import { decodeBody } from "../../src/utf8-text";
import fc from "fast-check";

const page = (username: Buffer) =>
  Buffer.concat([
    Buffer.from('{"links":{"self":"http://127.0.0.1/x","first":"http://127.0.0.1/x"},"data":[{"username":"'),
    username,
    Buffer.from('"}]}'),
  ]);
const BROKEN = page(Buffer.from([0x61, 0xc3, 0x28, 0xff, 0x62]));

const cases = [
  {
    given: "with a Content-Length",
    headers: { "content-length": String(BROKEN.length) } as Record<string, string>,
    body: () => BROKEN,
  },
  {
    given: "chunked",
    headers: {} as Record<string, string>,
    body: () => new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(BROKEN)), c.close()) }),
  },
];

describe.each(cases)("a 200 list page with invalid UTF-8, $given", ({ headers, body }) => {
  const client = () =>
    createSipEndpointsClient({
      baseUrl: "http://127.0.0.1:9/api/relay/rest",
      projectId: "p",
      apiToken: "token-for-the-test",
      env: {},
      fetch: async () =>
        new Response(body(), { status: 200, headers: { "content-type": "application/json", ...headers } }),
    });

  test("list() refuses it as a response that is not JSON", async () => {
    const error = await client()
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).findings.map((f) => f.check)).toContain("body-not-json");
  });

  test("send() keeps the bad bytes visible, and the checks call the body not JSON", async () => {
    const exchange = await client().send({ operationId: "list_sip_endpoints" });
    expect(exchange.bodyText).toContain('"username":"a\\xC3(\\xFFb"');
    expect(checkResponse(exchange).map((f) => f.check)).toContain("body-not-json");
  });
});

test("valid multi-byte UTF-8 still decodes as text", async () => {
  const ok = page(Buffer.from("Zoë 名前 🎧"));
  const client = createSipEndpointsClient({
    baseUrl: "http://127.0.0.1:9/api/relay/rest",
    projectId: "p",
    apiToken: "token-for-the-test",
    env: {},
    fetch: async () =>
      new Response(new Uint8Array(ok), { status: 200, headers: { "content-type": "application/json" } }),
  });
  const exchange = await client.send({ operationId: "list_sip_endpoints" });
  expect(JSON.parse(exchange.bodyText).data[0].username).toBe("Zoë 名前 🎧");
});

test("any valid UTF-8 decodes unchanged; any byte string decodes without throwing", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => decodeBody(new TextEncoder().encode(text)) === text),
    { seed: 1, numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const text = decodeBody(bytes);
      return text.includes("\\x") || text === new TextDecoder().decode(bytes);
    }),
    { seed: 1, numRuns: 500 },
  );
});
