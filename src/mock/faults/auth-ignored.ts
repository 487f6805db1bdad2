import { basicAuthHeader } from "../../redact";
import type { MockHandler } from "../types";
import { ALL_OPERATIONS } from "./support";
import type { FaultProfile } from "./types";

export const authIgnored: FaultProfile = {
  description:
    "Credentials are not checked: requests with wrong or missing credentials are served as if they were right.",
  operations: ALL_OPERATIONS,
  checks: ["auth-not-enforced"],
  wrap: (next: MockHandler, { credentials }) => {
    const valid = basicAuthHeader(credentials.projectId, credentials.apiToken);
    return (request) => next({ ...request, authorization: valid });
  },
};
