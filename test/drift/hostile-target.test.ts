/**
 * Drifts no mock fault profile produces, made by a `fetch` that rewrites the mock's answers: the
 * engine must still report them with the right check and pointer, and nothing else.
 */
import { createDriftSend, runDrift, startEmbeddedMock, type DriftMode } from "../../src/drift";
import { FAST_SEND } from "./harness";
import { isList, isRetrieve, rewritingFetch, type Rewrite } from "../support/stand-in";

/** Pages of the walk (page_size 5) that repeat the previous page's last endpoint first. */
function repeatAcrossPages(): Rewrite {
  let previousLast: unknown;
  return (req, body, status) => {
    if (!isList(req) || status !== 200 || req.url.searchParams.get("page_size") !== "5") return undefined;
    const data = [...body.data];
    const last = data.at(-1);
    if (previousLast && req.url.searchParams.has("page_token")) data[0] = previousLast;
    previousLast = last;
    return { status, body: { ...body, data } };
  };
}

interface Row {
  name: string;
  mode: DriftMode;
  rewrite: () => Rewrite;
  findings: string[];
}

const rows: Row[] = [
  {
    name: "an endpoint created by the run is never found (retrieve 404, missing from the list)",
    mode: "read-write",
    rewrite: () => (req, body, status) => {
      if (status !== 200 || !(isList(req) || isRetrieve(req))) return undefined;
      const hide = (e: { username: string }) => e.username.startsWith("drift-");
      if (isRetrieve(req)) return hide(body) ? { status: 404, body: { error: "Not Found" } } : undefined;
      return { status, body: { ...body, data: body.data.filter((e: { username: string }) => !hide(e)) } };
    },
    findings: ["resource-unavailable list_sip_endpoints /data", "resource-unavailable retrieve_sip_endpoint "],
  },
  {
    name: "the walk repeats an endpoint across pages",
    mode: "read-only",
    rewrite: repeatAcrossPages,
    findings: ["pagination-inconsistent list_sip_endpoints /data/0/id"],
  },
  {
    name: "pages larger than page_size",
    mode: "read-only",
    rewrite: () => {
      let extra = 0;
      return (req, body, status) => {
        if (!isList(req) || status !== 200 || body.data.length === 0) return undefined;
        const id = `00000000-0000-4000-8000-${String(++extra).padStart(12, "0")}`;
        return { status, body: { ...body, data: [...body.data, { ...body.data[0], id }] } };
      };
    },
    findings: ["pagination-inconsistent list_sip_endpoints /data"],
  },
  {
    name: "deleting an endpoint the run created answers 404",
    mode: "read-write",
    rewrite: () => (req, _body, status) =>
      req.method === "DELETE" && status === 204 ? { status: 404, body: { error: "Not Found" } } : undefined,
    findings: ["status-code-unexpected delete_sip_endpoint "],
  },
  {
    name: "a 404 whose error string is not the one SignalWire's spec pins",
    mode: "read-only",
    rewrite: () => (_req, _body, status) =>
      status === 404 ? { status, body: { error: "Endpoint not found" } } : undefined,
    findings: ["enum-value-unknown retrieve_sip_endpoint /error"],
  },
  ...(
    [
      ['a placeholder for links.next ("string")', () => "string"],
      ["a links.next on another origin", () => "http://127.0.0.2:9/api/relay/rest/endpoints/sip?page_number=1"],
      ["a links.next that answers 404", (url: URL) => `${url.origin}/api/relay/rest/endpoints/sipx${url.search}`],
      [
        "a links.next that is not a string (also a schema finding)",
        () => 42,
        ["field-type-mismatch list_sip_endpoints /links/next"],
      ],
    ] as Array<[string, (url: URL) => unknown, string[]?]>
  ).map(
    ([name, link, also = []]): Row => ({
      name,
      mode: "read-only",
      rewrite: () => (req, body, status) =>
        isList(req) && status === 200 && body.links.next
          ? { status, body: { ...body, links: { ...body.links, next: link(req.url) } } }
          : undefined,
      findings: [...also, "pagination-inconsistent list_sip_endpoints /links/next"].sort(),
    }),
  ),
];

/** Answers as the mock does, with each `links.next` rewritten to a relative, query-only reference. */
const queryOnlyLinks: Rewrite = (req, body, status) =>
  isList(req) && status === 200 && typeof body.links.next === "string"
    ? { status, body: { ...body, links: { ...body.links, next: new URL(body.links.next).search } } }
    : undefined;

describe("drift the mock's profiles do not make", () => {
  it.each(rows)("$name", async ({ mode, rewrite, findings }) => {
    const target = await startEmbeddedMock({ seedCount: 12 });
    const fetchRewriting = rewritingFetch(rewrite());
    try {
      const { report } = await runDrift({
        target,
        send: createDriftSend(target, { ...FAST_SEND, fetch: fetchRewriting }),
        mode,
        pageSize: 5,
      });
      expect(report.findings.map((f) => `${f.check} ${f.operationId} ${f.pointer}`).sort()).toEqual(findings);
      expect(report.outcome).toBe("drift");
    } finally {
      await target.close();
    }
  });
});

/** A 422 without items: SignalWire's spec sets no minimum on `errors`. */
const emptyErrors: Rewrite = (_req, _body, status) => (status === 422 ? { status, body: { errors: [] } } : undefined);

describe("what the spec allows is no drift", () => {
  it.each([
    { name: "relative, query-only links.next, read-only", mode: "read-only" as const, rewrite: queryOnlyLinks },
    { name: "relative, query-only links.next, read-write", mode: "read-write" as const, rewrite: queryOnlyLinks },
    { name: "a 422 with an empty error list", mode: "read-only" as const, rewrite: emptyErrors },
  ])("$name", async ({ mode, rewrite }) => {
    const target = await startEmbeddedMock({ seedCount: 12 });
    const fetchRewriting = rewritingFetch(rewrite);
    try {
      const { report } = await runDrift({
        target,
        send: createDriftSend(target, { ...FAST_SEND, fetch: fetchRewriting }),
        mode,
        pageSize: 5,
      });
      expect(report.findings.map((f) => `${f.check} ${f.operationId} ${f.pointer}`)).toEqual([]);
      expect(report.outcome).toBe("pass");
    } finally {
      await target.close();
    }
  });
});

describe("no evidence, no pass", () => {
  it("a 500 to every retrieve of what the run created (after the retries) makes the run inconclusive, not pass", async () => {
    const target = await startEmbeddedMock({ seedCount: 12 });
    const owned = new Set<string>();
    const fetchRewriting = async (url: string, init: RequestInit): Promise<Response> => {
      const response = await fetch(url, init);
      const text = await response.text();
      if (init.method === "POST" && response.status === 200) owned.add(JSON.parse(text).id);
      const id = /\/endpoints\/sip\/([^/?]+)$/.exec(new URL(url).pathname)?.[1];
      if (init.method === "GET" && id && owned.has(id))
        return new Response(JSON.stringify({ error: "Internal Server Error" }), {
          status: 500,
          headers: { "content-type": "application/json" },
        });
      return new Response(response.status === 204 ? null : text, {
        status: response.status,
        headers: response.headers,
      });
    };
    try {
      const { report } = await runDrift({
        target,
        send: createDriftSend(target, { ...FAST_SEND, fetch: fetchRewriting }),
        mode: "read-write",
        pageSize: 5,
      });
      expect(report.outcome).toBe("inconclusive");
      expect(report.findings).toEqual([]);
      expect(report.reasons.join("\n")).toMatch(
        /retrieve the created endpoints: retrieving created endpoint .* answered 500 after 3 attempts, so nothing could be judged/,
      );
    } finally {
      await target.close();
    }
  });
});
