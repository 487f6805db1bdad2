import { ALL_CHECKS, runScenarioCheck, SCENARIO_CHECKS, type Finding } from "../../src/checks";
import { middleOf } from "../../src/drift/scenarios/read-only";
import { endpointWithId, exchange, listBody, uuid } from "./exchanges";

const {
  authNotEnforced,
  invalidInputAccepted,
  resourceStillAvailable,
  resourceUnavailable,
  paginationInconsistent,
  statusCodeUnexpected,
  resourceMismatch,
  updateNotApplied,
  updateSideEffect,
  filterNotApplied,
} = SCENARIO_CHECKS;

const page = (ids: number[], next?: string) =>
  exchange(
    "list_sip_endpoints",
    200,
    listBody(
      ids.map((n) => endpointWithId(uuid(n))),
      next,
    ),
  );

interface Row {
  name: string;
  check: string;
  run: () => Finding[];
  /** Pointers of the findings, in order; [] means the check stays quiet. */
  want: string[];
}

const rows: Row[] = [
  {
    name: "no credentials answered 200",
    check: "auth-not-enforced",
    run: () =>
      runScenarioCheck(authNotEnforced, {
        exchange: exchange("list_sip_endpoints", 200, listBody([])),
        credentials: "none",
      }),
    want: [""],
  },
  {
    name: "wrong credentials answered 201",
    check: "auth-not-enforced",
    run: () =>
      runScenarioCheck(authNotEnforced, {
        exchange: exchange("retrieve_sip_endpoint", 201, endpointWithId(uuid(1))),
        credentials: "wrong",
      }),
    want: [""],
  },
  {
    name: "wrong credentials answered 401",
    check: "auth-not-enforced",
    run: () =>
      runScenarioCheck(authNotEnforced, {
        exchange: exchange("list_sip_endpoints", 401, { error: "Unauthorized" }),
        credentials: "wrong",
      }),
    want: [],
  },
  {
    name: "page_size 0 answered 200",
    check: "invalid-input-accepted",
    run: () =>
      runScenarioCheck(invalidInputAccepted, {
        exchange: exchange("list_sip_endpoints", 200, listBody([])),
        pointer: "/page_size",
        rule: "must be >= 1",
      }),
    want: ["/page_size"],
  },
  {
    name: "a body that is no object answered 200",
    check: "invalid-input-accepted",
    run: () =>
      runScenarioCheck(invalidInputAccepted, {
        exchange: exchange("create_sip_endpoint", 200, endpointWithId(uuid(1))),
        pointer: "",
        rule: "must be object",
      }),
    want: [""],
  },
  {
    name: "page_size 0 answered 422",
    check: "invalid-input-accepted",
    run: () =>
      runScenarioCheck(invalidInputAccepted, {
        exchange: exchange("list_sip_endpoints", 422, { errors: [] }),
        pointer: "/page_size",
        rule: "must be >= 1",
      }),
    want: [],
  },
  {
    name: "retrieve after delete answered 200",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))),
        deletedId: uuid(1),
      }),
    want: [""],
  },
  {
    name: "list after delete still shows it",
    check: "resource-still-available",
    run: () => runScenarioCheck(resourceStillAvailable, { exchange: page([2, 1]), deletedId: uuid(1) }),
    want: ["/data/1/id"],
  },
  {
    name: "retrieve after delete answered 200 about another endpoint (status-code-unexpected's)",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(2))),
        deletedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "retrieve after delete answered 404",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }),
        deletedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "list after delete shows it first on the page",
    check: "resource-still-available",
    run: () => runScenarioCheck(resourceStillAvailable, { exchange: page([1, 2]), deletedId: uuid(1) }),
    want: ["/data/0/id"],
  },
  {
    name: "list after delete without it",
    check: "resource-still-available",
    run: () => runScenarioCheck(resourceStillAvailable, { exchange: page([2, 3]), deletedId: uuid(1) }),
    want: [],
  },
  {
    name: "retrieve after create answered 404",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, {
        exchange: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }),
        createdId: uuid(1),
      }),
    want: [""],
  },
  {
    name: "walk after create never showed it",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, { exchange: page([2]), createdId: uuid(1), listed: new Set([uuid(2)]) }),
    want: ["/data"],
  },
  {
    name: "retrieve after create answered 200",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))),
        createdId: uuid(1),
      }),
    want: [],
  },
  {
    name: "retrieve after create answered 418 (another check's business)",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, {
        exchange: exchange("retrieve_sip_endpoint", 418, { error: "I'm a teapot" }),
        createdId: uuid(1),
      }),
    want: [],
  },
  {
    name: "retrieve after create answered 503 (transient, not evidence)",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, {
        exchange: exchange("retrieve_sip_endpoint", 503, { error: "Service Unavailable" }),
        createdId: uuid(1),
      }),
    want: [],
  },
  {
    name: "walk after create showed it on an earlier page",
    check: "resource-unavailable",
    run: () =>
      runScenarioCheck(resourceUnavailable, {
        exchange: page([2]),
        createdId: uuid(1),
        listed: new Set([uuid(1), uuid(2)]),
      }),
    want: [],
  },
  {
    name: "duplicates across pages",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "page",
        exchange: page([3, 4]),
        pageSize: 2,
        ids: [uuid(3), uuid(4)],
        seen: new Set([uuid(1), uuid(4)]),
      }),
    want: ["/data/1/id"],
  },
  {
    name: "duplicate within a page",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "page",
        exchange: page([3, 3]),
        pageSize: 2,
        ids: [uuid(3), uuid(3)],
        seen: new Set<string>(),
      }),
    want: ["/data/1/id"],
  },
  {
    name: "two items without ids are no duplicates (field-missing reports them)",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "page",
        exchange: page([3, 4]),
        pageSize: 2,
        ids: ["", ""],
        seen: new Set([""]),
      }),
    want: [],
  },
  {
    name: "page larger than page_size",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "page",
        exchange: page([1, 2, 3]),
        pageSize: 2,
        ids: [uuid(1), uuid(2), uuid(3)],
        seen: new Set<string>(),
      }),
    want: ["/data"],
  },
  {
    name: "next missing while more exist",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "end",
        exchange: page([3, 4]),
        walked: 4,
        probeSize: 5,
        probeCount: 5,
      }),
    want: ["/links/next"],
  },
  {
    name: "a clean page",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "page",
        exchange: page([3, 4]),
        pageSize: 2,
        ids: [uuid(3), uuid(4)],
        seen: new Set([uuid(1), uuid(2)]),
      }),
    want: [],
  },
  {
    name: "a link that cannot be followed",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "link",
        exchange: page([1, 2]),
        problem: "links.next answered 404",
      }),
    want: ["/links/next"],
  },
  {
    name: "an unknown id answered 200",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))),
        expected: [404],
        situation: "retrieving an id nobody created",
      }),
    want: [""],
  },
  {
    name: "a valid create answered 422",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("create_sip_endpoint", 422, { errors: [] }),
        expected: "2xx",
        situation: "a valid create",
      }),
    want: [""],
  },
  {
    name: "an unknown id answered 404",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }),
        expected: [404],
        situation: "retrieving an id nobody created",
      }),
    want: [],
  },
  {
    name: "a 500 is no evidence either way",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 500, { error: "Internal Server Error" }),
        expected: [404],
        situation: "x",
      }),
    want: [],
  },
  {
    name: "a 418 is status-code-undocumented's",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 418, {}),
        expected: [404],
        situation: "x",
      }),
    want: [],
  },
  {
    name: "a retrieve answered another id",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(2))),
        body: endpointWithId(uuid(2)),
        expectedId: uuid(1),
      }),
    want: ["/id"],
  },
  {
    name: "a create answer without the values sent",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("create_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), caller_id: "Bob" },
        sent: { caller_id: "Alice", password: "x" },
      }),
    want: ["/caller_id"],
  },
  {
    name: "a value that breaks the schema is the schema checks' finding",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("create_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), call_handler: "default" },
        sent: { call_handler: "relay_script" },
        invalidAt: new Set(["/call_handler"]),
      }),
    want: [],
  },
  {
    name: "the answer carries the id and values",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), caller_id: "Alice" },
        expectedId: uuid(1),
        sent: { caller_id: "Alice", codecs: ["PCMU"] },
      }),
    want: [],
  },
  {
    name: "the update answer shows the old value",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { caller_id: "Before" },
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: ["/caller_id"],
  },
  {
    name: "the update was applied",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        body: { caller_id: "After" },
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: [],
  },
  {
    name: "a filtered list holds a stranger and misses a match",
    check: "filter-not-applied",
    run: () =>
      runScenarioCheck(filterNotApplied, {
        exchange: page([2]),
        field: "username",
        filter: "desk",
        items: [{ id: uuid(2), value: "phone-2" }],
        knownMatch: uuid(1),
        complete: true,
      }),
    want: ["/data", "/data"],
  },
  {
    name: "a filtered list, any case, cut short",
    check: "filter-not-applied",
    run: () =>
      runScenarioCheck(filterNotApplied, {
        exchange: page([2]),
        field: "caller_id",
        filter: "desk",
        items: [{ id: uuid(2), value: "Desk 2" }],
        knownMatch: uuid(1),
        complete: false,
      }),
    want: [],
  },
  {
    name: "a page that could not be followed answered 500",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "link",
        exchange: exchange("list_sip_endpoints", 500, { error: "Internal Server Error" }),
        problem: "links.next answered 404",
      }),
    want: [],
  },
  {
    name: "a 429 is no evidence either way",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 429, { error: "Too Many Requests" }),
        expected: [404],
        situation: "x",
      }),
    want: [],
  },
  {
    name: "a valid create answered 200",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("create_sip_endpoint", 200, endpointWithId(uuid(1))),
        expected: "2xx",
        situation: "a valid create",
      }),
    want: [],
  },
  {
    name: "a retrieve that should be refused answered 200",
    check: "status-code-unexpected",
    run: () =>
      runScenarioCheck(statusCodeUnexpected, {
        exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))),
        expected: [401, 404],
        situation: "retrieving without rights",
      }),
    want: [""],
  },
  {
    name: "the update's answer reset a field it was not sent",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { caller_id: "After", call_handler: null, codecs: ["PCMU"] },
        sent: { caller_id: "After" },
        before: { caller_id: "Before", call_handler: "relay_context", codecs: ["PCMU"] },
      }),
    want: ["/call_handler"],
  },
  {
    name: "the next retrieve shows a list field changed",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        body: { caller_id: "After", codecs: ["OPUS"] },
        sent: { caller_id: "After" },
        before: { caller_id: "Before", codecs: ["PCMU"] },
      }),
    want: ["/codecs"],
  },
  {
    name: "an update that changed only what it sent",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { caller_id: "After", codecs: ["PCMU"], call_handler: null },
        sent: { caller_id: "After" },
        before: { caller_id: "Before", codecs: ["PCMU"], call_handler: null },
      }),
    want: [],
  },
  {
    name: "a field gone after the update is field-missing's",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { caller_id: "After" },
        sent: { caller_id: "After" },
        before: { caller_id: "Before", send_as: "random" },
      }),
    want: [],
  },
  {
    name: "an update that answered 500",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("update_sip_endpoint", 500, {}),
        body: { send_as: "x" },
        sent: { caller_id: "After" },
        before: { send_as: "random" },
      }),
    want: [],
  },
  {
    name: "an update answered a list",
    check: "update-side-effect",
    run: () =>
      runScenarioCheck(updateSideEffect, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: ["x"],
        sent: { caller_id: "After" },
        before: { 0: "y" },
      }),
    want: [],
  },
  {
    name: "the next retrieve shows the old value",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        body: { caller_id: "Before" },
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: ["/caller_id"],
  },
  {
    name: "an update that answered 500 with the old value",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 500, {}),
        body: { caller_id: "Before" },
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: [],
  },
  {
    name: "an update answered null",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: null,
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: [],
  },
  {
    name: "an update answered a string",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: "Before",
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: [],
  },
  {
    name: "an update of a field the endpoint did not have",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: {},
        sent: { caller_id: "After" },
        before: {},
      }),
    want: [],
  },
  {
    name: "an update that sent the value already there",
    check: "update-not-applied",
    run: () =>
      runScenarioCheck(updateNotApplied, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { caller_id: "Same" },
        sent: { caller_id: "Same" },
        before: { caller_id: "Same" },
      }),
    want: [],
  },
  {
    name: "a create answer with another number, boolean and null",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("create_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), a_number: 4, a_flag: false, a_null: "x" },
        sent: { a_number: 3, a_flag: true, a_null: null },
      }),
    want: ["/a_number", "/a_flag", "/a_null"],
  },
  {
    name: "lists are not compared",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("create_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), codecs: ["OPUS"] },
        sent: { codecs: ["PCMU"] },
      }),
    want: [],
  },
  {
    name: "the password is never compared",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("create_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), password: "****" },
        sent: { password: "secret-sent" },
      }),
    want: [],
  },
  {
    name: "an update answer that still shows the old value is update-not-applied's",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), caller_id: "Before" },
        expectedId: uuid(1),
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: [],
  },
  {
    name: "an update answer with neither the old nor the new value",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("update_sip_endpoint", 200, {}),
        body: { ...endpointWithId(uuid(1)), caller_id: "Other" },
        expectedId: uuid(1),
        sent: { caller_id: "After" },
        before: { caller_id: "Before" },
      }),
    want: ["/caller_id"],
  },
  {
    name: "a retrieve that answered 500 about another id",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("retrieve_sip_endpoint", 500, {}),
        body: endpointWithId(uuid(2)),
        expectedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "a retrieve answered null",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        body: null,
        expectedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "a retrieve answered a string",
    check: "resource-mismatch",
    run: () =>
      runScenarioCheck(resourceMismatch, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        body: "another",
        expectedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "retrieve after delete answered 200 with no id",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("retrieve_sip_endpoint", 200, {}),
        deletedId: uuid(1),
      }),
    want: [""],
  },
  {
    name: "retrieve after delete answered 200 with null",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("retrieve_sip_endpoint", 200, "null"),
        deletedId: uuid(1),
      }),
    want: [""],
  },
  {
    name: "list after delete answered something that is no list",
    check: "resource-still-available",
    run: () =>
      runScenarioCheck(resourceStillAvailable, {
        exchange: exchange("list_sip_endpoints", 200, { oops: true }),
        deletedId: uuid(1),
      }),
    want: [],
  },
  {
    name: "a filtered list that answered 500",
    check: "filter-not-applied",
    run: () =>
      runScenarioCheck(filterNotApplied, {
        exchange: exchange("list_sip_endpoints", 500, {}),
        field: "username",
        filter: "desk",
        items: [{ id: uuid(2), value: "phone-2" }],
        knownMatch: uuid(1),
        complete: true,
      }),
    want: [],
  },
  {
    name: "a whole filtered list with no known match to look for",
    check: "filter-not-applied",
    run: () =>
      runScenarioCheck(filterNotApplied, {
        exchange: page([2]),
        field: "username",
        filter: "desk",
        items: [{ id: uuid(2), value: "desk-2" }],
        knownMatch: undefined,
        complete: true,
      }),
    want: [],
  },
  {
    name: "a walk that ends where the probe ends",
    check: "pagination-inconsistent",
    run: () =>
      runScenarioCheck(paginationInconsistent, {
        kind: "end",
        exchange: page([3, 4]),
        walked: 4,
        probeSize: 5,
        probeCount: 4,
      }),
    want: [],
  },
];

/** What each firing row's findings say, beyond where they point: the report shows these words. */
const SAYS: Record<string, Array<{ expected: string; actual: string; message: string }>> = {
  "no credentials answered 200": [
    { expected: "401", actual: "200", message: "list_sip_endpoints answered 200 to a request with no credentials" },
  ],
  "wrong credentials answered 201": [
    {
      expected: "401",
      actual: "201",
      message: "retrieve_sip_endpoint answered 201 to a request with wrong credentials",
    },
  ],
  "a body that is no object answered 200": [
    {
      expected: "a refusal (4xx): request / must be object",
      actual: "200",
      message: "create_sip_endpoint accepted a request whose body must be object (answered 200)",
    },
  ],
  "page_size 0 answered 200": [
    {
      expected: "a refusal (4xx): request /page_size must be >= 1",
      actual: "200",
      message: "list_sip_endpoints accepted a request whose /page_size must be >= 1 (answered 200)",
    },
  ],
  "retrieve after delete answered 200": [
    {
      expected: "404",
      actual: "200",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was deleted but can still be retrieved (200)",
    },
  ],
  "list after delete still shows it": [
    {
      expected: "not listed",
      actual: "listed at /data/1",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was deleted but is still listed",
    },
  ],
  "list after delete shows it first on the page": [
    {
      expected: "not listed",
      actual: "listed at /data/0",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was deleted but is still listed",
    },
  ],
  "retrieve after create answered 404": [
    {
      expected: "2xx with the endpoint",
      actual: "404",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was created but retrieving it answered 404",
    },
  ],
  "walk after create never showed it": [
    {
      expected: "an item with id 00000000-0000-4000-8000-000000000001",
      actual: "not among the 1 listed",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was created but the list does not show it",
    },
  ],
  "duplicates across pages": [
    {
      expected: "an endpoint not listed before in this walk",
      actual: "00000000-0000-4000-8000-000000000004 again",
      message: "endpoint 00000000-0000-4000-8000-000000000004 appears twice in one walk",
    },
  ],
  "duplicate within a page": [
    {
      expected: "an endpoint not listed before in this walk",
      actual: "00000000-0000-4000-8000-000000000003 again",
      message: "endpoint 00000000-0000-4000-8000-000000000003 appears twice in one walk",
    },
  ],
  "page larger than page_size": [
    { expected: "at most 2 items (page_size)", actual: "3 items", message: "a page asked for 2 items holds 3" },
  ],
  "next missing while more exist": [
    {
      expected: "a link to the next page",
      actual: "absent after 4 endpoints, but a page of 5 holds 5",
      message: "the walk ended after 4 endpoints without links.next, yet more exist",
    },
  ],
  "a link that cannot be followed": [
    {
      expected: "a link to the next page of this list",
      actual: "links.next answered 404",
      message: "the walk cannot go on: links.next answered 404",
    },
  ],
  "an unknown id answered 200": [
    { expected: "404", actual: "200", message: "retrieving an id nobody created answered 200, where 404 was expected" },
  ],
  "a valid create answered 422": [
    { expected: "2xx", actual: "422", message: "a valid create answered 422, where 2xx was expected" },
  ],
  "a retrieve answered another id": [
    {
      expected: "00000000-0000-4000-8000-000000000001",
      actual: '"00000000-0000-4000-8000-000000000002"',
      message:
        'asked for endpoint 00000000-0000-4000-8000-000000000001, the answer is about "00000000-0000-4000-8000-000000000002"',
    },
  ],
  "a create answer without the values sent": [
    { expected: '"Alice"', actual: '"Bob"', message: 'caller_id was sent as "Alice", the answer shows "Bob"' },
  ],
  "the update answer shows the old value": [
    {
      expected: '"After"',
      actual: '"Before" (the value before the update)',
      message: 'caller_id was updated to "After", but the update\'s answer still shows "Before"',
    },
  ],
  "a filtered list holds a stranger and misses a match": [
    {
      expected: 'only items whose username contains "desk"',
      actual: '1 of 1 do not, e.g. 00000000-0000-4000-8000-000000000002 with "phone-2"',
      message: 'filter_username="desk" listed 1 endpoint(s) whose username does not contain it',
    },
    {
      expected: 'endpoint 00000000-0000-4000-8000-000000000001, whose username contains "desk"',
      actual: "not among the 1 listed",
      message: 'filter_username="desk" does not list endpoint 00000000-0000-4000-8000-000000000001, which matches it',
    },
  ],
  "a retrieve that should be refused answered 200": [
    {
      expected: "401 or 404",
      actual: "200",
      message: "retrieving without rights answered 200, where 401 or 404 was expected",
    },
  ],
  "the update's answer reset a field it was not sent": [
    {
      expected: '"relay_context" (unchanged: the update did not send it)',
      actual: "null",
      message:
        'the update sent only caller_id, but the update\'s answer shows call_handler changed from "relay_context" to null',
    },
  ],
  "the next retrieve shows a list field changed": [
    {
      expected: '["PCMU"] (unchanged: the update did not send it)',
      actual: '["OPUS"]',
      message: 'the update sent only caller_id, but the next retrieve shows codecs changed from ["PCMU"] to ["OPUS"]',
    },
  ],
  "the next retrieve shows the old value": [
    {
      expected: '"After"',
      actual: '"Before" (the value before the update)',
      message: 'caller_id was updated to "After", but the next retrieve still shows "Before"',
    },
  ],
  "a create answer with another number, boolean and null": [
    { expected: "3", actual: "4", message: "a_number was sent as 3, the answer shows 4" },
    { expected: "true", actual: "false", message: "a_flag was sent as true, the answer shows false" },
    { expected: "null", actual: '"x"', message: 'a_null was sent as null, the answer shows "x"' },
  ],
  "an update answer with neither the old nor the new value": [
    { expected: '"After"', actual: '"Other"', message: 'caller_id was sent as "After", the answer shows "Other"' },
  ],
  "retrieve after delete answered 200 with no id": [
    {
      expected: "404",
      actual: "200",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was deleted but can still be retrieved (200)",
    },
  ],
  "retrieve after delete answered 200 with null": [
    {
      expected: "404",
      actual: "200",
      message: "endpoint 00000000-0000-4000-8000-000000000001 was deleted but can still be retrieved (200)",
    },
  ],
};

describe("scenario checks", () => {
  it.each(rows)("$check: $name", ({ check, run, want }) => {
    const findings = run();
    expect(findings.map((f) => f.pointer)).toEqual(want);
    const info = ALL_CHECKS.find((c) => c.id === check)!;
    for (const f of findings)
      expect(f).toMatchObject({ check, severity: info.severity, id: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it.each(rows.filter((r) => r.want.length > 0))("$check: $name, in words", ({ name, run }) => {
    expect(run().map(({ expected, actual, message }) => ({ expected, actual, message }))).toEqual(SAYS[name]);
  });

  it("has a firing and a quiet row for every scenario check", () => {
    for (const check of Object.values(SCENARIO_CHECKS)) {
      const mine = rows.filter((r) => r.check === check.id);
      expect({
        check: check.id,
        fires: mine.some((r) => r.want.length > 0),
        quiet: mine.some((r) => r.want.length === 0),
      }).toEqual({ check: check.id, fires: true, quiet: true });
    }
  });
});

describe("the catalogue", () => {
  it("lists every check once, with kebab-case ids and a severity", () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of ALL_CHECKS) {
      expect(c.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(["breaking", "warning", "info"]).toContain(c.severity);
      expect(c.firesWhen.length).toBeGreaterThan(10);
    }
  });
});

describe("the filter a scenario sends", () => {
  it.each([
    { given: "desk-119", want: "esk" },
    { given: "desk-11\u{1F600}", want: "esk" },
    { given: "\u{1F600}\u{1F601}\u{1F602}", want: "\u{1F601}" },
    { given: "ab", want: "b" },
    { given: "Ada Lovelace", want: "da Lo" },
    { given: "aab", want: "b" },
    { given: "AaAb", want: "b" },
  ])(
    "is a piece of $given that it contains but neither starts with nor equals, in whole characters",
    ({ given, want }) => {
      const piece = middleOf(given)!;
      expect(piece).toBe(want);
      expect(encodeURIComponent(piece)).not.toContain("%EF%BF%BD");
      expect(given.includes(piece)).toBe(true);
      expect(given.toLowerCase().startsWith(piece.toLowerCase())).toBe(false);
    },
  );

  it.each(["a", "aaaa", "AaAa", ""])("is none for %j, where every piece is also a start", (given) => {
    expect(middleOf(given)).toBeUndefined();
  });
});
