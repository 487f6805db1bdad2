/**
 * Which credentials the mock accepts, and checking a request's Basic auth against them.
 */
import { basicAuthHeader } from "../redact";
import type { Credentials } from "./types";

/** Fixed, public credentials for a mock started without any: printed at start, safe to share. */
export const DEMO_CREDENTIALS: Readonly<Credentials> = Object.freeze({
  projectId: "demo-project",
  apiToken: "PTdemo-mock-token-not-a-secret",
});

export type CredentialSource = "options" | "environment" | "demo";

/** A problem with the options a mock was started with. */
export class MockConfigError extends Error {
  override name = "MockConfigError";
}

/**
 * Explicit options win; otherwise `SIGNALWIRE_PROJECT_ID`/`SIGNALWIRE_API_TOKEN` when both are
 * set (so a client configured for a real Space works against the mock unchanged); neither set
 * means the demo pair, and only one of them is refused.
 */
export function resolveCredentials(
  options: { projectId?: string; apiToken?: string },
  env: Record<string, string | undefined>,
): { credentials: Credentials; source: CredentialSource } {
  const { projectId, apiToken } = options;
  if (projectId !== undefined || apiToken !== undefined) {
    if (!projectId || !apiToken)
      throw new MockConfigError("projectId and apiToken must be given together, and neither may be empty");
    return { credentials: { projectId, apiToken }, source: "options" };
  }
  const envId = env.SIGNALWIRE_PROJECT_ID;
  const envToken = env.SIGNALWIRE_API_TOKEN;
  if (envId && envToken) return { credentials: { projectId: envId, apiToken: envToken }, source: "environment" };
  // One of the two alone is a half-done setup; falling back to the demo pair would hide it.
  if (envId || envToken)
    throw new MockConfigError(
      `${envId ? "SIGNALWIRE_PROJECT_ID" : "SIGNALWIRE_API_TOKEN"} is set but ${envId ? "SIGNALWIRE_API_TOKEN" : "SIGNALWIRE_PROJECT_ID"} is not: set both, or neither for the demo pair`,
    );
  return { credentials: { ...DEMO_CREDENTIALS }, source: "demo" };
}

/** A check of an `Authorization` header against one credential pair. */
export function createAuthCheck(credentials: Credentials): (header: string | undefined) => boolean {
  // Clients almost always send exactly this header, so one string comparison settles most requests.
  const expected = basicAuthHeader(credentials.projectId, credentials.apiToken);
  return (header) => {
    if (header === undefined) return false;
    if (header === expected) return true;
    const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return (
      colon >= 0 &&
      decoded.slice(0, colon) === credentials.projectId &&
      decoded.slice(colon + 1) === credentials.apiToken
    );
  };
}
