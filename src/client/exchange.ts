/**
 * Exchanges leave the client only scrubbed: hooks, `send` results and reports never see the API
 * token, a password that was sent, or an `Authorization` value.
 */
import { credentialSecrets, redactText, redactValue } from "../redact";
import type { ClientExchange, SendAuth } from "./types";

/**
 * The config's secrets plus those of one request: a custom token, a `password` in the body. The
 * config's own list when the request adds none: most requests do not, and this runs for each.
 */
export function secretsOf(
  base: readonly string[],
  request: { auth?: SendAuth; requestBody?: unknown },
): readonly string[] {
  const auth = request.auth;
  // Any JSON value may be the body; only an object can hold a password, the others read as undefined.
  const password = (request.requestBody as { password?: unknown } | null | undefined)?.password;
  const extra: string[] = [];
  if (auth && typeof auth === "object") extra.push(...credentialSecrets(auth.projectId, auth.apiToken));
  if (typeof password === "string") extra.push(password);
  return extra.length === 0 ? base : [...base, ...extra];
}

/** A scrubbed copy of an exchange, for anything outside the client. */
export function observedExchange(exchange: ClientExchange, secrets: readonly string[]): ClientExchange {
  return {
    ...exchange,
    url: redactText(exchange.url, secrets),
    requestHeaders: redactValue(exchange.requestHeaders, secrets),
    requestBody: redactValue(exchange.requestBody, secrets),
    headers: redactValue(exchange.headers, secrets),
    bodyText: redactText(exchange.bodyText, secrets),
    ...(exchange.retried
      ? {
          retried: exchange.retried.map((answer) => ({
            status: answer.status,
            headers: redactValue(answer.headers, secrets),
            bodyText: redactText(answer.bodyText, secrets),
          })),
        }
      : {}),
  };
}
