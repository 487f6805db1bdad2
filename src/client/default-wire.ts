/**
 * The wire the client uses when no `fetch` is given: undici's dispatcher, loaded on the first
 * request (so importing the client costs nothing). Where undici cannot be loaded — another runtime,
 * or a bundle shipped without `node_modules` — the runtime's own `fetch` serves instead, unless a
 * proxy is configured: only the undici wire knows how to use one, and ignoring the setting would
 * send the traffic around the proxy.
 */
import { ConfigError } from "./errors";
import type { ProxySettings } from "./proxy";
import { fetchWire, type InFlight, type Wire } from "./wire";

export function defaultWire(proxies: ProxySettings | undefined): Wire {
  let ready: Wire | undefined;
  let loading: Promise<Wire> | undefined;
  const load = () =>
    (loading ??= import("./undici-wire")
      .then((m) => m.loadUndiciWire(proxies))
      .catch((error: unknown) => fallback(proxies, error))
      .then((wire) => (ready = wire)));
  return (request) => {
    if (ready) return ready(request);
    // The first request waits for the wire to load; an abort meanwhile stops it before it starts.
    let started: InFlight | undefined;
    let stopped: { reason: unknown } | undefined;
    const response = load().then((wire) => {
      if (stopped) throw stopped.reason;
      started = wire(request);
      return started.response;
    });
    return {
      response,
      abort(reason) {
        stopped = { reason };
        started?.abort(reason);
      },
    };
  };
}

function fallback(proxies: ProxySettings | undefined, cause: unknown): Wire {
  const proxy = proxies?.https ?? proxies?.http;
  if (proxy) throw new ConfigError(`${proxy.source} is set, but undici, which the client needs to use a proxy, could not be loaded`, "proxy", { cause });
  if (typeof globalThis.fetch !== "function") throw new ConfigError("no fetch function: pass options.fetch (this runtime has no global fetch)", "fetch", { cause });
  return fetchWire(globalThis.fetch);
}
