/**
 * Every fault profile, one row each: the exact drift it produces, and that the checks its profile
 * names (and only those) find it. A second table shows that the operations a profile does not
 * name stay honest.
 */
import { checkResponse, runScenarioCheck, SCENARIO_CHECKS, type Finding, type HttpExchange } from "../../src/checks";
import {
  FAULT_NAMES,
  FAULT_PROFILES,
  startMockServer,
  type FaultName,
  type FaultOptions,
  type MockServer,
} from "../../src/mock";
import type { OperationId } from "../../src/spec";
import { mockClient, newEndpointRequest, type MockClient, type Reply } from "../support/mock";

interface Context {
  mock: MockServer;
  client: MockClient;
  /** The first seeded endpoint's id. */
  id: string;
  /** The exchange of the most recent call. */
  last(): HttpExchange;
}

interface Row {
  fault: FaultName;
  faultOptions?: FaultOptions;
  /** Exercises the fault, asserts what it did, and returns what the catalogue found. */
  run(context: Context): Promise<Finding[]>;
}

const retrieve = (c: Context) => c.client.call("GET", `/endpoints/sip/${c.id}`);
const checked = (c: Context) => checkResponse(c.last());

/** A row for the profiles that rewrite one key of every endpoint object. */
function endpointRow(fault: FaultName, assertEndpoint: (endpoint: Record<string, unknown>) => void): Row {
  return {
    fault,
    run: async (c) => {
      const list = await c.client.call("GET", "/endpoints/sip");
      list.json.data.forEach(assertEndpoint);
      const listFindings = checked(c);
      const one = await retrieve(c);
      assertEndpoint(one.json);
      return [...listFindings, ...checked(c)];
    },
  };
}

const rows: Row[] = [
  endpointRow("extra-field", (e) => expect(e.created_at).toEqual(expect.any(String))),
  endpointRow("password-returned", (e) => expect(e.password).toBe(`leaked-${e.id}`)),
  endpointRow("missing-field", (e) => expect(e).not.toHaveProperty("caller_id")),
  endpointRow("wrong-type", (e) => expect(e.codecs).toEqual(expect.any(String))),
  endpointRow("null-not-allowed", (e) => expect(e.send_as).toBeNull()),
  endpointRow("unknown-enum", (e) => expect(e.call_handler).toBe("default")),
  {
    fault: "bad-format",
    run: async (c) => {
      const list = await c.client.call("GET", "/endpoints/sip");
      const compact = list.json.data[0].id as string;
      expect(compact).toMatch(/^[0-9a-f]{32}$/);
      const findings = checked(c);
      // The id the client was given works for the next request.
      expect((await c.client.call("GET", `/endpoints/sip/${compact}`)).json.id).toBe(compact);
      return findings;
    },
  },
  {
    fault: "undocumented-status",
    run: async (c) => {
      const reply = await retrieve(c);
      expect(reply).toMatchObject({ status: 418, json: { error: expect.any(String) } });
      return checked(c);
    },
  },
  {
    fault: "wrong-content-type",
    run: async (c) => {
      const reply = await retrieve(c);
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
      expect(reply.json.id).toBe(c.id);
      const findings = checked(c);
      // An answer without a body gets no label at all.
      const deleted = await c.client.call("DELETE", `/endpoints/sip/${c.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.headers["content-type"]).toBeUndefined();
      return findings;
    },
  },
  {
    fault: "html-error",
    run: async (c) => {
      const reply = await retrieve(c);
      expect(reply.status).toBe(500);
      expect(reply.headers["content-type"]).toMatch(/^text\/html/);
      expect(reply.text).toMatch(/^<!DOCTYPE html>/);
      return checked(c);
    },
  },
  {
    fault: "truncated-json",
    run: async (c) => {
      const reply = await retrieve(c);
      expect(reply.status).toBe(200);
      expect(reply.json).toBeUndefined();
      expect(reply.headers["content-length"]).toBe(String(Buffer.byteLength(reply.text)));
      expect(JSON.stringify(c.mock.endpoints().find((e) => e.id === c.id))).toContain(reply.text);
      return checked(c);
    },
  },
  {
    fault: "slow",
    run: async (c) => {
      // The default delay (a minute) is far beyond this client's patience; no answer can come in time.
      const timedOut = fetch(`${c.mock.url}/endpoints/sip/${c.id}`, { signal: AbortSignal.timeout(200) });
      await expect(timedOut).rejects.toThrow();
      expect((await c.client.call("GET", "/endpoints/sip")).status).toBe(200);
      return checked(c);
    },
  },
  {
    fault: "rate-limit",
    faultOptions: { count: 2, retryAfterSeconds: 7 },
    run: async (c) => {
      const limited = [
        await c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("limited") }),
        await retrieve(c),
      ];
      for (const reply of limited)
        expect(reply).toMatchObject({
          status: 429,
          headers: { "retry-after": "7" },
          json: { error: "Too Many Requests" },
        });
      const findings = checked(c);
      expect(c.mock.endpoints().some((e) => e.username === "limited")).toBe(false);
      expect((await c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("limited") })).status).toBe(200);
      expect((await retrieve(c)).status).toBe(200);
      return findings;
    },
  },
  {
    fault: "retry-after-missing",
    faultOptions: { count: 2 },
    run: async (c) => {
      const limited = [
        await c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("limited") }),
        await retrieve(c),
      ];
      for (const reply of limited) expect(reply).toMatchObject({ status: 429, json: { error: "Too Many Requests" } });
      for (const reply of limited) expect(reply.headers).not.toHaveProperty("retry-after");
      const findings = checked(c);
      expect(c.mock.endpoints().some((e) => e.username === "limited")).toBe(false);
      expect((await retrieve(c)).status).toBe(200);
      return findings;
    },
  },
  {
    fault: "flaky-500",
    faultOptions: { failEvery: 2 },
    run: async (c) => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.client.call("GET", "/endpoints/sip")).status);
      expect(statuses).toEqual([500, 200, 500, 200]);
      const findings = checked(c);
      expect((await c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("steady") })).status).toBe(200);
      // A client that retries a failed read once always gets through.
      for (let i = 0; i < 3; i++) {
        let reply: Reply = await retrieve(c);
        if (reply.status === 500) reply = await retrieve(c);
        expect(reply.status).toBe(200);
      }
      return findings;
    },
  },
  {
    fault: "auth-ignored",
    run: async (c) => {
      expect((await c.client.call("GET", "/endpoints/sip", { authorization: null })).status).toBe(200);
      const findings = runScenarioCheck(SCENARIO_CHECKS.authNotEnforced, { exchange: c.last(), credentials: "none" });
      expect(
        (await c.client.call("DELETE", `/endpoints/sip/${c.id}`, { authorization: "Basic d3Jvbmc6d3Jvbmc=" })).status,
      ).toBe(204);
      return findings;
    },
  },
  {
    fault: "accepts-invalid",
    run: async (c) => {
      const reply = await c.client.call("POST", "/endpoints/sip", {
        body: { username: "has space", encryption: "never" },
      });
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({ username: "has space", encryption: "never" });
      const findings = runScenarioCheck(SCENARIO_CHECKS.invalidInputAccepted, {
        exchange: c.last(),
        pointer: "/username",
        rule: "must match the username pattern",
      });
      expect((await c.client.call("GET", "/endpoints/sip?page_size=5000")).status).toBe(200);
      // Store rules still hold.
      expect((await c.client.call("POST", "/endpoints/sip", { body: { username: "has space" } })).status).toBe(422);
      return findings;
    },
  },
  {
    fault: "still-there-after-delete",
    run: async (c) => {
      expect((await c.client.call("DELETE", `/endpoints/sip/${c.id}`)).status).toBe(204);
      expect((await retrieve(c)).status).toBe(200);
      const findings = runScenarioCheck(SCENARIO_CHECKS.resourceStillAvailable, {
        exchange: c.last(),
        deletedId: c.id,
      });
      expect((await c.client.call("DELETE", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11")).status).toBe(404);
      expect((await c.client.call("DELETE", `/endpoints/sip/${c.id}`, { authorization: null })).status).toBe(401);
      return findings;
    },
  },
  {
    fault: "broken-pagination",
    run: async (c) => {
      const reply = await c.client.call("GET", "/endpoints/sip?page_size=2");
      expect(reply.json.data).toHaveLength(2);
      expect(reply.json.links).not.toHaveProperty("next");
      expect(c.mock.endpoints().length).toBeGreaterThan(2);
      return runScenarioCheck(SCENARIO_CHECKS.paginationInconsistent, {
        kind: "end",
        exchange: c.last(),
        walked: 2,
        probeSize: 1000,
        probeCount: c.mock.endpoints().length,
      });
    },
  },
  {
    fault: "found-unknown-id",
    run: async (c) => {
      const reply = await c.client.call("GET", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11");
      expect(reply.status).toBe(200);
      expect(reply.json.id).toBe(c.mock.endpoints()[0]!.id);
      const findings = runScenarioCheck(SCENARIO_CHECKS.statusCodeUnexpected, {
        exchange: c.last(),
        expected: [404],
        situation: "retrieving an id nobody created",
      });
      expect((await retrieve(c)).json.id).toBe(c.id);
      // Only retrieve is affected: other operations on an unknown id still answer 404.
      expect((await c.client.call("DELETE", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11")).status).toBe(404);
      return findings;
    },
  },
  {
    fault: "wrong-id",
    run: async (c) => {
      const reply = await retrieve(c);
      expect(reply.status).toBe(200);
      expect(reply.json.id).not.toBe(c.id);
      return runScenarioCheck(SCENARIO_CHECKS.resourceMismatch, {
        exchange: c.last(),
        body: reply.json,
        expectedId: c.id,
      });
    },
  },
  {
    fault: "ignores-updates",
    run: async (c) => {
      const before = (await retrieve(c)).json;
      const reply = await c.client.call("PUT", `/endpoints/sip/${c.id}`, { body: { caller_id: "Changed" } });
      expect(reply.status).toBe(200);
      const findings = runScenarioCheck(SCENARIO_CHECKS.updateNotApplied, {
        exchange: c.last(),
        body: reply.json,
        sent: { caller_id: "Changed" },
        before,
      });
      expect((await retrieve(c)).json.caller_id).toBe(before.caller_id);
      const invalid = await c.client.call("PUT", `/endpoints/sip/${c.id}`, { body: { encryption: "never" } });
      expect(invalid.status).toBe(200);
      return [
        ...findings,
        ...runScenarioCheck(SCENARIO_CHECKS.invalidInputAccepted, {
          exchange: c.last(),
          pointer: "/encryption",
          rule: "must be one of the documented values",
        }),
      ];
    },
  },
  {
    fault: "ignores-filters",
    run: async (c) => {
      const reply = await c.client.call("GET", "/endpoints/sip?filter_username=no-such-user");
      expect(reply.json.data).toHaveLength(3);
      const items = reply.json.data.map((e: { id: string; username: string }) => ({ id: e.id, value: e.username }));
      return runScenarioCheck(SCENARIO_CHECKS.filterNotApplied, {
        exchange: c.last(),
        field: "username",
        filter: "no-such-user",
        items,
        complete: true,
      });
    },
  },
  {
    fault: "created-201",
    run: async (c) => {
      expect((await c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("older-docs") })).status).toBe(
        201,
      );
      return checked(c);
    },
  },
];

async function withFaultyMock<T>(
  fault: FaultName,
  faultOptions: FaultOptions | undefined,
  body: (c: Context) => Promise<T>,
): Promise<T> {
  const mock = await startMockServer({
    env: {},
    seedCount: 3,
    seed: fault,
    fault,
    ...(faultOptions ? { faultOptions } : {}),
  });
  const client = mockClient(mock, { checkSpec: false });
  try {
    return await body({
      mock,
      client,
      id: mock.endpoints()[0]!.id,
      last: () => client.exchanges[client.exchanges.length - 1]!,
    });
  } finally {
    await mock.close();
  }
}

test("the table has one row for every profile", () => {
  expect(rows.map((r) => r.fault).sort()).toEqual([...FAULT_NAMES].sort());
  expect(FAULT_NAMES.length).toBeGreaterThanOrEqual(17);
});

test.each(rows)("$fault drifts as described, and exactly its checks find it", async ({ fault, faultOptions, run }) => {
  const findings = await withFaultyMock(fault, faultOptions, run);
  expect([...new Set(findings.map((f) => f.check))].sort()).toEqual([...FAULT_PROFILES[fault].checks].sort());
});

/** One honest-looking request per operation, for the operations a profile leaves alone. */
const probes: Record<OperationId, (c: Context) => Promise<Reply>> = {
  list_sip_endpoints: (c) => c.client.call("GET", "/endpoints/sip?page_size=2"),
  create_sip_endpoint: (c) => c.client.call("POST", "/endpoints/sip", { body: newEndpointRequest("probe") }),
  retrieve_sip_endpoint: retrieve,
  update_sip_endpoint: (c) => c.client.call("PUT", `/endpoints/sip/${c.id}`, { body: { caller_id: "probe" } }),
  delete_sip_endpoint: (c) => c.client.call("DELETE", `/endpoints/sip/${c.mock.endpoints()[1]!.id}`),
};

const untouched = FAULT_NAMES.flatMap((fault) =>
  (Object.keys(probes) as OperationId[])
    .filter((op) => !FAULT_PROFILES[fault].operations.includes(op))
    .map((operationId) => ({ fault, operationId })),
);

test.each(untouched)("$fault leaves $operationId honest", async ({ fault, operationId }) => {
  await withFaultyMock(fault, undefined, async (c) => {
    const reply = await probes[operationId](c);
    expect(reply.status).toBeLessThan(300);
    expect(checkResponse(c.last())).toEqual([]);
  });
});

test("the description of every profile is a sentence, and its operations are real", () => {
  for (const name of FAULT_NAMES) {
    expect(FAULT_PROFILES[name].description).toMatch(/^[A-Z].+\.$/);
    expect(FAULT_PROFILES[name].operations.length).toBeGreaterThan(0);
  }
});

test("closing a mock does not wait for a slow answer", async () => {
  const mock = await startMockServer({ env: {}, seedCount: 1, fault: "slow" });
  const outcome = fetch(`${mock.url}/endpoints/sip/${mock.endpoints()[0]!.id}`).then(
    () => "answered",
    () => "connection closed",
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await mock.close();
  expect(await outcome).toBe("connection closed");
});
