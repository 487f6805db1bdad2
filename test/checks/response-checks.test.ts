import {
  analyseResponse,
  checkAnalysed,
  checkResponse,
  classifySchemaErrors,
  RESPONSE_CHECKS,
  type Finding,
  type HttpExchange,
} from "../../src/checks";
import { exchange, listBody, validEndpoint } from "./exchanges";

/** Every response check: a table keyed by it lists the work when the catalogue grows. */
type ResponseCheckId = (typeof RESPONSE_CHECKS)[number]["id"];

interface Row {
  check: ResponseCheckId;
  /** An exchange that makes the check fire, and the pointer it must name. */
  fires: HttpExchange;
  pointer: string;
  /** The closest exchange on which the check stays quiet. */
  quiet: HttpExchange;
  /** How the findings are made, when not by `checkResponse(fires)`. */
  judge?: (exchange: HttpExchange) => Finding[];
}

/**
 * The spec's response schemas hold no rule beyond types, enums, formats and required keys (they
 * are no stricter than SignalWire's), so the catch-all is shown on a validator error of another
 * keyword, as a rule added to the spec would produce it.
 */
const withOtherRule = (exchange: HttpExchange): Finding[] => {
  const analysis = analyseResponse(exchange);
  const body = analysis.parsed.ok ? analysis.parsed.value : undefined;
  const error = {
    keyword: "minItems",
    instancePath: "/errors",
    schemaPath: "#/properties/errors/minItems",
    params: { limit: 1 },
    message: "must NOT have fewer than 1 items",
  };
  return checkAnalysed({
    ...analysis,
    schemaProblems: [...analysis.schemaProblems, ...classifySchemaErrors([error], body)],
  });
};

const ok = exchange("retrieve_sip_endpoint", 200, validEndpoint());

const rows: Row[] = [
  {
    check: "status-code-undocumented",
    fires: exchange("retrieve_sip_endpoint", 418, { error: "I'm a teapot" }),
    pointer: "",
    quiet: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }),
  },
  {
    check: "status-code-alternative",
    fires: exchange("create_sip_endpoint", 201, validEndpoint()),
    pointer: "",
    quiet: exchange("create_sip_endpoint", 200, validEndpoint()),
  },
  {
    check: "content-type-mismatch",
    fires: exchange("retrieve_sip_endpoint", 200, validEndpoint(), { "content-type": "text/html" }),
    pointer: "",
    quiet: ok,
  },
  {
    check: "header-invalid",
    fires: exchange("list_sip_endpoints", 429, { error: "Too Many Requests" }, { "retry-after": "soon" }),
    pointer: "",
    quiet: exchange(
      "list_sip_endpoints",
      429,
      { error: "Too Many Requests" },
      { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" },
    ),
  },
  {
    check: "body-not-json",
    fires: exchange("retrieve_sip_endpoint", 200, JSON.stringify(validEndpoint()).slice(0, 40)),
    pointer: "",
    quiet: ok,
  },
  {
    check: "field-missing",
    fires: exchange("retrieve_sip_endpoint", 200, { ...validEndpoint(), username: undefined }),
    pointer: "/username",
    quiet: ok,
  },
  {
    check: "field-type-mismatch",
    fires: exchange("retrieve_sip_endpoint", 200, validEndpoint({ send_as: null })),
    pointer: "/send_as",
    quiet: exchange("retrieve_sip_endpoint", 200, validEndpoint({ caller_id: null })),
  },
  {
    check: "enum-value-unknown",
    fires: exchange("retrieve_sip_endpoint", 200, validEndpoint({ call_handler: "default" })),
    pointer: "/call_handler",
    quiet: exchange("retrieve_sip_endpoint", 200, validEndpoint({ call_handler: null })),
  },
  {
    check: "format-mismatch",
    fires: exchange("list_sip_endpoints", 200, listBody([validEndpoint(), validEndpoint({ id: "not-a-uuid" })])),
    pointer: "/data/1/id",
    quiet: exchange("list_sip_endpoints", 200, listBody([validEndpoint()])),
  },
  {
    check: "field-undocumented",
    fires: exchange("retrieve_sip_endpoint", 200, validEndpoint({ created_at: "2024-01-01" })),
    pointer: "/created_at",
    quiet: ok,
  },
  {
    check: "write-only-returned",
    fires: exchange(
      "list_sip_endpoints",
      200,
      listBody([validEndpoint(), validEndpoint({ password: "hunter2-canary" })]),
    ),
    pointer: "/data/1/password",
    quiet: exchange("list_sip_endpoints", 200, listBody([validEndpoint({ caller_id: "password" })])),
  },
  {
    check: "schema-violation",
    fires: exchange("create_sip_endpoint", 422, { errors: [] }),
    pointer: "/errors",
    quiet: exchange("create_sip_endpoint", 422, { errors: [] }),
    judge: withOtherRule,
  },
];

/** What each firing finding says (the report's words), by check. */
const SAYS: Record<ResponseCheckId, { expected: string; actual: string; message: string }> = {
  "status-code-undocumented": {
    expected: "200 | 401 | 404 | 422 | 429 | 500",
    actual: "418",
    message: "GET answered 418, which the spec does not document for retrieve_sip_endpoint",
  },
  "status-code-alternative": {
    expected: "200",
    actual: "201",
    message: "create_sip_endpoint answered 201; documented, but 200 is the status the spec expects first",
  },
  "content-type-mismatch": {
    expected: "application/json",
    actual: "text/html",
    message: "the body should be JSON but came as text/html",
  },
  "header-invalid": {
    expected: "header Retry-After as the spec describes it",
    actual: '"soon"',
    message: 'the Retry-After header of the 429 answer is malformed: "soon"',
  },
  "body-not-json": {
    expected: "a JSON body",
    actual: '40 bytes that do not parse (not valid JSON (it starts with "{"))',
    message: 'the 200 body is not JSON: not valid JSON (it starts with "{")',
  },
  "field-missing": { expected: "present", actual: "absent", message: 'required key "username" is missing at /' },
  "field-type-mismatch": { expected: "string", actual: "null", message: "/send_as is null, the spec says string" },
  "enum-value-unknown": {
    expected:
      '"relay_context" | "relay_topic" | "relay_application" | "relay_connector" | "relay_script" | "laml_webhooks" | "laml_application" | "dialogflow" | "video_room" | "call_flow" | "ai_agent" | null',
    actual: '"default"',
    message: '/call_handler is "default", not one of the documented values',
  },
  "format-mismatch": {
    expected: "format uuid",
    actual: '"not-a-uuid"',
    message: '/data/1/id is not a valid uuid: "not-a-uuid"',
  },
  "field-undocumented": {
    expected: "no such key",
    actual: "key present (string)",
    message: 'undocumented key "created_at" at /',
  },
  "write-only-returned": {
    expected: "never returned (writeOnly)",
    actual: "key present (string)",
    message: 'write-only key "password" came back at /data/1/password; its value is not shown',
  },
  "schema-violation": {
    expected: "minItems: must NOT have fewer than 1 items",
    actual: "[]",
    message: "/errors must NOT have fewer than 1 items",
  },
};

describe("response checks", () => {
  it("has a row for every response check", () => {
    expect(rows.map((r) => r.check).sort()).toEqual(RESPONSE_CHECKS.map((c) => c.id).sort());
  });

  it.each(rows)("$check fires at $pointer", ({ check, fires, pointer, judge = checkResponse }) => {
    const found = judge(fires).filter((f) => f.check === check);
    expect(found).toHaveLength(1);
    const info = RESPONSE_CHECKS.find((c) => c.id === check)!;
    expect(found[0]).toMatchObject({
      check,
      severity: info.severity,
      operationId: fires.operationId,
      method: fires.method,
      status: fires.status,
      pointer,
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const { expected, actual, message } = found[0]!;
    expect({ expected, actual, message }).toEqual(SAYS[check]);
  });

  it.each(rows)("$check stays quiet on a conforming exchange", ({ check, quiet }) => {
    expect(checkResponse(quiet).filter((f) => f.check === check)).toEqual([]);
  });

  it("names a missing Content-Type as such, against every media type the spec documents", () => {
    const bare = exchange("retrieve_sip_endpoint", 200, validEndpoint());
    const { "content-type": _dropped, ...headers } = bare.headers;
    const found = checkResponse({ ...bare, headers }).filter((f) => f.check === "content-type-mismatch");
    expect(found.map(({ expected, actual, message }) => ({ expected, actual, message }))).toEqual([
      {
        expected: "application/json",
        actual: "no Content-Type",
        message: "the body should be JSON but came as no Content-Type",
      },
    ]);
  });

  it("reports only the type of an undocumented value, which might be a secret", () => {
    const [finding] = checkResponse(
      exchange("retrieve_sip_endpoint", 200, validEndpoint({ sip_password: "s3cr3t-value" })),
    );
    expect(finding).toMatchObject({ check: "field-undocumented", actual: "key present (string)" });
    expect(JSON.stringify(finding)).not.toContain("s3cr3t-value");
  });

  it.each([
    ["whole seconds", "120", []],
    ["an HTTP date", "Sun, 06 Nov 1994 08:49:37 GMT", []],
    ["no Retry-After at all", undefined, ["header Retry-After absent"]],
    ["a negative number", "-1", ['header Retry-After as the spec describes it "-1"']],
    ["fractional seconds", "1.5", ['header Retry-After as the spec describes it "1.5"']],
    [
      "an obsolete date form",
      "Sunday, 06-Nov-94 08:49:37 GMT",
      ['header Retry-After as the spec describes it "Sunday, 06-Nov-94 08:49:37 GMT"'],
    ],
  ])("Retry-After on a 429 given %s", (_name, value, want) => {
    const headers: Record<string, string> = value === undefined ? {} : { "retry-after": value };
    const found = checkResponse(exchange("update_sip_endpoint", 429, { error: "Too Many Requests" }, headers)).filter(
      (f) => f.check === "header-invalid",
    );
    expect(found.map((f) => `${f.expected} ${f.actual}`)).toEqual(want);
  });

  it("asks no header of a response that documents none", () => {
    expect(
      checkResponse(exchange("retrieve_sip_endpoint", 404, { error: "Not Found" })).filter(
        (f) => f.check === "header-invalid",
      ),
    ).toEqual([]);
  });

  it("reports a returned write-only key once, as write-only-returned (never as a field to document), without its value", () => {
    const found = checkResponse(
      exchange(
        "retrieve_sip_endpoint",
        200,
        validEndpoint({ password: "s3cr3t-value", call_flow_id: "5b3f5a4e-7d39-4c6e-9a54-9d0c0f6b8f10" }),
      ),
    );
    expect(found.map((f) => `${f.check} ${f.pointer}`).sort()).toEqual([
      "write-only-returned /call_flow_id",
      "write-only-returned /password",
    ]);
    expect(JSON.stringify(found)).not.toContain("s3cr3t-value");
  });
});
