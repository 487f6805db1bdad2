/**
 * The wire of a client without an injected `fetch`. By default the runtime's `fetch`, looked up
 * at each request: whatever intercepts `globalThis.fetch` (MSW, nock, Polly) or undici's global
 * dispatcher (`MockAgent`) sees every request, also of a client created before it was installed.
 * Behind a proxy from the environment that same `fetch` is handed a `ProxyAgent` as its
 * `dispatcher`. `wire: "undici"` opts into undici's `request` for throughput instead.
 * Whatever must be loaded is loaded before the first request's deadline starts: loading a module
 * is no part of the time a server takes to answer.
 */
import { ConfigError } from "./errors";
import type { ProxySettings } from "./proxy";
import { loadUndici, proxyDispatchers, type DispatcherFor } from "./proxy-agents";
import type { FetchLike, WireKind } from "./types";
import { fetchWire, type Wire } from "./wire";

/** Loads the wire once; later calls get the same one. */
export function defaultWire(kind: WireKind, proxies: ProxySettings | undefined): () => Wire | Promise<Wire> {
  if (kind === "fetch" && !proxies) {
    const wire = fetchWire(platformFetch(undefined));
    return () => (hasGlobalFetch(), wire);
  }
  let loading: Promise<Wire> | undefined;
  return () => (loading ??= load(kind, proxies));
}

async function load(kind: WireKind, proxies: ProxySettings | undefined): Promise<Wire> {
  if (kind === "undici") {
    const { loadUndiciWire } = await import("./undici-wire").catch(
      unloadable('the undici wire (wire: "undici")', "wire"),
    );
    return loadUndiciWire(proxies);
  }
  hasGlobalFetch();
  const proxy = proxies?.https ?? proxies?.http;
  const undici = await loadUndici().catch(
    unloadable(`${proxy?.source ?? "a proxy variable"} is set, but the proxy`, "proxy"),
  );
  return fetchWire(platformFetch(proxyDispatchers(undici, proxies)));
}

function unloadable(what: string, option: string): (cause: unknown) => never {
  return (cause) => {
    throw new ConfigError(`${what} needs undici, which could not be loaded`, option, { cause });
  };
}

/** `globalThis.fetch` as it is at the time of each request, through the proxy where one applies. */
function platformFetch(dispatcherFor: DispatcherFor | undefined): FetchLike {
  return (url, init) => {
    const dispatcher = dispatcherFor?.(url);
    // `dispatcher` is Node's documented option of its fetch; the DOM's RequestInit type does not list it.
    return globalThis.fetch(url, dispatcher ? ({ ...init, dispatcher } as RequestInit) : init);
  };
}

function hasGlobalFetch(): void {
  if (typeof globalThis.fetch !== "function")
    throw new ConfigError("no fetch function: pass options.fetch (this runtime has no global fetch)", "fetch");
}
