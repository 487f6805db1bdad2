import { interceptRequests } from "./support";
import type { FaultProfile } from "./types";

const PAGE =
  "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>Something went wrong on our side.</p></body></html>\n";

export const htmlError: FaultProfile = {
  description:
    "Retrieving an endpoint answers 500 with an HTML error page, as a proxy in front of the API might, instead of the JSON error body.",
  operations: ["retrieve_sip_endpoint"],
  checks: ["content-type-mismatch", "body-not-json"],
  wrap: interceptRequests(["retrieve_sip_endpoint"], () => ({
    status: 500,
    headers: { "content-type": "text/html; charset=utf-8" },
    text: PAGE,
  })),
};
