/**
 * Turns the options (and, where they are silent, the environment) into a checked configuration.
 * Everything that can be wrong with the setup is found here, before any request, and reported
 * as a `ConfigError` naming the option; credential values never appear in those messages.
 */
import { isIPv4 } from "node:net";
import { basicAuthHeader, credentialSecrets } from "../redact";
import { defaultWire } from "./default-wire";
import { ConfigError } from "./errors";
import { proxySettings } from "./proxy";
import { resolveRetryPolicy, type RetryPolicy } from "./retry";
import type { SipEndpointsClientOptions, ValidationMode } from "./types";
import { fetchWire, type Wire } from "./wire";
import { name as packageName, version as packageVersion } from "../../package.json";

export interface ClientConfig {
  /** Without a trailing slash, e.g. `https://example.signalwire.com/api/relay/rest`. */
  baseUrl: string;
  origin: string;
  /** The `Authorization` header value. */
  authorization: string;
  /** Values to scrub from everything the client renders. */
  secrets: readonly string[];
  /** Gives the wire: over an injected `fetch`, the runtime's or undici's (through the environment's proxy, if any); loaded on first use. */
  loadWire: () => Wire | Promise<Wire>;
  timeoutMs: number;
  retry: RetryPolicy;
  validateResponses: ValidationMode;
  userAgent: string;
  signal: AbortSignal | undefined;
  maxResponseBytes: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const API_PATH = "/api/relay/rest";
const SPACE = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.signalwire\.com)?$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function resolveConfig(options: SipEndpointsClientOptions = {}): ClientConfig {
  const env = options.env ?? process.env;
  const baseUrl = resolveBaseUrl(options, env);
  const projectId = credential(options.projectId, env.SIGNALWIRE_PROJECT_ID, "projectId", "SIGNALWIRE_PROJECT_ID");
  const apiToken = credential(options.apiToken, env.SIGNALWIRE_API_TOKEN, "apiToken", "SIGNALWIRE_API_TOKEN");
  if (projectId.includes(":"))
    throw new ConfigError("projectId must not contain ':' (it is the user name of HTTP Basic auth)", "projectId");
  const validateResponses = options.validateResponses ?? "off";
  if (!["off", "warn", "throw"].includes(validateResponses)) {
    throw new ConfigError(
      `validateResponses must be "off", "warn" or "throw", got ${JSON.stringify(validateResponses)}`,
      "validateResponses",
    );
  }
  const userAgent = options.userAgent ?? `${packageName}/${packageVersion}`;
  if (typeof userAgent !== "string" || CONTROL.test(userAgent))
    throw new ConfigError("userAgent must be text without control characters", "userAgent");
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    throw new ConfigError("fetch must be a function", "fetch");
  const wire = options.wire ?? "fetch";
  if (wire !== "fetch" && wire !== "undici")
    throw new ConfigError(`wire must be "fetch" or "undici", got ${JSON.stringify(wire)}`, "wire");
  if (options.fetch && options.wire !== undefined)
    throw new ConfigError("give either fetch or wire, not both: an injected fetch is the wire", "wire");
  // Proxies apply to the default wires only: an injected fetch routes its own traffic.
  const injected = options.fetch ? fetchWire(options.fetch) : undefined;
  const loadWire = injected ? () => injected : defaultWire(wire, proxySettings(env));
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    authorization: basicAuthHeader(projectId, apiToken),
    secrets: credentialSecrets(projectId, apiToken),
    loadWire,
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs"),
    retry: resolveRetryPolicy(options.retry),
    validateResponses,
    userAgent,
    signal: options.signal,
    maxResponseBytes: positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, "maxResponseBytes"),
  };
}

/** Options first (`baseUrl`, then `space`), then the environment (`SIGNALWIRE_BASE_URL`, then `SIGNALWIRE_SPACE`). */
function resolveBaseUrl(options: SipEndpointsClientOptions, env: Record<string, string | undefined>): string {
  if (options.baseUrl !== undefined && options.space !== undefined) {
    throw new ConfigError("give either baseUrl or space, not both", "baseUrl");
  }
  const insecure = options.allowInsecureHttp ?? false;
  if (typeof insecure !== "boolean")
    throw new ConfigError("allowInsecureHttp must be true or false", "allowInsecureHttp");
  if (options.baseUrl !== undefined) return checkBaseUrl(options.baseUrl, "baseUrl", insecure);
  if (options.space !== undefined) return spaceUrl(options.space, "space");
  if (env.SIGNALWIRE_BASE_URL) return checkBaseUrl(env.SIGNALWIRE_BASE_URL, "SIGNALWIRE_BASE_URL", insecure);
  if (env.SIGNALWIRE_SPACE) return spaceUrl(env.SIGNALWIRE_SPACE, "SIGNALWIRE_SPACE");
  throw new ConfigError(
    'no Space: pass options.space (e.g. "example") or options.baseUrl, or set SIGNALWIRE_SPACE',
    "space",
  );
}

function spaceUrl(space: string, source: string): string {
  const match = typeof space === "string" ? SPACE.exec(space) : null;
  if (!match?.[1]) {
    const shown = typeof space === "string" ? JSON.stringify(space.slice(0, 80)) : typeof space;
    throw new ConfigError(`${source} ${shown} is not a Space name: use "example" or "example.signalwire.com"`, "space");
  }
  return `https://${match[1].toLowerCase()}.signalwire.com${API_PATH}`;
}

function checkBaseUrl(value: string, source: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${source} is not an absolute URL`, "baseUrl");
  }
  // The URL may hold a password, so messages show the origin at most.
  if (url.username || url.password)
    throw new ConfigError(`${source} must not carry credentials; pass projectId and apiToken instead`, "baseUrl");
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `${source} uses http:// for ${url.hostname}; only https:// is allowed, except for loopback hosts, unless plain http is allowed explicitly (allowInsecureHttp: true, or the drift command's --allow-insecure-http)`,
      "baseUrl",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${source} must be an http(s) URL, not ${url.protocol}`, "baseUrl");
  if (url.search || url.hash) throw new ConfigError(`${source} must not have a query or fragment`, "baseUrl");
  return url.href.replace(/\/+$/, "");
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || (isIPv4(host) && host.startsWith("127."));
}

function credential(given: string | undefined, fromEnv: string | undefined, option: string, variable: string): string {
  const value = given ?? fromEnv;
  const source = given !== undefined ? `options.${option}` : variable;
  if (value === undefined || value === "")
    throw new ConfigError(`missing ${option}: pass options.${option} or set ${variable}`, option);
  if (typeof value !== "string") throw new ConfigError(`${source} must be a string`, option);
  if (value.trim() !== value) throw new ConfigError(`${source} has leading or trailing white space`, option);
  if (CONTROL.test(value)) throw new ConfigError(`${source} contains control characters`, option);
  return value;
}

function positive(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(
      `${option} must be a positive number, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`,
      option,
    );
  }
  return value;
}
