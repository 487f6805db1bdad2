/**
 * The one canary credential set of the hostile, fuzz and load suites. Every mock, client, drift
 * run and CLI in those suites uses these values, and everything they print, write or throw is
 * searched for them in every form a leak could take (raw, URL-encoded, base64, Basic header).
 */
import { basicAuthHeader } from "../../src/redact";

export const CANARY = Object.freeze({
  projectId: "canary-project-4e1f",
  apiToken: "PTcanary-token-7d93b2a6c1",
  password: "canary-password-5a0e8f",
});

/** Environment for a child process that should use the canary credentials. */
export const CANARY_ENV = {
  SIGNALWIRE_PROJECT_ID: CANARY.projectId,
  SIGNALWIRE_API_TOKEN: CANARY.apiToken,
  SIP_TEST_PASSWORD: CANARY.password,
};

/** Every form in which a canary secret could leak into text. */
export const CANARY_FORMS: readonly string[] = [
  CANARY.apiToken,
  CANARY.password,
  encodeURIComponent(CANARY.apiToken),
  encodeURIComponent(CANARY.password),
  Buffer.from(CANARY.apiToken).toString("base64"),
  Buffer.from(CANARY.password).toString("base64"),
  basicAuthHeader(CANARY.projectId, CANARY.apiToken).slice("Basic ".length),
];

/** The canary forms found in a text (empty when it is clean). */
export function canaryLeaks(text: string): string[] {
  return CANARY_FORMS.filter((form) => text.includes(form));
}

/** Fails naming where the canary showed up; never prints the text itself (it holds the secret). */
export function expectNoCanary(text: string, where: string): void {
  const leaks = canaryLeaks(text);
  if (leaks.length > 0)
    throw new Error(
      `${where} contains a canary secret (${leaks.length} form(s), e.g. at offset ${text.indexOf(leaks[0]!)})`,
    );
}
