/**
 * `runCleanup` (`--cleanup`) against scripted answers: what it deletes, what it reports as left,
 * and why a cleanup that could not finish is inconclusive, never a pass.
 */
import { EXIT_CODES, runCleanup, type CleanupResult } from "../../src/drift";
import type { DriftExchange, DriftRequest } from "../../src/drift/types";
import { removeLeftovers } from "../../src/drift/scenarios/cleanup";
import { sessionAnswering } from "./harness";

const BASE = "https://example.signalwire.com/api/relay/rest";
const TOKEN = "canary-t0ken-8d1f";
const target = { kind: "live" as const, baseUrl: BASE, credentials: { projectId: "project-1", apiToken: TOKEN } };

const ITEMS = [
  { id: "leftover-1", username: "drift-a1b2c3d4-create" },
  { id: "leftover-2", username: "drift-mj0k7x2f9c-update" },
  // Not leftovers: foreign usernames, a run id too short for one, and items that cannot be deleted by id.
  { id: "foreign-1", username: "alice" },
  { id: "foreign-2", username: "drift-bob" },
  { id: "foreign-3", username: "drift-abc-x" },
  { id: 7, username: "drift-a1b2c3d4-number-id" },
  { id: "no-username" },
  null,
];

function exchange(request: DriftRequest, status: number, body: unknown): DriftExchange {
  const method = request.operationId === "delete_sip_endpoint" ? "DELETE" : "GET";
  const url = request.params
    ? `${BASE}/endpoints/sip/${request.params.id}`
    : `${BASE}/endpoints/sip?filter_username=drift-`;
  return {
    operationId: request.operationId,
    method,
    url,
    status,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    bodyText: body === undefined ? "" : JSON.stringify(body),
  };
}

/** A send that lists `ITEMS` on one page (or answers `list`) and deletes with `deletes[id]` (204 when unnamed). */
function scripted(
  options: { list?: (request: DriftRequest) => DriftExchange; deletes?: Record<string, number | Error> } = {},
) {
  const deleted: string[] = [];
  const send = async (request: DriftRequest): Promise<DriftExchange> => {
    if (request.operationId !== "delete_sip_endpoint") {
      return options.list
        ? options.list(request)
        : exchange(request, 200, {
            data: ITEMS,
            links: { self: `${BASE}/endpoints/sip?page_number=0`, first: `${BASE}/endpoints/sip?page_number=0` },
          });
    }
    const id = request.params!.id;
    const answer = options.deletes?.[id] ?? 204;
    if (answer instanceof Error) throw answer;
    if (answer === 204) deleted.push(id);
    return exchange(request, answer, answer === 204 ? undefined : { error: "refused" });
  };
  return { send, deleted };
}

it("deletes exactly the leftovers of earlier runs and passes", async () => {
  const { send, deleted } = scripted();
  expect(await runCleanup({ target, send })).toEqual<CleanupResult>({
    outcome: "pass",
    exitCode: EXIT_CODES.pass,
    baseUrl: BASE,
    requests: 3,
    found: 2,
    deleted: 2,
    remaining: [],
    reasons: [],
  });
  expect(deleted).toEqual(["leftover-1", "leftover-2"]);
});

it("counts a leftover already gone (404) as deleted, and reports the ones a delete did not remove", async () => {
  const { send } = scripted({ deletes: { "leftover-1": 404, "leftover-2": 403 } });
  expect(await runCleanup({ target, send })).toEqual<CleanupResult>({
    outcome: "inconclusive",
    exitCode: EXIT_CODES.inconclusive,
    baseUrl: BASE,
    requests: 3,
    found: 2,
    deleted: 1,
    remaining: [{ id: "leftover-2", username: "drift-mj0k7x2f9c-update" }],
    reasons: ["1 leftover(s) could not be deleted"],
  });
});

it("goes on after a delete that got no answer", async () => {
  const { send, deleted } = scripted({ deletes: { "leftover-1": new Error("socket hang up") } });
  const result = await runCleanup({ target, send });
  expect(deleted).toEqual(["leftover-2"]);
  expect(result).toMatchObject({
    outcome: "inconclusive",
    found: 2,
    deleted: 1,
    remaining: [{ id: "leftover-1", username: "drift-a1b2c3d4-create" }],
    reasons: ["1 leftover(s) could not be deleted"],
  });
});

it("is inconclusive, with the step's reason, when the list cannot be read", async () => {
  const { send } = scripted({ list: (request) => exchange(request, 503, { errors: [] }) });
  const result = await runCleanup({ target, send });
  expect(result).toMatchObject({
    outcome: "inconclusive",
    exitCode: EXIT_CODES.inconclusive,
    requests: 1,
    found: 0,
    deleted: 0,
    remaining: [],
  });
  expect(result.reasons).toEqual([expect.stringMatching(/^find leftovers of earlier runs: .*503/)]);
});

it("gives the reason a run stopped once, and secrets in it are scrubbed", async () => {
  const refused = scripted({ list: (request) => exchange(request, 401, { error: "Unauthorized" }) });
  const stopped = await runCleanup({ target, send: refused.send });
  expect(stopped).toMatchObject({ outcome: "inconclusive", requests: 1, found: 0, deleted: 0 });
  // The stop's reason alone: the step it stopped in does not repeat it under its name.
  expect(stopped.reasons).toEqual(["the target refused the given credentials (401 on list_sip_endpoints)"]);

  const unreachable = scripted({
    list: () => {
      throw new Error(`connect ECONNREFUSED while sending ${TOKEN}`);
    },
  });
  const cut = await runCleanup({ target, send: unreachable.send });
  expect(cut).toMatchObject({ outcome: "inconclusive", found: 0 });
  expect(cut.reasons).toHaveLength(1);
  expect(JSON.stringify(cut)).not.toContain(TOKEN);
});

test("a bug met while deleting a leftover is thrown, not counted as a leftover the target kept", async () => {
  const { session } = sessionAnswering(
    (request) =>
      exchange(
        request,
        request.operationId === "delete_sip_endpoint" ? 204 : 200,
        request.operationId === "delete_sip_endpoint" ? undefined : { data: ITEMS, links: { self: BASE, first: BASE } },
      ),
    {
      onExchange: ({ exchange: seen }) => {
        if (seen.operationId === "delete_sip_endpoint") throw new TypeError("a bug in the recorder");
      },
    },
  );
  await expect(removeLeftovers(session, { baseUrl: BASE, maxPages: 5 })).rejects.toThrow(
    new TypeError("a bug in the recorder"),
  );
});
