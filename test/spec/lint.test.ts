/**
 * lint:spec on small broken copies of the real spec: each edit must produce exactly the expected
 * problems (rule, pointer, source line, file), and the real spec must lint clean.
 */
import { formatProblem, lintSpecFile } from "../../src/lint";
import { lineContaining, realSpecText, REAL_SPEC, replaceOnce, tempDir } from "./spec-copies";

const dir = tempDir("lint-spec-");
afterAll(() => dir.remove());

interface Want {
  rule: string;
  pointer: string;
  /**
   * The expected line: the one line of the broken copy containing this text, or [text, offset] when
   * the node starts elsewhere (a mapping's line is that of its first key; YAML errors are reported
   * where the parser notices them).
   */
  line: string | [string, number];
  message?: RegExp;
}

interface Case {
  name: string;
  edit: (spec: string) => string;
  want: Want[];
}

const ID = "/paths/~1endpoints~1sip~1{id}";
const DELETE_4XX = `        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "404":
          $ref: "#/components/responses/NotFound"
        "429":
          $ref: "#/components/responses/TooManyRequests"
        "500":
          $ref: "#/components/responses/InternalServerError"
components:`;

const cases: Case[] = [
  {
    name: "invalid examples of each kind: components/examples, inline media-type, schema-level",
    edit: (s) => {
      const component = replaceOnce(s, "        encryption: optional\n", "        encryption: sometimes\n");
      const inline = replaceOnce(component, "caller_id: Front desk", "caller_id: 42");
      return replaceOnce(
        inline,
        "          call_handler: relay_script\n          call_relay_script_url: https://example.com/swml/alice.json\n    SipEndpointUpdate:",
        "          call_handler: laml_webhooks\n    SipEndpointUpdate:",
      );
    },
    want: [
      {
        rule: "example-invalid",
        pointer: "/components/examples/SipEndpointRelayScript/value/encryption",
        line: "encryption: sometimes",
        message:
          /^example does not match #\/components\/schemas\/SipEndpoint: must be one of "default", "required", "optional" \(got "sometimes"\)$/,
      },
      {
        rule: "example-invalid",
        pointer: `${ID}/put/requestBody/content/application~1json/examples/rename_caller_id/value/caller_id`,
        line: "caller_id: 42",
        message: /must be string/,
      },
      // The companion-field rule (if/then) is part of the schema the example is judged by.
      {
        rule: "example-invalid",
        pointer: "/components/schemas/SipEndpointCreate/examples/0",
        line: "- username: alice",
        message: /call_request_url/,
      },
    ],
  },
  {
    name: "a duplicate operationId",
    edit: (s) =>
      replaceOnce(s, "operationId: retrieve_sip_endpoint\n      tags:", "operationId: list_sip_endpoints\n      tags:"),
    want: [
      {
        rule: "operation-id-duplicate",
        pointer: `${ID}/get/operationId`,
        line: ["summary: Retrieve a SIP endpoint", -2],
        message: /already used by GET \/endpoints\/sip$/,
      },
      // The links to the operation renamed away lead nowhere now.
      {
        rule: "link-operation-unknown",
        pointer: "/components/responses/SipEndpoint/links/retrieve",
        line: ["description: The endpoint again, by the id it was answered with.", -1],
      },
      {
        rule: "link-operation-unknown",
        pointer: "/paths/~1endpoints~1sip/get/responses/200/links/retrieve_first",
        line: ["description: The first endpoint of the page, by its id.", -1],
      },
    ],
  },
  {
    name: "a missing operationId",
    edit: (s) => replaceOnce(s, "      operationId: update_sip_endpoint\n      tags:", "      tags:"),
    want: [
      { rule: "operation-id-missing", pointer: `${ID}/put`, line: ["summary: Update a SIP endpoint", -1] },
      {
        rule: "link-operation-unknown",
        pointer: "/components/responses/SipEndpoint/links/update",
        line: ["description: Changes the endpoint answered, by its id.", -1],
      },
    ],
  },
  {
    name: "a path template parameter that is not declared",
    edit: (s) => replaceOnce(s, "  /endpoints/sip/{id}:", "  /endpoints/sip/{sip_id}:"),
    want: [
      {
        rule: "path-param-unused",
        pointer: "/paths/~1endpoints~1sip~1{sip_id}/parameters/0",
        line: '$ref: "#/components/parameters/id"',
        message: /"id" does not appear/,
      },
      {
        rule: "path-param-undeclared",
        pointer: "/paths/~1endpoints~1sip~1{sip_id}/get",
        line: "^      operationId: retrieve_sip_endpoint",
        message: /\{sip_id\}/,
      },
      {
        rule: "path-param-undeclared",
        pointer: "/paths/~1endpoints~1sip~1{sip_id}/put",
        line: "^      operationId: update_sip_endpoint",
      },
      {
        rule: "path-param-undeclared",
        pointer: "/paths/~1endpoints~1sip~1{sip_id}/delete",
        line: "^      operationId: delete_sip_endpoint",
      },
    ],
  },
  {
    name: "links that lead nowhere: an unknown operation, an unknown parameter, expressions that resolve to nothing",
    edit: (s) => {
      const operation = replaceOnce(
        s,
        "        delete:\n          operationId: delete_sip_endpoint\n",
        "        delete:\n          operationId: remove_sip_endpoint\n",
      );
      const parameter = replaceOnce(
        operation,
        "          parameters:\n            id: $response.body#/id\n        update:",
        "          parameters:\n            sip_id: $response.body#/id\n        update:",
      );
      const pointer = replaceOnce(
        parameter,
        "                id: $response.body#/data/0/id",
        "                id: $response.body#/data/0/uuid",
      );
      return replaceOnce(pointer, "x-request-url: $response.body#/links/next", "x-request-url: $url");
    },
    want: [
      {
        rule: "link-expression-unresolvable",
        pointer: "/paths/~1endpoints~1sip/get/responses/200/links/retrieve_first/parameters/id",
        line: "id: $response.body#/data/0/uuid",
        message: /points at nothing the response's schema describes/,
      },
      {
        rule: "link-expression-unresolvable",
        pointer: "/paths/~1endpoints~1sip/get/responses/200/links/next_page/x-request-url",
        line: "x-request-url: $url",
        message: /is no expression/,
      },
      {
        rule: "link-parameter-unknown",
        pointer: "/components/responses/SipEndpoint/links/retrieve/parameters/sip_id",
        line: "sip_id: $response.body#/id",
        message: /retrieve_sip_endpoint has no parameter "sip_id"/,
      },
      {
        rule: "link-parameter-unknown",
        pointer: "/components/responses/SipEndpoint/links/retrieve",
        line: ["description: The endpoint again, by the id it was answered with.", -1],
        message: /leaves the path parameter "id"/,
      },
      {
        rule: "link-operation-unknown",
        pointer: "/components/responses/SipEndpoint/links/delete",
        line: "operationId: remove_sip_endpoint",
        message: /"remove_sip_endpoint", which the spec does not have/,
      },
    ],
  },
  {
    name: "a $ref to a schema that does not exist",
    edit: (s) =>
      replaceOnce(s, '$ref: "#/components/schemas/SipEndpointList"', '$ref: "#/components/schemas/SipEndpointLisst"'),
    want: [
      {
        rule: "ref-unresolved",
        pointer: "/paths/~1endpoints~1sip/get/responses/200/content/application~1json/schema",
        line: "SipEndpointLisst",
        message: /#\/components\/schemas\/SipEndpointLisst points at nothing/,
      },
    ],
  },
  {
    name: "a $ref to another file",
    edit: (s) => replaceOnce(s, '$ref: "#/components/schemas/SipEndpointList"', '$ref: "shared.yaml#/SipEndpointList"'),
    want: [
      {
        rule: "ref-unresolved",
        pointer: "/paths/~1endpoints~1sip/get/responses/200/content/application~1json/schema",
        line: "shared.yaml",
        message: /outside this file/,
      },
    ],
  },
  {
    name: "an operation without a summary, a tag or a documented 4xx",
    edit: (s) => {
      const noSummary = replaceOnce(s, "      summary: Delete a SIP endpoint\n", "");
      const noTag = replaceOnce(
        noSummary,
        "operationId: delete_sip_endpoint\n      tags: [SIP Endpoints]\n",
        "operationId: delete_sip_endpoint\n",
      );
      return replaceOnce(noTag, DELETE_4XX, DELETE_4XX.split("\n").slice(-3).join("\n"));
    },
    want: [
      {
        rule: "operation-summary-missing",
        pointer: `${ID}/delete`,
        line: "^      operationId: delete_sip_endpoint",
        message: /^delete_sip_endpoint has no summary$/,
      },
      {
        rule: "operation-tag-missing",
        pointer: `${ID}/delete`,
        line: "^      operationId: delete_sip_endpoint",
        message: /^delete_sip_endpoint has no tag$/,
      },
      { rule: "operation-4xx-missing", pointer: `${ID}/delete/responses`, line: '"204":', message: /has: 204, 500/ },
    ],
  },
  {
    name: "OpenAPI schema errors (swagger-parser), inline and in a referenced component, reported where written",
    edit: (s) => {
      const inline = replaceOnce(
        s,
        "          description: The endpoint is gone.",
        "          descripton: The endpoint is gone.",
      );
      return replaceOnce(
        inline,
        "      description: No SIP endpoint of this project has that id.",
        "      descripton: No SIP endpoint of this project has that id.",
      );
    },
    want: [
      {
        rule: "oas-schema",
        pointer: `${ID}/delete/responses/204`,
        line: "descripton: The endpoint is gone.",
        message: /^missing required key "description"$/,
      },
      {
        rule: "oas-schema",
        pointer: `${ID}/delete/responses/204/descripton`,
        line: "descripton: The endpoint is gone.",
        message: /^unknown key "descripton"$/,
      },
      // Used by three operations, reported once, at the component.
      { rule: "oas-schema", pointer: "/components/responses/NotFound", line: "descripton: No SIP endpoint" },
      { rule: "oas-schema", pointer: "/components/responses/NotFound/descripton", line: "descripton: No SIP endpoint" },
    ],
  },
  {
    name: "a misspelt server variable key (the known false positive on `description` stays filtered)",
    edit: (s) => replaceOnce(s, "        default: example\n", "        default: example\n        enumm: [example]\n"),
    want: [
      {
        rule: "oas-schema",
        pointer: "/servers/0/variables/space_name/enumm",
        line: "enumm: [example]",
        message: /unknown key "enumm"/,
      },
    ],
  },
  {
    name: "a schema keyword ajv does not know",
    edit: (s) =>
      replaceOnce(s, "          minLength: 1\n          pattern:", "          minLenght: 1\n          pattern:"),
    want: [
      {
        rule: "schema-invalid",
        pointer: "/components/schemas/SipEndpointWritable",
        line: ["    SipEndpointWritable:", 1],
        message: /unknown keyword: "minLenght"/,
      },
    ],
  },
  {
    name: "a schema type that does not exist",
    edit: (s) => replaceOnce(s, "    Error:\n      type: object", "    Error:\n      type: objekt"),
    want: [
      {
        rule: "schema-invalid",
        pointer: "/components/schemas/Error/type",
        line: "type: objekt",
        message: /got "objekt"/,
      },
    ],
  },
  {
    name: "an inline media-type schema with a type that does not exist",
    edit: (s) =>
      replaceOnce(s, '              $ref: "#/components/schemas/SipEndpointUpdate"', "              type: objekt"),
    want: [
      {
        rule: "schema-invalid",
        pointer: `${ID}/put/requestBody/content/application~1json/schema/type`,
        line: "type: objekt",
        message: /got "objekt"/,
      },
    ],
  },
  {
    name: "a key with a bare % (not a percent-escape) is reported like any other",
    edit: (s) =>
      replaceOnce(
        replaceOnce(s, "  /endpoints/sip:\n", "  /endpoints/sip%:\n"),
        "      summary: List SIP endpoints\n",
        "",
      ),
    want: [
      {
        rule: "operation-summary-missing",
        pointer: "/paths/~1endpoints~1sip%/get",
        line: "^      operationId: list_sip_endpoints",
      },
    ],
  },
  {
    name: "malformed YAML",
    edit: (s) => replaceOnce(s, "  version: 1.0.0\n", "  version: [1.0.0\n"),
    want: [{ rule: "spec-syntax", pointer: "", line: ["version: [1.0.0", 1], message: /^not valid YAML: / }],
  },
  {
    name: "a YAML document that is not a mapping",
    edit: () => "- openapi\n- 3.1.0\n",
    want: [{ rule: "spec-syntax", pointer: "", line: "- openapi", message: /must be a YAML mapping/ }],
  },
  {
    name: "a mapping that is not an OpenAPI document",
    edit: () => "title: a shopping list\n",
    want: [
      {
        rule: "oas-schema",
        pointer: "",
        line: "title: a shopping list",
        message: /"openapi" version string is missing/,
      },
    ],
  },
];

const key = (p: { rule: string; pointer: string }) => `${p.rule} #${p.pointer}`;

describe("lint:spec on broken copies of the spec", () => {
  test.each(cases)("$name", async ({ name, edit, want }) => {
    const text = edit(realSpecText());
    const file = dir.write(`${name.replace(/\W+/g, "-")}.yaml`, text);

    const result = await lintSpecFile(file);

    expect(result.file).toBe(file);
    expect(result.problems.map(key).sort()).toEqual(want.map(key).sort());
    expect(result.errorCount).toBe(want.length);
    for (const w of want) {
      const problem = result.problems.find((p) => key(p) === key(w))!;
      const line =
        typeof w.line === "string" ? lineContaining(text, w.line) : lineContaining(text, w.line[0]) + w.line[1];
      expect(problem).toMatchObject({ severity: "error", line });
      if (w.message) expect(problem.message).toMatch(w.message);
      expect(formatProblem(file, problem)).toBe(`${file}:${line} #${w.pointer} ${w.rule}: ${problem.message}`);
    }
  });
});

describe("lint:spec on input it cannot lint", () => {
  test("a missing file is one specific problem, not an exception", async () => {
    const file = `${dir.path}/no-such-spec.yaml`;
    const result = await lintSpecFile(file);
    expect(result.problems).toEqual([
      {
        rule: "spec-unreadable",
        pointer: "",
        line: undefined,
        severity: "error",
        message: "cannot read the spec: no such file",
      },
    ]);
    expect(formatProblem(file, result.problems[0]!)).toBe(
      `${file} # spec-unreadable: cannot read the spec: no such file`,
    );
  });
});

describe("warnings", () => {
  test("a components/examples entry nothing uses is a warning: no schema vouches for it", async () => {
    const text = replaceOnce(
      realSpecText(),
      '              examples:\n                first_page:\n                  $ref: "#/components/examples/SipEndpointListPage"\n',
      "",
    );
    const result = await lintSpecFile(dir.write("unused-example.yaml", text));
    expect(result.errorCount).toBe(0);
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: "example-unchecked",
        severity: "warning",
        pointer: "/components/examples/SipEndpointListPage",
        line: lineContaining(text, "  SipEndpointListPage:") + 1,
      }),
    ]);
    expect(formatProblem("spec.yaml", result.problems[0]!)).toMatch(
      /^spec\.yaml:\d+ #\/components\/examples\/SipEndpointListPage example-unchecked \(warning\): /,
    );
  });
});

describe("the real spec", () => {
  test("lints clean: no errors and no warnings", async () => {
    const result = await lintSpecFile(REAL_SPEC);
    expect(result.problems).toEqual([]);
  });
});
