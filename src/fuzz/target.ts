/**
 * The mock under test, and the checks every single answer must pass whatever was asked: no 5xx,
 * a response the spec allows (the check catalogue finds nothing), no secret echoed, and the
 * process's `Object.prototype` untouched (the mock runs in this process, so pollution would show).
 */
import { checkResponse, parseJson } from "../checks";
import { API_BASE_PATH, type MockServer } from "../mock";
import { basicAuthHeader, credentialSecrets, redactText } from "../redact";
import type { BodyCase } from "./bodies";
import { createSender, toExchange, type HttpSender, type RawReply } from "./http";

/** A broken property; its message is safe to print (secrets scrubbed). */
class FuzzFailure extends Error {
  override name = "FuzzFailure";
}

export interface FuzzTarget {
  mock: MockServer;
  authorization: string;
  /** Values that must never come back: the API token and the password every body uses. */
  secrets: string[];
  sender: HttpSender;
  prototypeNames: string[];
}

export interface Answer extends RawReply {
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: any;
  /** What was asked, for messages: `POST /endpoints/sip`. */
  what: string;
}

export function openTarget(mock: MockServer, password: string | undefined): FuzzTarget {
  const { projectId, apiToken } = mock.credentials;
  return {
    mock,
    authorization: basicAuthHeader(projectId, apiToken),
    secrets: [...credentialSecrets(projectId, apiToken), ...(password ? [password] : [])],
    sender: createSender(),
    prototypeNames: Object.getOwnPropertyNames(Object.prototype),
  };
}

export function fail(target: FuzzTarget, message: string): never {
  throw new FuzzFailure(redactText(message, target.secrets));
}

const bodyBytes = (
  body: BodyCase | undefined,
): { bytes?: Uint8Array; contentType?: string | null; value?: unknown } => {
  if (!body) return {};
  if (body.kind === "raw") return { bytes: body.bytes, contentType: body.contentType, value: "(raw bytes)" };
  return {
    bytes: new TextEncoder().encode(JSON.stringify(body.value)),
    contentType: "application/json",
    value: body.value,
  };
};

/**
 * Sends one request to the target (a path below the API base, or an absolute URL) and checks the
 * invariants. `authorization` defaults to the target's credentials; null sends none.
 */
export async function call(
  target: FuzzTarget,
  method: string,
  pathOrUrl: string,
  body?: BodyCase,
  authorization: string | null = target.authorization,
): Promise<Answer> {
  const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : target.mock.url + pathOrUrl;
  const what = `${method} ${new URL(url).pathname.slice(API_BASE_PATH.length)}`;
  const { bytes, contentType, value } = bodyBytes(body);
  const request = { method, url, authorization: authorization ?? undefined, contentType, body: bytes };
  let reply: RawReply;
  try {
    reply = await target.sender.send(request);
  } catch (error) {
    fail(target, `${what} got no answer: ${(error as Error).message}`);
  }
  const exchange = toExchange(API_BASE_PATH, request, reply, value);
  const findings = exchange ? checkResponse(exchange).map((f) => `${f.check} ${f.pointer || "/"}: ${f.message}`) : [];
  if (reply.status >= 500 || findings.length > 0) {
    const why =
      findings.length > 0 ? `, which breaks the spec: ${findings.join("; ")}` : `: ${reply.bodyText.slice(0, 200)}`;
    fail(target, `${what} answered ${reply.status}${why}`);
  }
  const echoed = [reply.bodyText, ...Object.values(reply.headers)].join("\n");
  if (target.secrets.some((secret) => echoed.includes(secret)))
    fail(target, `${what} answered ${reply.status} with a secret in it`);
  const names = Object.getOwnPropertyNames(Object.prototype);
  if (names.length !== target.prototypeNames.length)
    fail(
      target,
      `${what} changed Object.prototype: ${names.filter((n) => !target.prototypeNames.includes(n)).join(", ")}`,
    );
  return { ...reply, json: parse(reply.bodyText), what };
}

/** The JSON body, or undefined when there is none or it does not parse. */
function parse(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

export async function closeTarget(target: FuzzTarget): Promise<void> {
  target.sender.close();
  await target.mock.close();
}
