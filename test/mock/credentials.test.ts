/**
 * Which credentials the mock accepts: options, then both environment variables, then the demo
 * pair; and the check of an Authorization header, which follows RFC 7617 (scheme in any case,
 * the password being everything after the first colon).
 */
import { createAuthCheck, DEMO_CREDENTIALS, MockConfigError, resolveCredentials } from "../../src/mock/credentials";

const basic = (text: string, scheme = "Basic") => `${scheme} ${Buffer.from(text, "utf8").toString("base64")}`;

describe("resolveCredentials", () => {
  it.each([
    [
      "options win over the environment",
      { projectId: "p", apiToken: "t" },
      { SIGNALWIRE_PROJECT_ID: "ep", SIGNALWIRE_API_TOKEN: "et" },
      { credentials: { projectId: "p", apiToken: "t" }, source: "options" },
    ],
    [
      "both environment variables",
      {},
      { SIGNALWIRE_PROJECT_ID: "ep", SIGNALWIRE_API_TOKEN: "et" },
      { credentials: { projectId: "ep", apiToken: "et" }, source: "environment" },
    ],
    ["nothing: the demo pair", {}, {}, { credentials: DEMO_CREDENTIALS, source: "demo" }],
    [
      "empty environment variables count as unset",
      {},
      { SIGNALWIRE_PROJECT_ID: "", SIGNALWIRE_API_TOKEN: "" },
      { credentials: DEMO_CREDENTIALS, source: "demo" },
    ],
  ])("%s", (_name, options, env, want) => {
    expect(resolveCredentials(options, env)).toEqual(want);
  });

  it("gives a copy of the demo pair, not the frozen original", () => {
    const { credentials } = resolveCredentials({}, {});
    expect(credentials).not.toBe(DEMO_CREDENTIALS);
    expect(Object.isFrozen(credentials)).toBe(false);
  });

  it.each([
    [{ projectId: "p" }, {}, "projectId and apiToken must be given together, and neither may be empty"],
    [{ apiToken: "t" }, {}, "projectId and apiToken must be given together, and neither may be empty"],
    [{ projectId: "", apiToken: "t" }, {}, "projectId and apiToken must be given together, and neither may be empty"],
    [{ projectId: "p", apiToken: "" }, {}, "projectId and apiToken must be given together, and neither may be empty"],
    [
      {},
      { SIGNALWIRE_PROJECT_ID: "ep" },
      "SIGNALWIRE_PROJECT_ID is set but SIGNALWIRE_API_TOKEN is not: set both, or neither for the demo pair",
    ],
    [
      {},
      { SIGNALWIRE_API_TOKEN: "et" },
      "SIGNALWIRE_API_TOKEN is set but SIGNALWIRE_PROJECT_ID is not: set both, or neither for the demo pair",
    ],
  ])("refuses %j with env %j", (options, env, message) => {
    expect(() => resolveCredentials(options, env)).toThrow(new MockConfigError(message));
  });
});

describe("createAuthCheck", () => {
  const check = createAuthCheck({ projectId: "proj", apiToken: "to:ken" });

  it.each([
    ["the exact header", basic("proj:to:ken"), true],
    ["the scheme in lower case, with spaces around", `  ${basic("proj:to:ken", "basic")}  `, true],
    ["the scheme in upper case", basic("proj:to:ken", "BASIC"), true],
    ["no header", undefined, false],
    ["another project", basic("other:to:ken"), false],
    ["another token", basic("proj:to:kem"), false],
    ["no colon", basic("projto:ken".replace(":", "")), false],
    ["the pair swapped", basic("to:ken:proj"), false],
    ["a token with a trailing part", basic("proj:to:ken:x"), false],
    ["another scheme", basic("proj:to:ken", "Bearer"), false],
    ["text after the credentials", `${basic("proj:to:ken")} extra`, false],
    ["not base64", "Basic !!!", false],
  ])("%s: %s", (_name, header, want) => {
    expect(check(header)).toBe(want);
  });

  it("needs the colon: a header of the token alone is refused even when it starts with the project", () => {
    expect(createAuthCheck({ projectId: "proj", apiToken: "projx" })(basic("projx"))).toBe(false);
  });
});
