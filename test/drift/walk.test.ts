/**
 * `walkPages` on its own, against scripted pages: how many pages it read, whether the walk was
 * complete, which page was the last it could judge, and what a link it could not follow files.
 */
import type { DriftExchange } from "../../src/drift/types";
import { walkPages, type PageSeen } from "../../src/drift/walk";
import { sessionAnswering } from "./harness";

const BASE = "https://example.signalwire.com/api/relay/rest";
const LIST = `${BASE}/endpoints/sip`;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

interface Answer {
  status?: number;
  body: unknown;
}

/** A session whose n-th list request gets the n-th answer; it records what was asked. */
function scripted(answers: Answer[]) {
  const followed: boolean[] = [];
  const { session, asked } = sessionAnswering(
    (request): DriftExchange => {
      const answer = answers[asked.length - 1] ?? { status: 500, body: { errors: [] } };
      return {
        operationId: request.operationId,
        method: "GET",
        url: `${LIST}${request.search ?? (request.query ? `?${new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)]))}` : "")}`,
        status: answer.status ?? 200,
        headers: { "content-type": "application/json" },
        bodyText: typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body),
      };
    },
    { onExchange: (seen) => followed.push(seen.followsLink) },
  );
  return { session, asked, followed };
}

const page = (ids: number[], next?: unknown): Answer => ({
  body: { data: ids.map((n) => ({ id: id(n) })), links: next === undefined ? {} : { next } },
});

async function walk(answers: Answer[], maxPages = 10) {
  const { session, asked, followed } = scripted(answers);
  const pages: PageSeen[] = [];
  let result: Awaited<ReturnType<typeof walkPages>> | undefined;
  await session.step("walk", async () => {
    result = await walkPages(
      session,
      { query: { page_size: 2 }, maxPages, baseUrl: BASE, what: "the walk" },
      (seen) => {
        pages.push(seen);
      },
    );
  });
  const pagination = session.findings.findings().filter((f) => f.check === "pagination-inconsistent");
  return { result, pages, asked, followed, step: session.steps[0]!, pagination };
}

describe("walkPages", () => {
  it("follows links.next with its query verbatim until a page has none: complete", async () => {
    const { result, pages, asked, followed } = await walk([
      page([1, 2], "?page=2&x=%20"),
      page([3, 4], `${LIST}?page=3`),
      page([5]),
    ]);
    expect(followed).toEqual([false, true, true]);
    expect(asked).toEqual([
      { operationId: "list_sip_endpoints", query: { page_size: 2 } },
      { operationId: "list_sip_endpoints", search: "?page=2&x=%20" },
      { operationId: "list_sip_endpoints", search: "?page=3" },
    ]);
    expect(pages.map((p) => [p.index, p.ids])).toEqual([
      [0, [id(1), id(2)]],
      [1, [id(3), id(4)]],
      [2, [id(5)]],
    ]);
    expect(pages[2]!.items).toEqual([{ id: id(5) }]);
    expect(result).toEqual({ pages: 3, complete: true, last: pages[2] });
  });

  it.each([
    ["no links at all", { data: [] }],
    ["links that are null", { data: [], links: null }],
    ["links that are text", { data: [], links: "next" }],
    ["a null next", { data: [], links: { next: null } }],
  ])("takes %s as the last page", async (_name, body) => {
    const { result, asked } = await walk([{ body }]);
    expect(asked).toHaveLength(1);
    expect(result).toMatchObject({ pages: 1, complete: true });
  });

  it("stops at maxPages without saying it saw everything", async () => {
    const { result, pages, asked } = await walk([page([1, 2], "?page=2"), page([3, 4], "?page=3"), page([5])], 2);
    expect(asked).toHaveLength(2);
    expect(result).toEqual({ pages: 2, complete: false, last: pages[1] });
  });

  it("ends at a body that is no list, the page before it the last judged", async () => {
    const { result, pages } = await walk([page([1, 2], "?page=2"), { body: { oops: true } }]);
    expect(pages).toHaveLength(1);
    expect(result).toEqual({ pages: 2, complete: false, last: pages[0] });
  });

  it("files a link to another place on the page that carried it, and ends there", async () => {
    const { result, pages, asked, pagination } = await walk([
      page([1, 2], "?page=2"),
      page([3, 4], "https://elsewhere.example/endpoints/sip?page=3"),
    ]);
    expect(asked).toHaveLength(2);
    expect(result).toEqual({ pages: 2, complete: false, last: pages[1] });
    expect(pagination).toHaveLength(1);
    expect(pagination[0]!.actual).toContain("links.next leads to https://elsewhere.example/endpoints/sip");
  });

  it("files a followed link that answers 404 on the page that carried it", async () => {
    const { result, pages, step, pagination } = await walk([
      page([1, 2], "?page=2"),
      { status: 404, body: { errors: [] } },
    ]);
    expect(result).toEqual({ pages: 1, complete: false, last: pages[0] });
    expect(step.result).toBe("failed");
    expect(pagination).toHaveLength(1);
    expect(pagination[0]!.actual).toContain(`links.next ${LIST}?page=2 answered 404`);
  });

  it("leaves a 404 on the first page to the step: incomplete, nothing filed about links", async () => {
    const { result, step, pagination } = await walk([{ status: 404, body: { errors: [] } }]);
    expect(result).toBeUndefined();
    expect(step).toMatchObject({ result: "incomplete", note: "the walk, page 1: list_sip_endpoints answered 404" });
    expect(pagination).toEqual([]);
  });

  it("names the page whose answer was no JSON", async () => {
    const { step } = await walk([page([1, 2], "?page=2"), { body: "<html>" }]);
    expect(step).toMatchObject({
      result: "incomplete",
      note: "the walk, page 2: the 200 body of list_sip_endpoints is not JSON",
    });
  });
});
