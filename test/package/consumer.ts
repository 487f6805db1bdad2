/**
 * The files of an app that uses the installed package the way its README says: an ESM and a
 * CommonJS script that talk to the mock through the client, TypeScript projects with strict
 * consumer settings, and the compile-time guarantees of `test/types/client.types.ts` re-proved
 * through the published declarations.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "./install";

/** The same walk through every operation, in both module systems; prints one JSON line. */
const WALK = `
const client = createSipEndpointsClient();
const username = "pkg-" + process.argv[2];
const created = await client.create({ username, password: "pw-" + Date.now(), caller_id: "Before" });
const got = await client.retrieve(created.id);
const page = await client.list({ filter_username: username });
const updated = await client.update(created.id, { caller_id: "After" });
await client.delete(created.id);
let notFound = false;
try {
  await client.retrieve(created.id);
} catch (error) {
  notFound = isNotFoundError(error);
}
console.log(JSON.stringify({ created: created.username, retrieved: got.id === created.id, listed: page.data.some((e) => e.id === created.id), updated: updated.caller_id, notFound }));
`;

const ESM_APP = `import { createSipEndpointsClient, isNotFoundError } from "signalwire-sip-endpoints-contract";
${WALK}`;

const CJS_APP = `const { createSipEndpointsClient, isNotFoundError } = require("signalwire-sip-endpoints-contract");
(async () => {${WALK}})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** What the client entry loads, through CommonJS's documented module cache. */
const LOADED_CJS = `const before = new Set(Object.keys(require.cache));
const { createSipEndpointsClient } = require("signalwire-sip-endpoints-contract");
(async () => {
  const client = createSipEndpointsClient({ validateResponses: process.argv[2] });
  await client.list({ page_size: 1 });
  console.log(JSON.stringify(Object.keys(require.cache).filter((file) => !before.has(file))));
})();
`;

/** An app that ends up with both builds (an ESM file next to a CommonJS dependency of its own). */
const DUAL_MJS = `import { createRequire } from "node:module";
import * as esm from "signalwire-sip-endpoints-contract";
const cjs = createRequire(import.meta.url)("signalwire-sip-endpoints-contract");
try {
  await cjs.createSipEndpointsClient().retrieve("00000000-0000-4000-8000-000000000000");
} catch (error) {
  console.log(JSON.stringify({ sameClass: error instanceof esm.NotFoundError, isNotFound: esm.isNotFoundError(error), isApi: esm.isApiError(error), isServer: esm.isServerError(error), name: error.name }));
}
`;

/**
 * The tools an app tests with, each installed after a default client was created (so none of them
 * can have been seen at creation): MSW with unhandled requests as errors, nock, undici's MockAgent.
 * Then the in-process mock: through \`mock.fetch\`, through MSW via \`mswHandlers\`, with an override
 * and a seeded endpoint. Prints one JSON line.
 */
const EXAMPLE_ENDPOINT = (
  JSON.parse(readFileSync(join(ROOT, "generated/openapi.json"), "utf8")) as {
    components: { examples: Record<string, { value: unknown }> };
  }
).components.examples.SipEndpointRelayScript!.value;

const INTERCEPTORS_MJS = `import { createSipEndpointsClient, isServerError } from "signalwire-sip-endpoints-contract";
import { createMock } from "signalwire-sip-endpoints-contract/mock";
import { mswHandlers } from "signalwire-sip-endpoints-contract/msw";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from "undici";

const BASE = "https://example.signalwire.com/api/relay/rest";
const ID = "0b6c3a52-4c8e-4f0a-9d5e-2f1a7c9e8b01";
const credentials = { projectId: "p-interceptors", apiToken: "PT-interceptors-token", env: {} };
const out = {};
const listening = () => process.getActiveResourcesInfo().filter((kind) => kind === "TCPServerWrap").length;
const EXAMPLE = ${JSON.stringify(EXAMPLE_ENDPOINT)};
const endpointOf = (username) => ({ ...EXAMPLE, id: ID, username });

{
  const client = createSipEndpointsClient({ baseUrl: BASE, ...credentials });
  const server = setupServer(http.get(BASE + "/endpoints/sip/:id", () => HttpResponse.json({ ...endpointOf("from-msw") })));
  server.listen({ onUnhandledRequest: "error" });
  try {
    out.msw = (await client.retrieve(ID)).username;
  } finally {
    server.close();
  }
}
{
  const client = createSipEndpointsClient({ baseUrl: BASE, ...credentials });
  const { default: nock } = await import("nock");
  nock.disableNetConnect();
  const scope = nock("https://example.signalwire.com").get("/api/relay/rest/endpoints/sip/" + ID).reply(200, endpointOf("from-nock"));
  out.nock = (await client.retrieve(ID)).username;
  out.nockDone = scope.isDone();
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
}
{
  const client = createSipEndpointsClient({ baseUrl: BASE, ...credentials });
  const original = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  agent.get("https://example.signalwire.com").intercept({ path: "/api/relay/rest/endpoints/sip/" + ID, method: "GET" }).reply(200, endpointOf("from-mock-agent"), { headers: { "content-type": "application/json" } });
  try {
    out.mockAgent = (await client.retrieve(ID)).username;
  } finally {
    setGlobalDispatcher(original);
    await agent.close();
  }
}

async function walk(client, name) {
  const created = await client.create({ username: name, password: "pw-" + name + "-0001", caller_id: "Before" });
  const got = await client.retrieve(created.id);
  const updated = await client.update(created.id, { caller_id: "After" });
  const page = await client.list({ filter_username: name });
  await client.delete(created.id);
  return { retrieved: got.id === created.id, updated: updated.caller_id, listed: page.data.map((e) => e.username) };
}

{
  const before = listening();
  const mock = createMock({ endpoints: [endpointOf("seeded")] });
  const client = createSipEndpointsClient({ baseUrl: mock.url, projectId: mock.credentials.projectId, apiToken: mock.credentials.apiToken, env: {}, fetch: mock.fetch, retry: false });
  out.inProcess = await walk(client, "in-process");
  out.seeded = (await client.retrieve(ID)).username;
  mock.override({ operationId: "create_sip_endpoint", status: 503 });
  out.override = [];
  for (const name of ["first", "second"]) {
    try {
      out.override.push((await client.create({ username: name, password: "pw-" + name + "-0001" })).username);
    } catch (error) {
      out.override.push(isServerError(error) ? error.status : String(error));
    }
  }
  out.portsOpened = listening() - before;
  await mock.close();
}
{
  const mock = createMock();
  const server = setupServer(...mswHandlers(mock, { baseUrl: BASE }));
  server.listen({ onUnhandledRequest: "error" });
  const client = createSipEndpointsClient({ baseUrl: BASE, projectId: mock.credentials.projectId, apiToken: mock.credentials.apiToken, env: {}, retry: false });
  try {
    out.throughMsw = await walk(client, "through-msw");
    out.mswRecorded = mock.requests().length;
  } finally {
    server.close();
  }
  try {
    mswHandlers(mock, { baseUrl: "https://api.example.test/v1" });
  } catch (error) {
    out.badBaseUrl = error.name;
  }
}
console.log(JSON.stringify(out));
`;

/** The app's own suites: the matchers and the mock as a fixture, in jest (CommonJS) and vitest (ESM). */
const SUITE_BODY = (load: string) => `${load}
expect.extend(matchers);

let mock;
const get = (path) =>
  fetch(mock.url + path, { headers: { authorization: "Basic " + Buffer.from(mock.credentials.projectId + ":" + mock.credentials.apiToken).toString("base64") } });

beforeAll(async () => {
  mock = await startMockServer({ seedCount: 3, seed: 1 });
});
afterAll(() => mock.close());

test("the honest mock matches the spec", async () => {
  const res = await get("/endpoints/sip");
  await expect(res).toMatchSpec({ strict: true });
  expect((await res.json()).data[0]).toMatchSchema("SipEndpoint", { strict: true });
  expect(mock.requests().map((r) => r.path)).toEqual(["/endpoints/sip"]);
});

test("a drifting mock does not, and the message names the check", async () => {
  mock.setFault("extra-field");
  const res = await get("/endpoints/sip");
  await expect(res).not.toMatchSpec({ strict: true });
  await expect(expect(res).toMatchSpec({ strict: true })).rejects.toThrow("field-undocumented at /data/0/");
  mock.setFault(null);
  mock.reset();
  expect(mock.requests()).toEqual([]);
});
`;

const JEST_SUITE = SUITE_BODY(`const { matchers } = require("signalwire-sip-endpoints-contract/jest");
const { startMockServer } = require("signalwire-sip-endpoints-contract/mock");`);

const JEST_ESM_SUITE = SUITE_BODY(`import { matchers } from "signalwire-sip-endpoints-contract/jest";
import { startMockServer } from "signalwire-sip-endpoints-contract/mock";`);

/** What the README's CI recipe runs instead of \`npm test\`: one list through the client, from the environment it set. */
const CI_CHECK = `const { createSipEndpointsClient } = require("signalwire-sip-endpoints-contract");
createSipEndpointsClient().list().then((page) => console.log("listed " + page.data.length));
`;

const VITEST_SUITE = SUITE_BODY(`import { afterAll, beforeAll, expect, test } from "vitest";
import { matchers } from "signalwire-sip-endpoints-contract/vitest";
import { startMockServer } from "signalwire-sip-endpoints-contract/mock";`);

/** The matchers' declarations in each runner, with a wrong schema name that must not compile. */
/** Every entry the nodenext project checks the declarations of, each used once. */
const ENTRIES_TYPES = `import type { Mock } from "signalwire-sip-endpoints-contract/mock";
import type { DriftResult } from "signalwire-sip-endpoints-contract/drift";

export type Used = [Mock["url"], DriftResult];
`;

const JEST_TYPES = `import { matchers, type SchemaName } from "signalwire-sip-endpoints-contract/jest";
import type { SipEndpoint } from "signalwire-sip-endpoints-contract";

expect.extend(matchers);
declare const endpoint: SipEndpoint;
declare const res: Response;

export async function run(): Promise<void> {
  await expect(res).toMatchSpec();
  await expect(res).toMatchSpec({ strict: true, method: "POST" });
  expect(endpoint).toMatchSchema("SipEndpoint");
  expect(endpoint).not.toMatchSchema("SipEndpointList", { strict: true });
  const name: SchemaName = "ValidationError";
  expect(endpoint).toMatchSchema(name);
  // @ts-expect-error not a schema of the spec
  expect(endpoint).toMatchSchema("Endpoint");
  // @ts-expect-error strict is a boolean
  await expect(res).toMatchSpec({ strict: "yes" });
}
`;

const VITEST_TYPES = JEST_TYPES.replace(
  'import { matchers, type SchemaName } from "signalwire-sip-endpoints-contract/jest";',
  'import { expect } from "vitest";\nimport { matchers, type SchemaName } from "signalwire-sip-endpoints-contract/vitest";',
);

const STRICT = {
  strict: true,
  verbatimModuleSyntax: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: false,
  // TypeScript's own lib files are TypeScript's business; a project that lib-checks checks ours.
  skipDefaultLibCheck: true,
  target: "ES2022",
  lib: ["ES2022", "DOM"],
};

/** A CommonJS TypeScript file under nodenext: `import = require`, types through `import type`. */
const CTS_APP = `import sip = require("signalwire-sip-endpoints-contract");
import type { SipEndpoint } from "signalwire-sip-endpoints-contract";

async function run(): Promise<string> {
  const client = sip.createSipEndpointsClient();
  const endpoint: SipEndpoint = await client.retrieve("id");
  // @ts-expect-error password is write-only: responses have no such field
  void endpoint.password;
  try {
    await client.delete(endpoint.id);
  } catch (error) {
    if (sip.isNotFoundError(error)) return String(error.status);
  }
  return endpoint.username;
}

void run;
`;

/** The client's type-level tests, pointed at the package instead of the sources. */
function typesTest(): string {
  const source = readFileSync(join(ROOT, "test/types/client.types.ts"), "utf8");
  const rewritten = source.replace(/from "\.\.\/\.\.\/src\/client";/, 'from "signalwire-sip-endpoints-contract";');
  if (rewritten === source) throw new Error("test/types/client.types.ts no longer imports ../../src/client");
  return rewritten;
}

export const TYPE_PROJECTS = {
  /**
   * ESM and CJS files under Node's own resolution, with @types/node. With the no-node-types
   * project, the one that checks the package's declaration files themselves (skipLibCheck off):
   * the client's, ./mock's and ./drift's. The others check how the declarations type an app's
   * code; checking @types/jest's or vitest's own declarations (some 200 files each) is their
   * packages' business.
   */
  nodenext: {
    compilerOptions: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", types: ["node"] },
    files: ["ts/app.mts", "ts/client.types.mts", "ts/app.cts", "ts/entries.mts"],
  },
  /** A bundler's resolution (Vite, esbuild, webpack). */
  bundler: {
    compilerOptions: {
      ...STRICT,
      module: "preserve",
      moduleResolution: "bundler",
      types: ["node"],
      skipLibCheck: true,
    },
    files: ["ts/bundler.ts", "ts/client.types.ts"],
  },
  /** The matchers through @types/jest's global \`expect\`. */
  "jest-matchers": {
    compilerOptions: {
      ...STRICT,
      module: "nodenext",
      moduleResolution: "nodenext",
      types: ["node", "jest"],
      skipLibCheck: true,
    },
    files: ["ts/matchers.jest.mts"],
  },
  /** The matchers through vitest's \`expect\`. */
  "vitest-matchers": {
    compilerOptions: {
      ...STRICT,
      module: "nodenext",
      moduleResolution: "nodenext",
      types: ["node"],
      skipLibCheck: true,
    },
    files: ["ts/matchers.vitest.mts"],
  },
  /** An app that does not install @types/node (a browser or edge app type-checks like this). */
  "no-node-types": {
    compilerOptions: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", types: [] },
    files: ["ts/client.types.mts"],
  },
} as const;

export type TypeProject = keyof typeof TYPE_PROJECTS;

export function writeConsumer(dir: string, typeRoots: string): void {
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  write("app.mjs", ESM_APP);
  write("app.cjs", CJS_APP);
  write("loaded.cjs", LOADED_CJS);
  write("dual.mjs", DUAL_MJS);
  write("interceptors.mjs", INTERCEPTORS_MJS);
  write("suites/jest/spec.test.cjs", JEST_SUITE);
  write("suites/jest-esm/spec.test.mjs", JEST_ESM_SUITE);
  write("ci-check.cjs", CI_CHECK);
  write("suites/vitest/spec.test.mjs", VITEST_SUITE);
  write("ts/matchers.jest.mts", JEST_TYPES);
  write("ts/entries.mts", ENTRIES_TYPES);
  write("ts/matchers.vitest.mts", VITEST_TYPES);
  write("ts/app.mts", ESM_APP.replace("const username", "const username: string"));
  write("ts/app.cts", CTS_APP);
  write("ts/bundler.ts", ESM_APP.replace("const username", "const username: string"));
  write("ts/client.types.mts", typesTest());
  write("ts/client.types.ts", typesTest());
  for (const [name, project] of Object.entries(TYPE_PROJECTS)) {
    write(
      `tsconfig.${name}.json`,
      JSON.stringify(
        { compilerOptions: { ...project.compilerOptions, typeRoots: [typeRoots] }, files: project.files },
        null,
        2,
      ),
    );
  }
}
