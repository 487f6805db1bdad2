/**
 * Stand-in servers that behave like SignalWire's API except for one thing each (none of them a
 * fault profile of the mock), each with a twin that differs only in being correct. The drift job
 * must find the one thing, and pass the twin.
 */
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { planIssues } from "../../src/drift/issues";
import { kindsWithoutReference, referenceFields } from "../../src/drift/fixtures";
import { createDriftSend, runDrift, startEmbeddedMock, type DriftMode, type DriftReport } from "../../src/drift";
import {
  isCreate,
  isList,
  isRetrieve,
  isUpdate,
  rewritingFetch,
  startStandIn,
  type Rewrite,
  type StandIn,
} from "../support/stand-in";
import { basicAuthHeader } from "../../src/redact";
import { FAST_SEND, readAll, runCliInProcess, tempDir } from "./harness";

/** Every SIP endpoint object of a successful answer (one object, or a page's items), changed by `fn`. */
const everyEndpoint =
  (fn: (endpoint: Record<string, unknown>) => Record<string, unknown>): Rewrite =>
  (_req, body, status) => {
    if (status !== 200 || body === null || typeof body !== "object") return undefined;
    if (Array.isArray(body.data)) return { status, body: { ...body, data: body.data.map(fn) } };
    return body.type === "sip_endpoint" ? { status, body: fn(body) } : undefined;
  };

/** Runs the command line against a stand-in; returns the report and every text the run left. */
async function runAgainst(rewrite: Rewrite, args: string[], prepare?: (standIn: StandIn) => Promise<void>) {
  const standIn = await startStandIn(rewrite);
  const out = tempDir("stand-in");
  try {
    await prepare?.(standIn);
    const env = {
      SIGNALWIRE_BASE_URL: standIn.baseUrl,
      SIGNALWIRE_PROJECT_ID: standIn.mock.credentials.projectId,
      SIGNALWIRE_API_TOKEN: standIn.mock.credentials.apiToken,
    };
    const run = await runCliInProcess(["--target", "live", "--out", out.path, ...args], env);
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")) as DriftReport;
    const texts = [...readAll(out.path), { file: "stdout", text: run.stdout }, { file: "stderr", text: run.stderr }];
    return { run, report, texts };
  } finally {
    out.remove();
    await standIn.close();
  }
}

const keys = (report: DriftReport) =>
  [
    ...new Set(
      report.findings.map((f) => `${f.check} ${f.operationId} ${f.pointer.replace(/\/data\/\d+/, "/data/*")}`),
    ),
  ].sort();

describe("a server that reveals passwords", () => {
  // Values the server invents: the run never sent them, so only reading what came back can find them.
  const invented = new Set<string>();
  const revealing = everyEndpoint((endpoint) => {
    const password = `srv-canary-pw-${String(endpoint.id).slice(0, 8)}`;
    const secret = `srv-canary-secret-${String(endpoint.id).slice(0, 8)}`;
    // Too short to scrub by value anywhere, and the same everywhere (a suggestion would list it as
    // an enum): only reading it as a secret field keeps it out.
    const token = "Zzq";
    invented.add(password).add(secret).add(token);
    return { ...endpoint, password, secret, token };
  });

  it("is breaking drift (write-only-returned), and no value it revealed is written anywhere", async () => {
    const { run, report, texts } = await runAgainst(revealing, ["--mode", "read-write", "--suggest-spec"]);
    expect(run.code).toBe(1);
    expect(report.outcome).toBe("drift");
    expect(keys(report).filter((k) => k.startsWith("write-only-returned"))).toEqual([
      "write-only-returned create_sip_endpoint /password",
      "write-only-returned list_sip_endpoints /data/*/password",
      "write-only-returned retrieve_sip_endpoint /password",
      "write-only-returned update_sip_endpoint /password",
    ]);
    expect(report.findings.find((f) => f.check === "write-only-returned")!.severity).toBe("breaking");
    // The secret-named key is still an undocumented field; its suggestion holds no value of it.
    expect(keys(report)).toEqual(
      expect.arrayContaining([
        "field-undocumented retrieve_sip_endpoint /secret",
        "field-undocumented retrieve_sip_endpoint /token",
      ]),
    );
    expect(invented.size).toBeGreaterThan(10);
    const plan = planIssues(report, [], "https://ci.example/run/1");
    const all = [
      ...texts,
      ...plan.open.map((issue) => ({ file: `issue ${issue.title}`, text: `${issue.title}\n${issue.body}` })),
    ];
    expect(all.map((t) => t.file)).toEqual(
      expect.arrayContaining([
        "stdout",
        "stderr",
        expect.stringMatching(/exchanges\.har$/),
        expect.stringMatching(/openapi\.suggested\.yaml$/),
      ]),
    );
    for (const { file, text } of all)
      for (const value of invented)
        if (text.includes(value)) throw new Error(`${file} holds a value the server revealed (${value})`);
  });

  it("its twin, which reveals nothing, passes", async () => {
    const { run, report } = await runAgainst(
      everyEndpoint((endpoint) => ({ ...endpoint })),
      ["--mode", "read-write"],
    );
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe("pass");
    expect(run.code).toBe(0);
  });
});

interface Pair {
  name: string;
  mode: DriftMode;
  /** The server that differs in one thing (a fresh one per run: some remember what they did). */
  broken: () => Rewrite;
  /** Its twin, which differs from it only in being correct. */
  twin: () => Rewrite;
  /** `check operationId pointer` of the findings the broken one must give (items' indices as *). */
  findings: string[];
  /** More to say about the broken server's run. */
  also?: (report: DriftReport) => void;
}

/** An update that resets what it was not sent (here the handler), and remembers doing so for later retrieves. */
function resettingUpdates(reset: boolean): Rewrite {
  const updated = new Set<string>();
  return (req, body, status) => {
    if (status !== 200 || !(isUpdate(req) || isRetrieve(req)) || body?.type !== "sip_endpoint") return undefined;
    if (isUpdate(req)) updated.add(body.id);
    return updated.has(body.id) ? { status, body: reset ? { ...body, call_handler: null } : { ...body } } : undefined;
  };
}

/** Filtered lists that keep only the items `keep` accepts for the filter sent (the mock's own filter is "contains"). */
function filtering(keep: (value: string, filter: string) => boolean): Rewrite {
  return (req, body, status) => {
    const entry = [...req.url.searchParams].find(([name]) => name === "filter_username" || name === "filter_caller_id");
    if (!isList(req) || status !== 200 || !entry) return undefined;
    const [name, filter] = entry;
    const field = name.slice("filter_".length);
    return {
      status,
      body: {
        ...body,
        data: body.data.filter(
          (item: Record<string, unknown>) => typeof item[field] === "string" && keep(item[field] as string, filter),
        ),
      },
    };
  };
}

const UNAUTHORIZED_AS =
  (status: number, body: unknown): Rewrite =>
  (_req, _body, answered) =>
    answered === 401 ? { status, body } : undefined;
/** SignalWire's 422 item, as every one of its examples shows it. */
const REFUSAL = {
  errors: [{ detail: "Call relay topic is invalid", status: "422", title: "Invalid Attribute", code: "422" }],
};
const refusingCreates =
  (handler: string): Rewrite =>
  (req, _body, status) =>
    isCreate(req) && status === 200 && req.body?.call_handler === handler ? { status: 422, body: REFUSAL } : undefined;
const same: () => Rewrite = () => () => undefined;

/** The first answer is a 429 with this Retry-After (the client tries again); every later one is the mock's. */
function rateLimitedOnce(retryAfter: string): Rewrite {
  let limited = false;
  return () => {
    if (limited) return undefined;
    limited = true;
    return { status: 429, body: { error: "Too Many Requests" }, headers: { "retry-after": retryAfter } };
  };
}

const pairs: Pair[] = [
  {
    name: "a 429 whose Retry-After is neither seconds nor an HTTP date (absorbed by the client's retry)",
    mode: "read-only",
    broken: () => rateLimitedOnce("in a minute"),
    twin: () => rateLimitedOnce("0"),
    findings: ["header-invalid list_sip_endpoints "],
    also: (report) => expect(report.summary.retries).toBe(1),
  },
  {
    name: "an update that resets a field it was not sent",
    mode: "read-write",
    broken: () => resettingUpdates(true),
    twin: () => resettingUpdates(false),
    findings: [
      "update-side-effect retrieve_sip_endpoint /call_handler",
      "update-side-effect update_sip_endpoint /call_handler",
    ],
  },
  {
    name: "filters that match only the start of a value",
    mode: "read-only",
    broken: () => filtering((value, filter) => value.toLowerCase().startsWith(filter.toLowerCase())),
    twin: () => filtering((value, filter) => value.toLowerCase().includes(filter.toLowerCase())),
    findings: ["filter-not-applied list_sip_endpoints /data"],
  },
  {
    name: "filters that match only the whole value",
    mode: "read-only",
    broken: () => filtering((value, filter) => value === filter),
    twin: () => filtering((value, filter) => value.includes(filter)),
    findings: ["filter-not-applied list_sip_endpoints /data"],
  },
  {
    name: "a request without or with wrong credentials answered 404 instead of 401",
    mode: "read-only",
    broken: () => UNAUTHORIZED_AS(404, { error: "Not Found" }),
    twin: () => UNAUTHORIZED_AS(401, { error: "Unauthorized" }),
    // 404 is documented for a retrieve (not for this situation), and not at all for the list.
    findings: ["status-code-undocumented list_sip_endpoints ", "status-code-unexpected retrieve_sip_endpoint "],
  },
  {
    name: "a first page whose data list was renamed (still SIP endpoints inside)",
    mode: "read-only",
    broken: () => (req, body, status) =>
      isList(req) && status === 200 ? { status, body: { items: body.data, links: body.links } } : undefined,
    twin: () => (req, body, status) =>
      isList(req) && status === 200 ? { status, body: { data: body.data, links: body.links } } : undefined,
    findings: ["field-missing list_sip_endpoints /data", "field-undocumented list_sip_endpoints /items"],
    also: (report) => expect(report.reasons.join("\n")).not.toContain("does not look like the SIP endpoint API"),
  },
  {
    name: "a walk whose next page is refused (422 for the server's own page token)",
    mode: "read-only",
    broken: () => (req, _body, status) =>
      isList(req) && status === 200 && req.url.searchParams.has("page_token")
        ? {
            status: 422,
            body: {
              errors: [{ detail: "Page token is invalid", status: "422", title: "Invalid Attribute", code: "422" }],
            },
          }
        : undefined,
    twin: same,
    findings: ["status-code-unexpected list_sip_endpoints "],
    also: (report) => expect(report.reasons.join("\n")).toContain("the walk, page 2: list_sip_endpoints answered 422"),
  },
  {
    name: "422 items without their detail (the twin answers SignalWire's own item shape)",
    mode: "read-only",
    broken: () => (_req, body, status) =>
      status === 422
        ? { status, body: { errors: body.errors.map(({ detail: _gone, ...item }: Record<string, unknown>) => item) } }
        : undefined,
    twin: () => (_req, _body, status) =>
      status === 422
        ? {
            status,
            body: {
              errors: [
                {
                  detail: "Page size must be less than or equal to 1000",
                  status: "422",
                  title: "Invalid Attribute",
                  code: "422",
                },
              ],
            },
          }
        : undefined,
    findings: ["field-missing list_sip_endpoints /errors/0/detail"],
  },
  {
    name: "a create refused for one handler kind",
    mode: "read-write",
    broken: () => refusingCreates("relay_topic"),
    twin: same,
    findings: ["status-code-unexpected create_sip_endpoint "],
    also: (report) => {
      const creates = report.steps.filter((s) => s.name.startsWith("create one endpoint (handler "));
      expect(creates.filter((s) => s.result !== "passed").map((s) => s.name)).toEqual([
        "create one endpoint (handler relay_topic)",
      ]);
      expect(creates.length).toBeGreaterThan(2);
      // Every other kind was created, followed through and removed (the stand-in stored the refused one too: cleanup found it by its prefix).
      expect(report.cleanup).toEqual({ created: creates.length, deleted: creates.length, leftovers: [] });
      for (const step of [
        "update the created endpoints",
        "retrieve the created endpoints",
        "delete the created endpoints",
      ])
        expect(report.steps.find((s) => s.name === step)?.result).toBe("passed");
    },
  },
];

async function runEngineAgainst(rewrite: Rewrite, mode: DriftMode) {
  const target = await startEmbeddedMock({ seedCount: 12 });
  try {
    return (
      await runDrift({
        target,
        send: createDriftSend(target, { ...FAST_SEND, fetch: rewritingFetch(rewrite) }),
        mode,
        pageSize: 5,
      })
    ).report;
  } finally {
    await target.close();
  }
}

describe.each(pairs)("$name", ({ mode, broken, twin, findings, also }) => {
  it("is found, with the right check and pointer", async () => {
    const report = await runEngineAgainst(broken(), mode);
    expect(keys(report)).toEqual(findings);
    expect(report.outcome).toBe("drift");
    also?.(report);
  });

  it("its correct twin passes", async () => {
    const report = await runEngineAgainst(twin(), mode);
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe("pass");
  });
});

describe("a Space that refuses references to resources it does not have (read-write, live)", () => {
  const KNOWN_ROOM = "0b5e8f0e-7c1a-4d5e-9f3a-2c4b6d8e0f12";
  const references = [...referenceFields().keys()];
  /** 422 for any reference but the one room it has, as a real Space may answer; `strict` false: its twin, which checks none. */
  const checkingReferences =
    (strict: boolean): Rewrite =>
    (req, _body, status) => {
      if (!strict || !isCreate(req) || status !== 200) return undefined;
      const unknown = references.find(
        (field) => typeof req.body?.[field] === "string" && req.body[field] !== KNOWN_ROOM,
      );
      const words = unknown?.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
      return unknown
        ? {
            status: 422,
            body: {
              errors: [{ detail: `${words} does not exist`, status: "422", title: "Invalid Attribute", code: "422" }],
            },
          }
        : undefined;
    };
  const kinds = kindsWithoutReference({ given: {}, seen: new Map(), invent: false });

  it("creates no endpoint of a kind whose reference it knows none of, passes, and says which kinds it left out", async () => {
    expect(kinds.map((k) => k.handler).sort()).toEqual([
      "ai_agent",
      "call_flow",
      "dialogflow",
      "laml_application",
      "video_room",
    ]);
    const { run, report } = await runAgainst(checkingReferences(true), ["--mode", "read-write"]);
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe("pass");
    const skipped = report.steps.filter((s) => s.result === "skipped");
    expect(skipped.map((s) => s.name).sort()).toEqual(
      kinds.map((k) => `create one endpoint (handler ${k.handler})`).sort(),
    );
    expect(skipped.find((s) => s.name.endsWith("(handler video_room)"))!.note).toBe(
      "the run knows no video room of the Space to name in call_video_room_id: give one with --fixture call_video_room_id=<id> (or have an endpoint of the Space use one)",
    );
    expect(run.stdout).toContain(
      "- skipped create one endpoint (handler call_flow): the run knows no call flow of the Space to name in call_flow_id",
    );
  });

  it("names a resource one of the Space's own endpoints names, without being given it", async () => {
    const theirs = async ({ mock }: StandIn) => {
      const response = await fetch(`${mock.url}/endpoints/sip`, {
        method: "POST",
        headers: {
          authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken),
          "content-type": "application/json",
        },
        body: JSON.stringify({
          username: "meeting-room",
          password: "their-password",
          call_handler: "video_room",
          call_video_room_id: KNOWN_ROOM,
        }),
      });
      expect(response.status).toBe(200);
    };
    const { report } = await runAgainst(checkingReferences(true), ["--mode", "read-write"], theirs);
    expect(report.outcome).toBe("pass");
    expect(report.steps.find((s) => s.name === "create one endpoint (handler video_room)")!.result).toBe("passed");
  });

  it("creates the kind whose reference it is given, when the Space has it", async () => {
    const { report } = await runAgainst(checkingReferences(true), [
      "--mode",
      "read-write",
      "--fixture",
      `call_video_room_id=${KNOWN_ROOM}`,
    ]);
    expect(report.outcome).toBe("pass");
    expect(report.steps.find((s) => s.name === "create one endpoint (handler video_room)")!.result).toBe("passed");
    expect(report.steps.filter((s) => s.result === "skipped")).toHaveLength(kinds.length - 1);
  });

  it("a reference the Space refuses is inconclusive, never drift, and the reason names it", async () => {
    const unknownRoom = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    const { run, report } = await runAgainst(checkingReferences(true), [
      "--mode",
      "read-write",
      "--fixture",
      `call_video_room_id=${unknownRoom}`,
    ]);
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe("inconclusive");
    expect(run.code).toBe(2);
    expect(report.reasons).toContain(
      `create one endpoint (handler video_room): the Space refused call_video_room_id "${unknownRoom}" (Call video room id does not exist): give one it has with --fixture call_video_room_id=<id>`,
    );
    // Its twin, which takes any reference, passes with the same fixture.
    const twin = await runAgainst(checkingReferences(false), [
      "--mode",
      "read-write",
      "--fixture",
      `call_video_room_id=${unknownRoom}`,
    ]);
    expect(twin.report.outcome).toBe("pass");
  });
});
