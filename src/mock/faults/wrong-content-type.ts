import { ALL_OPERATIONS, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const wrongContentType: FaultProfile = {
  description: "Every JSON answer is labelled text/plain; the body itself is unchanged JSON.",
  operations: ALL_OPERATIONS,
  checks: ["content-type-mismatch"],
  wrap: rewriteAnswers(ALL_OPERATIONS, (response) =>
    response.body === undefined && response.text === undefined
      ? response
      : { ...response, headers: { ...response.headers, "content-type": "text/plain; charset=utf-8" } },
  ),
};
