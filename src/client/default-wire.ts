/**
 * The wire the client uses when no `fetch` is given: undici's dispatcher, loaded on the first
 * request (so importing the client costs nothing), before that request's deadline starts: loading
 * a module is no part of the time a server takes to answer. Where undici cannot be loaded —
 * another runtime, or a bundle shipped without `node_modules` — the runtime's own `fetch` serves
 * instead, unless a proxy is configured: only the undici wire knows how to use one, and ignoring
 * the setting would send the traffic around the proxy.
 */
import { ConfigError } from "./errors";
import type { ProxySettings } from "./proxy";
import { fetchWire, type Wire } from "./wire";

/** Loads the wire once; later calls get the same one. */
export function defaultWire(proxies: ProxySettings | undefined): () => Promise<Wire> {
  let loading: Promise<Wire> | undefined;
  return () =>
    (loading ??= import("./undici-wire")
      .then((m) => m.loadUndiciWire(proxies))
      .catch((error: unknown) => fallback(proxies, error)));
}

function fallback(proxies: ProxySettings | undefined, cause: unknown): Wire {
  const proxy = proxies?.https ?? proxies?.http;
  if (proxy) throw new ConfigError(`${proxy.source} is set, but undici, which the client needs to use a proxy, could not be loaded`, "proxy", { cause });
  if (typeof globalThis.fetch !== "function") throw new ConfigError("no fetch function: pass options.fetch (this runtime has no global fetch)", "fetch", { cause });
  return fetchWire(globalThis.fetch);
}
