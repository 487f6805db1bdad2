/**
 * Proxy settings from the environment, the way curl and undici read them: `https_proxy` /
 * `HTTPS_PROXY` for https:// targets (falling back to the http one), `http_proxy` / `HTTP_PROXY`
 * for http:// targets, `no_proxy` / `NO_PROXY` for the hosts that bypass both. Lower case wins
 * when both spellings are set. Pure data: the undici wire turns it into dispatchers.
 */
import { ConfigError } from "./errors";

export interface ProxyServer {
  /** The proxy's origin, without credentials. */
  origin: string;
  /** `Proxy-Authorization` value, when the proxy URL carried a user name. */
  authorization: string | undefined;
  /** Where it was configured, for messages. */
  source: string;
}

export interface ProxySettings {
  http: ProxyServer | undefined;
  https: ProxyServer | undefined;
  /** `no_proxy` entries, lower case: `*`, `host`, `.suffix`, each with an optional `:port`. */
  bypass: readonly string[];
}

export function proxySettings(env: Record<string, string | undefined>): ProxySettings | undefined {
  const http = server(env, "http_proxy");
  const https = server(env, "https_proxy") ?? http;
  if (!http && !https) return undefined;
  const noProxy = pick(env, "no_proxy");
  // Stryker disable next-line Regex,MethodExpression,StringLiteral: an empty entry matches no host, so runs of separators, the filter and the fallback text only spare work
  const bypass = (noProxy?.value ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  return { http, https, bypass };
}

/** The proxy for a target URL, or undefined to connect directly. */
export function proxyFor(settings: ProxySettings, target: URL): ProxyServer | undefined {
  const proxy = target.protocol === "https:" ? settings.https : settings.http;
  // Stryker disable next-line ConditionalExpression: without a proxy the answer is undefined either way; this only skips the bypass list
  if (!proxy) return undefined;
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  return settings.bypass.some((entry) => bypasses(entry, host, port)) ? undefined : proxy;
}

function bypasses(entry: string, host: string, port: string): boolean {
  if (entry === "*") return true;
  const { name, entryPort } = splitEntry(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const bare = name.replace(/^\*?\./, "");
  return host === bare || host.endsWith(`.${bare}`);
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (no port then). */
function splitEntry(entry: string): { name: string; entryPort: string | undefined } {
  const bracketed = /^(\[[^\]]*\])(?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  if (entry.indexOf(":") !== entry.lastIndexOf(":")) return { name: `[${entry}]`, entryPort: undefined };
  const [name = entry, entryPort] = entry.split(":");
  return { name, entryPort };
}

function pick(env: Record<string, string | undefined>, lower: string): { value: string; source: string } | undefined {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name];
    // Stryker disable next-line MethodExpression: the URL parser and the NO_PROXY split drop surrounding white space themselves
    if (value !== undefined && value.trim() !== "") return { value: value.trim(), source: name };
  }
  return undefined;
}

function server(env: Record<string, string | undefined>, variable: string): ProxyServer | undefined {
  const given = pick(env, variable);
  if (!given) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(given.value) ? given.value : `http://${given.value}`);
  } catch {
    // The value may hold a proxy password: the message names the variable only.
    throw new ConfigError(`${given.source} is not a proxy URL (expected http://host:port)`, "proxy");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${given.source} must be an http:// or https:// proxy, not ${url.protocol}`, "proxy");
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`
    : undefined;
  return { origin: url.origin, authorization, source: given.source };
}
