/**
 * The secrets one request adds to the client's own: what the scrubbing of its exchange, its errors
 * and its hooks' view is built from.
 */
import { secretsOf } from "../../src/client/exchange";
import { credentialSecrets } from "../../src/redact";
import { CANARY } from "../support/canary";

const BASE = Object.freeze(credentialSecrets(CANARY.projectId, CANARY.apiToken));

describe("secretsOf", () => {
  it("is the client's own list, itself, when the request adds nothing", () => {
    for (const requestBody of [undefined, null, "text", 42, true, ["a"], { username: "alice" }, { password: 42 }]) {
      expect(secretsOf(BASE, { requestBody })).toBe(BASE);
    }
    expect(secretsOf(BASE, { auth: "default" })).toBe(BASE);
    expect(secretsOf(BASE, { auth: "none" })).toBe(BASE);
  });

  it("adds a password sent in the body", () => {
    expect(secretsOf(BASE, { requestBody: { username: "alice", password: CANARY.password } })).toEqual([
      ...BASE,
      CANARY.password,
    ]);
  });

  it("adds other credentials and their Basic form, then the password", () => {
    const auth = { projectId: "other-project", apiToken: "PTother-token-1234" };
    const secrets = secretsOf(BASE, { auth, requestBody: { password: CANARY.password } });
    expect(secrets).toEqual([...BASE, ...credentialSecrets(auth.projectId, auth.apiToken), CANARY.password]);
  });
});
