/**
 * The recording field by field, without a run: what `HarRecorder` writes for each kind of exchange,
 * which followed pages it keeps, and what `readHar` gives back — from its own files and from a
 * HAR another tool wrote, where every field of ours may be missing.
 */
import { HarRecorder, readHar, renderHar } from "../../src/drift";
import type { SessionExchange } from "../../src/drift/session";

const BASE = "https://example.signalwire.com/api/relay/rest";
const ID = "0b4c6ab0-7a1c-4a4b-9a8e-5d3f4f2c1a10";

function seen(
  over: Partial<Omit<SessionExchange, "exchange">> & { exchange?: Partial<SessionExchange["exchange"]> } = {},
): SessionExchange {
  const { exchange, ...rest } = over;
  return {
    step: "list",
    startedAt: Date.UTC(2026, 11, 6, 12, 0, 0, 250),
    invalidInput: false,
    followsLink: false,
    request: { operationId: "list_sip_endpoints" },
    ...rest,
    exchange: {
      operationId: "list_sip_endpoints",
      method: "GET",
      url: `${BASE}/endpoints/sip?page_size=5`,
      status: 200,
      headers: { "content-type": "application/json" },
      bodyText: '{"data":[]}',
      ...exchange,
    },
  };
}

const meta = { runId: "run-1", baseUrl: BASE, mode: "read-write" as const, stopped: undefined };

describe("HarRecorder", () => {
  it("writes a create with its body, headers, timing and our underscore fields", () => {
    const recorder = new HarRecorder();
    recorder.record(
      seen({
        step: "create",
        invalidInput: true,
        request: { operationId: "create_sip_endpoint", auth: { projectId: "p", apiToken: "t" } },
        exchange: {
          operationId: "create_sip_endpoint",
          method: "POST",
          url: `${BASE}/endpoints/sip`,
          status: 201,
          headers: { "content-type": "application/json", location: `${BASE}/endpoints/sip/${ID}` },
          bodyText: '{"id":"é"}',
          requestBody: { username: "ü" },
          requestHeaders: { "content-type": "application/json; charset=utf-8" },
          durationMs: 12,
          attempts: 2,
          requestId: "req-9",
        },
      }),
    );
    const [entry] = recorder.toHar(meta).log.entries;
    expect(entry).toEqual({
      startedDateTime: "2026-12-06T12:00:00.250Z",
      time: 12,
      request: {
        method: "POST",
        url: `${BASE}/endpoints/sip`,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: [{ name: "content-type", value: "application/json; charset=utf-8" }],
        queryString: [],
        postData: { mimeType: "application/json; charset=utf-8", text: '{"username":"ü"}' },
        headersSize: -1,
        bodySize: 17,
      },
      response: {
        status: 201,
        statusText: "",
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: [
          { name: "content-type", value: "application/json" },
          { name: "location", value: `${BASE}/endpoints/sip/${ID}` },
        ],
        content: { size: 11, mimeType: "application/json", text: '{"id":"é"}' },
        redirectURL: `${BASE}/endpoints/sip/${ID}`,
        headersSize: -1,
        bodySize: 11,
      },
      cache: {},
      timings: { send: 0, wait: 12, receive: 0 },
      _operationId: "create_sip_endpoint",
      _step: "create",
      _auth: "other",
      _attempts: 2,
      _requestId: "req-9",
      _invalidInput: true,
    });
  });

  it("writes a list with its query, no body, and leaves out what the exchange does not have", () => {
    const recorder = new HarRecorder();
    recorder.record(
      seen({
        request: { operationId: "list_sip_endpoints", auth: "none" },
        exchange: { headers: {}, durationMs: -3, requestBody: "raw text" },
      }),
    );
    recorder.record(
      seen({ request: { operationId: "list_sip_endpoints", auth: "default" }, exchange: { headers: {} } }),
    );
    const [withText, bare] = recorder.toHar(meta).log.entries;
    expect(withText!.request.queryString).toEqual([{ name: "page_size", value: "5" }]);
    expect(withText!.request.postData).toEqual({ mimeType: "application/json", text: "raw text" });
    expect(withText!.time).toBe(0);
    expect(withText!._auth).toBe("none");
    expect(bare!.time).toBe(0);
    expect(bare!.request.postData).toBeUndefined();
    expect(bare!.request.bodySize).toBe(0);
    expect(bare!.response.content.mimeType).toBe("");
    expect(bare!.response.redirectURL).toBe("");
    expect(bare!._auth).toBe("default");
    expect(Object.keys(bare!).filter((k) => k.startsWith("_"))).toEqual(["_operationId", "_step", "_auth"]);
  });

  it("keeps the first pages each step followed and its last, counting the others per run", () => {
    const recorder = new HarRecorder(2);
    const page = (step: string, n: number) =>
      seen({ step, followsLink: true, exchange: { url: `${BASE}/endpoints/sip?page=${n}` } });
    recorder.record(seen({ step: "a" }));
    for (const n of [1, 2, 3, 4, 5]) recorder.record(page("a", n));
    for (const n of [1, 2, 3]) recorder.record(page("b", n));
    recorder.record(seen({ step: "c" }));
    const { log } = recorder.toHar({ ...meta, stopped: "the run's time budget ran out" });
    expect(
      log.entries.map(
        (e) =>
          `${e._step} ${new URL(e.request.url).searchParams.get("page") ?? "-"}${e._followsLink ? " followed" : ""}`,
      ),
    ).toEqual([
      "a -",
      "a 1 followed",
      "a 2 followed",
      "a 5 followed",
      "b 1 followed",
      "b 2 followed",
      "b 3 followed",
      "c -",
    ]);
    expect(log._omittedListPages).toBe(2);
    expect(log.comment).toBe(
      "every exchange of the run except 2 page(s) followed through links.next: each step keeps the first 2 it followed and the last",
    );
    expect(log).toMatchObject({
      version: "1.2",
      _runId: "run-1",
      _baseUrl: BASE,
      _mode: "read-write",
      _stopped: "the run's time budget ran out",
    });
  });

  it("says every exchange is there when none was left out, and null when the run did not stop", () => {
    const recorder = new HarRecorder(1);
    recorder.record(seen({ followsLink: true }));
    const { log } = recorder.toHar(meta);
    expect(log.comment).toBe("every exchange of the run");
    expect(log._omittedListPages).toBe(0);
    expect(log._stopped).toBeNull();
  });
});

describe("readHar", () => {
  it("gives back what the recorder wrote", () => {
    const recorder = new HarRecorder();
    recorder.record(
      seen({
        step: "create",
        invalidInput: true,
        request: { operationId: "create_sip_endpoint", auth: "none" },
        exchange: {
          operationId: "create_sip_endpoint",
          method: "POST",
          url: `${BASE}/endpoints/sip`,
          status: 422,
          requestBody: { username: "a b" },
          durationMs: 7,
          attempts: 1,
          requestId: "r-1",
        },
      }),
    );
    recorder.record(seen({ followsLink: true, exchange: { requestBody: "not json" } }));
    const recording = readHar(renderHar(recorder.toHar({ ...meta, stopped: "stopped here" })), "x.har");
    expect(recording).toEqual({
      runId: "run-1",
      baseUrl: BASE,
      mode: "read-write",
      omittedListPages: 0,
      stopped: "stopped here",
      exchanges: [
        {
          exchange: {
            operationId: "create_sip_endpoint",
            method: "POST",
            url: `${BASE}/endpoints/sip`,
            status: 422,
            headers: { "content-type": "application/json" },
            bodyText: '{"data":[]}',
            requestBody: { username: "a b" },
            durationMs: 7,
            attempts: 1,
            requestId: "r-1",
          },
          step: "create",
          auth: "none",
          invalidInput: true,
          followsLink: false,
        },
        {
          exchange: {
            operationId: "list_sip_endpoints",
            method: "GET",
            url: `${BASE}/endpoints/sip?page_size=5`,
            status: 200,
            headers: { "content-type": "application/json" },
            bodyText: '{"data":[]}',
            requestBody: "not json",
            durationMs: 0,
          },
          step: "list",
          auth: "default",
          invalidInput: false,
          followsLink: true,
        },
      ],
    });
  });

  it("reads another tool's HAR 1.1 with defaults for every field of ours", () => {
    const text = JSON.stringify({
      log: {
        version: "1.1",
        entries: [
          {
            _step: "",
            _auth: "someone",
            request: { method: "delete", url: `https://other.example/api/relay/rest/endpoints/sip/${ID}` },
            response: {
              status: 204,
              headers: [
                { name: "Set-Cookie", value: "a=1" },
                { name: "set-cookie", value: "b=2" },
              ],
            },
          },
        ],
      },
    });
    expect(readHar(text, "browser.har")).toEqual({
      runId: "replay",
      baseUrl: "https://other.example/api/relay/rest",
      mode: "read-only",
      omittedListPages: 0,
      stopped: undefined,
      exchanges: [
        {
          exchange: {
            operationId: "delete_sip_endpoint",
            method: "DELETE",
            url: `https://other.example/api/relay/rest/endpoints/sip/${ID}`,
            status: 204,
            headers: { "set-cookie": "a=1, b=2" },
            bodyText: "",
          },
          step: "replay",
          auth: "default",
          invalidInput: false,
          followsLink: false,
        },
      ],
    });
  });

  it("finds an operation under the recorded base URL's path, and trusts a named operation first", () => {
    const under = (path: string, named?: string) =>
      JSON.stringify({
        log: {
          version: "1.2",
          _baseUrl: "https://proxy.example/signalwire",
          entries: [
            {
              ...(named ? { _operationId: named } : {}),
              request: { method: "GET", url: `https://proxy.example${path}` },
              response: { status: 200 },
            },
          ],
        },
      });
    expect(readHar(under("/signalwire/endpoints/sip"), "x.har").exchanges[0]!.exchange.operationId).toBe(
      "list_sip_endpoints",
    );
    expect(readHar(under("/signalwire/endpoints/sip"), "x.har").baseUrl).toBe("https://proxy.example/signalwire");
    expect(() => readHar(under("/api/relay/rest/endpoints/sip"), "x.har")).toThrow(
      /entry 1: GET \/api\/relay\/rest\/endpoints\/sip is no operation of the spec/,
    );
    expect(readHar(under("/anything", "retrieve_sip_endpoint"), "x.har").exchanges[0]!.exchange.operationId).toBe(
      "retrieve_sip_endpoint",
    );
    // A name that is no operation (an inherited property, say) does not count as one.
    expect(() => readHar(under("/anything", "toString"), "x.har")).toThrow(/entry 1: GET \/anything is no operation/);
  });

  it.each([
    ["an entry that is no object", [42], /entry 1 is not an object/],
    [
      "a method that is no string",
      [{ request: { method: 1, url: BASE }, response: { status: 200 } }],
      /entry 1: request\.method and request\.url must be strings/,
    ],
    [
      "a response that is no object",
      [{ request: { method: "GET", url: `${BASE}/endpoints/sip` }, response: 200 }],
      /entry 1: response\.status must be a whole number/,
    ],
    [
      "a status with a fraction",
      [{ request: { method: "GET", url: `${BASE}/endpoints/sip` }, response: { status: 200.5 } }],
      /entry 1: response\.status must be a whole number/,
    ],
    [
      "a header that is no pair",
      [
        {
          request: { method: "GET", url: `${BASE}/endpoints/sip` },
          response: { status: 200, headers: [{ name: "a" }] },
        },
      ],
      /entry 1: response\.headers must be a list of \{ name, value \}/,
    ],
  ])("refuses %s", (_name, entries, message) => {
    expect(() => readHar(JSON.stringify({ log: { version: "1.2", entries } }), "x.har")).toThrow(message);
  });
});
